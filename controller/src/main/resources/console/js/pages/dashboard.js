import { get } from '../api.js';
import { t } from '../i18n.js';
import { el, clear, fmtTime, badge, showError } from '../ui.js';
import { loadBasics, areaPath } from '../data.js';
import { stationMap } from '../map.js';
import { cardTable, cell } from '../table.js';
import { alarmTitle } from './relays.js';

export async function dashboardPage(main, scope) {
  const error = el('p', { class: 'error', role: 'alert', id: 'dash-error' });
  const cards = el('div', { class: 'grid three', id: 'dash-cards' });
  const playing = el('div', { id: 'dash-playing' });
  const mapBox = el('div', { id: 'dash-map' });
  const table = el('div', { class: 'table-wrap', id: 'dash-stations' });
  const alarmsBox = el('div', { id: 'dash-alarms' });
  main.append(el('h1', {}, t('dash.title')), error, cards,
    el('div', { class: 'grid two' },
      el('section', { class: 'card' }, el('h2', {}, t('dash.playing')), playing),
      el('section', { class: 'card' }, el('h2', {}, t('dash.alarms')), alarmsBox)),
    el('div', { class: 'grid two' },
      el('section', { class: 'card' }, el('h2', {}, t('dash.map')), mapBox),
      el('section', { class: 'card' }, el('h2', {}, t('dash.stations')), table)));

  const titles = new Map(); // stationId → title from live 'playing' events
  const announcementTitles = new Map();
  let basics = null, schedules = [], alarms = [];

  async function itemTitle(itemId) {
    let m = /^b(\d+)$/.exec(itemId || '');
    if (m) {
      const id = Number(m[1]);
      if (!announcementTitles.has(id)) {
        try { announcementTitles.set(id, (await get('/api/v1/announcements/' + id)).title); } catch (e) { announcementTitles.set(id, '#' + id); }
      }
      return t('dash.announcement') + ': ' + announcementTitles.get(id);
    }
    m = /^s(\d+)-/.exec(itemId || '');
    if (m) {
      const s = schedules.find((x) => x.id === Number(m[1]));
      return s ? s.title : itemId;
    }
    return itemId;
  }

  async function draw() {
    const stations = basics.stations;
    const online = stations.filter((s) => s.online).length;
    const active = alarms.filter((a) => a.state === 'ACTIVE').length;
    clear(cards).append(
      el('div', { class: 'card' }, el('div', { class: 'muted' }, t('dash.online')), el('div', { class: 'stat ok', id: 'stat-online' }, online)),
      el('div', { class: 'card' }, el('div', { class: 'muted' }, t('dash.offline')), el('div', { class: 'stat ' + (stations.length - online ? 'bad' : ''), id: 'stat-offline' }, stations.length - online)),
      el('div', { class: 'card' }, el('div', { class: 'muted' }, t('dash.activeAlarms')), el('div', { class: 'stat ' + (active ? 'warn' : ''), id: 'stat-alarms' }, active)));
    const now = [];
    for (const s of stations) {
      if (s.online && s.playingItemId) now.push(el('li', { dataset: { stationId: String(s.id) } }, el('strong', {}, s.name), ': ',
        titles.get(s.id) || await itemTitle(s.playingItemId)));
    }
    clear(playing).append(now.length ? el('ul', {}, now) : el('p', { class: 'muted' }, t('dash.nothingPlaying')));
    clear(mapBox).append(stationMap(basics, stations));
    // cards on a phone (table.js): no horizontal scrolling at 412 px
    clear(table).append(cardTable({}, ['col.station', 'col.state', 'col.lastSeen'], stations.map((s) => ({
      attrs: { dataset: { stationId: String(s.id) } }, cells: [
        [el('a', { href: '#/stations/' + s.id }, s.name), el('div', { class: 'muted' }, areaPath(basics, s.areaId))],
        cell({ class: 'state' }, badge(s.online ? t('state.online') : t('state.offline'), s.online ? 'online' : 'offline')),
        fmtTime(s.lastSeenAt)] }))));
    const open = alarms.filter((a) => a.state !== 'CLEARED').slice(0, 10);
    clear(alarmsBox).append(open.length ? el('ul', {}, open.map((a) => el('li', {},
      badge(t('alarm.' + a.state), a.state), ' ',
      // station 0: the controller's own alarms (a relay's upstream), shown on the relay page
      a.stationId === 0 ? el('a', { href: '#/relays' }, t('relay.title'))
        : el('a', { href: '#/stations/' + a.stationId }, basics.stationById.get(a.stationId)?.name || a.stationId),
      ': ', alarmTitle(a), ' · ', fmtTime(a.raisedAt)))) : el('p', { class: 'muted' }, t('dash.noAlarms')));
  }

  async function refresh() {
    try {
      const [b, sch, al] = await Promise.all([loadBasics(), get('/api/v1/schedules').catch(() => []),
        get('/api/v1/alarms?limit=50').catch(() => [])]);
      if (!scope.alive) return;
      basics = b; schedules = sch; alarms = al;
      error.textContent = '';
      await draw();
    } catch (e) {
      showError(error, e);
    }
  }
  await refresh();
  scope.every(15000, refresh);

  // live events: station up/down, what plays, alarms
  if (window.EventSource) {
    const es = new EventSource('/api/v1/events');
    scope.onClose(() => es.close());
    es.addEventListener('station', (e) => {
      const d = JSON.parse(e.data);
      const s = basics && basics.stationById.get(d.stationId);
      if (s) { s.online = d.online; s.lastSeenAt = d.at; if (!d.online) s.playingItemId = ''; draw(); } else refresh();
    });
    es.addEventListener('playing', (e) => {
      const d = JSON.parse(e.data);
      const s = basics && basics.stationById.get(d.stationId);
      if (!s) return;
      s.playingItemId = d.itemId || '';
      if (d.title) titles.set(d.stationId, d.title); else titles.delete(d.stationId);
      draw();
    });
    es.addEventListener('alarm', () => refresh());
  }
}
