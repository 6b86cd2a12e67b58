// The languages a bulletin may be tagged with (GET /api/v1/languages): Vietnamese names first.
import { get } from './api.js';
import { el } from './ui.js';

let cached = null;

export async function loadLanguages() {
  if (!cached) cached = await get('/api/v1/languages');
  return cached;
}

/** A <select> of languages; `empty` adds a first option (e.g. "all") with value ''. */
export async function languagePicker(id, empty) {
  const langs = await loadLanguages();
  const options = langs.map((l) => el('option', { value: l.code, lang: l.code }, `${l.name} — ${l.nameEn} (${l.code})`));
  return el('select', { id }, empty ? [el('option', { value: '' }, empty), ...options] : options);
}
