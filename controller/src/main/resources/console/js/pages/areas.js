// Areas through time (docs/areas.md, docs/console.md#areas): the tree on a chosen day, what a GSO code meant
// on a day, and for admins the changes — rename, move, merge, split, retire with an effective date, a preview
// of what the change rewrites before it is made, and the changes dated in the future, pending, to cancel.
import { get, post } from '../api.js';
import { t } from '../i18n.js';
import { el, clear, badge, showError, toast, vnDate } from '../ui.js';

const KINDS = ['RENAME', 'MOVE', 'MERGE', 'SPLIT', 'RETIRE', 'CREATE'];

function areaOptions(areas, id, empty) {
  const sel = el('select', { id },
    empty ? el('option', { value: '' }, empty) : null,
    areas.map((a) => el('option', { value: a.id }, a.name + (a.code ? ' (' + a.code + ')' : ''))));
  return sel;
}

/** The areas of a day as a nested list. */
function treeList(areas) {
  const ids = new Set(areas.map((a) => a.id));
  const children = new Map();
  for (const a of areas) {
    const k = a.parentId !== null && ids.has(a.parentId) ? a.parentId : 0;
    if (!children.has(k)) children.set(k, []);
    children.get(k).push(a);
  }
  const build = (k) => el('ul', { class: 'area-tree' }, (children.get(k) || [])
    .sort((x, y) => x.name.localeCompare(y.name, 'vi'))
    .map((a) => el('li', { id: 'history-area-' + a.id },
      el('span', {}, a.name), ' ', el('span', { class: 'muted' }, t('akind.' + a.kind) + (a.code ? ' · ' + a.code : '')),
      a.validTo ? el('span', { class: 'muted' }, ' · ' + t('areas.until', { d: a.validTo })) : null,
      children.has(a.id) ? build(a.id) : null)));
  return build(0);
}

function previewView(p) {
  const section = (key, items, text) => (items.length ? [el('h4', {}, t(key) + ' (' + items.length + ')'),
    el('ul', {}, items.map((i) => el('li', {}, text(i))))] : []);
  const moved = (m) => m.name + ' → ' + (m.toAreaName || t('areas.newUnit'));
  const parts = [
    ...section('areas.pv.ended', p.ended, (n) => n.name),
    ...section('areas.pv.created', p.created, (n) => n.name),
    ...section('areas.pv.renamed', p.renamed, (n) => n.name),
    ...section('areas.pv.villages', p.areas, moved),
    ...section('areas.pv.stations', p.stations, moved),
    ...section('areas.pv.zones', p.zones, moved),
    ...section('areas.pv.accounts', p.accounts, moved),
    ...section('areas.pv.schedules', p.flaggedSchedules, (n) => '#' + n.id + ' ' + (n.name || '')),
    ...section('areas.pv.relays', p.flaggedRelays, (n) => '#' + n.id + ' ' + (n.name || '')),
  ];
  if (p.flaggedInboxItems) parts.push(el('p', {}, t('areas.pv.inbox', { n: p.flaggedInboxItems })));
  return el('div', { class: 'preview', id: 'change-preview' }, el('h3', {}, t('areas.preview')),
    parts.length ? parts : el('p', { class: 'muted' }, t('areas.pv.nothing')));
}

export async function areasPage(main, scope, ctx) {
  const admin = ctx && ctx.user && ctx.user.role === 'ADMIN';
  const error = el('p', { class: 'error', role: 'alert', id: 'areas-error' });
  const today = vnDate(new Date());
  const day = el('input', { type: 'date', id: 'history-date', value: today });
  const tree = el('div', { id: 'history-tree' });
  const code = el('input', { type: 'text', id: 'resolve-code', maxlength: 20, inputmode: 'numeric' });
  const codeDay = el('input', { type: 'date', id: 'resolve-date', value: today });
  const resolved = el('p', { id: 'resolve-result' });
  main.append(el('h1', {}, t('areas.title')), el('p', { class: 'muted' }, t('areas.intro')), error);

  async function showTree() {
    try { clear(tree).append(treeList(await get('/api/v1/areas/history?date=' + day.value))); } catch (e) { showError(error, e); }
  }
  async function resolve() {
    if (!code.value.trim()) return;
    try {
      const r = await get('/api/v1/areas/resolve?code=' + encodeURIComponent(code.value.trim()) + '&date=' + codeDay.value);
      resolved.textContent = r.areas.length ? r.areas.map((a) => a.name).join(', ') : t('areas.noUnit');
    } catch (e) { showError(error, e); }
  }
  main.append(
    el('section', { class: 'card' }, el('h2', {}, t('areas.treeOn')),
      el('div', { class: 'row' }, el('label', { for: day.id }, t('areas.day'), day),
        el('button', { type: 'button', id: 'history-show', onclick: showTree }, t('areas.show'))), tree),
    el('section', { class: 'card' }, el('h2', {}, t('areas.resolve')),
      el('div', { class: 'row' }, el('label', { for: code.id }, t('areas.code'), code),
        el('label', { for: codeDay.id }, t('areas.day'), codeDay),
        el('button', { type: 'button', id: 'resolve-go', onclick: resolve }, t('areas.lookUp'))), resolved));
  await showTree();
  let loadReview = async () => {};
  if (ctx && ctx.user && (admin || ctx.user.role === 'OPERATOR') && scope.alive) {
    // what area changes pinned and flagged: schedules and relays kept to the zones they reached
    const review = el('div', { id: 'review-list' });
    main.append(el('section', { class: 'card' }, el('h2', {}, t('areas.review')), review));
    loadReview = async () => {
      try {
        const items = await get('/api/v1/areas/review');
        clear(review).append(items.length ? el('ul', {}, items.map((r) => el('li', { id: `review-${r.kind}-${r.id}` },
        el('a', { href: r.kind === 'schedule' ? '#/schedules' : '#/relays' },
          t(r.kind === 'schedule' ? 'areas.pv.schedule' : 'areas.pv.relay') + ' #' + r.id + ' ' + (r.title || '')),
          el('br', {}), el('span', { class: 'muted' }, r.note)))) : el('p', { class: 'muted' }, t('areas.reviewNone')));
      } catch (e) { showError(error, e); }
    };
    await loadReview();
  }
  if (!admin || !scope.alive) return;

  const [areas, stations, accounts] = await Promise.all([get('/api/v1/areas'), get('/api/v1/stations'),
    get('/api/v1/accounts')]);
  areas.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const form = el('form', { class: 'card area-change', id: 'change-form' });
  const kind = el('select', { id: 'change-kind' }, KINDS.map((k) => el('option', { value: k }, t('achange.' + k))));
  const effective = el('input', { type: 'date', id: 'change-effective', value: today, required: true });
  const fields = el('div', { class: 'fields' });
  const previewBox = el('div', {});
  const pendingBox = el('div', { class: 'table-wrap', id: 'pending-changes' });
  const formError = el('p', { class: 'error', role: 'alert', id: 'change-error' });
  let read = () => ({});

  function shape() {
    clear(fields); clear(previewBox);
    const k = kind.value;
    if (k === 'CREATE') {
      const parent = areaOptions(areas, 'create-parent', t('areas.noParent'));
      const name = el('input', { type: 'text', id: 'create-name', maxlength: 200 });
      const akind = el('select', { id: 'create-kind' }, ['COMMUNE', 'VILLAGE', 'DISTRICT', 'PROVINCE']
        .map((x) => el('option', { value: x }, t('akind.' + x))));
      const c = el('input', { type: 'text', id: 'create-code', maxlength: 20 });
      fields.append(el('label', { for: parent.id }, t('areas.parent'), parent), el('label', { for: name.id }, t('areas.name'), name),
        el('label', { for: akind.id }, t('areas.areaKind'), akind), el('label', { for: c.id }, t('areas.codeOptional'), c));
      read = () => ({ parentId: parent.value ? Number(parent.value) : null, name: name.value, areaKind: akind.value,
        code: c.value || null });
    } else if (k === 'RENAME') {
      const area = areaOptions(areas, 'change-area'); const name = el('input', { type: 'text', id: 'change-name', maxlength: 200 });
      const c = el('input', { type: 'text', id: 'change-code', maxlength: 20 });
      fields.append(el('label', { for: area.id }, t('areas.area'), area), el('label', { for: name.id }, t('areas.newName'), name),
        el('label', { for: c.id }, t('areas.newCode'), c));
      read = () => ({ areaId: Number(area.value), name: name.value, code: c.value || null });
    } else if (k === 'MOVE') {
      const area = areaOptions(areas, 'change-area'); const parent = areaOptions(areas, 'change-parent');
      fields.append(el('label', { for: area.id }, t('areas.area'), area), el('label', { for: parent.id }, t('areas.newParent'), parent));
      read = () => ({ areaId: Number(area.value), parentId: Number(parent.value) });
    } else if (k === 'RETIRE') {
      const area = areaOptions(areas, 'change-area');
      fields.append(el('label', { for: area.id }, t('areas.area'), area));
      read = () => ({ areaId: Number(area.value) });
    } else if (k === 'MERGE') {
      const boxes = areas.filter((a) => a.kind !== 'PROVINCE').map((a) => el('label', { class: 'inline' },
        el('input', { type: 'checkbox', value: a.id, id: 'merge-area-' + a.id }), ' ', a.name));
      const into = areaOptions(areas, 'merge-into', t('areas.newUnit'));
      const name = el('input', { type: 'text', id: 'merge-name', maxlength: 200 });
      const c = el('input', { type: 'text', id: 'merge-code', maxlength: 20 });
      const newUnit = [el('label', { for: name.id }, t('areas.newName'), name), el('label', { for: c.id }, t('areas.newCode'), c)];
      const showNew = () => newUnit.forEach((l) => { l.hidden = into.value !== ''; });
      into.addEventListener('change', showNew);
      fields.append(el('fieldset', {}, el('legend', {}, t('areas.merged')), el('div', { class: 'checks' }, boxes)),
        el('label', { for: into.id }, t('areas.into'), into), ...newUnit);
      showNew();
      read = () => {
        const ids = boxes.filter((b) => b.firstChild.checked).map((b) => Number(b.firstChild.value));
        const first = areas.find((a) => a.id === ids[0]);
        return { areaIds: ids, into: into.value ? { areaId: Number(into.value) }
          : { name: name.value, code: c.value || null, parentId: first ? first.parentId : null } };
      };
    } else {
      const area = areaOptions(areas, 'change-area');
      const parts = el('textarea', { id: 'split-parts', rows: 3, placeholder: t('areas.partsHint') });
      const assign = el('div', { id: 'split-assign' });
      const rebuild = () => {
        clear(assign);
        const names = parts.value.split('\n').map((s) => s.trim()).filter(Boolean);
        const id = Number(area.value);
        const pick = (prefix, subjectId, label) => el('label', { for: prefix + subjectId }, label,
          el('select', { id: prefix + subjectId, 'data-subject': subjectId }, names.map((n, i) => el('option', { value: i }, n))));
        assign.append(
          ...areas.filter((a) => a.parentId === id).map((a) => pick('assign-area-', a.id, t('akind.' + a.kind) + ' ' + a.name)),
          ...stations.filter((s) => s.areaId === id).map((s) => pick('assign-station-', s.id, t('areas.station') + ' ' + s.name)),
          ...stations.flatMap((s) => (s.zones || []).filter((z) => z.areaId === id)
            .map((z) => pick('assign-zone-', z.id, t('areas.zone') + ' ' + s.name + ' · ' + z.name))),
          ...accounts.filter((a) => a.scopeAreaId === id).map((a) => pick('assign-account-', a.id, t('areas.account') + ' ' + a.username)));
      };
      area.addEventListener('change', rebuild); parts.addEventListener('input', rebuild);
      fields.append(el('label', { for: area.id }, t('areas.area'), area),
        el('label', { for: parts.id }, t('areas.parts'), parts), assign);
      rebuild();
      read = () => {
        const of = (prefix) => Object.fromEntries([...assign.querySelectorAll(`select[id^="${prefix}"]`)]
          .map((s) => [s.dataset.subject, Number(s.value)]));
        return { areaId: Number(area.value), parts: parts.value.split('\n').map((s) => s.trim()).filter(Boolean)
          .map((n) => ({ name: n })),
        assign: { areas: of('assign-area-'), stations: of('assign-station-'), zones: of('assign-zone-'),
          accounts: of('assign-account-') } };
      };
    }
  }
  const body = () => ({ kind: kind.value, effective: effective.value, ...read() });
  kind.addEventListener('change', shape);
  shape();
  form.append(el('h2', {}, t('areas.change')), el('p', { class: 'muted' }, t('areas.changeIntro')), formError,
    el('label', { for: kind.id }, t('areas.kind'), kind), el('label', { for: effective.id }, t('areas.effective'), effective),
    fields, previewBox,
    el('div', { class: 'actions' },
      el('button', { type: 'button', id: 'change-preview-button', onclick: async () => {
        formError.textContent = '';
        try { clear(previewBox).append(previewView(await post('/api/v1/areas/changes/preview', body()))); } catch (e) { showError(formError, e); }
      } }, t('areas.previewButton')),
      el('button', { type: 'submit', class: 'primary', id: 'change-submit' }, t('areas.submit'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    formError.textContent = '';
    try {
      const r = await post('/api/v1/areas/changes', body());
      toast(r.state === 'PENDING' ? t('areas.kept', { d: r.effective }) : t('areas.made'));
      clear(previewBox);
      await loadPending();
      await showTree();
      await loadReview();
    } catch (err) { showError(formError, err); }
  });

  async function loadPending() {
    let list;
    try { list = await get('/api/v1/areas/changes/pending'); } catch (e) { showError(error, e); return; }
    if (!scope.alive) return;
    const name = (id) => { const a = areas.find((x) => x.id === id); return a ? a.name : '#' + id; };
    const what = (c) => c.kind === 'MERGE' ? c.areaIds.map(name).join(', ') : c.kind === 'CREATE' ? c.name : name(c.areaId);
    clear(pendingBox).append(list.length ? el('table', { class: 'cards' },
      el('thead', {}, el('tr', {}, ['areas.kind', 'areas.area', 'areas.effective', 'inbox.state', 'col.actions'].map((k) => el('th', {}, t(k))))),
      el('tbody', {}, list.map((p) => el('tr', { id: 'pending-' + p.pendingId, 'data-state': p.state },
        el('td', { 'data-label': t('areas.kind') }, t('achange.' + p.kind)),
        el('td', { 'data-label': t('areas.area') }, what(p.change)),
        el('td', { 'data-label': t('areas.effective') }, p.effective),
        el('td', { 'data-label': t('inbox.state') }, badge(t('pstate.' + p.state), p.state), p.outcome ? ' ' + p.outcome : ''),
        el('td', { 'data-label': t('col.actions') }, p.state === 'PENDING' ? el('button', { type: 'button',
          id: 'cancel-' + p.pendingId, onclick: async () => {
            try { await post(`/api/v1/areas/changes/pending/${p.pendingId}/cancel`, {}); toast(t('areas.cancelled')); await loadPending(); } catch (e) { showError(error, e); }
          } }, t('areas.cancel')) : ''))))) : el('p', { class: 'muted' }, t('areas.nonePending')));
  }
  main.append(form, el('h2', {}, t('areas.pending')), el('section', { class: 'card' }, pendingBox));
  await loadPending();
}
