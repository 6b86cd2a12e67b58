// Quiet hours and time-of-day volume (giờ yên lặng): list, add (showing the schedules it holds back), delete.
import { get, post, del } from '../api.js';
import { t } from '../i18n.js';
import { el, clear, fmtTime, showError, toast } from '../ui.js';

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

export async function quietSection(main, basics, canEdit) {
  const section = el('section', { class: 'card', id: 'quiet' }, el('h2', {}, t('quiet.title')), el('p', { class: 'muted' }, t('quiet.hint')));
  const list = el('div', { class: 'table-wrap', id: 'quiet-list' });
  const error = el('p', { class: 'error', role: 'alert', id: 'quiet-error' });
  const conflicts = el('div', { id: 'quiet-conflicts', 'aria-live': 'polite' });
  section.append(list, error);
  const stationName = (id) => id == null ? t('quiet.everyStation') : (basics.stationById.get(id)?.name || ('#' + id));

  async function refresh() {
    let rules = [];
    try { rules = await get('/api/v1/quiet-rules'); } catch (e) { showError(error, e); return; }
    if (!rules.length) { clear(list).append(el('p', { class: 'muted' }, t('quiet.none'))); return; }
    const head = el('thead', {}, el('tr', {},
      ['quiet.name', 'col.station', 'quiet.from', 'quiet.to', 'quiet.effect', 'quiet.override', ''].map((k) => el('th', {}, k ? t(k) : ''))));
    const rows = rules.map((r) => {
      const where = stationName(r.stationId) + (r.zoneIds.length ? ' · ' + t('quiet.zones', { n: r.zoneIds.length }) : '');
      const until = r.to + (r.days.length ? ' (' + r.days.map((d) => t('quiet.day.' + d)).join(', ') + ')' : '');
      const effect = r.effect === 'ATTENUATE' ? t('quiet.attenuate', { db: r.gainDb }) : t('quiet.holdBack');
      const remove = canEdit ? el('button', { type: 'button', class: 'danger', 'data-rule': r.id, onclick: async () => {
        try { await del('/api/v1/quiet-rules/' + r.id); toast(t('quiet.deleted')); refresh(); } catch (e) { showError(error, e); }
      } }, t('quiet.delete')) : '';
      return el('tr', {}, el('td', {}, r.name), el('td', {}, where), el('td', {}, r.from), el('td', {}, until),
        el('td', {}, effect), el('td', {}, t('prio.' + r.overrideFrom)), el('td', {}, remove));
    });
    clear(list).append(el('table', {}, head, el('tbody', {}, rows)));
  }

  if (canEdit) {
    const name = el('input', { type: 'text', id: 'quiet-name', maxlength: 200, placeholder: 'Giờ nghỉ đêm' });
    const station = el('select', { id: 'quiet-station' }, el('option', { value: '' }, t('quiet.everyStation')),
      basics.stations.map((s) => el('option', { value: s.id }, s.name)));
    const from = el('input', { type: 'time', id: 'quiet-from', value: '21:30' });
    const to = el('input', { type: 'time', id: 'quiet-to', value: '05:30' });
    const effect = el('select', { id: 'quiet-effect' }, el('option', { value: 'HOLD_BACK' }, t('quiet.holdBack')),
      el('option', { value: 'ATTENUATE' }, t('quiet.attenuateShort')));
    const gain = el('input', { type: 'number', id: 'quiet-gain', min: -40, max: 0, step: 1, value: -6 });
    const override = el('select', { id: 'quiet-override' }, ['PRIORITY', 'EMERGENCY', 'NORMAL'].map((p) => el('option', { value: p }, t('prio.' + p))));
    const days = DAYS.map((d) => el('label', { class: 'inline', for: 'quiet-day-' + d }, el('input', { type: 'checkbox', id: 'quiet-day-' + d, value: d }), t('quiet.day.' + d)));
    const add = el('button', { type: 'submit', class: 'primary', id: 'quiet-add' }, t('quiet.add'));
    const form = el('form', {}, el('div', { class: 'row' },
      el('label', { for: 'quiet-name' }, t('quiet.name'), name), el('label', { for: 'quiet-station' }, t('col.station'), station),
      el('label', { for: 'quiet-from' }, t('quiet.from'), from), el('label', { for: 'quiet-to' }, t('quiet.to'), to)),
    el('div', { class: 'row' }, el('label', { for: 'quiet-effect' }, t('quiet.effect'), effect), el('label', { for: 'quiet-gain' }, t('quiet.gain'), gain),
      el('label', { for: 'quiet-override' }, t('quiet.override'), override)),
    el('fieldset', {}, el('legend', {}, t('quiet.days')), ...days), el('div', { class: 'actions' }, add), conflicts);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      clear(conflicts);
      const body = { name: name.value.trim(), from: from.value, to: to.value, effect: effect.value, overrideFrom: override.value,
        days: days.map((l) => l.querySelector('input')).filter((c) => c.checked).map((c) => c.value) };
      if (station.value) body.stationId = Number(station.value);
      if (effect.value === 'ATTENUATE') body.gainDb = Number(gain.value);
      try {
        const r = await post('/api/v1/quiet-rules', body);
        toast(t('quiet.added', { name: r.name }));
        if (r.conflicts.length) {
          conflicts.append(el('p', { class: 'notice' }, t('quiet.conflicts', { n: r.conflicts.length })),
            el('ul', {}, r.conflicts.map((c) => el('li', {}, `${c.title} (#${c.scheduleId}) — ${c.stationName}, ${fmtTime(c.at)}`))));
        }
        refresh();
      } catch (x) { showError(error, x); }
    });
    section.append(form);
  }
  main.append(section);
  await refresh();
}
