// The console's entry point: session, navigation, language, hash routing.
import { get, del, whenUnauthorized, rememberCsrf } from './api.js';
import { t, lang, setLang, applyStatic } from './i18n.js';
import { el, clear, PageScope } from './ui.js';
import { signInPage } from './pages/signin.js';
import { dashboardPage } from './pages/dashboard.js';
import { bulletinsPage } from './pages/bulletins.js';
import { schedulesPage } from './pages/schedules.js';
import { announcePage } from './pages/announce.js';
import { stationsPage, stationPage } from './pages/stations.js';
import { playsPage } from './pages/plays.js';
import { relaysPage } from './pages/relays.js';
import { reportPage } from './pages/report.js';
import { inboxPage } from './pages/inbox.js';
import { areasPage } from './pages/areas.js';
import { accountsPage, auditPage } from './pages/accounts.js';
import { updatesPage } from './pages/updates.js';
import { connectorsPage } from './pages/connectors.js';

const PAGES = [
  { path: '/', key: 'nav.dashboard', render: dashboardPage },
  { path: '/bulletins', key: 'nav.bulletins', render: bulletinsPage },
  { path: '/schedules', key: 'nav.schedules', render: schedulesPage },
  { path: '/announce', key: 'nav.announce', render: announcePage },
  { path: '/stations', key: 'nav.stations', render: stationsPage },
  { path: '/inbox', key: 'nav.inbox', render: inboxPage },
  { path: '/areas', key: 'nav.areas', render: areasPage },
  { path: '/plays', key: 'nav.plays', render: playsPage },
  { path: '/relays', key: 'nav.relays', render: relaysPage },
  { path: '/report', key: 'nav.report', render: reportPage },
  { path: '/accounts', key: 'nav.accounts', render: accountsPage, admin: true },
  { path: '/audit', key: 'nav.audit', render: auditPage, admin: true },
  { path: '/updates', key: 'nav.updates', render: updatesPage, admin: true },
  { path: '/connectors', key: 'nav.connectors', render: connectorsPage, admin: true },
];

const state = { user: null, scope: null };

function route() {
  const h = location.hash.replace(/^#/, '') || '/';
  return h.startsWith('/') ? h : '/' + h;
}

function buildNav() {
  const nav = clear(document.getElementById('nav'));
  const current = route();
  for (const p of PAGES) {
    if (p.admin && (!state.user || state.user.role !== 'ADMIN')) continue;
    const active = p.path === '/' ? current === '/' : current === p.path || current.startsWith(p.path + '/');
    nav.append(el('a', { href: '#' + p.path, id: 'nav-' + (p.path.slice(1) || 'dashboard'),
      'aria-current': active ? 'page' : null }, t(p.key)));
  }
}

async function render() {
  if (state.scope) state.scope.close();
  state.scope = new PageScope();
  const main = clear(document.getElementById('main'));
  document.documentElement.lang = lang();
  applyStatic();
  const r = route();
  if (!state.user) {
    document.getElementById('top').hidden = true;
    signInPage(main, state.scope, async (session) => {
      rememberCsrf(session.csrfToken);
      await loadSession();
      if (route() === '/signin') location.hash = '#/'; else render();
    });
    return;
  }
  document.getElementById('top').hidden = false;
  document.getElementById('user-name').textContent = state.user.username + ' · ' + t('role.' + state.user.role);
  buildNav();
  document.getElementById('nav').classList.remove('open');
  document.getElementById('menu-toggle').setAttribute('aria-expanded', 'false');
  let page = PAGES.find((p) => p.path === r);
  let arg = null;
  const m = r.match(/^\/stations\/(\d+)$/);
  if (m) { page = { render: stationPage, key: 'nav.stations' }; arg = Number(m[1]); }
  if (!page || r === '/signin') { location.hash = '#/'; return; }
  document.title = t(page.key) + ' — Loa';
  try {
    await page.render(main, state.scope, { user: state.user, arg });
  } catch (e) {
    console.error(e);
    main.append(el('p', { class: 'error', role: 'alert' }, t('err.page') + ' ' + (e.message || e)));
  }
}

async function loadSession() {
  try {
    state.user = await get('/api/v1/session');
    if (state.user.csrfToken) rememberCsrf(state.user.csrfToken);
  } catch (e) {
    state.user = null;
  }
}

function init() {
  whenUnauthorized(() => {
    if (state.user) { state.user = null; render(); }
  });
  document.getElementById('lang-switch').addEventListener('click', () => {
    setLang(lang() === 'vi' ? 'en' : 'vi');
    render();
  });
  document.getElementById('sign-out').addEventListener('click', async () => {
    try { await del('/api/v1/session'); } catch (e) { console.warn(e); }
    rememberCsrf(null);
    state.user = null;
    location.hash = '#/';
    render();
  });
  document.getElementById('menu-toggle').addEventListener('click', (e) => {
    const nav = document.getElementById('nav');
    const open = nav.classList.toggle('open');
    e.currentTarget.setAttribute('aria-expanded', String(open));
  });
  window.addEventListener('hashchange', () => {
    render();
    document.getElementById('main').focus({ preventScroll: true });
  });
  loadSession().then(render);
}

init();
