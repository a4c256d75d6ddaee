/**
 * Words that end in a period without ending the sentence. Lower-case, without the final period.
 */

/** Titles and Latin shorthands: always followed by more of the same sentence (`Dr. Tokayev`, `e.g.`). */
export const ALWAYS_CONTINUES: ReadonlySet<string> = new Set([
  // English titles and ranks
  'mr', 'mrs', 'ms', 'messrs', 'mmes', 'dr', 'prof', 'st', 'mt', 'ft', 'pres', 'gen', 'sen', 'rep',
  'gov', 'lt', 'col', 'capt', 'cpt', 'sgt', 'maj', 'adm', 'cmdr', 'cdr', 'rev', 'hon', 'brig', 'supt',
  'insp', 'amb', 'atty', 'dept', 'univ',
  // Latin and reference shorthands
  'e.g', 'i.e', 'cf', 'vs', 'viz', 'approx', 'fig', 'figs', 'ca',
  // Spanish, Portuguese, French, Italian, German titles
  'sr', 'sra', 'srta', 'dra', 'sres', 'mme', 'mlle', 'mgr', 'sig', 'sig.ra', 'dott', 'hr', 'fr',
  'bzw', 'z.b', 'u.a', 'd.h', 'vgl',
  // Indonesian and Malay
  'bpk', 'sdr', 'sdri', 'jl', 'jln', 'hj', 'kh', 'tn', 'dsb', 'dll', 'dkk', 'yth', 'a.n', 'u.p',
  // Russian, Ukrainian, Kazakh
  'им', 'ул', 'пр', 'г-н', 'г-жа', 'т.е', 'т.к', 'т.н', 'см', 'напр', 'проф', 'акад', 'вул', 'пан',
  // Turkish
  'doç', 'yrd', 'av', 'bkz',
]);

/** Followed by a number they continue the sentence (`No. 5`, `Jan. 6`, `p. 12`); otherwise they may end it. */
export const CONTINUES_BEFORE_NUMBER: ReadonlySet<string> = new Set([
  'no', 'nos', 'nr', 'art', 'p', 'pp', 'vol', 'op', 'tel', 'ch', 'sec', 'par', 'para',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'ene', 'abr', 'ago', 'dic', 'okt', 'dez', 'des', 'agu', 'mei', 'janv', 'févr', 'avr', 'juil',
  'déc', 'окт', 'янв', 'февр', 'сент', 'нояб', 'дек', 'млн', 'млрд', 'тыс',
]);

/**
 * Words that often end a sentence with a period and are also abbreviations (`Jr.`, `Inc.`,
 * `U.S.`): they end it only when a typical sentence opener follows.
 */
export const ENDS_BEFORE_OPENER: ReadonlySet<string> = new Set([
  'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'llc', 'plc', 'bros', 'ave', 'blvd', 'rd', 'etc', 'al',
  'a.m', 'p.m', 'tbk', 'bhd', 'sdn', 'pt', 'gmbh', 'ag', 'др', 'т.д', 'т.п', 'г', 'гг',
]);

/**
 * Capitalized words that commonly open a sentence, in the languages kabar reads most. After an
 * ambiguous abbreviation (`… the U.S. The move …`) they mark a sentence end; any other capitalized
 * word (`the U.S. President`) does not.
 */
export const SENTENCE_OPENERS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'it', 'he', 'she', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those',
  'but', 'and', 'in', 'on', 'at', 'for', 'his', 'her', 'their', 'its', 'there', 'however',
  'meanwhile', 'after', 'before', 'when', 'while', 'if', 'as', 'some', 'many', 'what', 'why', 'how',
  'ia', 'ini', 'itu', 'dia', 'mereka', 'namun', 'pada', 'dalam', 'sementara', 'kami', 'kita', 'saya',
  'selain', 'sebelumnya', 'beliau', 'tetapi',
  'el', 'la', 'los', 'las', 'le', 'les', 'il', 'elle', 'ils', 'der', 'die', 'das', 'er', 'sie', 'es',
  'он', 'она', 'они', 'это', 'в', 'но', 'по', 'він', 'вона', 'вони', 'це', 'але', 'bu', 'o', 'ancak',
]);

/** Languages that write ordinal numbers with a period (`am 3. Oktober`, `3. gün`). */
export const ORDINAL_PERIOD_LANGUAGES: ReadonlySet<string> = new Set([
  'de', 'tr', 'pl', 'cs', 'sk', 'da', 'no', 'nb', 'fi', 'hu', 'hr', 'sl', 'sr', 'et', 'lv', 'is',
]);
