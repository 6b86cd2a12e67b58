// The controller's JSON API, with the session cookie (never a token in localStorage) and the CSRF header.
const CSRF_KEY = 'loa.csrf';

export class ApiError extends Error {
  /** body: the refusal's JSON ({error, code, params, errors}) when the controller sent one. */
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body || null;
    this.code = body && body.code ? body.code : null;
  }
}

export function rememberCsrf(token) {
  if (token) sessionStorage.setItem(CSRF_KEY, token); else sessionStorage.removeItem(CSRF_KEY);
}

function csrf() {
  const kept = sessionStorage.getItem(CSRF_KEY);
  if (kept) return kept;
  const m = document.cookie.match(/(?:^|;\s*)loa_csrf=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : null;
}

let onUnauthorized = () => {};
export function whenUnauthorized(fn) { onUnauthorized = fn; }

function headersFor(method, json) {
  const h = { 'Accept': 'application/json' };
  if (json) h['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const c = csrf();
    if (c) h['X-CSRF-Token'] = c;
  }
  return h;
}

async function readError(r) {
  const text = await r.text().catch(() => '');
  try {
    const j = JSON.parse(text);
    if (j && j.error) return { message: j.error, body: j };
  } catch (e) { /* not JSON */ }
  return { message: text || r.statusText || String(r.status), body: null };
}

export async function api(method, path, body) {
  const json = body !== undefined && !(body instanceof FormData) && !(body instanceof Blob);
  let r;
  try {
    r = await fetch(path, {
      method, credentials: 'same-origin', headers: headersFor(method, json),
      body: body === undefined ? undefined : (json ? JSON.stringify(body) : body),
    });
  } catch (e) {
    throw new ApiError(0, e.message || String(e));
  }
  if (!r.ok) {
    const refusal = await readError(r);
    if (r.status === 401 && path !== '/api/v1/session') onUnauthorized();
    throw new ApiError(r.status, refusal.message, refusal.body);
  }
  if (r.status === 204) return null;
  const ct = r.headers.get('Content-Type') || '';
  return ct.includes('application/json') ? r.json() : r.text();
}

export const get = (p) => api('GET', p);
export const post = (p, b) => api('POST', p, b === undefined ? {} : b);
export const patch = (p, b) => api('PATCH', p, b);
export const del = (p) => api('DELETE', p);
/** POST raw bytes (a file) as the body, with this content type (an agent jar: application/java-archive). */
export const postBytes = (p, blob, type) => api('POST', p, new Blob([blob], { type }));

/** POST multipart with upload progress (XMLHttpRequest: fetch has no upload progress). */
export function upload(path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('POST', path);
    x.withCredentials = true;
    const c = csrf();
    if (c) x.setRequestHeader('X-CSRF-Token', c);
    x.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded, e.total); };
    x.upload.onload = () => onProgress(1, 1);
    x.onerror = () => reject(new ApiError(0, 'network error'));
    x.onload = () => {
      let data = null;
      try { data = JSON.parse(x.responseText); } catch (e) { data = null; }
      if (x.status >= 200 && x.status < 300) resolve(data);
      else {
        if (x.status === 401) onUnauthorized();
        reject(new ApiError(x.status, data && data.error ? data.error : (x.responseText || x.statusText),
          data && data.error ? data : null));
      }
    };
    x.send(form);
  });
}
