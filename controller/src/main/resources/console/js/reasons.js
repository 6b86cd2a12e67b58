// Reason codes of the as-run log and of announcements, in the reader's language: "CUT_BY:s7-1796119200;
// STARTED_LATE" becomes "bị cắt bởi lịch 7 (Bản tin chiều); bắt đầu muộn". The codes are listed in
// docs/api.md (the as-run log); an unknown one is shown as "mã khác: …", never raw.
import { t, has } from './i18n.js';

/** "b12" → announcement 12, "s7-1796119200" → schedule 7; names from the lookups when known. */
export function itemRef(ref, names) {
  if (ref === 'LOCAL_MODE') return t('ref.localMode');
  const b = /^b(\d+)$/.exec(ref);
  if (b) {
    const title = names && names.announcement ? names.announcement(Number(b[1])) : null;
    return t('ref.announcement', { id: b[1] }) + (title ? ' (' + title + ')' : '');
  }
  const s = /^s(\d+)-\d+$/.exec(ref);
  if (s) {
    const title = names && names.schedule ? names.schedule(Number(s[1])) : null;
    return t('ref.schedule', { id: s[1] }) + (title ? ' (' + title + ')' : '');
  }
  return ref;
}

const WITH_ITEM = new Set(['RESUMED_AFTER', 'RESTARTED_AFTER', 'REST_SKIPPED_AFTER', 'PREEMPTED_BY', 'CUT_BY', 'INTERRUPTED_BY']);

/** One reason string (codes joined with ';') in words; '' for none. */
export function reasonText(reason, names) {
  if (!reason) return '';
  return String(reason).split(';').map((part) => part.trim()).filter(Boolean).map((part) => {
    const m = /^([A-Z_]+)(?::\s*(.*))?$/.exec(part);
    if (!m) return t('reason.other', { arg: part });
    const [, code, arg] = m;
    const key = 'reason.' + code;
    if (!has(key)) return t('reason.other', { arg: part });
    let shown = arg === undefined ? '' : (WITH_ITEM.has(code) ? itemRef(arg, names) : arg);
    if (code === 'CANCELLED') shown = shown.replace(/^stopped by /, '');
    return t(key, { arg: shown }).replace(/\s+$/, '');
  }).join('; ');
}
