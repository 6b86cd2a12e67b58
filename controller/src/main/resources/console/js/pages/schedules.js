import { get, post, del } from '../api.js';
import { t } from '../i18n.js';
import { el, clear, fmtTime, fmtClock, badge, showError, toast, vnDate } from '../ui.js';
import { loadBasics } from '../data.js';
import { quietSection } from './quiet.js';
import { targetPicker } from '../picker.js';
import { cardTable, cell } from '../table.js';

const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

function mondayOf(date) {
  // the Monday (in Vietnam) of the week holding this instant, as YYYY-MM-DD
  const d = new Date(vnDate(date) + 'T00:00:00Z');
  const dow = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - dow);
  return d.toISOString().slice(0, 10);
}

function addDays(ymd, n) {
  const d = new Date(ymd + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export async function schedulesPage(main, scope, ctx) {
  const canEdit = ctx.user.role === 'ADMIN' || ctx.user.role === 'OPERATOR';
  const isAdmin = ctx.user.role === 'ADMIN';
  const error = el('p', { class: 'error', role: 'alert', id: 'schedule-error', tabindex: '-1' });
  const listError = el('p', { class: 'error', role: 'alert' });
  main.append(el('h1', {}, t('sch.title')), el('p', { class: 'help muted', id: 'sch-help' }, t('help.schedules')));
  const [basics, bulletins] = await Promise.all([loadBasics(), get('/api/v1/bulletins')]);

  // ---- the form
  const bulletin = el('select', { id: 'sch-bulletin', required: true },
    el('option', { value: '' }, t('sch.pickBulletin')),
    bulletins.map((b) => el('option', { value: b.id }, b.title)));
  const titleIn = el('input', { type: 'text', id: 'sch-title', maxlength: 300 });
  const priority = el('select', { id: 'sch-priority' }, ['NORMAL', 'PRIORITY', 'EMERGENCY'].map((p) => el('option', { value: p }, t('prio.' + p))));
  const onPreempt = el('select', { id: 'sch-on-preempt' }, ['RESUME', 'RESTART', 'SKIP'].map((x) => el('option', { value: x }, t('onPreempt.' + x))));
  const hardMode = el('select', { id: 'sch-hard-time' }, ['DEFAULT', 'WAIT', 'CUT', 'NEXT'].map((x) => el('option', { value: x }, t('hardTime.' + x))));
  const maxWait = el('input', { type: 'number', id: 'sch-max-wait', min: 0, max: 86400, value: 0, inputmode: 'numeric' });
  const maxWaitBox = el('label', { for: 'sch-max-wait' }, t('sch.maxWait'), maxWait);
  const showHard = () => { maxWaitBox.hidden = hardMode.value !== 'WAIT'; };
  hardMode.addEventListener('change', showHard);
  showHard();
  const type = el('select', { id: 'sch-type' }, ['once', 'daily', 'weekly'].map((x) => el('option', { value: x }, t('rule.' + x))));
  const at = el('input', { type: 'datetime-local', id: 'sch-at' });
  const times = el('input', { type: 'text', id: 'sch-times', placeholder: '05:30, 17:00', inputmode: 'numeric' });
  const from = el('input', { type: 'date', id: 'sch-from', value: vnDate(new Date()) });
  const until = el('input', { type: 'date', id: 'sch-until' });
  const days = el('fieldset', { id: 'sch-days' }, el('legend', {}, t('sch.days')),
    DAYS.map((d) => el('label', { class: 'inline', for: 'sch-day-' + d }, el('input', { type: 'checkbox', id: 'sch-day-' + d, value: d }), t('day.' + d))));
  const picker = targetPicker(basics, 'sch');
  const onceBox = el('div', { class: 'row' }, el('label', { for: 'sch-at' }, t('sch.at'), at));
  const recurBox = el('div', {}, el('div', { class: 'row' },
    el('label', { for: 'sch-times' }, t('sch.times'), times), el('label', { for: 'sch-from' }, t('sch.from'), from),
    el('label', { for: 'sch-until' }, t('sch.until'), until)), days);
  function showType() {
    onceBox.hidden = type.value !== 'once';
    recurBox.hidden = type.value === 'once';
    days.hidden = type.value !== 'weekly';
  }
  type.addEventListener('change', showType);
  showType();
  const create = el('button', { type: 'submit', class: 'primary', id: 'sch-create' }, t('sch.create'));
  const form = el('form', { class: 'card', id: 'schedule-form' }, el('h2', {}, t('sch.new')),
    el('div', { class: 'row' }, el('label', { for: 'sch-bulletin' }, t('sch.bulletin'), bulletin),
      el('label', { for: 'sch-title' }, t('sch.titleOptional'), titleIn),
      el('label', { for: 'sch-priority' }, t('col.priority'), priority),
      el('label', { for: 'sch-type' }, t('sch.type'), type)),
    onceBox, recurBox,
    el('div', { class: 'row' }, el('label', { for: 'sch-on-preempt' }, t('sch.onPreempt'), onPreempt),
      el('label', { for: 'sch-hard-time' }, t('sch.hardTime'), hardMode), maxWaitBox),
    el('h3', {}, t('targets.label')), picker.node, error, el('div', { class: 'actions' }, create));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const body = { bulletinId: Number(bulletin.value) || null, priority: priority.value, targets: picker.targets() };
    if (titleIn.value.trim()) body.title = titleIn.value.trim();
    body.onPreempt = onPreempt.value;
    // "DEFAULT" sends no hardTime; an explicit WAIT is sent as such (with its maximum wait when one is given)
    if (hardMode.value === 'WAIT') {
      body.hardTime = { mode: 'WAIT' };
      if (Number(maxWait.value) > 0) body.hardTime.maxWaitSeconds = Number(maxWait.value);
    } else if (hardMode.value !== 'DEFAULT') body.hardTime = { mode: hardMode.value };
    if (type.value === 'once') body.rule = { type: 'once', at: at.value };
    else {
      body.rule = { type: type.value, times: times.value.split(/[,\s]+/).filter(Boolean), from: from.value };
      if (until.value) body.rule.until = until.value;
      if (type.value === 'weekly') body.rule.days = [...days.querySelectorAll('input:checked')].map((c) => c.value);
    }
    create.disabled = true;
    try {
      const s = await post('/api/v1/schedules', body);
      toast(t('sch.created', { title: s.title }) + (s.nextRuns && s.nextRuns[0] ? ' · ' + t('sch.next') + ' ' + fmtTime(s.nextRuns[0]) : ''));
      picker.clear();
      await refresh();
    } catch (err) {
      showError(error, err);
      error.focus();
    } finally {
      create.disabled = false;
    }
  });
  if (canEdit) main.append(form);

  // ---- calendar
  let week = mondayOf(new Date());
  const which = el('select', { id: 'cal-scope' }, el('option', { value: '' }, t('cal.all')),
    el('optgroup', { label: t('cal.areas') }, basics.areas.filter((a) => a.kind !== 'VILLAGE').map((a) => el('option', { value: 'a' + a.id }, a.name))),
    el('optgroup', { label: t('cal.stations') }, basics.stations.map((s) => el('option', { value: 's' + s.id }, s.name))));
  const weekLabel = el('strong', { id: 'cal-week' });
  const grid = el('div', { class: 'week', id: 'calendar' });
  const conflicts = el('div', { id: 'conflicts' });
  const calError = el('p', { class: 'error', role: 'alert' });
  main.append(el('section', { class: 'card' }, el('h2', {}, t('cal.title')),
    el('div', { class: 'row' }, el('label', { for: 'cal-scope' }, t('cal.scope'), which),
      el('button', { type: 'button', id: 'cal-prev', onclick: () => { week = addDays(week, -7); drawCalendar(); } }, '◀ ' + t('cal.prev')),
      weekLabel,
      el('button', { type: 'button', id: 'cal-next', onclick: () => { week = addDays(week, 7); drawCalendar(); } }, t('cal.next') + ' ▶')),
    calError, grid, conflicts));
  which.addEventListener('change', drawCalendar);

  async function drawCalendar() {
    calError.textContent = '';
    let q = `/api/v1/calendar?from=${week}&to=${addDays(week, 7)}`;
    if (which.value.startsWith('a')) q += '&areaId=' + which.value.slice(1);
    if (which.value.startsWith('s')) q += '&stationId=' + which.value.slice(1);
    weekLabel.textContent = `${week} → ${addDays(week, 6)}`;
    let cal;
    try { cal = await get(q); } catch (e) { showError(calError, e); return; }
    const conflictKeys = new Set();
    for (const c of cal.conflicts) { conflictKeys.add(c.first.scheduleId + '@' + c.first.start); conflictKeys.add(c.second.scheduleId + '@' + c.second.start); }
    clear(grid);
    const today = vnDate(new Date());
    for (let i = 0; i < 7; i++) {
      const day = addDays(week, i);
      const runs = cal.runs.filter((r) => vnDate(new Date(r.start)) === day);
      grid.append(el('div', { class: 'day' + (day === today ? ' today' : ''), dataset: { date: day } },
        el('h3', {}, t('day.' + DAYS[i]) + ' ' + day.slice(8) + '/' + day.slice(5, 7)),
        runs.length ? runs.map((r) => el('div', { class: 'run ' + r.priority + (conflictKeys.has(r.scheduleId + '@' + r.start) ? ' conflict' : ''),
          dataset: { scheduleId: String(r.scheduleId) } },
        el('strong', {}, fmtClock(r.start)), ' ', r.title,
        // summarised ("37 đài"), the names one tap away
        el('details', { class: 'run-stations muted' }, el('summary', {}, t('sch.stationsCount', { n: r.stationIds.length })),
          r.stationIds.map((id) => basics.stationById.get(id)?.name || id).join(', '))))
          : el('div', { class: 'muted' }, '—')));
    }
    clear(conflicts).append(cal.conflicts.length ? el('div', { class: 'error', id: 'conflict-list' },
      el('strong', {}, t('cal.conflicts', { n: cal.conflicts.length })),
      el('ul', {}, cal.conflicts.map((c) => el('li', {}, (basics.stationById.get(c.stationId)?.name || c.stationId) + ': ' +
        `${c.first.title} (${fmtTime(c.first.start)}–${fmtClock(c.first.end)}) ↔ ${c.second.title} (${fmtTime(c.second.start)}–${fmtClock(c.second.end)})`))))
      : el('p', { class: 'muted', id: 'no-conflicts' }, t('cal.noConflicts')));
  }

  // ---- list
  const list = el('div', { class: 'table-wrap', id: 'schedule-list' });
  const history = el('div', { class: 'table-wrap', id: 'schedule-history' });
  main.append(el('section', { class: 'card' }, el('h2', {}, t('sch.list')), listError, list),
    el('section', { class: 'card' }, el('details', { id: 'schedule-history-box' }, el('summary', {}, t('sch.history')), history)));
  // quiet hours and time-of-day volume, per station and zone (docs/quiet-hours.md)
  quietSection(main, basics, canEdit).catch((e) => showError(listError, e));
  function targetText(tg) {
    const parts = [];
    for (const id of tg.areaIds || []) parts.push(basics.areaById.get(id)?.name || ('#' + id));
    for (const id of tg.stationIds || []) parts.push(basics.stationById.get(id)?.name || ('#' + id));
    if ((tg.zoneIds || []).length) parts.push(t('sch.zones', { n: tg.zoneIds.length }));
    return parts.join(', ');
  }
  function ruleText(r) {
    if (r.type === 'once') return t('rule.once') + ' ' + fmtTime(r.at);
    let s = t('rule.' + r.type) + ' ' + (r.times || []).join(', ');
    if (r.days) s += ' (' + r.days.map((d) => t('day.' + d.slice(0, 3))).join(', ') + ')';
    return s + ' · ' + r.from + (r.until ? ' → ' + r.until : '');
  }
  async function decide(s, action) {
    listError.textContent = '';
    try { await post(`/api/v1/schedules/${s.id}/${action}`, {}); await refresh(); } catch (e) { showError(listError, e); }
  }
  function rowOf(s) {
    return { attrs: { dataset: { scheduleId: String(s.id) } }, cells: [
      [el('strong', {}, s.title), s.approval ? el('div', {}, badge(t('approval.' + s.approval), s.approval)) : null],
      badge(t('prio.' + s.priority), s.priority),
      ruleText(s.rule),
      targetText(s.targets),
      cell({ class: 'next-runs' }, (s.nextRuns || []).length ? el('ul', {}, s.nextRuns.slice(0, 3).map((r) => el('li', {}, fmtTime(r)))) : '—'),
      cell({ class: 'actions' }, [
        isAdmin && s.approval === 'PENDING' ? [
          el('button', { type: 'button', onclick: () => decide(s, 'approve') }, t('sch.approve')),
          el('button', { type: 'button', class: 'danger', onclick: () => decide(s, 'reject') }, t('sch.reject'))] : null,
        canEdit ? el('button', { type: 'button', class: 'danger', 'aria-label': t('sch.delete') + ': ' + s.title, onclick: async () => {
          if (!confirm(t('sch.confirmDelete', { title: s.title }))) return;
          try { await del('/api/v1/schedules/' + s.id); await refresh(); } catch (e) { showError(listError, e); }
        } }, t('sch.delete')) : null])] };
  }
  const heads = ['col.title', 'col.priority', 'sch.rule', 'targets.label', 'sch.nextRuns', 'col.actions'];
  async function refresh() {
    let schedules;
    try { schedules = await get('/api/v1/schedules'); } catch (e) { showError(listError, e); return; }
    // a one-off that has fired has no next run: it belongs to the history, not to the active list
    const finished = (s) => s.rule.type === 'once' && !(s.nextRuns || []).length;
    const active = schedules.filter((s) => !finished(s));
    const done = schedules.filter(finished);
    clear(list).append(active.length ? cardTable({}, heads, active.map(rowOf)) : el('p', { class: 'muted' }, t('sch.none')));
    clear(history).append(done.length ? cardTable({}, heads, done.map(rowOf)) : el('p', { class: 'muted' }, t('sch.historyNone')));
    await drawCalendar();
  }
  await refresh();
}
