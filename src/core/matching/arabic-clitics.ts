/**
 * Arabic writes the article and some one-letter words as part of the next word: `والإمارات` is
 * "and the Emirates". These helpers let a term written as `الإمارات` or `إمارات` match all of
 * `الإمارات`, `والإمارات`, `بالإمارات`, `للإمارات`, `إمارات`.
 *
 * The approach: a term word is stored without its article ({@link canonicalTermWord}); an
 * article word is looked up under each reading with its clitics peeled off
 * ({@link lookupForms}). Peeling never removes the unpeeled reading, so it can only add matches,
 * and it is limited to words long enough that the remainder is still a word.
 */

const ARTICLE = '\u0627\u0644'; // ال
// و and, ف so, ب with/in, ك like, ل for/to
const PROCLITICS = new Set(['\u0648', '\u0641', '\u0628', '\u0643', '\u0644']);
const LAM = '\u0644';
const ARABIC_LETTER = /^[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF]/u;

function stripArticle(word: string): string {
  return word.startsWith(ARTICLE) && word.length >= ARTICLE.length + 2 ? word.slice(ARTICLE.length) : word;
}

/**
 * The form a normalized term word is stored under: an Arabic word loses its article `ال`;
 * other words are returned unchanged.
 *
 * @example
 * ```ts
 * canonicalTermWord('الامارات'); // 'امارات'
 * ```
 */
export function canonicalTermWord(norm: string): string {
  return ARABIC_LETTER.test(norm) ? stripArticle(norm) : norm;
}

/**
 * The forms under which a normalized article word is looked up: the word itself and, for an
 * Arabic word, the readings with up to two one-letter proclitics, the article, or the `لل`
 * contraction (`ل` + `ال`) removed. Non-Arabic words have one form.
 *
 * @example
 * ```ts
 * lookupForms('والامارات'); // ['والامارات', 'الامارات', 'امارات']
 * ```
 */
export function lookupForms(norm: string): string[] {
  if (!ARABIC_LETTER.test(norm)) return [norm];
  const forms = new Set<string>([norm, stripArticle(norm)]);
  let rest = norm;
  for (let peeled = 0; peeled < 2; peeled++) {
    if (rest.startsWith(LAM + LAM) && rest.length >= 5) forms.add(rest.slice(2));
    const first = rest.charAt(0);
    if (!PROCLITICS.has(first) || rest.length < 4) break;
    rest = rest.slice(1);
    forms.add(rest);
    forms.add(stripArticle(rest));
  }
  return [...forms];
}
