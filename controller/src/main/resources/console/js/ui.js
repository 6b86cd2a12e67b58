// Small DOM helpers shared by the pages.
import { t, lang } from './i18n.js';
import { describeAll } from './errors.js';

/** el('div', {class: 'x', onclick: f}, child, 'text', …) */
export function el(tag, attrs, ...children) {
  const ns = ['svg', 'g', 'path', 'circle', 'line', 'polyline', 'polygon', 'text', 'rect', 'title'].includes(tag)
    ? 'http://www.w3.org/2000/svg' : null;
  const e = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

export function toast(message) {
  const box = document.getElementById('toast');
  const d = el('div', {}, message);
  box.append(d);
  setTimeout(() => d.remove(), 5000);
}

const TZ = 'Asia/Ho_Chi_Minh';
function locale() { return lang() === 'vi' ? 'vi-VN' : 'en-GB'; }

export function fmtTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  return d.toLocaleString(locale(), { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function fmtClock(iso) {
  const d = new Date(iso);
  return d.toLocaleTimeString(locale(), { timeZone: TZ, hour: '2-digit', minute: '2-digit' });
}

export function fmtDuration(ms) {
  if (ms === null || ms === undefined) return '—';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return (h ? h + ':' + String(m).padStart(2, '0') : String(m)) + ':' + String(r).padStart(2, '0');
}

/** The date (YYYY-MM-DD) in Vietnam of an instant. */
export function vnDate(d) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** An error box that tells the user what the server said, in their language. */
export function errorText(e) {
  if (!e) return '';
  const s = e.status;
  if (s === 0) return t('err.network');
  if (e.code === 'NO_SUCH_RESOURCE' || (s === 404 && !e.code && /no such resource/.test(e.message))) {
    return t('err.missingApi');
  }
  // rendered from the stable code in the chosen language (docs/api.md#errors); the English text otherwise
  const message = describeAll(e.body) || e.message;
  if (s === 403) return t('err.forbidden') + ' ' + message;
  if (s === 409) return t('err.conflict') + ' ' + message;
  if (s === 413) return t('err.tooLarge') + ' ' + message;
  if (s >= 500) return t('err.server') + ' ' + message;
  return message;
}

export function showError(box, e) {
  box.textContent = errorText(e);
  box.dataset.status = e && e.status !== undefined ? String(e.status) : '';
  if (e) box.focus && box.setAttribute('tabindex', '-1');
}

export function badge(text, cls) { return el('span', { class: 'badge ' + (cls || text) }, text); }

/** A page's own timers and event sources, stopped when the user leaves the page. */
export class PageScope {
  constructor() { this.timers = []; this.closers = []; this.alive = true; }
  every(ms, fn) { this.timers.push(setInterval(fn, ms)); }
  onClose(fn) { this.closers.push(fn); }
  close() {
    this.alive = false;
    this.timers.forEach(clearInterval);
    this.closers.forEach((f) => { try { f(); } catch (e) { console.error(e); } });
  }
}
