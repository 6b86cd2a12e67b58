// Relays of upstream radio (docs/relay.md): each relay's windows, its state now, its fallback, its last error, its
// alarm (from the relay's own view) and a link to listen to the source. Accounts that may broadcast (ADMIN, OPERATOR) also create and delete
// relays here; for the others the page is read-only.
import { get, post, del } from '../api.js';
import { t, lang } from '../i18n.js';
import { el, clear, fmtTime, badge, showError, toast, vnDate } from '../ui.js';
import { loadBasics } from '../data.js';
import { targetPicker } from '../picker.js';
import { cardTable, cell } from '../table.js';

const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

/** An alarm's title in the console's language, from the server's separate fields (Vietnamese first). */
export function alarmTitle(a) {
  return (lang() === 'en' ? a.titleEn : a.titleVi) || a.titleVi || t('alarmKind.' + a.kind);
}

export async function relaysPage(main, scope, ctx) {
  const canEdit = ctx && ctx.user && (ctx.user.role === 'ADMIN' || ctx.user.role === 'OPERATOR');
  const error = el('p', { class: 'error', role: 'alert', id: 'relays-error' });
  const list = el('div', { class: 'table-wrap', id: 'relay-list' });
  main.append(el('h1', {}, t('relay.title')), el('p', { class: 'help muted', id: 'relays-help' }, t('help.relays')));
  let bulletins = [];
  if (canEdit) {
    let basics;
    try { [basics, bulletins] = await Promise.all([loadBasics(), get('/api/v1/bulletins')]); } catch (e) { main.append(error); showError(error, e); return; }
    main.append(relayForm(basics, bulletins, () => refresh()));
  } else {
    main.append(el('p', { class: 'notice', id: 'relays-read-only' }, t('relay.readOnly')));
    bulletins = await get('/api/v1/bulletins').catch(() => []);
  }
  main.append(error, el('section', { class: 'card' }, list));
  const bulletinTitle = (id) => (bulletins.find((b) => b.id === id) || {}).title || ('#' + id);

  async function refresh() {
    let relays;
    try { relays = await get('/api/v1/relays'); } catch (e) { showError(error, e); return; }
    if (!scope.alive) return;
    error.textContent = '';
    // each relay carries its open alarm (also for scoped accounts, whose alarm list leaves out station 0)
    const alarmOf = (r) => r.alarm;
    const days = (r) => (r.days && r.days.length && r.days.length < 7 ? ' (' + r.days.map((d) => t('day.' + d)).join(', ') + ')' : '');
    const heads = ['relay.name', 'relay.windows', 'relay.status', 'relay.fallback', 'relay.lastError', 'relay.alarm', 'relay.listen'];
    if (canEdit) heads.push('col.actions');
    clear(list).append(relays.length ? cardTable({ id: 'relay-table' }, heads,
      relays.map((r) => {
        const alarm = alarmOf(r);
        const cells = [
          el('strong', {}, r.title),
          r.windows.map((w) => w.start + '–' + w.end).join(', ') + days(r),
          cell({ class: 'state' }, [badge(t('relayState.' + r.state), r.state), ' ', t('relay.since'), ' ', fmtTime(r.status.since)]),
          cell({ class: 'fallback' }, r.fallbackBulletinId ? bulletinTitle(r.fallbackBulletinId) : t('relay.noFallback')),
          cell({ class: 'last-error' }, r.lastError ? [relayError(r.lastError), ' · ', fmtTime(r.status.lastErrorAt)] : '—'),
          cell({ class: 'relay-alarm' }, alarm ? [badge(t('alarm.' + alarm.state), alarm.state), ' ',
            el('span', { class: 'alarm-title' }, alarmTitle(alarm)),
            alarm.conditionActive ? '' : el('div', { class: 'muted' }, t('alarm.ended'))] : '—'),
          el('a', { href: r.url, target: '_blank', rel: 'noopener' }, t('relay.listen'))];
        if (canEdit) {
          cells.push(el('button', { type: 'button', class: 'danger relay-delete', id: 'relay-delete-' + r.id, onclick: async () => {
            if (!confirm(t('relay.confirmDelete', { title: r.title }))) return;
            try { await del('/api/v1/relays/' + r.id); toast(t('relay.deleted')); refresh(); } catch (e) { showError(error, e); }
          } }, t('relay.delete')));
        }
        return { attrs: { dataset: { relayId: String(r.id), state: r.state } }, cells };
      }))
      : el('p', { class: 'muted' }, t('relay.none')));
  }
  /** "UPSTREAM_DEAD: no data for 5 s" → the code in words (the rest is the server's detail). */
  function relayError(text) {
    const m = /^([A-Z_]+)(?::\s*(.*))?$/.exec(text);
    return m && t('relayError.' + m[1]) !== 'relayError.' + m[1] ? t('relayError.' + m[1]) : t('reason.other', { arg: text });
  }
  await refresh();
  scope.every(5000, refresh);
}

/** The form that creates a relay: title, stream address, windows, days, dates, fallback bulletin, targets. */
function relayForm(basics, bulletins, created) {
  const error = el('p', { class: 'error', role: 'alert', id: 'relay-form-error', tabindex: '-1' });
  const title = el('input', { type: 'text', id: 'relay-title', maxlength: 300, required: true });
  const url = el('input', { type: 'url', id: 'relay-url', maxlength: 2000, required: true, placeholder: 'https://…', inputmode: 'url' });
  const windowsBox = el('div', { id: 'relay-windows' });
  let windowCount = 0;
  function addWindow() {
    const i = windowCount++;
    windowsBox.append(el('div', { class: 'row relay-window' },
      el('label', { for: 'relay-start-' + i }, t('relay.start'), el('input', { type: 'time', id: 'relay-start-' + i, class: 'start', required: true })),
      el('label', { for: 'relay-end-' + i }, t('relay.end'), el('input', { type: 'time', id: 'relay-end-' + i, class: 'end', required: true }))));
  }
  addWindow();
  const days = el('fieldset', { id: 'relay-days' }, el('legend', {}, t('relay.days')),
    DAYS.map((d) => el('label', { class: 'inline', for: 'relay-day-' + d }, el('input', { type: 'checkbox', id: 'relay-day-' + d, value: d }), t('day.' + d))));
  const from = el('input', { type: 'date', id: 'relay-from', value: vnDate(new Date()), required: true });
  const until = el('input', { type: 'date', id: 'relay-until' });
  const fallback = el('select', { id: 'relay-fallback' }, el('option', { value: '' }, t('relay.noFallback')),
    bulletins.map((b) => el('option', { value: b.id }, b.title)));
  const picker = targetPicker(basics, 'relay');
  const form = el('form', { class: 'card', id: 'relay-form' }, el('h2', {}, t('relay.new')),
    el('div', { class: 'row' }, el('label', { for: 'relay-title' }, t('relay.fieldTitle'), title),
      el('label', { for: 'relay-url' }, t('relay.url'), url)),
    el('h3', {}, t('relay.windows')), el('p', { class: 'muted help' }, t('relay.windowsHelp')), windowsBox,
    el('div', { class: 'actions' }, el('button', { type: 'button', id: 'relay-add-window', onclick: addWindow }, t('relay.addWindow'))),
    days,
    el('div', { class: 'row' }, el('label', { for: 'relay-from' }, t('sch.from'), from), el('label', { for: 'relay-until' }, t('sch.until'), until)),
    el('div', { class: 'row' }, el('label', { for: 'relay-fallback' }, t('relay.fallback'), fallback)),
    el('p', { class: 'muted help' }, t('relay.fallbackHelp')),
    el('h3', {}, t('targets.label')), picker.node, error,
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', id: 'relay-create' }, t('relay.create'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const windows = [...windowsBox.querySelectorAll('.relay-window')].map((w) => ({
      start: w.querySelector('.start').value, end: w.querySelector('.end').value })).filter((w) => w.start || w.end);
    // the usual mistakes are told in the console's language before the server sees them
    const tg = picker.targets();
    const problems = [];
    if (!windows.length || windows.some((w) => !w.start || !w.end)) problems.push(t('relay.needWindow'));
    windows.filter((w) => w.start && w.end && w.end <= w.start)
      .forEach((w) => problems.push(t('relay.windowBackwards', { start: w.start, end: w.end })));
    if (!tg.stationIds.length && !tg.areaIds.length && !tg.zoneIds.length) problems.push(t('relay.needTargets'));
    if (problems.length) { error.textContent = problems.join(' '); error.focus(); return; }
    const chosenDays = DAYS.filter((d) => document.getElementById('relay-day-' + d).checked);
    const body = { title: title.value.trim(), url: url.value.trim(), windows, from: from.value, targets: tg,
      fallbackBulletinId: fallback.value ? Number(fallback.value) : null };
    if (chosenDays.length) body.days = chosenDays;
    if (until.value) body.until = until.value;
    try {
      await post('/api/v1/relays', body);
    } catch (err) { showError(error, err); error.focus(); return; }
    toast(t('relay.created'));
    form.reset();
    from.value = vnDate(new Date());
    picker.clear();
    created();
  });
  return form;
}
