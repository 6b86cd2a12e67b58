// Run in the page by ConsoleOperatorPhoneTest: the visible texts that are not from the Vietnamese catalogue.

const done = arguments[arguments.length - 1];
const data = arguments[0].slice().sort((a, c) => c.length - a.length);
// numbers (dates, times, counts, map degrees) and the test's own data stand for a placeholder
// (a date 07/12/2026 and a ratio 2/3 alike collapse into one placeholder, in the page and in the catalogue)
// (a negative number, "-40 dB", is a number too)
const norm = (x) => x.replace(/\d+(?:\.\d+)?°[NSEW]/g, '\u0000').replace(/(^|[\s(\[])-(?=\d)/g, '$1')
  .replace(/\d+/g, '\u0000')
  .replace(/\u0000(?:[.,:/]\u0000)+/g, '\u0000');
// the refusals the server sends are rendered from the error catalogue (console/js/errors.js), in Vietnamese too
Promise.all([import('/console/js/i18n.js'), import('/console/js/errors.js')]).then(([{ catalogue }, { errorTexts }]) => {
  const texts = [...Object.values(catalogue('vi')), ...errorTexts('vi')]
    .map((v) => norm(v.replace(/\{\w+\}/g, '\u0000')));
  const known = (piece) => texts.some((v) => v.includes(piece));
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement;
    const raw = n.textContent.trim();
    if (!raw || !p || p.closest('script,style,noscript,option') || !p.checkVisibility()) continue;
    // the language switch names the other language in that language
    if (p.closest('[lang]') && p.closest('[lang]').getAttribute('lang') !== 'vi') continue;
    if (/\bnull\b|\bundefined\b|NaN/.test(raw)) { out.push('null/undefined: ' + raw); continue; }
    if (/\b[A-Z]{3,}(_[A-Z0-9]+)*\b/.test(raw.replace(/\b(GSO|CSV|MP3|WAV|HTTPS)\b/g, ''))) { out.push('raw code: ' + raw); continue; }
    let rest = raw;
    for (const d of data) rest = rest.split(d).join('\u0000');
    rest = norm(rest);
    for (const piece of rest.split(/[·,;()\[\]–—→›|◀▶▸▾■●⬇📻🔊]+|\s[-:]\s|:\s/)) {
      // a text and a time written after it ("Một lần 18:23:00 07/12/2026") are two fragments
      const s = piece.trim().replace(/^[:.\s\u0000]+|[:.\s\u0000]+$/g, '');
      if (!/\p{L}/u.test(s)) continue;
      if (!known(s)) out.push('not in the catalogue: "' + s.replace(/\u0000/g, '…') + '" in "' + raw + '"');
    }
  }
  if (document.documentElement.scrollWidth > document.documentElement.clientWidth) {
    out.push('page wider than the screen: ' + document.documentElement.scrollWidth);
  }
  done(out);
}).catch((e) => done(['script: ' + e]));
