/**
 * Apertium names languages by ISO 639-3 codes (`eng`, `spa`); kabar uses ISO 639-1 (`en`, `es`).
 */

// The languages of Apertium's released pairs, plus a few neighbours a feed might carry.
const TO_APERTIUM: Readonly<Record<string, string>> = {
  af: 'afr', an: 'arg', ar: 'ara', ast: 'ast', be: 'bel', bg: 'bul', br: 'bre', ca: 'cat', cs: 'ces',
  cy: 'cym', da: 'dan', de: 'deu', el: 'ell', en: 'eng', eo: 'epo', es: 'spa', et: 'est', eu: 'eus',
  fa: 'fas', fi: 'fin', fo: 'fao', fr: 'fra', ga: 'gle', gd: 'gla', gl: 'glg', he: 'heb', hi: 'hin',
  hr: 'hbs', bs: 'hbs', sr: 'hbs', hu: 'hun', id: 'ind', is: 'isl', it: 'ita', ja: 'jpn', kk: 'kaz',
  ko: 'kor', ky: 'kir', lt: 'lit', lv: 'lav', mk: 'mkd', ms: 'zlm', mt: 'mlt', nb: 'nob', nl: 'nld',
  nn: 'nno', no: 'nob', oc: 'oci', pl: 'pol', pt: 'por', ro: 'ron', ru: 'rus', sc: 'srd', se: 'sme',
  sk: 'slk', sl: 'slv', sq: 'sqi', sv: 'swe', tr: 'tur', tt: 'tat', uk: 'ukr', ur: 'urd', uz: 'uzb',
  zh: 'zho',
};

/**
 * Apertium's code for a language: `en` -> `eng`, `pt-BR` -> `por`; three-letter codes pass
 * through. Undefined for codes it cannot map.
 */
export function toApertiumLanguage(code: string): string | undefined {
  const base = code.toLowerCase().split(/[-_]/)[0] ?? '';
  if (/^[a-z]{3}$/.test(base)) return base;
  return TO_APERTIUM[base];
}
