// A map of the stations drawn in SVG from their stored coordinates: no tiles, no network.
import { t } from './i18n.js';
import { el } from './ui.js';
import { coordinates } from './data.js';

function hull(points) {
  const p = points.slice().sort((a, b) => a.x - b.x || a.y - b.y);
  if (p.length < 3) return p;
  const cross = (o, a, b) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower = [], upper = [];
  for (const q of p) { while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop(); lower.push(q); }
  for (const q of p.slice().reverse()) { while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], q) <= 0) upper.pop(); upper.push(q); }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

export function stationMap(basics, stations) {
  const placed = [], unplaced = [];
  for (const s of stations) {
    const c = coordinates(basics, s);
    if (c) placed.push({ s, ...c }); else unplaced.push(s);
  }
  const W = 600, H = 420, PAD = 30;
  const wrap = el('div', { class: 'map', id: 'station-map' });
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'map-title' });
  svg.append(el('title', { id: 'map-title' }, t('map.title')));
  if (placed.length) {
    let minLat = Math.min(...placed.map((p) => p.lat)), maxLat = Math.max(...placed.map((p) => p.lat));
    let minLon = Math.min(...placed.map((p) => p.lon)), maxLon = Math.max(...placed.map((p) => p.lon));
    const span = Math.max(maxLat - minLat, maxLon - minLon, 0.2);
    const cLat = (minLat + maxLat) / 2, cLon = (minLon + maxLon) / 2;
    minLat = cLat - span * 0.6; maxLat = cLat + span * 0.6; minLon = cLon - span * 0.6; maxLon = cLon + span * 0.6;
    const k = Math.cos(cLat * Math.PI / 180);
    const sx = (W - 2 * PAD) / ((maxLon - minLon) * k), sy = (H - 2 * PAD) / (maxLat - minLat);
    const s = Math.min(sx, sy);
    const ox = W / 2 - (cLon - minLon) * k * s, oy = H / 2;
    const X = (lon) => ox + (lon - minLon) * k * s;
    const Y = (lat) => oy - (lat - cLat) * s;
    // graticule every 0.1° or 0.5° with labels
    const step = span > 1.5 ? 0.5 : (span > 0.6 ? 0.2 : 0.1);
    const g = el('g', { class: 'graticule' });
    for (let lat = Math.ceil(minLat / step) * step; lat <= maxLat; lat += step) {
      g.append(el('line', { x1: 0, x2: W, y1: Y(lat), y2: Y(lat), stroke: '#cfdbe5', 'stroke-width': 0.7 }));
      g.append(el('text', { x: 3, y: Y(lat) - 2 }, lat.toFixed(1) + '°N'));
    }
    for (let lon = Math.ceil(minLon / step) * step; lon <= maxLon; lon += step) {
      g.append(el('line', { x1: X(lon), x2: X(lon), y1: 0, y2: H, stroke: '#cfdbe5', 'stroke-width': 0.7 }));
      g.append(el('text', { x: X(lon) + 2, y: H - 4 }, lon.toFixed(1) + '°E'));
    }
    svg.append(g);
    const pts = placed.map((p) => ({ x: X(p.lon), y: Y(p.lat) }));
    if (pts.length >= 3) {
      svg.append(el('polygon', { points: hull(pts).map((p) => `${p.x},${p.y}`).join(' '),
        fill: '#dde9d5', stroke: '#7a9a6a', 'stroke-width': 1.2, 'stroke-linejoin': 'round', class: 'outline' }));
    }
    for (const p of placed) {
      const cls = 'dot ' + (p.s.online ? 'online' : 'offline') + (p.approx ? ' approx' : '');
      const c = el('circle', { cx: X(p.lon), cy: Y(p.lat), r: 7, class: cls, stroke: '#fff', 'stroke-width': 2,
        dataset: { stationId: String(p.s.id) } });
      c.append(el('title', {}, `${p.s.name} — ${p.s.online ? t('state.online') : t('state.offline')}${p.approx ? ' (' + t('map.approx') + ')' : ''}`));
      svg.append(c);
      svg.append(el('text', { x: X(p.lon) + 9, y: Y(p.lat) + 4 }, p.s.name.replace(/^Đài truyền thanh /, '')));
    }
  } else {
    svg.append(el('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, t('map.noneWithCoordinates')));
  }
  wrap.append(svg);
  const approx = placed.filter((p) => p.approx).length;
  wrap.append(el('p', { class: 'muted', id: 'map-note' },
    t('map.note', { placed: placed.length, total: stations.length, approx })));
  if (unplaced.length) {
    wrap.append(el('details', { id: 'map-unplaced' },
      el('summary', {}, t('map.unplaced', { n: unplaced.length })),
      el('ul', {}, unplaced.map((s) => el('li', {}, el('a', { href: '#/stations/' + s.id }, s.name), ' ',
        el('span', { class: 'badge ' + (s.online ? 'online' : 'offline') }, s.online ? t('state.online') : t('state.offline')))))));
  }
  return wrap;
}
