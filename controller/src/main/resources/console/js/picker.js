// The target picker: a collapsed area tree (any depth) with its stations and their zones, a search by name
// or GSO code, counts on every area, and a summary of what the chosen set reaches ("3 xã, 5 đài, 14 cụm loa").
// Ticking an area is "the whole area", a station "the whole station"; zones (loudspeaker clusters) carry
// a loudspeaker mark and village areas a place mark, so the two are not confused.
import { t } from './i18n.js';
import { el } from './ui.js';

/** Folds Vietnamese text for searching: lower case, no diacritics, đ → d. */
export function fold(s) {
  return String(s || '').toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd');
}

/** Every station under an area (its own and its descendants'). */
function stationsUnder(basics, areaId, out = []) {
  for (const s of basics.stationsOfArea.get(areaId) || []) out.push(s);
  for (const c of basics.children.get(areaId) || []) stationsUnder(basics, c.id, out);
  return out;
}

/** The commune holding an area (itself, or the nearest COMMUNE above it), or the area itself if none. */
function communeOf(basics, areaId) {
  let a = basics.areaById.get(areaId);
  const start = a;
  while (a) {
    if (a.kind === 'COMMUNE') return a.id;
    a = a.parentId ? basics.areaById.get(a.parentId) : null;
  }
  return start ? start.id : areaId;
}

/**
 * What a targets object reaches: the communes, stations and zones (a station without zones counts as
 * one loudspeaker set of its own: it plays on its main output).
 */
export function reach(basics, targets) {
  const stations = new Set();
  const zones = new Set();
  const wholeStation = (s) => { stations.add(s.id); for (const z of s.zones || []) zones.add(z.id); };
  for (const id of targets.areaIds || []) stationsUnder(basics, id).forEach(wholeStation);
  for (const id of targets.stationIds || []) { const s = basics.stationById.get(id); if (s) wholeStation(s); }
  for (const id of targets.zoneIds || []) {
    for (const s of basics.stations) {
      if ((s.zones || []).some((z) => z.id === id)) { stations.add(s.id); zones.add(id); }
    }
  }
  const communes = new Set([...stations].map((id) => communeOf(basics, basics.stationById.get(id).areaId)));
  return { communes: communes.size, stations: stations.size, zones: zones.size };
}

export function reachText(r) {
  return t('picker.summary', { c: r.communes, s: r.stations, z: r.zones });
}

/** Returns {node, targets(), describe(), reach(), clear()}; check boxes keep the ids `<prefix>-<kind>-<id>`. */
export function targetPicker(basics, idPrefix) {
  const boxes = [];
  const rows = []; // {li, text (folded), kind, parentLis}
  const search = el('input', { type: 'search', id: idPrefix + '-search', placeholder: t('picker.search'),
    'aria-label': t('picker.search'), autocomplete: 'off' });
  const summary = el('p', { class: 'picker-summary', id: idPrefix + '-chosen', 'aria-live': 'polite' });
  const noMatch = el('p', { class: 'muted', id: idPrefix + '-nomatch', hidden: true }, t('picker.noMatch'));
  const root = el('ul', { class: 'tree', id: idPrefix + '-tree', role: 'group', 'aria-label': t('targets.label') });

  function box(kind, id, children, extraClass) {
    const input = el('input', { type: 'checkbox', id: `${idPrefix}-${kind}-${id}`, dataset: { kind, id: String(id) } });
    boxes.push(input);
    return el('label', { class: 'inline pick ' + kind + ' ' + (extraClass || ''), for: input.id }, input, ...children);
  }
  function toggle(li, ul, label) {
    const b = el('button', { type: 'button', class: 'twisty', 'aria-expanded': 'false',
      'aria-label': t('picker.expand') + ': ' + label, id: li.id ? li.id + '-toggle' : null }, '▸');
    b.addEventListener('click', () => setOpen(li, ul.hidden));
    li.twisty = b;
    li.sub = ul;
    return b;
  }
  function setOpen(li, open) {
    if (!li.sub) return;
    li.sub.hidden = !open;
    li.twisty.setAttribute('aria-expanded', String(open));
    li.twisty.textContent = open ? '▾' : '▸';
  }
  function addArea(parentUl, area, parents) {
    const under = stationsUnder(basics, area.id);
    const zoneCount = under.reduce((n, s) => n + (s.zones || []).length, 0);
    const kind = area.kind || 'COMMUNE';
    const li = el('li', { id: `${idPrefix}-node-area-${area.id}`, class: 'area-node' });
    const ul = el('ul', { hidden: true });
    const label = box('area', area.id, [
      el('span', { class: 'kind' }, t('areaKind.' + kind)), ' ', el('span', { class: 'name' }, area.name),
      area.code ? el('span', { class: 'muted' }, ' · ' + area.code) : null,
      el('span', { class: 'muted count' }, ' (' + t('picker.counts', { s: under.length, z: zoneCount }) + ')')],
    kind === 'VILLAGE' ? 'village' : '');
    rows.push({ li, text: fold(area.name + ' ' + (area.code || '')), parents });
    const mine = [...parents, li];
    for (const s of basics.stationsOfArea.get(area.id) || []) {
      const sli = el('li', { id: `${idPrefix}-node-station-${s.id}` });
      const zul = el('ul', { hidden: true });
      const zones = s.zones || [];
      sli.append(zones.length ? toggle(sli, zul, s.name) : el('span', { class: 'twisty-space' }),
        box('station', s.id, ['📻 ', el('span', { class: 'name' }, s.name),
          el('span', { class: 'muted' }, ' (' + t('picker.wholeStation', { z: zones.length }) + ')')]));
      rows.push({ li: sli, text: fold(s.name), parents: mine });
      for (const z of zones) {
        const zli = el('li', {}, box('zone', z.id, ['🔊 ', el('span', { class: 'kind' }, t('picker.zone')), ' ',
          el('span', { class: 'name' }, z.name)]));
        zul.append(zli);
        rows.push({ li: zli, text: fold(z.name + ' ' + s.name), parents: [...mine, sli] });
      }
      if (zones.length) sli.append(zul);
      ul.append(sli);
    }
    for (const c of basics.children.get(area.id) || []) addArea(ul, c, mine);
    li.append(ul.childNodes.length ? toggle(li, ul, area.name) : el('span', { class: 'twisty-space' }), label);
    if (ul.childNodes.length) li.append(ul);
    parentUl.append(li);
  }
  for (const top of basics.children.get(0) || []) addArea(root, top, []);
  // the top level opens by itself: a province shows its communes, collapsed
  for (const li of root.children) setOpen(li, true);
  if (!basics.areas.length) root.append(el('li', { class: 'muted' }, t('targets.none')));

  const picker = {
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
      for (const b of boxes) {
        if (!b.checked) continue;
        const name = b.parentElement.querySelector('.name');
        const kind = b.parentElement.querySelector('.kind');
        names.push((kind && b.dataset.kind !== 'station' ? kind.textContent + ' ' : '') + (name ? name.textContent : ''));
      }
      return names;
    },
    reach() { return reach(basics, picker.targets()); },
    clear() { boxes.forEach((b) => { b.checked = false; }); showSummary(); },
  };
  function showSummary() {
    const tg = picker.targets();
    const any = tg.areaIds.length || tg.stationIds.length || tg.zoneIds.length;
    summary.textContent = any ? t('picker.chosen') + ' ' + reachText(picker.reach()) : t('picker.nothing');
  }
  function filter() {
    const q = fold(search.value.trim());
    let shown = 0;
    if (!q) {
      for (const r of rows) r.li.hidden = false;
      noMatch.hidden = true;
      return;
    }
    for (const r of rows) r.li.hidden = true;
    for (const r of rows) {
      if (!r.text.includes(q)) continue;
      shown++;
      r.li.hidden = false;
      for (const p of r.parents) { p.hidden = false; setOpen(p, true); }
    }
    noMatch.hidden = shown > 0;
  }
  search.addEventListener('input', filter);
  root.addEventListener('change', showSummary);
  showSummary();
  picker.node = el('div', { class: 'picker', id: idPrefix + '-picker' },
    el('p', { class: 'muted help' }, t('picker.help')), search, noMatch, root, summary);
  return picker;
}
