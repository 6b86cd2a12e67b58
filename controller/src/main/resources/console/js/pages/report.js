import { t } from '../i18n.js';
import { el } from '../ui.js';

export async function reportPage(main) {
  const now = new Date();
  const month = el('input', { type: 'month', id: 'report-month',
    value: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' }).format(now) });
  const frame = el('iframe', { class: 'report', id: 'report-frame', title: t('report.title') });
  const csv = el('a', { id: 'report-csv', download: '' }, '⬇ CSV');
  const html = el('a', { id: 'report-html', target: '_blank', rel: 'noopener' }, t('report.open'));
  function update() {
    const q = 'month=' + encodeURIComponent(month.value);
    frame.src = '/api/v1/reports/province?format=html&' + q;
    csv.href = '/api/v1/reports/province?format=csv&' + q;
    html.href = '/api/v1/reports/province?format=html&' + q;
  }
  month.addEventListener('change', update);
  main.append(el('h1', {}, t('report.title')), el('div', { class: 'row' }, el('label', { for: 'report-month' }, t('report.month'), month), csv, ' ', html),
    el('p', { class: 'muted' }, t('report.hint')), frame);
  update();
}
