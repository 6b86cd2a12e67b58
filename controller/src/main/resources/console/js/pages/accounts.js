import { get, post, patch, del } from '../api.js';
import { t } from '../i18n.js';
import { el, clear, fmtTime, showError, toast } from '../ui.js';
import { loadBasics } from '../data.js';

const ROLES = ['ADMIN', 'OPERATOR', 'TECHNICIAN', 'VIEWER'];

function missing(box, e) {
  if (e.status === 404 || e.status === 405) {
    clear(box).append(el('p', { class: 'notice', id: 'feature-missing' }, t('err.missingApi')));
    return true;
  }
  return false;
}

export async function accountsPage(main) {
  main.append(el('h1', {}, t('acc.title')));
  const error = el('p', { class: 'error', role: 'alert', id: 'acc-error' });
  const box = el('div', { class: 'table-wrap', id: 'acc-list' });
  let basics;
  try { basics = await loadBasics(); } catch (e) { basics = { areas: [], areaById: new Map() }; }
  const username = el('input', { type: 'text', id: 'acc-username', autocomplete: 'off', required: true });
  const password = el('input', { type: 'password', id: 'acc-password', autocomplete: 'new-password', required: true });
  const role = el('select', { id: 'acc-role' }, ROLES.map((r) => el('option', { value: r, selected: r === 'OPERATOR' }, t('role.' + r))));
  const scopeSel = el('select', { id: 'acc-scope' }, el('option', { value: '' }, t('acc.wholeSystem')),
    basics.areas.filter((a) => a.kind !== 'VILLAGE').map((a) => el('option', { value: a.id }, a.name)));
  const form = el('form', { class: 'card', id: 'acc-form' }, el('h2', {}, t('acc.new')),
    el('div', { class: 'row' }, el('label', { for: 'acc-username' }, t('signin.username'), username),
      el('label', { for: 'acc-password' }, t('signin.password'), password), el('label', { for: 'acc-role' }, t('acc.role'), role),
      el('label', { for: 'acc-scope' }, t('acc.scope'), scopeSel)),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', id: 'acc-create' }, t('acc.create'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    try {
      await post('/api/v1/accounts', { username: username.value.trim(), password: password.value, role: role.value,
        scopeAreaId: scopeSel.value ? Number(scopeSel.value) : null });
      toast(t('acc.created'));
      form.reset();
      load();
    } catch (err) { if (!missing(error, err)) showError(error, err); }
  });
  main.append(form, error, el('section', { class: 'card' }, box));
  async function load() {
    let accounts;
    try { accounts = await get('/api/v1/accounts'); } catch (e) { if (!missing(box, e)) showError(error, e); return; }
    clear(box).append(el('table', {}, el('thead', {}, el('tr', {}, ['signin.username', 'acc.role', 'acc.scope', 'col.actions'].map((k) => el('th', {}, t(k))))),
      el('tbody', {}, accounts.map((a) => {
        const sel = el('select', { 'aria-label': t('acc.role') + ': ' + a.username }, ROLES.map((r) => el('option', { value: r, selected: r === a.role }, t('role.' + r))));
        sel.addEventListener('change', async () => {
          try { await patch('/api/v1/accounts/' + a.id, { role: sel.value }); toast(t('acc.saved')); } catch (e) { showError(error, e); }
        });
        return el('tr', {}, el('td', {}, a.username), el('td', {}, sel),
          el('td', {}, a.scopeAreaId ? (basics.areaById.get(a.scopeAreaId)?.name || '#' + a.scopeAreaId) : t('acc.wholeSystem')),
          el('td', {}, el('button', { type: 'button', class: 'danger', onclick: async () => {
            if (!confirm(t('acc.confirmDelete', { name: a.username }))) return;
            try { await del('/api/v1/accounts/' + a.id); load(); } catch (e) { showError(error, e); }
          } }, t('sch.delete'))));
      }))));
  }
  await load();
}

export async function auditPage(main) {
  main.append(el('h1', {}, t('audit.title')));
  const box = el('div', { class: 'table-wrap', id: 'audit-list' });
  const error = el('p', { class: 'error', role: 'alert' });
  main.append(el('p', {}, el('a', { href: '/api/v1/audit?format=csv', download: '', id: 'audit-csv' }, '⬇ CSV')), error, el('section', { class: 'card' }, box));
  let rows;
  try { rows = await get('/api/v1/audit'); } catch (e) { if (!missing(box, e)) showError(error, e); return; }
  const list = Array.isArray(rows) ? rows : (rows.entries || rows.items || []);
  const keys = list.length ? Object.keys(list[0]) : [];
  clear(box).append(list.length ? el('table', {}, el('thead', {}, el('tr', {}, keys.map((k) => el('th', {}, k)))),
    el('tbody', {}, list.map((r) => el('tr', {}, keys.map((k) => el('td', {}, /At$|^at$/.test(k) ? fmtTime(r[k]) : (typeof r[k] === 'object' && r[k] !== null ? JSON.stringify(r[k]) : (r[k] ?? '')))))))) : el('p', { class: 'muted' }, t('audit.none')));
}
