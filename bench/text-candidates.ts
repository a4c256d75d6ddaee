/**
 * The libraries `bench/text.ts` weighs kabar's text modules against, each set up the way kabar
 * would use it: told kabar's languages, kabar's block and junk elements, no line wrapping.
 */
import { eld } from 'eld/medium';
import { decodeHTML, decodeHTMLStrict } from 'entities';
import { franc } from 'franc';
import { Parser } from 'htmlparser2';
import { convert } from 'html-to-text';
import { detect as tinyld } from 'tinyld';
import { stripControlCharacters } from '../src/core/text/control-characters.js';
import { BLOCK_ELEMENTS, DROPPED_ELEMENTS } from '../src/core/text/html-to-text.js';

/** A named function under test. */
export interface Candidate<In extends unknown[], Out> {
  name: string;
  run: (...args: In) => Out;
}

export const ENTITY_CANDIDATES: Array<Candidate<[string], string>> = [
  { name: 'entities decodeHTML (spec, text)', run: (text) => decodeHTML(text) },
  { name: 'entities decodeHTMLStrict', run: (text) => decodeHTMLStrict(text) },
];

const HTML_TO_TEXT_OPTIONS = {
  wordwrap: false as const,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    // Plain blocks, as kabar wants them: no list bullets, no "> " before quotations, a cell a paragraph.
    ...['ul', 'ol', 'li', 'blockquote', 'table', 'tr', 'td', 'th'].map((selector) => ({ selector, format: 'block' })),
    ...[...DROPPED_ELEMENTS].map((selector) => ({ selector, format: 'skip' })),
  ],
};

/** htmlparser2 as a tokenizer, with the smallest walk that gives kabar's paragraphs. */
function htmlparser2Walk(html: string): string {
  const parts: string[] = [];
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (DROPPED_ELEMENTS.has(name)) skipping++;
        else if (BLOCK_ELEMENTS.has(name)) parts.push('\n');
      },
      onclosetag(name) {
        if (DROPPED_ELEMENTS.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK_ELEMENTS.has(name)) parts.push('\n');
      },
      ontext(text) {
        if (skipping === 0) parts.push(text);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return parts.join('');
}

/** What kabar does to any text it shows, whatever made it: no controls, no invisible characters. */
function cleaned(text: string): string {
  return stripControlCharacters(text).replace(/[\u00AD\u200B\u2060\uFEFF]/g, '');
}

export const HTML_CANDIDATES: Array<Candidate<[string], string>> = [
  { name: 'html-to-text (kabar selectors)', run: (html) => cleaned(convert(html, HTML_TO_TEXT_OPTIONS)) },
  { name: 'htmlparser2 + walk', run: (html) => cleaned(htmlparser2Walk(html)) },
];

/** kabar's language codes, and franc's ISO 639-3 names for them. */
const ISO3: Readonly<Record<string, string>> = {
  en: 'eng', id: 'ind', ms: 'zlm', ru: 'rus', uk: 'ukr', kk: 'kaz', uz: 'uzn', ar: 'arb', fa: 'pes',
  tr: 'tur', fr: 'fra', es: 'spa', de: 'deu', pt: 'por', it: 'ita', nl: 'nld', he: 'heb', el: 'ell',
  ko: 'kor', ja: 'jpn', zh: 'cmn', th: 'tha', hi: 'hin', ka: 'kat', hy: 'hye', ur: 'urd', sr: 'srp',
  mk: 'mkd', tg: 'tgk', be: 'bel',
};
const FROM_ISO3 = new Map(Object.entries(ISO3).map(([two, three]) => [three, two]));
const KABAR_LANGUAGES = Object.keys(ISO3);

const eldLanguages = Object.values(eld.info().Languages);
eld.setLanguageSubset(KABAR_LANGUAGES.filter((language) => eldLanguages.includes(language)));

/** Language guessers: a base code, or undefined for "don't know". */
export const LANGUAGE_CANDIDATES: Array<Candidate<[string], string | undefined>> = [
  { name: 'eld (medium, kabar languages)', run: (text) => eld.detect(text).language || undefined },
  { name: 'tinyld (kabar languages)', run: (text) => tinyld(text, { only: KABAR_LANGUAGES }) || undefined },
  {
    name: 'franc (kabar languages)',
    run: (text) => FROM_ISO3.get(franc(text, { only: Object.values(ISO3), minLength: 3 })),
  },
];

/** Which labelled languages a guesser can name at all (the others it can only get wrong). */
export const LANGUAGES_UNSUPPORTED: Readonly<Record<string, readonly string[]>> = {
  'eld (medium, kabar languages)': ['id', 'kk', 'uz'].filter((language) => !eldLanguages.includes(language)),
  'tinyld (kabar languages)': ['ms', 'uz'],
  'franc (kabar languages)': [],
};

const segmenters = new Map<string, Intl.Segmenter>();

/** `Intl.Segmenter` with sentence granularity, as Node ships it (ICU). */
export function intlSentences(paragraph: string, language: string): string[] {
  let segmenter = segmenters.get(language);
  if (segmenter === undefined) segmenters.set(language, (segmenter = new Intl.Segmenter(language, { granularity: 'sentence' })));
  return [...segmenter.segment(paragraph)].map((piece) => piece.segment.trim()).filter((piece) => piece !== '');
}
