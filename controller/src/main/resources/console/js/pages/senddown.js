// "Send a bulletin down" (docs/console.md#province-bulletins): a province-level operator picks a bulletin, a
// level under Thông tư 39 (normal: the commune decides; priority: scheduled, movable within a window;
// emergency: at once), the target communes and the times; it goes to POST /api/v1/dispatches.
import { get, post } from '../api.js';
import { t } from '../i18n.js';
import { el, clear, showError, toast } from '../ui.js';

const VN_OFFSET_MS = 7 * 3600e3;

function localValue(ms) {
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 16);
}

function fromLocal(v) {
  return v ? v + ':00+07:00' : null;
}

/** The form, or null when the caller cannot send down (not province level: no province in its areas). */
export async function sendDownForm(user, onSent) {
  if (user.role !== 'ADMIN' && user.role !== 'OPERATOR') return null;
  const [areas, bulletins] = await Promise.all([get('/api/v1/areas'), get('/api/v1/bulletins')]);
  if (!areas.some((a) => a.kind === 'PROVINCE')) return null;
  const communes = areas.filter((a) => a.kind === 'COMMUNE').sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const error = el('p', { class: 'error', role: 'alert', id: 'send-error' });
  const title = el('input', { type: 'text', id: 'send-title', maxlength: 300, required: true });
  const bulletin = el('select', { id: 'send-bulletin', required: true },
    el('option', { value: '' }, t('send.pickBulletin')),
    bulletins.map((b) => el('option', { value: b.id }, b.title)));
  bulletin.addEventListener('change', () => {
    const b = bulletins.find((x) => String(x.id) === bulletin.value);
    if (b && !title.value) title.value = b.title;
  });
  const level = el('select', { id: 'send-level' },
    ['NORMAL', 'PRIORITY', 'EMERGENCY'].map((l) => el('option', { value: l }, t('level.' + l))));
  const proposed = el('input', { type: 'datetime-local', id: 'send-proposed', value: localValue(Date.now() + 3600e3) });
  const respondBy = el('input', { type: 'datetime-local', id: 'send-respond-by', value: localValue(Date.now() + 1800e3) });
  const windowMinutes = el('input', { type: 'number', id: 'send-window', min: 0, max: 1440, value: 60 });
  const boxes = communes.map((c) => el('label', { class: 'inline' },
    el('input', { type: 'checkbox', value: c.id, id: 'send-commune-' + c.id, class: 'send-commune' }), ' ', c.name));
  const all = el('button', { type: 'button', id: 'send-all', onclick: () => {
    const on = boxes.some((b) => !b.firstChild.checked);
    boxes.forEach((b) => { b.firstChild.checked = on; });
  } }, t('send.all'));
  const levelHelp = el('p', { class: 'muted', id: 'send-level-help' });
  const proposedRow = el('label', { for: proposed.id }, t('send.proposed'), proposed);
  const respondRow = el('label', { for: respondBy.id }, t('send.respondBy'), respondBy);
  const windowRow = el('label', { for: windowMinutes.id }, t('send.window'), windowMinutes);
  function shape() {
    const l = level.value;
    levelHelp.textContent = t('send.help.' + l);
    proposedRow.hidden = l === 'EMERGENCY';
    respondRow.hidden = l !== 'NORMAL';
    windowRow.hidden = l !== 'PRIORITY';
  }
  level.addEventListener('change', shape);
  shape();
  const form = el('form', { class: 'card', id: 'send-form' },
    el('h2', {}, t('send.title')), error,
    el('label', { for: bulletin.id }, t('send.bulletin'), bulletin),
    el('label', { for: title.id }, t('send.fieldTitle'), title),
    el('label', { for: level.id }, t('inbox.level'), level), levelHelp,
    el('fieldset', { id: 'send-communes' }, el('legend', {}, t('send.communes')), all, el('div', { class: 'checks' }, boxes)),
    proposedRow, respondRow, windowRow,
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', id: 'send-submit' }, t('send.submit'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const l = level.value;
    const body = {
      title: title.value, bulletinId: Number(bulletin.value) || null, level: l,
      communeIds: boxes.filter((b) => b.firstChild.checked).map((b) => Number(b.firstChild.value)),
    };
    if (l !== 'EMERGENCY') body.proposedAt = fromLocal(proposed.value);
    if (l === 'NORMAL' && respondBy.value) body.respondBy = fromLocal(respondBy.value);
    if (l === 'PRIORITY') body.windowMinutes = Number(windowMinutes.value);
    try {
      const sent = await post('/api/v1/dispatches', body);
      toast(t('send.done', { n: sent.communes.length }));
      clear(error);
      await onSent(sent);
    } catch (err) {
      showError(error, err);
    }
  });
  return form;
}
