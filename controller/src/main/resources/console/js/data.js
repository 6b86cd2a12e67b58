// Areas, stations and the target picker (area tree with stations and zones) shared by several pages.
import { get } from './api.js';
import { t } from './i18n.js';
import { el } from './ui.js';

export async function loadBasics() {
  const [areas, stations] = await Promise.all([get('/api/v1/areas'), get('/api/v1/stations')]);
  const areaById = new Map(areas.map((a) => [a.id, a]));
  const stationById = new Map(stations.map((s) => [s.id, s]));
  const children = new Map();
  for (const a of areas) {
    const k = a.parentId === null || a.parentId === undefined ? 0 : a.parentId;
    if (!children.has(k)) children.set(k, []);
    children.get(k).push(a);
  }
  const stationsOfArea = new Map();
  for (const s of stations) {
    if (!stationsOfArea.has(s.areaId)) stationsOfArea.set(s.areaId, []);
    stationsOfArea.get(s.areaId).push(s);
  }
  return { areas, stations, areaById, stationById, children, stationsOfArea };
}

/** Where a station sits: its own coordinates, else its area's (or an ancestor's, marked approximate). */
export function coordinates(basics, s) {
  if (s.latitude !== null && s.latitude !== undefined && s.longitude !== null && s.longitude !== undefined) {
    return { lat: s.latitude, lon: s.longitude, approx: false };
  }
  let a = basics.areaById.get(s.areaId);
  while (a) {
    if (a.latitude !== null && a.latitude !== undefined && a.longitude !== null && a.longitude !== undefined) {
      return { lat: a.latitude, lon: a.longitude, approx: true };
    }
    a = a.parentId ? basics.areaById.get(a.parentId) : null;
  }
  return null;
}

export function areaPath(basics, areaId) {
  const names = [];
  let a = basics.areaById.get(areaId);
  while (a) { names.unshift(a.name); a = a.parentId ? basics.areaById.get(a.parentId) : null; }
  return names.join(' › ');
}

/**
 * A tree of check boxes: areas (any depth), their stations, and each station's zones.
 * Returns {node, targets(), describe(), clear()}.
 */
export function targetPicker(basics, idPrefix) {
  const root = el('ul', { class: 'tree', id: idPrefix + '-tree', role: 'group', 'aria-label': t('targets.label') });
  const boxes = [];
  function box(kind, id, label, extraClass) {
    const input = el('input', { type: 'checkbox', id: `${idPrefix}-${kind}-${id}`, dataset: { kind, id: String(id) } });
    boxes.push(input);
    return el('label', { class: 'inline ' + (extraClass || ''), for: input.id }, input, label);
  }
  function addArea(parentUl, area) {
    const li = el('li', {}, box('area', area.id, `${area.name}`));
    const ul = el('ul', {});
    for (const s of basics.stationsOfArea.get(area.id) || []) {
      const sli = el('li', {}, box('station', s.id, `${s.name}`, 'station'));
      if (s.zones && s.zones.length) {
        const zul = el('ul', {});
        for (const z of s.zones) zul.append(el('li', {}, box('zone', z.id, `${z.name}`)));
        sli.append(zul);
      }
      ul.append(sli);
    }
    for (const c of basics.children.get(area.id) || []) addArea(ul, c);
    if (ul.childNodes.length) li.append(ul);
    parentUl.append(li);
  }
  for (const top of basics.children.get(0) || []) addArea(root, top);
  if (!basics.areas.length) root.append(el('li', { class: 'muted' }, t('targets.none')));
  return {
    node: root,
    targets() {
      const out = { stationIds: [], areaIds: [], zoneIds: [] };
      for (const b of boxes) {
        if (!b.checked) continue;
        const id = Number(b.dataset.id);
        if (b.dataset.kind === 'area') out.areaIds.push(id);
        else if (b.dataset.kind === 'station') out.stationIds.push(id);
        else out.zoneIds.push(id);
      }
      return out;
    },
    describe() {
      const names = [];
      for (const b of boxes) if (b.checked) names.push(b.parentElement.textContent.trim());
      return names;
    },
    clear() { boxes.forEach((b) => { b.checked = false; }); },
  };
}
