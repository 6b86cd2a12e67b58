import { get } from '../api.js';
import { t } from '../i18n.js';
import { el, clear, fmtTime, badge, showError, vnDate } from '../ui.js';
import { loadBasics } from '../data.js';
import { languagePicker } from '../languages.js';
import { reasonText } from '../reasons.js';
import { cardTable, cell } from '../table.js';

function csvCell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r;]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export async function playsPage(main) {
  const error = el('p', { class: 'error', role: 'alert', id: 'plays-error' });
  main.append(el('h1', {}, t('plays.title')), el('p', { class: 'help muted', id: 'plays-help' }, t('help.plays')));
  const [basics, bulletins, schedules] = await Promise.all([loadBasics(), get('/api/v1/bulletins'), get('/api/v1/schedules')]);
  const bulletinTitle = new Map(bulletins.map((b) => [b.id, b.title]));
  const scheduleTitle = new Map(schedules.map((x) => [x.id, x.title]));
  const announcementTitle = new Map();
  const names = { schedule: (id) => scheduleTitle.get(id), announcement: (id) => announcementTitle.get(id) };
  // titles of the announcements in the rows (at most 50 distinct ones are looked up)
  async function learnAnnouncements(list) {
    const ids = [...new Set(list.map((r) => r.announcementId).filter((id) => id && !announcementTitle.has(id)))].slice(0, 50);
    await Promise.all(ids.map((id) => get('/api/v1/announcements/' + id)
      .then((a) => announcementTitle.set(id, a.title)).catch((e) => console.warn('announcement', id, e))));
  }
  function what(r) {
    if (r.announcementId) return announcementTitle.get(r.announcementId) || t('ref.announcement', { id: r.announcementId });
    return scheduleTitle.get(r.scheduleId) || bulletinTitle.get(r.bulletinId) || t('ref.schedule', { id: r.scheduleId });
  }
  const station = el('select', { id: 'plays-station' }, el('option', { value: '' }, t('cal.all')), basics.stations.map((s) => el('option', { value: s.id }, s.name)));
  const outcome = el('select', { id: 'plays-outcome' }, el('option', { value: '' }, t('cal.all')),
    ['PLAYED', 'FAILED', 'SKIPPED', 'PREEMPTED', 'STOPPED'].map((o) => el('option', { value: o }, t('outcome.' + o))));
  const language = await languagePicker('plays-language', t('lang.all'));
  const week = new Date(Date.now() - 7 * 86400e3);
  const from = el('input', { type: 'date', id: 'plays-from', value: vnDate(week) });
  const to = el('input', { type: 'date', id: 'plays-to' });
  const limit = el('input', { type: 'number', id: 'plays-limit', min: 1, max: 10000, value: 500 });
  const show = el('button', { type: 'submit', class: 'primary', id: 'plays-show' }, t('plays.show'));
  const exportBtn = el('button', { type: 'button', id: 'plays-csv', disabled: true }, '⬇ ' + t('plays.csv'));
  const table = el('div', { class: 'table-wrap', id: 'plays-table' });
  const count = el('p', { class: 'muted', id: 'plays-count' });
  const form = el('form', { class: 'card' }, el('div', { class: 'row' },
    el('label', { for: 'plays-station' }, t('col.station'), station), el('label', { for: 'plays-outcome' }, t('plays.outcome'), outcome),
    el('label', { for: 'plays-from' }, t('sch.from'), from), el('label', { for: 'plays-to' }, t('plays.to'), to),
    el('label', { for: 'plays-language' }, t('lang.label'), language),
    el('label', { for: 'plays-limit' }, t('plays.limit'), limit)), el('div', { class: 'actions' }, show, exportBtn));
  main.append(form, error, count, el('section', { class: 'card' }, table));
  let rows = [];
  const name = (id) => basics.stationById.get(id)?.name || ('#' + id);
  async function load() {
    error.textContent = '';
    const q = new URLSearchParams();
    if (station.value) q.set('stationId', station.value);
    if (from.value) q.set('from', from.value);
    if (to.value) q.set('to', to.value);
    if (language.value) q.set('language', language.value);
    q.set('limit', limit.value || '500');
    try { rows = await get('/api/v1/plays?' + q); } catch (e) { showError(error, e); return; }
    if (outcome.value) rows = rows.filter((r) => r.outcome === outcome.value);
    await learnAnnouncements(rows);
    count.textContent = t('plays.count', { n: rows.length });
    exportBtn.disabled = !rows.length;
    clear(table).append(rows.length ? cardTable({ id: 'plays-rows' },
      ['col.station', 'plays.what', 'col.priority', 'plays.planned', 'ann.started', 'ann.ended', 'plays.outcome', 'ann.reason', 'lang.label'],
      rows.map((r) => [name(r.stationId), cell({ class: 'what' }, what(r)), badge(t('prio.' + r.priority), r.priority),
        fmtTime(r.plannedAt), fmtTime(r.startedAt), fmtTime(r.endedAt),
        badge(t('outcome.' + r.outcome), r.outcome), cell({ class: 'reason' }, reasonText(r.reason, names)),
        cell({ lang: r.language || undefined }, r.languageName || '')]))
      : el('p', { class: 'muted' }, t('plays.none')));
  }
  form.addEventListener('submit', (e) => { e.preventDefault(); load(); });
  exportBtn.addEventListener('click', () => {
    const head = ['stationId', 'station', 'scheduleId', 'bulletinId', 'announcementId', 'itemId', 'priority', 'plannedAt', 'startedAt', 'endedAt', 'outcome', 'reason', 'language', 'peakDbfs', 'rmsDbfs'];
    const lines = [head.join(',')].concat(rows.map((r) => head.map((h) => csvCell(h === 'station' ? name(r.stationId) : r[h])).join(',')));
    // a byte-order mark so spreadsheets read the diacritics
    const blob = new Blob(['\ufeff' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
    const a = el('a', { href: URL.createObjectURL(blob), download: `loa-nhat-ky-phat-${vnDate(new Date())}.csv` });
    document.body.append(a); a.click(); a.remove();
  });
  await load();
}
