import { get, upload } from '../api.js';
import { languagePicker } from '../languages.js';
import { t } from '../i18n.js';
import { el, clear, fmtTime, fmtDuration, badge, showError, toast } from '../ui.js';
import { openMic, encodeWav, rms } from '../recorder.js';

export async function bulletinsPage(main, scope, ctx) {
  const canUpload = ctx.user.role === 'ADMIN' || ctx.user.role === 'OPERATOR';
  const error = el('p', { class: 'error', role: 'alert', id: 'bulletin-error', tabindex: '-1' });
  const list = el('div', { class: 'table-wrap', id: 'bulletin-list' });
  main.append(el('h1', {}, t('bul.title')));

  // upload
  const title = el('input', { type: 'text', id: 'bulletin-title', maxlength: 300, required: true });
  const file = el('input', { type: 'file', id: 'bulletin-file', accept: 'audio/mpeg,audio/wav,.mp3,.wav', required: true });
  const progress = el('progress', { id: 'upload-progress', max: 100, value: 0, hidden: true });
  const progressText = el('span', { id: 'upload-progress-text', class: 'muted', 'aria-live': 'polite' });
  const send = el('button', { type: 'submit', class: 'primary', id: 'bulletin-upload' }, t('bul.upload'));
  const language = await languagePicker('bulletin-language');
  let recorded = null; // a WAV Blob from the microphone
  const form = el('form', { class: 'card', id: 'bulletin-form' },
    el('h2', {}, t('bul.new')),
    el('div', { class: 'row' }, el('label', { for: 'bulletin-title' }, t('bul.fieldTitle'), title),
      el('label', { for: 'bulletin-language' }, t('lang.label'), language)),
    el('div', { class: 'row' }, el('label', { for: 'bulletin-file' }, t('bul.fieldFile'), file)),
    recorderBox(),
    el('div', { class: 'row' }, progress), progressText, error,
    el('div', { class: 'actions' }, send));
  if (canUpload) main.append(form); else main.append(el('p', { class: 'notice' }, t('bul.readOnly')));
  main.append(el('section', { class: 'card' }, el('h2', {}, t('bul.list')), list));

  function recorderBox() {
    const start = el('button', { type: 'button', id: 'rec-start' }, '● ' + t('rec.start'));
    const stop = el('button', { type: 'button', id: 'rec-stop', disabled: true }, '■ ' + t('rec.stop'));
    const level = el('div', { class: 'level', role: 'meter', 'aria-label': t('rec.level'), 'aria-valuemin': 0, 'aria-valuemax': 100 }, el('div'));
    const status = el('span', { id: 'rec-status', class: 'muted', 'aria-live': 'polite' });
    const preview = el('audio', { controls: true, id: 'rec-preview', hidden: true });
    let mic = null, chunks = [], samples = 0, timer = null;
    start.addEventListener('click', async () => {
      error.textContent = '';
      chunks = []; samples = 0;
      try {
        mic = await openMic((c) => {
          chunks.push(c); samples += c.length;
          const v = Math.min(100, Math.round(rms(c) * 300));
          level.firstChild.style.width = v + '%';
          level.setAttribute('aria-valuenow', v);
        });
      } catch (e) {
        error.textContent = t('rec.failed') + ' ' + (e.message || e.name);
        return;
      }
      start.disabled = true; stop.disabled = false; file.disabled = true;
      timer = setInterval(() => { status.textContent = t('rec.recording', { s: (samples / mic.rate).toFixed(1) }); }, 200);
      scope.onClose(() => { if (mic) mic.stop(); });
    });
    stop.addEventListener('click', async () => {
      clearInterval(timer);
      const rate = mic.rate;
      await mic.stop();
      mic = null;
      recorded = encodeWav(chunks, rate);
      const seconds = samples / rate;
      status.textContent = t('rec.done', { s: seconds.toFixed(1) });
      status.dataset.seconds = seconds.toFixed(2);
      preview.src = URL.createObjectURL(recorded);
      preview.hidden = false;
      start.disabled = false; stop.disabled = true;
      if (!title.value) title.value = t('rec.defaultTitle', { when: new Date().toLocaleString() });
    });
    return el('fieldset', { class: 'card', id: 'recorder' }, el('legend', {}, t('rec.legend')),
      el('div', { class: 'actions' }, start, stop, status), level, preview,
      el('p', { class: 'muted' }, t('rec.hint')));
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const blob = file.files[0] || recorded;
    if (!title.value.trim()) { error.textContent = t('bul.needTitle'); title.focus(); return; }
    if (!blob) { error.textContent = t('bul.needFile'); file.focus(); return; }
    const data = new FormData();
    data.append('title', title.value.trim());
    data.append('language', language.value);
    data.append('file', blob, file.files[0] ? file.files[0].name : 'ghi-am.wav');
    progress.hidden = false; progress.value = 0; progress.dataset.max = '0';
    send.disabled = true;
    try {
      const b = await upload('/api/v1/bulletins', data, (loaded, total) => {
        const p = Math.round(loaded * 100 / total);
        progress.value = p;
        progress.dataset.max = String(Math.max(Number(progress.dataset.max || 0), p));
        progressText.textContent = p < 100 ? t('bul.uploading', { p }) : t('bul.processing');
      });
      progressText.textContent = t('bul.uploaded', { title: b.title, d: fmtDuration(b.durationMs) });
      toast(progressText.textContent);
      form.reset(); recorded = null; file.disabled = false;
      const pv = document.getElementById('rec-preview'); if (pv) pv.hidden = true;
      await refresh();
    } catch (err) {
      progressText.textContent = '';
      showError(error, err);
      error.focus();
    } finally {
      send.disabled = false;
    }
  });

  async function refresh() {
    let bulletins, schedules;
    try {
      [bulletins, schedules] = await Promise.all([get('/api/v1/bulletins'), get('/api/v1/schedules').catch(() => [])]);
    } catch (e) { showError(error, e); return; }
    const rows = bulletins.map((b) => {
      const used = schedules.filter((s) => s.bulletinId === b.id);
      const player = el('div', {});
      const listen = el('button', { type: 'button', class: 'listen', dataset: { bulletinId: String(b.id) },
        'aria-label': t('bul.listen') + ': ' + b.title }, '▶ ' + t('bul.listen'));
      listen.addEventListener('click', () => {
        const audio = el('audio', { controls: true, preload: 'auto', src: `/api/v1/bulletins/${b.id}/audio`, id: 'audio-' + b.id });
        audio.addEventListener('error', () => { player.append(el('p', { class: 'error' }, t('bul.audioFailed'))); });
        clear(player).append(audio);
        audio.play().catch(() => {});
      });
      return el('tr', { dataset: { bulletinId: String(b.id) } },
        el('td', {}, el('strong', { class: 'bulletin-title' }, b.title), el('div', { class: 'muted' }, b.originalName || ''),
          el('div', { class: 'muted bulletin-language', lang: b.language }, b.languageName || b.language || ''),
          b.approval ? badge(t('approval.' + b.approval), b.approval) : null),
        el('td', { class: 'duration' }, fmtDuration(b.durationMs)),
        el('td', {}, fmtTime(b.createdAt)),
        el('td', {}, used.length ? el('ul', {}, used.map((s) => el('li', {}, el('a', { href: '#/schedules' }, s.title),
          s.nextRuns && s.nextRuns[0] ? ' · ' + t('sch.next') + ' ' + fmtTime(s.nextRuns[0]) : ''))) : el('span', { class: 'muted' }, t('bul.unused'))),
        el('td', {}, listen, player));
    });
    clear(list).append(bulletins.length ? el('table', {},
      el('thead', {}, el('tr', {}, el('th', {}, t('col.title')), el('th', {}, t('col.duration')), el('th', {}, t('col.created')),
        el('th', {}, t('col.usedBy')), el('th', {}, t('col.listen')))),
      el('tbody', {}, rows)) : el('p', { class: 'muted' }, t('bul.none')));
  }
  await refresh();
}
