/**
 * Lines that feeds and CMSes wrap around an article and that no reader wants in a brief.
 */

// A line longer than this is article text even when it starts like boilerplate.
const MAX_BOILERPLATE_CHARS = 200;
const MAX_BYLINE_CHARS = 90;

const PATTERNS: readonly RegExp[] = [
  // Calls to action, in the languages feeds come in.
  /^(?:read more|continue reading|keep reading|read the (?:full|original|whole) (?:story|article))\b/iu,
  /^(?:full story|see also|related(?: articles?| stories| coverage| news)?|more|watch|listen)\s*(?::|…|\.\.\.|»|›|→|$)/iu,
  /^(?:watch|listen) (?:here|now|on)\b/iu,
  /^(?:click|tap) here\b/iu,
  /^(?:subscribe|sign up|signup|register|log in|follow us|like us|join us|share (?:this|on)|download (?:the|our) app|get (?:the|our) (?:latest|newsletter|app))\b/iu,
  /^(?:advertisement|sponsored(?: content)?|promoted|ad)\s*[:.]?$/iu,
  /^(?:baca juga|baca selengkapnya|simak juga|lihat juga|artikel terkait|ikuti kami|berlangganan)\b/iu,
  /^(?:leer más|lee también|lea también|suscríbete|lire aussi|lire la suite|abonnez-vous|lesen sie auch|mehr zum thema|leia também|leggi anche|читайте также|подписывайтесь|читайте нас|читайте також|ayrıca okuyun|devamını oku)(?!\p{L})/iu,
  // WordPress and other feed footers.
  /^the post .+ appeared first on .+$/iu,
  /^this (?:article|story|post) (?:was )?(?:originally |first )?(?:appeared|published)\b/iu,
  // Copyright and credits.
  /^(?:©|\(c\)|copyright\b)/iu,
  /\ball rights reserved\.?$/iu,
  /^(?:photo|photograph|picture|image|foto|video|credit|illustration|file photo|caption)s?\s*(?:by\b|credit\b|:|\/|-|–|—)/iu,
  /^\(?(?:ap|afp|reuters|getty images|epa|bloomberg|anadolu|xinhua|tass|ria novosti|antara)(?: photo)?\)?\.?$/iu,
  // A caption ending in its credit: "… in Washington. Getty Images", "… / AFP", "… (Reuters)".
  // Without a separator ("… told Reuters.") it is a sentence.
  /(?:\s[/|–—-]\s*|\(|[.:]\s+)(?:getty images|afp(?: via getty images)?|ap(?: photo)?|reuters|epa(?:-efe)?|shutterstock|wam|anadolu agency|bloomberg)\)?$/iu,
  // A bare link or a line of symbols.
  /^(?:https?:\/\/|www\.)\S+$/iu,
  /^[^\p{L}\p{N}]*$/u,
];

// "By Jane Doe", "By Jane Doe and John Smith, Reuters", "Oleh Andi Wijaya": a few capitalized words.
// No `i` flag: with it, \p{Lu} would match lower-case letters too.
const BYLINE = /^(?:[Bb]y|BY|[Oo]leh|[Pp]or|[Pp]ar|[Vv]on|[Dd]i|[Dd]a|[Оо]т|[Аа]втор|[Yy]azan)\s*:?\s+\p{Lu}[\p{L}.'’-]*(?:(?:\s+|\s*,\s*|\s+(?:and|dan|y|et|und|e|и)\s+|\s*&\s*)\p{Lu}[\p{L}.'’-]*){0,7}(?:\s*[|,·–—-]\s*[\p{L}\d :.,]+)?$/u;

/**
 * True when `line` (a paragraph or a sentence) is boilerplate: "Read more", "Subscribe",
 * "Sign up", "Click here", "Baca juga", "The post X appeared first on Y", bylines, photo
 * credits and captions ending in an agency name, copyright lines, a bare link. Long lines are
 * never boilerplate: a real sentence may start with "Read".
 *
 * @example
 * ```ts
 * isBoilerplate('The post Kazakhstan joins the accords appeared first on The National.'); // true
 * isBoilerplate('Read more: Abraham Accords at five'); // true
 * isBoilerplate('Readers were surprised.'); // false
 * ```
 */
export function isBoilerplate(line: string): boolean {
  const text = line.trim();
  if (text === '') return true;
  if (text.length <= MAX_BYLINE_CHARS && BYLINE.test(text) && !/[.!?]$/u.test(text)) return true;
  if (text.length > MAX_BOILERPLATE_CHARS) return /^the post .+ appeared first on .+$/iu.test(text);
  return PATTERNS.some((pattern) => pattern.test(text));
}
