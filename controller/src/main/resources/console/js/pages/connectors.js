// Connectors (docs/integration.md), admins only: the exchange endpoint and its outbox (waiting, delivered, last
// delivery, last error, the endpoint-down alarm), webhooks (subscribe with URL, secret and events; delete), phone
// recipients of alarms (per area, quiet period; add, delete) and the senders of inbound bulletins (the API tokens of
// the admin and operator accounts, with the account's scope: issue, revoke). Others who open the page are told it is
// for administrators; nothing else is shown, since every route behind it is for admins.
import { get, post, del } from '../api.js';
import { t } from '../i18n.js';
import { el, clear, fmtTime, badge, showError, toast } from '../ui.js';
import { cardTable, cell } from '../table.js';

const EVENTS = ['ALARM_RAISED', 'ALARM_CLEARED', 'STATION_OFFLINE', 'STATION_ONLINE', 'PLAY_FAILED', 'ROLLOUT_PAUSED'];

/** A GET that may answer 404 when nothing is configured (the exchange endpoint, the phone gateway). */
async function optional(path) {
  try { return await get(path); } catch (e) { if (e.status === 404) return null; throw e; }
}

export async function connectorsPage(main, scope, ctx) {
  main.append(el('h1', {}, t('conn.title')), el('p', { class: 'help muted' }, t('conn.intro')));
  if (!ctx || !ctx.user || ctx.user.role !== 'ADMIN') {
    main.append(el('p', { class: 'notice', id: 'connectors-read-only' }, t('conn.adminOnly')));
    return;
  }
  const error = el('p', { class: 'error', role: 'alert', id: 'connectors-error' });
  const exchange = el('div', { class: 'table-wrap', id: 'conn-exchange' });
  const webhooks = el('div', { class: 'table-wrap', id: 'webhook-list' });
  const gateway = el('div', { id: 'phone-gateway' });
  const recipients = el('div', { class: 'table-wrap', id: 'recipient-list' });
  const tokens = el('div', { class: 'table-wrap', id: 'token-list' });
  const tokenShown = el('div', { id: 'token-shown' });
  let areas = [];
  let accounts = [];
  try { [areas, accounts] = await Promise.all([get('/api/v1/areas'), get('/api/v1/accounts')]); } catch (e) { main.append(error); showError(error, e); return; }
  const areaName = (id) => (areas.find((a) => a.id === id) || {}).name || ('#' + id);
  main.append(error,
    el('section', { class: 'card', id: 'conn-exchange-card' }, el('h2', {}, t('conn.exchange')), exchange),
    el('section', { class: 'card', id: 'conn-webhooks-card' }, el('h2', {}, t('conn.webhooks')), webhooks,
      webhookForm(error, () => refresh())),
    el('section', { class: 'card', id: 'conn-phones-card' }, el('h2', {}, t('conn.phones')), gateway, recipients,
      recipientForm(areas, error, () => refresh())),
    el('section', { class: 'card', id: 'conn-senders-card' }, el('h2', {}, t('conn.senders')),
      el('p', { class: 'help muted' }, t('conn.sendersHelp')), tokens, tokenShown,
      tokenForm(accounts.filter((a) => !a.disabled && (a.role === 'ADMIN' || a.role === 'OPERATOR')), error, tokenShown,
        () => refresh())));

  const remove = async (question, path, done) => {
    if (!confirm(question)) return;
    try { await del(path); error.textContent = ''; toast(t(done)); await refresh(); } catch (e) { showError(error, e); }
  };

  let loadFailed = false;
  async function refresh() {
    let ex, hooks, gw, people, senders, down;
    try {
      [ex, hooks, gw, people, senders, down] = await Promise.all([optional('/api/v1/exchange/endpoint'),
        get('/api/v1/webhooks'), optional('/api/v1/phone/gateway'), get('/api/v1/phone/recipients'),
        get('/api/v1/exchange/senders'), get('/api/v1/alarms?kind=OUTBOUND_ENDPOINT_DOWN&limit=100')]);
    } catch (e) { showError(error, e); loadFailed = true; return; }
    if (!scope.alive) return;
    // a failed load's message goes once it loads again; a form's refusal stays until something done succeeds
    if (loadFailed) { error.textContent = ''; loadFailed = false; }
    // the endpoint-down alarm names the endpoint's id as its subject while the condition lasts
    const alarmOf = (e) => down.find((a) => a.conditionActive && a.subject === String(e.id));
    const alarmCell = (e) => {
      const a = alarmOf(e);
      return cell({ class: 'endpoint-alarm' }, a ? [badge(t('alarm.' + a.state), a.state), ' ', t('alarmKind.' + a.kind)]
        : t('conn.noAlarm'));
    };
    clear(exchange).append(ex ? cardTable({ id: 'exchange-table' },
      ['conn.url', 'conn.pending', 'conn.delivered', 'conn.refused', 'conn.lastDelivered', 'conn.failures',
        'conn.lastError', 'conn.alarm'],
      [{ attrs: { 'data-endpoint-id': ex.id }, cells: [
        cell({ class: 'url' }, ex.url), cell({ class: 'pending' }, String(ex.pending)),
        cell({ class: 'delivered' }, String(ex.delivered)), cell({ class: 'refused' }, String(ex.refused)),
        cell({ class: 'last-delivered' }, ex.lastDeliveredAt ? fmtTime(ex.lastDeliveredAt) : t('conn.never')),
        cell({ class: 'failures' }, String(ex.failures) + (ex.nextAttemptAt ? ' · ' + t('conn.nextAttempt') + ' ' + fmtTime(ex.nextAttemptAt) : '')),
        cell({ class: 'last-error' }, ex.lastError || '—'), alarmCell(ex)] }])
      : el('p', { class: 'muted', id: 'exchange-none' }, t('conn.noExchange')));

    clear(webhooks).append(hooks.length ? cardTable({ id: 'webhook-table' },
      ['conn.url', 'conn.events', 'conn.pending', 'conn.delivered', 'conn.lastDelivered', 'conn.lastError', 'conn.alarm', 'col.actions'],
      hooks.map((w) => ({ attrs: { 'data-webhook-id': w.id }, cells: [
        cell({ class: 'url' }, w.url), (w.events || []).map((k) => t('conn.event.' + k)).join(', '),
        cell({ class: 'pending' }, String(w.pending)), cell({ class: 'delivered' }, String(w.delivered)),
        cell({ class: 'last-delivered' }, w.lastDeliveredAt ? fmtTime(w.lastDeliveredAt) : t('conn.never')),
        cell({ class: 'last-error' }, w.lastError || '—'), alarmCell(w),
        el('button', { type: 'button', class: 'danger webhook-delete', id: 'webhook-delete-' + w.id,
          onclick: () => remove(t('conn.confirmDeleteWebhook', { url: w.url }), '/api/v1/webhooks/' + w.id, 'conn.deleted') },
        t('conn.delete'))] })))
      : el('p', { class: 'muted' }, t('conn.noWebhooks')));

    clear(gateway).append(gw
      ? el('p', { style: 'overflow-wrap: anywhere' }, t('conn.gateway'), ': ', el('span', { class: 'url' }, gw.url), ' · ', t('conn.delivered'), ' ',
        String(gw.delivered), ' · ', t('conn.pending'), ' ', String(gw.pending))
      : el('p', { class: 'notice' }, t('conn.noGateway')));
    clear(recipients).append(people.length ? cardTable({ id: 'recipient-table' },
      ['conn.name', 'conn.chatId', 'conn.area', 'conn.quiet', 'col.actions'],
      people.map((p) => ({ attrs: { 'data-recipient-id': p.id }, cells: [
        cell({ class: 'name' }, p.name), p.chatId,
        p.areaId === null || p.areaId === undefined ? t('conn.allAreas') : areaName(p.areaId),
        p.quietFrom ? p.quietFrom + '–' + p.quietTo : t('conn.noQuiet'),
        el('button', { type: 'button', class: 'danger recipient-delete', id: 'recipient-delete-' + p.id,
          onclick: () => remove(t('conn.confirmDeleteRecipient', { name: p.name }), '/api/v1/phone/recipients/' + p.id, 'conn.deleted') },
        t('conn.delete'))] })))
      : el('p', { class: 'muted' }, t('conn.noRecipients')));

    const scopeName = (id) => (id === null || id === undefined ? t('acc.wholeSystem') : areaName(id));
    clear(tokens).append(senders.length ? cardTable({ id: 'token-table' },
      ['conn.tokenName', 'conn.account', 'conn.scope', 'conn.created', 'conn.expires', 'conn.lastUsed', 'col.actions'],
      senders.map((k) => ({ attrs: { 'data-token-id': k.id }, cells: [
        cell({ class: 'name' }, k.name), cell({ class: 'account' }, [k.username, ' · ', t('role.' + k.role)]),
        cell({ class: 'scope' }, scopeName(k.scopeAreaId)), fmtTime(k.createdAt), fmtTime(k.expiresAt),
        k.lastUsedAt ? fmtTime(k.lastUsedAt) : t('conn.never'),
        el('button', { type: 'button', class: 'danger token-revoke', id: 'token-revoke-' + k.id,
          onclick: () => remove(t('conn.confirmRevoke', { name: k.name }), '/api/v1/exchange/senders/' + k.id, 'conn.revoked') },
        t('conn.revoke'))] })))
      : el('p', { class: 'muted' }, t('conn.noTokens')));
  }
  await refresh();
  scope.every(10000, refresh);
}

function webhookForm(error, done) {
  const url = el('input', { type: 'text', id: 'webhook-url', required: true, autocomplete: 'off', inputmode: 'url' });
  const secret = el('input', { type: 'password', id: 'webhook-secret', required: true, minlength: 16, autocomplete: 'new-password' });
  const boxes = EVENTS.map((k) => el('input', { type: 'checkbox', id: 'webhook-event-' + k, value: k }));
  const form = el('form', { id: 'webhook-form', novalidate: true },
    el('div', { class: 'row' }, el('label', {}, t('conn.url'), url), el('label', {}, t('conn.secret'), secret)),
    el('fieldset', {}, el('legend', {}, t('conn.events')),
      el('div', { class: 'checks' }, boxes.map((b) => el('label', { class: 'inline', for: b.id }, b, t('conn.event.' + b.value))))),
    el('button', { type: 'submit', class: 'primary', id: 'webhook-subscribe' }, t('conn.subscribe')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    // told before anything is sent, in the console's language (the server refuses the same with field names)
    const problems = [];
    if (!url.value.trim()) problems.push(t('conn.urlRequired'));
    if (secret.value.length < 16) problems.push(t('conn.secretShort'));
    if (!boxes.some((b) => b.checked)) problems.push(t('conn.eventRequired'));
    if (problems.length) { error.textContent = problems.join(' '); return; }
    try {
      await post('/api/v1/webhooks', { url: url.value.trim(), secret: secret.value,
        events: boxes.filter((b) => b.checked).map((b) => b.value) });
      form.reset();
      error.textContent = '';
      toast(t('conn.subscribed'));
      await done();
    } catch (err) { showError(error, err); }
  });
  return form;
}

function recipientForm(areas, error, done) {
  const name = el('input', { type: 'text', id: 'recipient-name', required: true, maxlength: 100 });
  const chat = el('input', { type: 'text', id: 'recipient-chat', required: true, maxlength: 100 });
  const area = el('select', { id: 'recipient-area' }, el('option', { value: '' }, t('conn.allAreas')),
    areas.map((a) => el('option', { value: a.id }, a.name)));
  const from = el('input', { type: 'time', id: 'recipient-quiet-from' });
  const to = el('input', { type: 'time', id: 'recipient-quiet-to' });
  const form = el('form', { id: 'recipient-form', novalidate: true },
    el('div', { class: 'row' }, el('label', {}, t('conn.name'), name), el('label', {}, t('conn.chatId'), chat),
      el('label', {}, t('conn.area'), area)),
    el('div', { class: 'row' }, el('label', {}, t('conn.quietFrom'), from), el('label', {}, t('conn.quietTo'), to)),
    el('button', { type: 'submit', class: 'primary', id: 'recipient-add' }, t('conn.addRecipient')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const problems = [];
    if (!name.value.trim() || !chat.value.trim()) problems.push(t('conn.recipientRequired'));
    if (!from.value !== !to.value) problems.push(t('conn.quietBoth'));
    if (problems.length) { error.textContent = problems.join(' '); return; }
    const body = { name: name.value, chatId: chat.value };
    if (area.value) body.areaId = Number(area.value);
    if (from.value) body.quietFrom = from.value;
    if (to.value) body.quietTo = to.value;
    try { await post('/api/v1/phone/recipients', body); form.reset(); error.textContent = ''; toast(t('conn.recipientAdded')); await done(); } catch (err) { showError(error, err); }
  });
  return form;
}

function tokenForm(senders, error, shown, done) {
  const account = el('select', { id: 'token-account' },
    senders.map((a) => el('option', { value: a.id }, a.username + ' (' + t('role.' + a.role) + ')')));
  const name = el('input', { type: 'text', id: 'token-name', required: true, maxlength: 100 });
  const days = el('input', { type: 'number', id: 'token-days', min: 1, max: 3650, value: 90 });
  const form = el('form', { id: 'token-form', novalidate: true },
    el('div', { class: 'row' }, el('label', {}, t('conn.account'), account), el('label', {}, t('conn.tokenName'), name),
      el('label', {}, t('conn.days'), days)),
    el('button', { type: 'submit', class: 'primary', id: 'token-create' }, t('conn.createToken')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!account.value || !name.value.trim()) { error.textContent = t('conn.tokenRequired'); return; }
    try {
      const issued = await post('/api/v1/exchange/senders', { accountId: Number(account.value), name: name.value,
        expiresInDays: Number(days.value) });
      clear(shown).append(el('p', { class: 'notice', style: 'overflow-wrap: anywhere' }, t('conn.tokenShown'), ' ', el('code', { id: 'token-secret' }, issued.token)));
      form.reset();
      error.textContent = '';
      await done();
    } catch (err) { showError(error, err); }
  });
  return form;
}
