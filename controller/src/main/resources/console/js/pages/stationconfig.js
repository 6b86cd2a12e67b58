// Remote configuration of a station (docs/configuration.md): the hardware file and the agent settings, each in a
// text area, checked by the station agent's own parser (every error with its line), pushed to the station, and the
// station's configuration history (applied, refused, rolled back). A section of the station's page.
import { get, post } from '../api.js';
import { t } from '../i18n.js';
import { el, clear, fmtTime, badge, showError, toast } from '../ui.js';
import { cardTable } from '../table.js';

const STATE_CLASS = { APPLIED: 'ok', REFUSED: 'bad', ROLLED_BACK: 'bad', FAILED: 'bad', SENT: 'PENDING', STAGED: 'PENDING' };

function errorList(errors) {
  return el('ul', { class: 'error', id: 'cfg-errors' }, errors.map((e) =>
    el('li', { dataset: { line: String(e.line) } }, el('strong', {}, e.line > 0 ? t('cfg.line', { line: e.line }) : t('cfg.whole')), ': ', e.message)));
}

export async function configSection(main, id, mayManage, scope) {
  const error = el('p', { class: 'error', role: 'alert', id: 'cfg-error' });
  const historyBox = el('div', { class: 'table-wrap', id: 'cfg-history' });
  const section = el('section', { class: 'card', id: 'station-config' }, el('h2', {}, t('cfg.title')), error);
  main.append(section);
  let history = [];

  async function drawHistory() {
    try { history = await get(`/api/v1/stations/${id}/config-history`); } catch (e) { showError(error, e); return; }
    clear(historyBox).append(history.length ? cardTable({ id: 'cfg-history-table' },
      ['cfg.pushedAt', 'cfg.which', 'cfg.state', 'cfg.detail', 'cfg.zonesTested'],
      history.map((p) => ({ attrs: { dataset: { pushId: String(p.id) } }, cells: [
        fmtTime(p.pushedAt),
        t('cfgFile.' + (p.file || 'HARDWARE_FILE')),
        badge(t('cfgState.' + p.state), STATE_CLASS[p.state] || p.state),
        [p.reason || '', p.errors && p.errors.length ? errorList(p.errors) : null],
        (p.testedZoneIds || []).join(', ')] })))
      : el('p', { class: 'muted' }, t('cfg.none')));
  }

  // one form per file: the hardware file (ids cfg-…) and the agent settings (ids set-…), the same steps
  function fileForm(f) {
    const text = el('textarea', { id: `${f.prefix}-file`, rows: f.rows, spellcheck: 'false', class: 'mono', 'aria-label': t(f.label) });
    const result = el('div', { id: `${f.prefix}-result`, 'aria-live': 'polite' });
    const errorsOf = (errors) => { const list = errorList(errors); list.id = `${f.prefix}-errors`; return list; };
    async function validate() {
      clear(result);
      let v;
      try { v = await post(f.validateUrl, { [f.field]: text.value }); } catch (e) { showError(error, e); return false; }
      if (v.valid) {
        result.append(el('p', { class: 'ok' }, t('cfg.valid')));
        return true;
      }
      result.append(el('p', {}, t('cfg.errors', { n: v.errors.length })), errorsOf(v.errors));
      return false;
    }
    async function push() {
      if (!await validate()) return;
      try {
        await post(f.pushUrl, { [f.field]: text.value });
      } catch (e) { showError(error, e); return; }
      toast(t(f.pushed));
      clear(result).append(el('p', { class: 'muted' }, t(f.pushed)));
      await drawHistory();
    }
    const load = el('button', { type: 'button', id: `${f.prefix}-load`, onclick: () => {
      const last = history.find((p) => p.state === 'APPLIED' && (p.file || 'HARDWARE_FILE') === f.file);
      if (last) text.value = last[f.field];
    } }, t('cfg.load'));
    return [el('label', { for: `${f.prefix}-file` }, t(f.label)), text,
      el('div', { class: 'row' },
        el('button', { type: 'button', id: `${f.prefix}-validate`, onclick: validate }, t('cfg.validate')),
        el('button', { type: 'button', id: `${f.prefix}-push`, onclick: push }, t('cfg.push')), load),
      el('p', { class: 'muted' }, t(f.hint)), result];
  }

  if (mayManage) {
    section.append(...fileForm({ prefix: 'cfg', file: 'HARDWARE_FILE', field: 'hardwareFile', rows: 14,
      label: 'cfg.file', hint: 'cfg.hint', pushed: 'cfg.pushed',
      validateUrl: '/api/v1/hardware-file/validate', pushUrl: `/api/v1/stations/${id}/hardware-file` }));
    section.append(el('h3', {}, t('cfg.settingsTitle')), ...fileForm({ prefix: 'set', file: 'STATION_SETTINGS',
      field: 'stationSettings', rows: 8, label: 'cfg.settingsFile', hint: 'cfg.settingsHint', pushed: 'cfg.settingsPushed',
      validateUrl: '/api/v1/station-settings/validate', pushUrl: `/api/v1/stations/${id}/settings` }));
  }
  section.append(el('h3', {}, t('cfg.history')), historyBox);
  await drawHistory();
  scope.every(5000, drawHistory);
}
