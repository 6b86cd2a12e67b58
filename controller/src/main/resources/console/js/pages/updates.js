// Over-the-air updates (docs/updates.md), admins only: upload an agent jar (or its .deb), approve a release (a second admin),
// start a rollout (targets, canary, waves, failure share, trial limit), follow it station by station, pause,
// resume, abort.
import { get, post, postBytes } from '../api.js';
import { t } from '../i18n.js';
import { el, clear, fmtTime, showError, badge, toast } from '../ui.js';
import { loadBasics } from '../data.js';
import { targetPicker } from '../picker.js';
import { cardTable } from '../table.js';

export async function updatesPage(main, scope, ctx) {
  main.append(el('h1', {}, t('updates.title')));
  const error = el('p', { class: 'error', role: 'alert', id: 'updates-error' });
  let basics;
  try { basics = await loadBasics(); } catch (e) { main.append(error); showError(error, e); return; }
  const releases = el('div', { class: 'table-wrap', id: 'release-list' });
  const rollouts = el('div', { class: 'table-wrap', id: 'rollout-list' });
  const rolloutStations = el('div', { class: 'table-wrap', id: 'rollout-stations' });

  // upload: the jar as the body, its version (or the manifest's)
  const file = el('input', { type: 'file', id: 'release-file', accept: '.jar,.deb,application/java-archive,application/vnd.debian.binary-package' });
  const version = el('input', { type: 'text', id: 'release-version', maxlength: 64, placeholder: '2.1.0' });
  const notes = el('input', { type: 'text', id: 'release-notes', maxlength: 500 });
  const uploadForm = el('form', { id: 'release-form', class: 'stack' },
    el('label', { for: 'release-file' }, t('updates.file'), file),
    el('label', { for: 'release-version' }, t('updates.version'), version),
    el('label', { for: 'release-notes' }, t('updates.notes'), notes),
    el('p', { class: 'muted' }, t('updates.uploadHint')),
    el('button', { type: 'submit', id: 'release-upload' }, t('updates.upload')));
  uploadForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!file.files.length) { error.textContent = t('updates.noFile'); return; }
    const q = new URLSearchParams();
    if (version.value.trim()) q.set('version', version.value.trim());
    if (notes.value.trim()) q.set('notes', notes.value.trim());
    try {
      const deb = file.files[0].name.toLowerCase().endsWith('.deb');
      await postBytes('/api/v1/releases?' + q, file.files[0], deb ? 'application/vnd.debian.binary-package' : 'application/java-archive');
      toast(t('updates.uploaded.ok')); uploadForm.reset(); error.textContent = ''; await load();
    } catch (e) { showError(error, e); }
  });

  // a rollout: an approved release to stations and areas, in waves
  const release = el('select', { id: 'rollout-release' });
  const picker = targetPicker(basics, 'rollout');
  const num = (id, value, min, max, step) => el('input', { type: 'number', id, value, min, max, step: step || 1 });
  const canary = num('rollout-canary', 1, 1, 1000);
  const percents = el('input', { type: 'text', id: 'rollout-percents', value: '25, 100', inputmode: 'numeric' });
  const failure = num('rollout-failure', 20, 0, 100);
  const trial = num('rollout-trial', 300, 30, 3600);
  const rolloutForm = el('form', { id: 'rollout-form', class: 'stack' },
    el('label', { for: 'rollout-release' }, t('updates.release'), release),
    el('h3', {}, t('updates.targets')), picker.node,
    el('label', { for: 'rollout-canary' }, t('updates.canary'), canary),
    el('label', { for: 'rollout-percents' }, t('updates.percents'), percents),
    el('label', { for: 'rollout-failure' }, t('updates.failureShare'), failure),
    el('label', { for: 'rollout-trial' }, t('updates.trialLimit'), trial),
    el('p', { class: 'muted' }, t('updates.rolloutHint')),
    el('button', { type: 'submit', id: 'rollout-create' }, t('updates.start')));
  rolloutForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const tg = picker.targets();
    // a zone stands for its station: a station updates as a whole
    const stationIds = new Set(tg.stationIds);
    for (const z of tg.zoneIds) for (const s of basics.stations) if ((s.zones || []).some((x) => x.id === z)) stationIds.add(s.id);
    const waves = percents.value.split(/[,;\s]+/).filter((x) => x).map(Number);
    const problems = [];
    if (!release.value) problems.push(t('updates.noApproved'));
    if (!stationIds.size && !tg.areaIds.length) problems.push(t('updates.noTargets'));
    if (!waves.length || waves.some((p) => !Number.isInteger(p) || p < 1 || p > 100)) problems.push(t('updates.badPercents'));
    if (problems.length) { error.textContent = problems.join(' '); return; }
    try {
      const r = await post('/api/v1/rollouts', { releaseId: Number(release.value), stationIds: [...stationIds], areaIds: tg.areaIds,
        canary: Number(canary.value), percents: waves, maxFailureShare: Number(failure.value) / 100, trialLimitSeconds: Number(trial.value) });
      toast(t('updates.started', { id: r.id })); picker.clear(); error.textContent = ''; await load(); await showStations(r.id);
    } catch (e) { showError(error, e); }
  });

  main.append(error,
    el('section', { class: 'card' }, el('h2', {}, t('updates.newRelease')), uploadForm),
    el('section', { class: 'card' }, el('h2', {}, t('updates.releases')), releases),
    el('section', { class: 'card' }, el('h2', {}, t('updates.newRollout')), rolloutForm),
    el('section', { class: 'card' }, el('h2', {}, t('updates.rollouts')), rollouts, rolloutStations));
  const act = async (path, done) => {
    try { await post(path); toast(t(done)); await load(); } catch (e) { showError(error, e); }
  };
  const stationName = (id) => basics.stationById.get(id)?.name || ('#' + id);
  async function showStations(id) {
    let r;
    try { r = await get('/api/v1/rollouts/' + id); } catch (e) { showError(error, e); return; }
    clear(rolloutStations).append(el('h3', {}, t('updates.rolloutStations', { id })),
      cardTable({ id: 'rollout-station-table' }, ['col.station', 'updates.wave', 'updates.state', 'updates.changed', 'updates.detail'],
        r.stations.map((s) => ({ attrs: { dataset: { stationId: String(s.stationId) } }, cells: [
          stationName(s.stationId), s.wave === 0 ? t('updates.canaryWave') : String(s.wave),
          badge(t('stationUpdate.' + s.state), s.state === 'UPDATED' ? 'ok' : s.state === 'FAILED' ? 'bad' : 'PENDING'),
          fmtTime(s.changedAt || s.offeredAt), s.detail || ''] }))));
  }
  async function load() {
    let rs, ro;
    try { [rs, ro] = await Promise.all([get('/api/v1/releases'), get('/api/v1/rollouts')]); } catch (e) { showError(error, e); return; }
    const me = ctx && ctx.user ? ctx.user.id : null;
    clear(release).append(...rs.filter((r) => r.state === 'APPROVED').map((r) => el('option', { value: String(r.id) }, r.version)));
    clear(releases).append(rs.length ? cardTable({ id: 'release-table' }, ['updates.version', 'updates.state', 'updates.size', 'updates.uploaded', 'updates.approved', 'col.actions'],
      rs.map((r) => ({ attrs: { dataset: { releaseId: String(r.id) } }, cells: [
        r.version, badge(t('release.' + r.state), r.state), Math.round(r.size / 1024) + ' KiB',
        fmtTime(r.uploadedAt), r.approvedAt ? fmtTime(r.approvedAt) : '',
        r.state === 'PENDING_APPROVAL'
          ? (me !== null && r.uploadedBy === me ? el('span', { class: 'muted' }, t('updates.otherAdmin'))
            : el('button', { type: 'button', class: 'approve', onclick: () => act('/api/v1/releases/' + r.id + '/approve', 'updates.approvedOk') }, t('updates.approve')))
          : ''] }))) : el('p', { class: 'muted' }, t('updates.noReleases')));
    const versionOf = new Map(rs.map((r) => [r.id, r.version]));
    clear(rollouts).append(ro.length ? cardTable({ id: 'rollout-table' }, ['updates.rollout', 'updates.release', 'updates.state', 'updates.detail', 'col.actions'],
      ro.map((r) => ({ attrs: { dataset: { rolloutId: String(r.id) } }, cells: [
        '#' + r.id, versionOf.get(r.releaseId) || String(r.releaseId), badge(t('rollout.' + r.state), r.state === 'COMPLETED' ? 'ok' : r.state),
        r.detail || '',
        [el('button', { type: 'button', class: 'show', onclick: () => showStations(r.id) }, t('updates.showStations')),
          r.state === 'RUNNING' ? el('button', { type: 'button', onclick: () => act('/api/v1/rollouts/' + r.id + '/pause', 'updates.done') }, t('updates.pause')) : '',
          r.state === 'PAUSED' ? el('button', { type: 'button', onclick: () => act('/api/v1/rollouts/' + r.id + '/resume', 'updates.done') }, t('updates.resume')) : '',
          r.state === 'RUNNING' || r.state === 'PAUSED' ? el('button', { type: 'button', class: 'danger', onclick: () => act('/api/v1/rollouts/' + r.id + '/abort', 'updates.done') }, t('updates.abort')) : '']] })))
      : el('p', { class: 'muted' }, t('updates.noRollouts')));
  }
  await load();
}
