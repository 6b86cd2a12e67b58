// Relays of upstream radio (docs/relay.md): each relay's windows, its state now, its last error and a link
// to listen to the source. Read-only here; relays are created through the API.
import { get } from '../api.js';
import { t } from '../i18n.js';
import { el, clear, fmtTime, badge, showError } from '../ui.js';
import { cardTable, cell } from '../table.js';

export async function relaysPage(main, scope) {
  const error = el('p', { class: 'error', role: 'alert', id: 'relays-error' });
  const list = el('div', { class: 'table-wrap', id: 'relay-list' });
  main.append(el('h1', {}, t('relay.title')), el('p', { class: 'help muted', id: 'relays-help' }, t('help.relays')),
    error, el('section', { class: 'card' }, list));
  async function refresh() {
    let relays;
    try { relays = await get('/api/v1/relays'); } catch (e) { showError(error, e); return; }
    error.textContent = '';
    const days = (r) => (r.days && r.days.length && r.days.length < 7 ? ' (' + r.days.map((d) => t('day.' + d)).join(', ') + ')' : '');
    clear(list).append(relays.length ? cardTable({},
      ['relay.name', 'relay.windows', 'relay.status', 'relay.lastError', 'relay.listen'],
      relays.map((r) => ({ attrs: { dataset: { relayId: String(r.id), state: r.state } }, cells: [
        el('strong', {}, r.title),
        r.windows.map((w) => w.start + '–' + w.end).join(', ') + days(r),
        cell({ class: 'state' }, [badge(t('relayState.' + r.state), r.state), ' ', t('relay.since'), ' ', fmtTime(r.status.since)]),
        cell({ class: 'last-error' }, r.lastError ? [relayError(r.lastError), ' · ', fmtTime(r.status.lastErrorAt)] : '—'),
        el('a', { href: r.url, target: '_blank', rel: 'noopener' }, t('relay.listen'))] })))
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
