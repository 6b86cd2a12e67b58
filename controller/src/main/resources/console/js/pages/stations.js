import { get, post } from '../api.js';
import { t } from '../i18n.js';
import { el, clear, fmtTime, badge, showError, toast } from '../ui.js';
import { loadBasics, areaPath } from '../data.js';
import { lineChart } from '../chart.js';
import { cardTable, cell } from '../table.js';
import { alarmTitle } from './relays.js';
import { configSection } from './stationconfig.js';

export async function stationsPage(main, scope) {
  const error = el('p', { class: 'error', role: 'alert' });
  main.append(el('h1', {}, t('st.title')), error);
  let basics;
  try { basics = await loadBasics(); } catch (e) { showError(error, e); return; }
  const filter = el('input', { type: 'text', id: 'st-filter', placeholder: t('st.filter'), 'aria-label': t('st.filter') });
  const box = el('div', { class: 'card table-wrap', id: 'station-list' });
  // cards on a phone (table.js): no horizontal scrolling at 412 px
  function draw() {
    const q = filter.value.trim().toLowerCase();
    clear(box).append(cardTable({ id: 'stations-table' }, ['col.station', 'col.state', 'st.zones', 'col.lastSeen'],
      basics.stations.filter((s) => !q || s.name.toLowerCase().includes(q) || areaPath(basics, s.areaId).toLowerCase().includes(q))
        .map((s) => ({ attrs: { dataset: { stationId: String(s.id) } }, cells: [
          [el('a', { href: '#/stations/' + s.id }, s.name), el('div', { class: 'muted' }, areaPath(basics, s.areaId))],
          cell({ class: 'state' }, [el('div', { class: 'marks' }, badge(s.online ? t('state.online') : t('state.offline'), s.online ? 'online' : 'offline'),
            s.localMode ? ' ' : null, s.localMode ? badge(t('state.localMode'), 'PENDING') : null, atRisk(s))]),
          (s.zones || []).map((z) => z.name).join(', '),
          fmtTime(s.lastSeenAt)] }))));
  }
  filter.addEventListener('input', draw);
  main.append(el('div', { class: 'row' }, filter), box);
  draw();
}

/** "At risk" (a weak mobile signal, a data plan near its end) with its reasons; null when not at risk. */
function atRisk(s) {
  if (!s.atRisk) return null;
  return el('div', { class: 'at-risk' }, badge(t('state.atRisk'), 'at-risk'),
    el('div', { class: 'muted risks' }, (s.risks || []).map((k) => t('risk.' + k)).join(', ')));
}

export async function stationPage(main, scope, ctx) {
  const id = ctx.arg;
  const mayManage = ctx.user.role === 'ADMIN' || ctx.user.role === 'TECHNICIAN';
  const error = el('p', { class: 'error', role: 'alert', id: 'station-error' });
  main.append(el('p', {}, el('a', { href: '#/stations' }, '← ', t('st.title'))));
  let s, basics;
  try { [s, basics] = await Promise.all([get('/api/v1/stations/' + id), loadBasics()]); } catch (e) { main.append(error); showError(error, e); return; }
  const stateBox = el('span', { id: 'station-state' });
  const head = el('div', { class: 'card' });
  function drawHead() {
    clear(stateBox).append(badge(s.online ? t('state.online') : t('state.offline'), s.online ? 'online' : 'offline'),
      s.localMode ? ' ' : '', s.localMode ? badge(t('state.localMode'), 'PENDING') : '', s.atRisk ? ' ' : '', atRisk(s) || '');
    clear(head).append(el('p', {}, stateBox, ' · ', t('col.lastSeen') + ': ' + fmtTime(s.lastSeenAt)),
      el('p', { class: 'muted' }, areaPath(basics, s.areaId)),
      s.online ? el('p', { class: 'muted' }, t('st.plan') + ': ' + (s.planVersion || '—') + (s.planVersion && s.currentPlanVersion && s.planVersion !== s.currentPlanVersion ? ' ⚠ ' + t('st.planBehind') : ''),
        ' · ', t('st.clock') + ': ' + (s.clockSynchronised ? '✓' : '✗')) : null,
      s.online && s.agentVersion ? el('p', { class: 'muted', id: 'station-version' }, t('updates.running') + ': ' + s.agentVersion) : null,
      el('h2', {}, t('st.zones')), el('ul', { id: 'station-zones' }, (s.zones || []).map((z) => el('li', {}, z.name,
        z.areaId ? el('span', { class: 'muted' }, ' · ' + (basics.areaById.get(z.areaId)?.name || '')) : null))));
  }
  drawHead();
  main.append(el('h1', {}, s.name), error, head);

  // health graphs
  const charts = el('div', { class: 'grid two', id: 'health-charts' });
  const range = el('select', { id: 'health-range' }, [['1', 'st.range1h'], ['24', 'st.range24h'], ['168', 'st.range7d']].map(([h, k]) => el('option', { value: h }, t(k))));
  main.append(el('section', { class: 'card' }, el('h2', {}, t('st.health')), el('div', { class: 'row' }, el('label', { for: 'health-range' }, t('st.range'), range)), charts));
  async function drawHealth() {
    const hours = Number(range.value);
    const to = new Date(), from = new Date(to.getTime() - hours * 3600e3);
    let h;
    try { h = await get(`/api/v1/stations/${id}/health?from=${from.toISOString()}&to=${to.toISOString()}`); } catch (e) { showError(error, e); return; }
    const hourly = h.resolution === 'hourly';
    const at = (r) => Date.parse(hourly ? r.hourStart : r.at);
    const series = hourly ? [
      ['cpuLoadAvg', 'st.cpuLoad', ''], ['cpuTemperatureMaxC', 'st.temperature', '°C'], ['linkRttAvgMs', 'st.rtt', 'ms'], ['clockOffsetMaxAbsMs', 'st.clockOffset', 'ms']]
      : [['cpuLoad', 'st.cpuLoad', ''], ['cpuTemperatureC', 'st.temperature', '°C'], ['linkRttMs', 'st.rtt', 'ms'], ['clockOffsetMs', 'st.clockOffset', 'ms'],
        ['volumePercent', 'st.volume', '%'], ['outputLevelDbfs', 'st.level', 'dBFS']];
    clear(charts).append(...series.map(([k, label, unit]) => lineChart('chart-' + k, t(label), unit, h.samples.map((r) => ({ at: at(r), value: r[k] })))));
    if (!h.samples.length) charts.append(el('p', { class: 'muted' }, t('st.noHealth')));
  }
  range.addEventListener('change', drawHealth);
  await drawHealth();

  // alarms
  const alarmBox = el('div', { class: 'table-wrap', id: 'station-alarms' });
  main.append(el('section', { class: 'card' }, el('h2', {}, t('dash.alarms')), alarmBox));
  async function drawAlarms() {
    let alarms;
    try { alarms = await get('/api/v1/alarms?stationId=' + id + '&limit=50'); } catch (e) { showError(error, e); return; }
    clear(alarmBox).append(alarms.length ? cardTable({}, ['col.alarm', 'col.state', 'col.raised', 'col.actions'],
      alarms.map((a) => ({ attrs: { dataset: { alarmId: String(a.id) } }, cells: [
        [alarmTitle(a), a.detail ? el('div', { class: 'muted' }, a.detail) : null],
        [badge(t('alarm.' + a.state), a.state), a.conditionActive ? '' : el('div', { class: 'muted' }, t('alarm.ended'))],
        fmtTime(a.raisedAt),
        mayManage && a.state === 'ACTIVE' ? el('button', { type: 'button', class: 'ack', onclick: async () => {
          const note = prompt(t('alarm.notePrompt')) || '';
          try { await post(`/api/v1/alarms/${a.id}/ack`, note ? { note } : {}); toast(t('alarm.acked')); drawAlarms(); } catch (e) { showError(error, e); }
        } }, t('alarm.ack')) : (a.acknowledgedBy ? t('alarm.by', { who: a.acknowledgedBy }) : '')] }))) : el('p', { class: 'muted' }, t('dash.noAlarms')));
  }
  await drawAlarms();

  // its software update history: every rollout that targeted it (docs/updates.md)
  if (mayManage) {
    const updatesBox = el('div', { class: 'table-wrap', id: 'station-updates' });
    main.append(el('section', { class: 'card' }, el('h2', {}, t('updates.history')), updatesBox));
    try {
      const h = await get(`/api/v1/stations/${id}/updates`);
      clear(updatesBox).append(h.length ? cardTable({ id: 'station-update-table' }, ['updates.version', 'updates.rollout', 'updates.state', 'updates.changed', 'updates.detail'],
        h.map((u) => ({ attrs: { dataset: { rolloutId: String(u.rolloutId) } }, cells: [u.version, '#' + u.rolloutId,
          badge(t('stationUpdate.' + u.state), u.state === 'UPDATED' ? 'ok' : u.state === 'FAILED' ? 'bad' : 'PENDING'),
          fmtTime(u.changedAt || u.offeredAt || u.createdAt), u.detail || ''] }))) : el('p', { class: 'muted' }, t('updates.noHistory')));
    } catch (e) { showError(error, e); }
  }

  // remote commands
  if (mayManage) {
    const zone = el('select', { id: 'cmd-zone' }, (s.zones || []).map((z) => el('option', { value: z.id }, z.name)));
    const seconds = el('input', { type: 'number', id: 'cmd-seconds', min: 1, max: 60, value: 5 });
    const volume = el('input', { type: 'range', id: 'cmd-volume', min: 0, max: 100, value: 80 });
    const volumeOut = el('output', { for: 'cmd-volume' }, '80 %');
    volume.addEventListener('input', () => { volumeOut.textContent = volume.value + ' %'; });
    const result = el('div', { id: 'cmd-result', 'aria-live': 'polite' });
    async function run(body) {
      clear(result).append(el('p', { class: 'muted' }, t('cmd.sending')));
      let c;
      try { c = await post(`/api/v1/stations/${id}/commands`, body); } catch (e) { const p = el('p', { class: 'error' }); showError(p, e); clear(result).append(p); return; }
      const timer = setInterval(async () => {
        try {
          const r = await get('/api/v1/commands/' + c.id);
          clear(result).append(el('p', {}, t('cmd.' + body.type) + ': ', badge(r.state, r.state === 'SUCCEEDED' ? 'ok' : (['FAILED', 'REJECTED', 'TIMED_OUT', 'LINK_LOST'].includes(r.state) ? 'bad' : 'PENDING')),
            ' ', r.message || ''), r.result ? el('pre', { class: 'muted' }, JSON.stringify(r.result, null, 1)) : null);
          if (!['SENT', 'RUNNING'].includes(r.state)) clearInterval(timer);
          if (body.type === 'SET_LOCAL_MODE' && r.state === 'SUCCEEDED') { s.localMode = body.on; drawHead(); }
        } catch (e) { clearInterval(timer); }
      }, 700);
      scope.onClose(() => clearInterval(timer));
    }
    main.append(el('section', { class: 'card', id: 'commands' }, el('h2', {}, t('cmd.title')),
      el('div', { class: 'row' }, el('label', { for: 'cmd-zone' }, t('cmd.zone'), zone), el('label', { for: 'cmd-seconds' }, t('cmd.seconds'), seconds),
        el('button', { type: 'button', id: 'cmd-tone', onclick: () => run({ type: 'TEST_TONE', zoneId: Number(zone.value), seconds: Number(seconds.value) }) }, '' + t('cmd.TEST_TONE'))),
      el('div', { class: 'row' }, el('button', { type: 'button', id: 'cmd-silent', onclick: () => run({ type: 'SILENT_TEST' }) }, t('cmd.SILENT_TEST'))),
      el('div', { class: 'row' }, el('label', { for: 'cmd-volume' }, t('cmd.volume'), volume), volumeOut,
        el('button', { type: 'button', id: 'cmd-set-volume', onclick: () => run({ type: 'SET_VOLUME', percent: Number(volume.value) }) }, t('cmd.SET_VOLUME'))),
      el('div', { class: 'row' }, t('cmd.SET_LOCAL_MODE') + ': ',
        el('button', { type: 'button', id: 'cmd-local-on', onclick: () => run({ type: 'SET_LOCAL_MODE', on: true }) }, t('cmd.localOn')),
        el('button', { type: 'button', id: 'cmd-local-off', onclick: () => run({ type: 'SET_LOCAL_MODE', on: false }) }, t('cmd.localOff'))),
      el('p', { class: 'muted' }, t('cmd.hint')), result));
  }

  // the hardware file pushed from here, and the station's configuration history (docs/configuration.md)
  await configSection(main, id, mayManage, scope);

  if (window.EventSource) {
    const es = new EventSource('/api/v1/events');
    scope.onClose(() => es.close());
    es.addEventListener('station', (e) => {
      const d = JSON.parse(e.data);
      if (d.stationId === id) { s.online = d.online; s.lastSeenAt = d.at; drawHead(); }
    });
    es.addEventListener('alarm', async (e) => {
      if (JSON.parse(e.data).stationId !== id) return;
      drawAlarms();
      // the "at risk" mark follows the station's alarms
      try { const fresh = await get('/api/v1/stations/' + id); s.atRisk = fresh.atRisk; s.risks = fresh.risks; drawHead(); } catch (err) { showError(error, err); }
    });
  }
  scope.every(30000, drawHealth);
}
