// The commune's inbox under Thông tư 39 (docs/areas.md#the-communes-inbox): bulletins the province sent
// down, to accept at a time, decline with a reason, or (priority) move within the sender's window;
// and, for the province, what each commune did with what it sent.
import { get, post } from '../api.js';
import { t } from '../i18n.js';
import { el, clear, fmtTime, badge, showError, toast } from '../ui.js';
import { sendDownForm } from './senddown.js';

const VN_OFFSET_MS = 7 * 3600e3;

/** The value of a datetime-local input showing this instant in Vietnam's time. */
function localValue(iso) {
  return new Date(Date.parse(iso) + VN_OFFSET_MS).toISOString().slice(0, 16);
}

/** A datetime-local value read as Vietnam's time. */
function fromLocal(v) {
  return v.length === 16 ? v + ':00+07:00' : v + '+07:00';
}

export async function inboxPage(main, scope, ctx) {
  const error = el('p', { class: 'error', role: 'alert', id: 'inbox-error' });
  const list = el('div', { class: 'inbox-list', id: 'inbox-list' });
  const sent = el('div', { class: 'table-wrap', id: 'dispatch-list' });
  main.append(el('h1', {}, t('inbox.title')), el('p', { class: 'muted' }, t('inbox.intro')), error, list,
    el('h2', {}, t('inbox.sent')), el('section', { class: 'card' }, sent));
  let form = null;
  try { form = ctx && ctx.user ? await sendDownForm(ctx.user, () => load()) : null; } catch (e) { showError(error, e); }
  if (form && scope.alive) main.insertBefore(form, list);

  async function answer(id, what, body) {
    error.textContent = '';
    try {
      await post(`/api/v1/inbox/${id}/${what}`, body);
      toast(t('inbox.done.' + what));
      await load();
    } catch (e) {
      showError(error, e);
    }
  }

  function card(it) {
    const d = it.dispatch;
    const c = el('article', { class: 'card inbox-item', id: 'inbox-item-' + it.id, 'data-state': it.state },
      el('h3', {}, d.title),
      el('p', {}, badge(t('level.' + d.level), d.level), ' ', badge(t('istate.' + it.state), it.state),
        ' ', el('span', { class: 'muted' }, it.communeName)),
      el('p', {}, t('inbox.proposed') + ': ' + fmtTime(d.proposedAt)),
      d.respondBy ? el('p', {}, t('inbox.respondBy') + ': ' + fmtTime(d.respondBy)) : null,
      d.windowMinutes !== null ? el('p', {}, t('inbox.window', { n: d.windowMinutes })) : null,
      it.slots.length ? el('p', { class: 'slots' }, t('inbox.slots') + ': ' + it.slots.map(fmtTime).join(', ')) : null,
      it.reason ? el('p', {}, t('inbox.reason') + ': ' + it.reason) : null,
      it.areaReview ? el('p', { class: 'error' }, it.areaReview) : null);
    if (d.level === 'NORMAL' && it.state === 'PENDING') {
      const slot = el('input', { type: 'datetime-local', id: 'slot-' + it.id, value: localValue(d.proposedAt) });
      const reason = el('input', { type: 'text', id: 'reason-' + it.id, maxlength: 500 });
      c.append(el('div', { class: 'row' },
        el('label', { for: slot.id }, t('inbox.slot'), slot),
        el('label', { for: reason.id }, t('inbox.reasonField'), reason)),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'primary', id: 'accept-' + it.id,
          onclick: () => answer(it.id, 'accept', { slots: [fromLocal(slot.value)] }) }, t('inbox.accept')),
        el('button', { type: 'button', id: 'decline-' + it.id,
          onclick: () => answer(it.id, 'decline', { reason: reason.value }) }, t('inbox.decline'))));
    }
    if (d.level === 'PRIORITY' && it.state === 'SCHEDULED') {
      const to = el('input', { type: 'datetime-local', id: 'move-to-' + it.id,
        value: localValue(it.slots.length ? it.slots[0] : d.proposedAt) });
      c.append(el('div', { class: 'row' }, el('label', { for: to.id }, t('inbox.moveTo'), to)),
        el('div', { class: 'actions' }, el('button', { type: 'button', class: 'primary', id: 'move-' + it.id,
          onclick: () => answer(it.id, 'move', { to: fromLocal(to.value) }) }, t('inbox.move'))));
    }
    return c;
  }

  async function load() {
    let items;
    try { items = await get('/api/v1/inbox'); } catch (e) { showError(error, e); return; }
    if (!scope.alive) return;
    clear(list).append(...(items.length ? items.map(card) : [el('p', { class: 'muted', id: 'inbox-empty' }, t('inbox.none'))]));
    let dispatches = [];
    try { dispatches = await get('/api/v1/dispatches'); } catch (e) { showError(error, e); return; }
    clear(sent).append(dispatches.length ? el('table', {},
      el('thead', {}, el('tr', {}, ['col.title', 'inbox.level', 'inbox.commune', 'inbox.state', 'inbox.reason'].map((k) => el('th', {}, t(k))))),
      el('tbody', {}, dispatches.flatMap((d) => d.communes.map((c) => el('tr', { id: `dispatch-${d.id}-${c.communeId}` },
        el('td', {}, d.title), el('td', {}, t('level.' + d.level)), el('td', {}, c.communeName),
        el('td', {}, badge(t('istate.' + c.state), c.state)), el('td', {}, c.reason || '')))))) :
      el('p', { class: 'muted' }, t('inbox.noneSent')));
  }
  scope.every(15000, load);
  await load();
}
