import { get, post, del, upload } from '../api.js';
import { t } from '../i18n.js';
import { el, clear, fmtTime, badge, showError, toast } from '../ui.js';
import { loadBasics } from '../data.js';
import { targetPicker, reachText } from '../picker.js';
import { reasonText } from '../reasons.js';
import { openMic, toInt16, rms } from '../recorder.js';

/** The live socket's close code when its node stopped leading (docs/api.md#live). */
const STOPPED_LEADING = 4001;

export async function announcePage(main, scope, ctx) {
  const canSend = ctx.user.role === 'ADMIN' || ctx.user.role === 'OPERATOR';
  main.append(el('h1', {}, t('ann.title')), el('p', { class: 'help muted', id: 'ann-help' }, t('help.announce')));
  if (!canSend) { main.append(el('p', { class: 'notice' }, t('ann.readOnly'))); return; }
  const [basics, bulletins] = await Promise.all([loadBasics(), get('/api/v1/bulletins')]);
  const error = el('p', { class: 'error', role: 'alert', id: 'ann-error', tabindex: '-1' });
  const title = el('input', { type: 'text', id: 'ann-title', maxlength: 300, required: true });
  const priority = el('select', { id: 'ann-priority' }, ['NORMAL', 'PRIORITY', 'EMERGENCY'].map((p) => el('option', { value: p, selected: p === 'NORMAL' }, t('prio.' + p))));
  const picker = targetPicker(basics, 'ann');
  const radio = (v, label) => el('label', { class: 'inline', for: 'ann-src-' + v },
    el('input', { type: 'radio', name: 'ann-src', id: 'ann-src-' + v, value: v, checked: v === 'bulletin' }), label);
  const bulletin = el('select', { id: 'ann-bulletin' }, el('option', { value: '' }, t('sch.pickBulletin')),
    bulletins.map((b) => el('option', { value: b.id }, b.title)));
  const file = el('input', { type: 'file', id: 'ann-file', accept: 'audio/mpeg,audio/wav,.mp3,.wav' });
  const text = el('textarea', { id: 'ann-text', maxlength: 5000 });
  const voice = el('select', { id: 'ann-voice' }, [['vi', 'ann.voiceNorth'], ['vi-vn-x-central', 'ann.voiceCentral'], ['vi-vn-x-south', 'ann.voiceSouth']]
    .map(([v, k]) => el('option', { value: v }, t(k))));
  // the normalised text, as the speech engine will say it (POST /api/v1/speech/preview)
  const spoken = el('output', { id: 'ann-spoken', for: 'ann-text', class: 'muted' });
  const previewError = el('p', { class: 'error', role: 'alert', id: 'ann-preview-error' });
  const preview = el('button', { type: 'button', id: 'ann-preview' }, t('ann.preview'));
  preview.addEventListener('click', async () => {
    previewError.textContent = '';
    spoken.textContent = '';
    if (!text.value.trim()) { previewError.textContent = t('ann.needText'); return; }
    try { spoken.textContent = (await post('/api/v1/speech/preview', { text: text.value.trim() })).spoken; }
    catch (e) { showError(previewError, e); }
  });
  const chime = el('input', { type: 'checkbox', id: 'ann-chime', checked: true });
  const repeat = el('input', { type: 'number', id: 'ann-repeat', min: 1, max: 20, value: 1 });
  // empty: now; else a time in Vietnam, sent with its offset (the server refuses a time already past)
  const startAt = el('input', { type: 'datetime-local', id: 'ann-start-at' });
  const progress = el('progress', { id: 'ann-upload-progress', max: 100, value: 0, hidden: true });
  const boxes = {
    bulletin: el('div', { class: 'row' }, el('label', { for: 'ann-bulletin' }, t('ann.bulletin'), bulletin)),
    file: el('div', { class: 'row' }, el('label', { for: 'ann-file' }, t('ann.file'), file), progress),
    text: el('div', {}, el('label', { for: 'ann-text' }, t('ann.text'), text), el('label', { for: 'ann-voice' }, t('ann.voice'), voice),
      el('div', { class: 'row' }, preview), el('p', {}, t('ann.spoken'), ' ', spoken), previewError),
    live: el('p', { class: 'muted' }, t('ann.liveHint')),
  };
  const sources = el('fieldset', { id: 'ann-source' }, el('legend', {}, t('ann.source')),
    el('div', { class: 'row' }, radio('bulletin', t('ann.srcBulletin')), radio('file', t('ann.srcFile')),
      radio('text', t('ann.srcText')), radio('live', t('ann.srcLive'))), ...Object.values(boxes));
  const source = () => sources.querySelector('input[name=ann-src]:checked').value;
  function showSource() { for (const [k, b] of Object.entries(boxes)) b.hidden = k !== source(); }
  sources.addEventListener('change', showSource);
  showSource();
  const send = el('button', { type: 'submit', class: 'primary', id: 'ann-send' }, t('ann.send'));
  const form = el('form', { class: 'card', id: 'ann-form' },
    el('div', { class: 'row' }, el('label', { for: 'ann-title' }, t('ann.fieldTitle'), title), el('label', { for: 'ann-priority' }, t('col.priority'), priority)),
    el('h2', {}, t('targets.label')), picker.node, sources,
    el('div', { class: 'row' }, el('label', { class: 'inline', for: 'ann-chime' }, chime, t('ann.chime')),
      el('label', { for: 'ann-repeat' }, t('ann.repeat'), repeat),
      el('label', { for: 'ann-start-at' }, t('ann.startAtField'), startAt)),
    error, el('div', { class: 'actions' }, send));
  const status = el('section', { class: 'card', id: 'ann-status', hidden: true });
  main.append(form, status);

  // confirmation
  const summary = el('div', { id: 'ann-summary' });
  const confirmBtn = el('button', { type: 'button', class: 'primary', id: 'ann-confirm' }, t('ann.confirmSend'));
  const cancelBtn = el('button', { type: 'button', id: 'ann-cancel' }, t('ann.cancel'));
  const dialog = el('dialog', { id: 'ann-dialog', 'aria-labelledby': 'ann-dialog-title' },
    el('h2', { id: 'ann-dialog-title' }, t('ann.confirmTitle')), summary, el('div', { class: 'actions' }, confirmBtn, cancelBtn));
  main.append(dialog);
  cancelBtn.addEventListener('click', () => dialog.close());

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    error.textContent = '';
    const problems = [];
    if (!title.value.trim()) problems.push(t('ann.needTitle'));
    const tg = picker.targets();
    if (!tg.areaIds.length && !tg.stationIds.length && !tg.zoneIds.length) problems.push(t('ann.needTargets'));
    if (source() === 'bulletin' && !bulletin.value) problems.push(t('ann.needBulletin'));
    if (source() === 'file' && !file.files[0]) problems.push(t('bul.needFile'));
    if (source() === 'text' && !text.value.trim()) problems.push(t('ann.needText'));
    if (problems.length) { error.textContent = problems.join(' '); error.focus(); return; }
    const lines = [
      el('p', {}, el('strong', {}, title.value), ' · ', badge(t('prio.' + priority.value), priority.value)),
      el('p', {}, t('ann.to') + ' ', picker.describe().join(', ')),
      el('p', { id: 'ann-reach' }, t('ann.reachLabel') + ' ' + reachText(picker.reach())),
      el('p', {}, t('ann.srcLabel') + ' ' + t('ann.src' + source().charAt(0).toUpperCase() + source().slice(1)))];
    if (priority.value === 'EMERGENCY') lines.push(el('p', { class: 'notice' }, t('ann.emergencyWarning')));
    clear(summary).append(...lines);
    dialog.showModal();
    confirmBtn.focus();
  });

  // EMERGENCY: a second confirmation that names how many stations and zones it reaches
  const emergencyText = el('p', { id: 'ann-emergency-reach', class: 'error' });
  const emergencyBtn = el('button', { type: 'button', class: 'primary', id: 'ann-emergency-confirm' }, t('ann.emergencyConfirm'));
  const emergencyCancel = el('button', { type: 'button', id: 'ann-emergency-cancel' }, t('ann.cancel'));
  const emergencyDialog = el('dialog', { id: 'ann-emergency-dialog', 'aria-labelledby': 'ann-emergency-title' },
    el('h2', { id: 'ann-emergency-title' }, t('ann.emergencyTitle')), emergencyText, el('div', { class: 'actions' }, emergencyBtn, emergencyCancel));
  main.append(emergencyDialog);
  emergencyCancel.addEventListener('click', () => emergencyDialog.close());

  confirmBtn.addEventListener('click', () => {
    dialog.close();
    if (priority.value !== 'EMERGENCY') { start(); return; }
    const r = picker.reach();
    emergencyText.textContent = t('ann.emergencyReach', { s: r.stations, z: r.zones, c: r.communes });
    emergencyDialog.showModal();
    emergencyCancel.focus();
  });
  emergencyBtn.addEventListener('click', () => { emergencyDialog.close(); start(); });

  async function start() {
    send.disabled = true;
    try {
      let src;
      if (source() === 'bulletin') src = { type: 'bulletin', bulletinId: Number(bulletin.value) };
      else if (source() === 'text') src = { type: 'text', text: text.value.trim(), voice: voice.value };
      else if (source() === 'live') src = { type: 'live' };
      else {
        const data = new FormData();
        data.append('title', title.value.trim());
        data.append('file', file.files[0], file.files[0].name);
        progress.hidden = false;
        const b = await upload('/api/v1/bulletins', data, (l, tot) => { progress.value = Math.round(l * 100 / tot); });
        src = { type: 'bulletin', bulletinId: b.id };
      }
      const body = { title: title.value.trim(), priority: priority.value, targets: picker.targets(), source: src,
        chime: chime.checked, repeat: Number(repeat.value) || 1 };
      if (startAt.value) body.startAt = startAt.value + (startAt.value.length === 16 ? ':00' : '') + '+07:00';
      const created = await post('/api/v1/announcements', body);
      toast(t('ann.sent'));
      watch(created.id, src.type === 'live');
    } catch (err) {
      showError(error, err);
      error.focus();
    } finally {
      send.disabled = false;
    }
  }

  function watch(id, live) {
    status.hidden = false;
    const head = el('div', {});
    const table = el('div', { class: 'table-wrap' });
    const stop = el('button', { type: 'button', class: 'danger', id: 'ann-stop' }, t('ann.stop'));
    const liveBox = el('div', { id: 'ann-live' });
    const statusError = el('p', { class: 'error', role: 'alert' });
    clear(status).append(el('h2', {}, t('ann.statusTitle')), head, liveBox, table, statusError, el('div', { class: 'actions' }, stop));
    stop.addEventListener('click', async () => {
      try { await del('/api/v1/announcements/' + id); } catch (e) { showError(statusError, e); }
    });
    let timer = null;
    let scrolled = false;
    async function poll() {
      let a;
      try { a = await get('/api/v1/announcements/' + id); } catch (e) { showError(statusError, e); return; }
      clear(head).append(el('p', {}, el('strong', {}, a.title), ' · ', badge(t('annState.' + a.state), a.state),
        el('span', { id: 'ann-state', hidden: true, dataset: { state: a.state } }), ' · ', t('ann.startAt') + ' ' + fmtTime(a.startAt)));
      clear(table).append(el('table', { id: 'ann-stations' },
        el('thead', {}, el('tr', {}, ['col.station', 'col.state', 'ann.started', 'ann.ended', 'ann.reason'].map((k) => el('th', {}, t(k))))),
        el('tbody', {}, a.stations.map((s) => el('tr', { dataset: { stationId: String(s.stationId), state: s.state } },
          el('td', {}, basics.stationById.get(s.stationId)?.name || ('#' + s.stationId)),
          el('td', { class: 'state' }, badge(t('stState.' + s.state), s.state)),
          el('td', {}, fmtTime(s.startedAt)), el('td', {}, fmtTime(s.endedAt)), el('td', {}, reasonText(s.reason)))))));
      stop.disabled = a.state !== 'ACTIVE';
      if (!scrolled) { scrolled = true; status.scrollIntoView({ block: 'start' }); }
      if (a.state !== 'ACTIVE') { clearInterval(timer); }
    }
    timer = setInterval(poll, 700);
    scope.onClose(() => clearInterval(timer));
    poll();
    if (live) speak(id, liveBox, statusError, chime.checked);
  }

  // the stations skip what arrives while their chime plays (so the chime adds nothing to the delay): the
  // speaker is told to wait this long after the microphone opens (the built-in chime lasts about 3.1 s)
  const CHIME_WAIT_MS = 3500;

  /**
   * The console address to speak again on after a live announcement ended with its node: asked again (a node
   * that stopped leading still answers, naming the leader), else from what was read at the start (it died).
   */
  async function speakAgainOn(before) {
    let now = null;
    try { now = await get('/api/v1/cluster'); } catch (e) { now = null; }
    const known = now || before;
    if (!known) return null;
    const others = known.nodes.filter((n) => n.node !== known.node);
    const leader = others.filter((n) => n.leading);
    return (leader.length ? leader : others).map((n) => n.consoleUrl).join(', ') || null;
  }

  async function speak(id, box, statusError, withChime) {
    const level = el('div', { class: 'level', role: 'meter', 'aria-label': t('rec.level') }, el('div'));
    const endBtn = el('button', { type: 'button', class: 'primary', id: 'ann-live-end' }, '■ ' + t('ann.liveEnd'));
    const info = el('span', { id: 'ann-live-info', class: 'muted', 'aria-live': 'polite' });
    const banner = el('p', { id: 'ann-live-banner' }, '● ', el('strong', {}, t('ann.liveOn')));
    const countdown = el('p', { id: 'ann-chime-countdown', class: 'notice', 'aria-live': 'assertive', hidden: true });
    let speakAt = null;
    function showCountdown() {
      if (speakAt === null) return;
      const left = Math.ceil((speakAt - Date.now()) / 1000);
      countdown.hidden = left <= 0;
      banner.hidden = left > 0;
      countdown.textContent = t('ann.chimeWait', { s: Math.max(0, left) });
      if (left <= 0) speakAt = null;
    }
    scope.every(200, showCountdown);
    // when the announcement ends with its node (it died or stopped leading): where to speak again
    const lost = el('p', { id: 'ann-live-lost', class: 'error', role: 'alert', hidden: true });
    clear(box).append(countdown, banner, level, info, lost, el('div', { class: 'actions' }, endBtn));
    let cluster = null; // read while the node answers: the other nodes, should it die
    get('/api/v1/cluster').then((c) => { cluster = c; }).catch(() => {});
    let mic = null, ws = null, sent = 0;
    const finish = async () => {
      if (ws && ws.readyState === WebSocket.OPEN) ws.close(1000, 'end');
      if (mic) { const m = mic; mic = null; await m.stop(); }
      endBtn.disabled = true;
      banner.hidden = true;
      countdown.hidden = true;
      speakAt = null;
      level.hidden = true;
      info.textContent = t('ann.liveDone', { s: (sent).toFixed(1) });
    };
    endBtn.addEventListener('click', finish);
    scope.onClose(finish);
    try {
      const pending = [];
      mic = await openMic((c) => {
        const v = Math.min(100, Math.round(rms(c) * 300));
        level.firstChild.style.width = v + '%';
        if (ws && ws.readyState === WebSocket.OPEN) {
          if (withChime && speakAt === null && sent === 0) { speakAt = Date.now() + CHIME_WAIT_MS; showCountdown(); }
          while (pending.length) ws.send(pending.shift());
          ws.send(toInt16(c).buffer);
          sent += c.length / mic.rate;
          info.textContent = t('rec.recording', { s: sent.toFixed(1) });
          info.dataset.seconds = sent.toFixed(2);
        } else if (!ws || ws.readyState === WebSocket.CONNECTING) {
          pending.push(toInt16(c).buffer);
        }
      });
      const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
      ws = new WebSocket(`${proto}//${location.host}/api/v1/announcements/${id}/live?rate=${mic.rate}`);
      ws.binaryType = 'arraybuffer';
      ws.onclose = async (e) => {
        const demoted = e.code === STOPPED_LEADING;
        if (demoted || (e.code === 1006 && cluster && cluster.nodes.length > 1)) {
          if (mic) finish();
          const where = await speakAgainOn(cluster);
          lost.textContent = t(demoted ? 'ann.liveDemoted' : 'ann.liveNodeLost',
            { node: location.host, where: where || t('ann.liveWhereStandby') });
          lost.hidden = false;
          return;
        }
        if (e.code !== 1000 && e.code !== 1005) statusError.textContent = t('ann.liveClosed', { code: e.code, reason: e.reason || '' });
        if (mic) finish();
      };
      ws.onerror = () => { statusError.textContent = t('ann.liveFailed'); };
    } catch (e) {
      statusError.textContent = t('rec.failed') + ' ' + (e.message || e.name);
      if (ws) ws.close();
    }
  }
}
