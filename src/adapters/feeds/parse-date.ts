/**
 * Month names and abbreviations in the languages of the feeds kabar reads, mapped to the English
 * abbreviation `Date.parse` understands. Feeds are supposed to write RFC 822 dates in English;
 * many write their own language ("Seg, 24 Set 2018" in Brazilian Portuguese).
 */
const months: ReadonlyArray<readonly [english: string, names: readonly string[]]> = [
  ['Jan', ['jan', 'janv', 'janvier', 'januar', 'janeiro', 'enero', 'ene', 'gennaio', 'gen', 'januari', 'ocak', 'янв', 'января', 'январь']],
  ['Feb', ['fev', 'fév', 'févr', 'février', 'februar', 'fevereiro', 'febrero', 'febbraio', 'februari', 'peb', 'şub', 'şubat', 'фев', 'февраля', 'февраль']],
  ['Mar', ['mär', 'märz', 'mars', 'março', 'marzo', 'maret', 'maart', 'mart', 'мар', 'марта', 'март']],
  ['Apr', ['avr', 'avril', 'abr', 'abril', 'aprile', 'april', 'nis', 'nisan', 'апр', 'апреля', 'апрель']],
  ['May', ['mai', 'maio', 'mayo', 'mag', 'maggio', 'mei', 'mayıs', 'мая', 'май']],
  ['Jun', ['juin', 'juni', 'junho', 'junio', 'giu', 'giugno', 'haz', 'haziran', 'июн', 'июня', 'июнь']],
  ['Jul', ['juil', 'juillet', 'juli', 'julho', 'julio', 'lug', 'luglio', 'tem', 'temmuz', 'июл', 'июля', 'июль']],
  ['Aug', ['août', 'aout', 'ago', 'agosto', 'agu', 'agustus', 'ağu', 'ağustos', 'авг', 'августа', 'август']],
  ['Sep', ['set', 'sept', 'septembre', 'setembro', 'septiembre', 'settembre', 'eyl', 'eylül', 'сен', 'сентября', 'сентябрь']],
  ['Oct', ['okt', 'oktober', 'out', 'outubro', 'octubre', 'ott', 'ottobre', 'octobre', 'eki', 'ekim', 'окт', 'октября', 'октябрь']],
  ['Nov', ['novembre', 'novembro', 'noviembre', 'nop', 'kas', 'kasım', 'ноя', 'ноября', 'ноябрь']],
  ['Dec', ['déc', 'dez', 'dezember', 'dezembro', 'dic', 'diciembre', 'dicembre', 'des', 'desember', 'december', 'ara', 'aralık', 'дек', 'декабря', 'декабрь']],
];

const monthLookup = new Map<string, string>(months.flatMap(([english, names]) => names.map((n) => [n, english] as const)));

/**
 * Zone abbreviations `Date.parse` does not know (it knows UT, UTC, GMT, Z and the US zones),
 * as numeric offsets.
 */
const zones: Readonly<Record<string, string>> = {
  BST: '+0100', IST: '+0530', CET: '+0100', CEST: '+0200', MEZ: '+0100', MESZ: '+0200', EET: '+0200',
  EEST: '+0300', WET: '+0000', WEST: '+0100', MSK: '+0300', MSD: '+0400', TRT: '+0300', GST: '+0400',
  PKT: '+0500', UZT: '+0500', ALMT: '+0600', NPT: '+0545', WIB: '+0700', WITA: '+0800', WIT: '+0900',
  ICT: '+0700', HKT: '+0800', SGT: '+0800', PHT: '+0800', JST: '+0900', KST: '+0900', AEST: '+1000',
  AEDT: '+1100', ACST: '+0930', AWST: '+0800', NZST: '+1200', NZDT: '+1300', ART: '-0300', BRT: '-0300',
  AKST: '-0900', AKDT: '-0800', HST: '-1000',
};

/** Earliest date taken seriously: anything before is a placeholder (`0`, `1970-01-01`) or a typo. */
const earliest = Date.UTC(1990, 0, 1);

/**
 * Parses a feed date (RFC 822 as in RSS, RFC 3339 as in Atom/JSON Feed, and the common
 * deviations: localized month and day names, extra zone names, no zone at all, stray whitespace)
 * into epoch ms. Dates without a zone are read as UTC so the result does not depend on the
 * server's `TZ`. Returns `undefined` for anything unreadable or implausible; one bad date never
 * throws.
 *
 * @example
 * ```ts
 * parseFeedDate('Seg, 24 Set 2018 19:42:40 -0300'); // Date.UTC(2018, 8, 24, 22, 42, 40)
 * parseFeedDate('2020/1/10 14:33:00'); // Date.UTC(2020, 0, 10, 14, 33)
 * parseFeedDate('soon'); // undefined
 * ```
 */
export function parseFeedDate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  // Date.parse reads lone numbers ("1", "2") as dates; a real date has a four-digit year.
  if (text === '' || !/\d{4}/.test(text)) return undefined;

  const iso = isoWithoutZone(text);
  const candidates = iso !== undefined ? [iso] : [text, normalizeRfc822(text)];
  for (const candidate of candidates) {
    const ms = Date.parse(candidate);
    if (Number.isFinite(ms) && ms >= earliest) return ms;
  }
  return undefined;
}

/** ISO-like date-times without an offset would be read as local time; pin them to UTC. */
function isoWithoutZone(text: string): string | undefined {
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?$/.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '0'] = match;
  const pad = (s: string | undefined): string => (s ?? '').padStart(2, '0');
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${minute}:${second}.${fraction.padEnd(3, '0').slice(0, 3)}Z`;
}

/** Drops the day name, translates the month, turns zone names into offsets, drops "h" in "10h30". */
function normalizeRfc822(text: string): string {
  let result = text.replace(/^[^\d,]*,\s*/u, '');
  result = result.replace(/\p{L}+\.?/gu, (word) => {
    const bare = word.replace(/\.$/, '');
    const english = monthLookup.get(bare.toLowerCase());
    if (english !== undefined) return english;
    return zones[bare.toUpperCase()] ?? word;
  });
  return result;
}
