/**
 * Lines that feeds and CMSes wrap around an article and that no reader wants in a brief.
 */

// A line longer than this is article text even when it starts like boilerplate.
const MAX_BOILERPLATE_CHARS = 200;
const MAX_BYLINE_CHARS = 90;

// An ad slot's label: what follows it is the article again, not links.
const ADVERTISEMENT = /^(?:advertisement|sponsored(?: content)?|promoted|ad|iklan|реклама|publicidad)\s*[:.]?$/iu;

const PATTERNS: readonly RegExp[] = [
  // Calls to read something else, in the languages feeds come in. A label alone ("Baca juga:")
  // also announces related headlines: see isRelatedLinksLabel.
  /^(?:read more|continue reading|keep reading|read the (?:full|original|whole) (?:story|article))\b/iu,
  /^(?:also read|read also|more from|more on this|you (?:may|might) also like|don'?t miss|must read|most read|further reading|recommended (?:reading|stories|for you)|editor'?s picks?|related (?:articles?|stories|coverage|news|reading|content))\b/iu,
  /^(?:full story|see also|related|more(?: stories| news| from us)?|latest (?:stories|news)|watch|listen|recommended|top stories|trending(?: now)?)\s*(?::|…|\.\.\.|»|›|→|$)/iu,
  /^(?:watch|listen) (?:here|now|on|the video|to this article)\b/iu,
  /^(?:click|tap) (?:here|to share|to read|to watch)\b/iu,
  /\(opens in (?:a )?new window\)$/iu,
  /^(?:subscribe|sign up|signup|register|log in|follow us|like us|join us|join our|share (?:this|on|via)|download (?:the|our) app|get (?:the|our) (?:latest|newsletter|app|free|daily|weekly)|get our\b|want more\b|enable (?:push )?notifications|don'?t have an account)\b/iu,
  /^(?:tweet|email|print|copy link)\s*(?::|$)/iu,
  ADVERTISEMENT,
  // Indonesian and Malay.
  /^(?:baca juga|baca selengkapnya|baca artikel|bacaan lainnya|simak juga|simak (?:video|berita|selengkapnya|artikel)|lihat juga|tonton (?:juga|video)|artikel terkait|berita terkait|berita lainnya|pilihan editor|ikuti (?:kami|berita|saluran|akun|update)|dapatkan (?:update|berita|informasi|info)|gabung(?:lah)? (?:di|ke|dengan) (?:kanal|saluran|grup|channel|komunitas)|berlangganan|klik di ?sini)(?!\p{L})/iu,
  /^(?:bagikan|share|compartir|поделиться|поделитесь|по теме|relacionad[oa]s?)\s*(?::|$)/iu,
  // Spanish, French, German, Portuguese, Italian, Turkish.
  /^(?:leer más|lee también|lea también|te puede interesar|le puede interesar|también te puede interesar|noticias? relacionadas?|ver también|mira también|más información (?:en|sobre) (?:nuestr[oa]|el sitio|la web)|síguenos|suscríbete|únete a nuestr[oa]|comparte (?:esta|este|en)|recibe (?:las |nuestras |el |nuestro )?(?:noticias|newsletter|boletín|alertas)|lire aussi|lire la suite|abonnez-vous|lesen sie auch|mehr zum thema|leia também|leggi anche|ayrıca okuyun|devamını oku)(?!\p{L})/iu,
  // Russian, Ukrainian, Kazakh.
  /^(?:читайте (?:также|по теме|нас|в|на)|читать (?:также|далее)|смотрите также|см\. также|новости по теме|материалы по теме|ещё по теме|еще по теме|(?:ещё |еще )?больше новостей|подписывайтесь|подпишитесь|следите за (?:новостями|нами)|присоединяйтесь|читайте також|дивіться також|підписуйтесь|оқи(?:ңыз)? сондай-ақ)(?!\p{L})/iu,
  // WordPress and other feed footers; notes on who made or funded the piece.
  /^the post .+ appeared first on .+$/iu,
  /^this (?:article|story|post|report) (?:was |is )?(?:originally |first )?(?:appeared|published|produced|written|made|funded|supported)\b/iu,
  /^\(?(?:additional )?(?:reporting|editing|writing|research) by\b/iu,
  /^(?:con información de|with (?:reporting|additional reporting) from|мнение редакции|при (?:использовании|перепечатке|цитировании) материалов)(?!\p{L})/iu,
  // Copyright and credits.
  /^(?:©|\(c\)|copyright\b)/iu,
  /(?<![\p{L}\p{N}])(?:all rights reserved|hak cipta dilindungi(?: undang-undang)?|все права защищены|todos los derechos reservados)\.?$/iu,
  /^(?:photo|photograph|picture|image|foto|fotografía|imagen|video|credit|illustration|ilustrasi|gambar|file photo|caption|фото|видео|иллюстрация)s?\s*(?:by\b|credit\b|:|\/|-|–|—)/iu,
  /^\(?(?:ap|afp|reuters|getty images|epa|bloomberg|anadolu|xinhua|tass|ria novosti|antara|efe)(?: photo)?\)?\.?$/iu,
  // A caption ending in its credit: "… in Washington. Getty Images", "… / AFP", "… (Reuters)".
  // Without a separator ("… told Reuters.") it is a sentence.
  /(?:\s[/|–—-]\s*|\(|[.:]\s+)(?:getty images|afp(?: via getty images)?|ap(?: photo)?|reuters|epa(?:-efe)?|shutterstock|wam|anadolu agency|bloomberg)\)?$/iu,
  // Who wrote and edited it, as a label: "Pewarta: Rina Putri", "Editor: Agus Salim", "Автор: …".
  /^\(?(?:pewarta|penulis|reporter|editor|redaktur|penyunting|fotografer|kontributor|author|writer|автор|редактор|корреспондент|текст|autor|redactor|redacción|edición)\s*:\s*\S/iu,
  // An editor's sign-off on a line of its own: "(ant/rdp)", "(dnu)", "(EFE)".
  /^\(\p{L}{2,6}(?:\/\p{L}{2,6}){0,3}\)$/u,
  // Structured data and styles that leaked into the text: `{"@context": …}`, `.ad{display:none}`.
  /^[{[]\s*"[^"]{1,40}"\s*:/u,
  /^[.#@]?[\w-]+(?:[\s,>.#:]+[\w-]+)*\s*\{[^{}]*\}?$/u,
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

// Longest label that introduces a list of related headlines ("Baca juga:", "Читайте по теме:").
const MAX_LABEL_CHARS = 40;
// Longest line read as one of those headlines.
const MAX_HEADLINE_CHARS = 150;

/**
 * True when `line` is a boilerplate label standing alone, such as "Baca juga:", "Bacaan lainnya",
 * "Читайте по теме:" or "Related": what follows it, headline after headline, is links to other
 * stories (see {@link isHeadlineLine}).
 *
 * @example
 * ```ts
 * isRelatedLinksLabel('Baca Juga:'); // true
 * isRelatedLinksLabel('Read more: Abraham Accords at five'); // false: the link is on the line
 * ```
 */
export function isRelatedLinksLabel(line: string): boolean {
  const text = line.trim();
  if (text.length > MAX_LABEL_CHARS || !/^[\p{L}\s'’.-]+[:：…»›→]?$/u.test(text)) return false;
  return !BYLINE.test(text) && !ADVERTISEMENT.test(text) && isBoilerplate(text);
}

/**
 * True when `line` reads like a headline rather than a sentence of the article: short, one line,
 * not ending like a sentence (`.`, `!`, `:`, `;`).
 */
export function isHeadlineLine(line: string): boolean {
  const text = line.trim();
  return text !== '' && text.length <= MAX_HEADLINE_CHARS && !/[.!:;。！]["'”’»)]*$/u.test(text);
}

// "… kata dia. (ant/rdp)": lower-case initials of the reporter and the editor closing a paragraph.
const MAX_SIGN_OFF_CHARS = 40;
const TRAILING_SIGN_OFF = /\s+\(\p{Ll}{2,6}(?:\/\p{Ll}{2,6}){0,3}\)$/u;

/**
 * `paragraph` without an editor's sign-off at its end (`… kata dia. (ant/rdp)` becomes
 * `… kata dia.`), as Indonesian and other agencies close a story.
 */
export function withoutSignOff(paragraph: string): string {
  // Only the tail is searched: a regex run over a whole paragraph of spaces would be quadratic.
  const tail = paragraph.slice(-MAX_SIGN_OFF_CHARS);
  const match = TRAILING_SIGN_OFF.exec(tail);
  return match === null ? paragraph : paragraph.slice(0, paragraph.length - tail.length + match.index);
}
