import { api } from '../api.js';
import { t, lang, setLang } from '../i18n.js';
import { el, showError } from '../ui.js';

export function signInPage(main, scope, done) {
  const error = el('p', { class: 'error', role: 'alert', id: 'signin-error' });
  const user = el('input', { type: 'text', id: 'username', name: 'username', autocomplete: 'username', required: true });
  const pass = el('input', { type: 'password', id: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const button = el('button', { type: 'submit', class: 'primary', id: 'signin-btn' }, t('signin.submit'));
  const form = el('form', { class: 'card signin', id: 'signin-form' },
    el('h1', {}, t('signin.title')),
    el('label', { for: 'username' }, t('signin.username'), user),
    el('label', { for: 'password' }, t('signin.password'), pass),
    error,
    el('div', { class: 'actions' }, button,
      el('button', { type: 'button', class: 'link', id: 'signin-lang',
        onclick: () => { setLang(lang() === 'vi' ? 'en' : 'vi'); location.reload(); } },
      lang() === 'vi' ? 'English' : 'Tiếng Việt')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    button.disabled = true;
    try {
      const session = await api('POST', '/api/v1/session', { username: user.value.trim(), password: pass.value });
      await done(session);
    } catch (err) {
      if (err.status === 401) error.textContent = t('signin.wrong');
      else showError(error, err);
      button.disabled = false;
      pass.select();
    }
  });
  main.append(form);
  user.focus();
}
