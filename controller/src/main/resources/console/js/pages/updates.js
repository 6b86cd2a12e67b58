// Over-the-air updates (docs/updates.md), admins only: agent releases (approve by a second admin) and
// rollouts in waves (pause, resume, abort). Uploading a jar and starting a rollout are API calls
// (POST /api/v1/releases, POST /api/v1/rollouts) documented in docs/updates.md.
import { get, post } from '../api.js';
import { t } from '../i18n.js';
import { el, clear, fmtTime, showError, badge, toast } from '../ui.js';

export async function updatesPage(main) {
  main.append(el('h1', {}, t('updates.title')));
  const error = el('p', { class: 'error', role: 'alert' });
  const releases = el('div', { class: 'table-wrap', id: 'release-list' });
  const rollouts = el('div', { class: 'table-wrap', id: 'rollout-list' });
  main.append(error,
    el('section', { class: 'card' }, el('h2', {}, t('updates.releases')), releases),
    el('section', { class: 'card' }, el('h2', {}, t('updates.rollouts')), rollouts));
  const act = async (path, done) => {
    try { await post(path); toast(t(done)); await load(); } catch (e) { showError(error, e); }
  };
  async function load() {
    let rs, ro;
    try { [rs, ro] = await Promise.all([get('/api/v1/releases'), get('/api/v1/rollouts')]); } catch (e) { showError(error, e); return; }
    clear(releases).append(rs.length ? el('table', {},
      el('thead', {}, el('tr', {}, ['updates.version', 'updates.state', 'updates.size', 'updates.uploaded', 'updates.approved', '']
        .map((k) => el('th', {}, k ? t(k) : '')))),
      el('tbody', {}, rs.map((r) => el('tr', {},
        el('td', {}, r.version), el('td', {}, badge(t('release.' + r.state))), el('td', {}, Math.round(r.size / 1024) + ' KiB'),
        el('td', {}, fmtTime(r.uploadedAt)), el('td', {}, r.approvedAt ? fmtTime(r.approvedAt) : ''),
        el('td', {}, r.state === 'PENDING_APPROVAL'
          ? el('button', { type: 'button', onclick: () => act('/api/v1/releases/' + r.id + '/approve', 'updates.approvedOk') }, t('updates.approve'))
          : ''))))) : el('p', { class: 'muted' }, t('updates.noReleases')));
    clear(rollouts).append(ro.length ? el('table', {},
      el('thead', {}, el('tr', {}, ['updates.rollout', 'updates.release', 'updates.state', 'updates.detail', '']
        .map((k) => el('th', {}, k ? t(k) : '')))),
      el('tbody', {}, ro.map((r) => el('tr', {},
        el('td', {}, '#' + r.id), el('td', {}, String(r.releaseId)), el('td', {}, badge(t('rollout.' + r.state))),
        el('td', {}, r.detail || ''),
        el('td', {},
          r.state === 'RUNNING' ? el('button', { type: 'button', onclick: () => act('/api/v1/rollouts/' + r.id + '/pause', 'updates.done') }, t('updates.pause')) : '',
          r.state === 'PAUSED' ? el('button', { type: 'button', onclick: () => act('/api/v1/rollouts/' + r.id + '/resume', 'updates.done') }, t('updates.resume')) : '',
          r.state === 'RUNNING' || r.state === 'PAUSED' ? el('button', { type: 'button', class: 'danger', onclick: () => act('/api/v1/rollouts/' + r.id + '/abort', 'updates.done') }, t('updates.abort')) : ''))))) 
      : el('p', { class: 'muted' }, t('updates.noRollouts')));
  }
  await load();
}
