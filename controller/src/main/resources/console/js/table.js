// Tables that fit a phone: below 700 px each row becomes a card whose cells carry their column's name.
import { t } from './i18n.js';
import { el } from './ui.js';

/**
 * @param headKeys catalogue keys of the columns
 * @param rows arrays of cells (nodes, strings or null), one per column; or {attrs, cells}
 */
export function cardTable(attrs, headKeys, rows) {
  const heads = headKeys.map((k) => t(k));
  return el('table', { ...attrs, class: 'cards ' + (attrs.class || '') },
    el('thead', {}, el('tr', {}, heads.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows.map((r) => {
      const cells = Array.isArray(r) ? r : r.cells;
      const rowAttrs = Array.isArray(r) ? {} : r.attrs;
      return el('tr', rowAttrs, cells.map((c, i) => {
        const cellAttrs = c && c.cellAttrs ? c.cellAttrs : {};
        const content = c && c.cellAttrs ? c.content : c;
        return el('td', { ...cellAttrs, 'data-label': heads[i] }, content);
      }));
    })));
}

/** A cell with its own attributes (a class, an id) for cardTable. */
export function cell(attrs, content) {
  return { cellAttrs: attrs, content };
}
