// Areas, stations and the target picker (area tree with stations and zones) shared by several pages.
import { get } from './api.js';

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

// The target picker lives in picker.js; re-exported for the pages that import it from here.
export { targetPicker } from './picker.js';
