// A small SVG line chart: points {at, value}, time on x.
import { el } from './ui.js';
import { t } from './i18n.js';

export function lineChart(id, label, unit, points) {
  const W = 520, H = 160, L = 44, B = 22, R = 8, T = 8;
  const wrap = el('figure', { class: 'chart', id });
  wrap.append(el('figcaption', {}, label + (unit ? ` (${unit})` : '')));
  const pts = points.filter((p) => p.value !== null && p.value !== undefined && !isNaN(p.value));
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label });
  if (!pts.length) {
    svg.append(el('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, t('chart.noData')));
    wrap.append(svg);
    return wrap;
  }
  const xs = pts.map((p) => p.at), ys = pts.map((p) => p.value);
  const x0 = Math.min(...xs), x1 = Math.max(...xs, x0 + 1);
  let y0 = Math.min(...ys), y1 = Math.max(...ys);
  if (y0 === y1) { y0 -= 1; y1 += 1; }
  const X = (x) => L + (x - x0) * (W - L - R) / (x1 - x0);
  const Y = (y) => H - B - (y - y0) * (H - B - T) / (y1 - y0);
  svg.append(el('line', { class: 'axis', x1: L, x2: L, y1: T, y2: H - B }), el('line', { class: 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B }));
  for (const v of [y0, (y0 + y1) / 2, y1]) svg.append(el('text', { x: L - 4, y: Y(v) + 3, 'text-anchor': 'end' }, Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1)));
  const fmt = (ms) => new Date(ms).toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit' });
  svg.append(el('text', { x: L, y: H - 6 }, fmt(x0)), el('text', { x: W - R, y: H - 6, 'text-anchor': 'end' }, fmt(x1)));
  svg.append(el('polyline', { class: 'line', points: pts.map((p) => `${X(p.at).toFixed(1)},${Y(p.value).toFixed(1)}`).join(' ') }));
  wrap.append(svg);
  const last = pts[pts.length - 1].value;
  wrap.append(el('div', { class: 'muted' }, t('chart.last') + ' ' + (Math.round(last * 10) / 10) + (unit ? ' ' + unit : '')));
  return wrap;
}
