/**
 * The fake's own reading of Telegram HTML (written from the Bot API's "HTML style" section, not
 * from the adapter's code): the tags and entities Telegram accepts, balanced and properly nested,
 * every other `<`, `>` and `&` escaped. Returns the visible text as Telegram would show it.
 */

/** A formatting element the message had, with its visible text. */
export interface HtmlEntity {
  tag: string;
  text: string;
  /** For `a`: the link target. */
  href?: string;
}

/** What {@link checkTelegramHtml} found. */
export type HtmlCheck = { ok: true; text: string; entities: HtmlEntity[] } | { ok: false; reason: string };

const ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  b: [], strong: [], i: [], em: [], u: [], ins: [], s: [], strike: [], del: [], 'tg-spoiler': [],
  span: ['class'], a: ['href'], 'tg-emoji': ['emoji-id'], code: ['class'], pre: [], blockquote: ['expandable'],
};
const LINK_SCHEMES = /^(https?:\/\/|tg:\/\/|mailto:)/i;
const ENTITY = /^&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(lt|gt|amp|quot));/;
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"' };

interface Open {
  tag: string;
  start: number;
  href?: string;
}

/**
 * Checks `html` the way `sendMessage` with `parse_mode: "HTML"` does, failing on what Telegram
 * refuses and, stricter than Telegram, on a bare `>` or a link to anything but http(s), tg: and
 * mailto: (the Bot API docs ask for every `<`, `>`, `&` outside markup to be escaped).
 *
 * @example
 * ```ts
 * checkTelegramHtml('<b>a &amp; b</b>'); // { ok: true, text: 'a & b', entities: [{ tag: 'b', text: 'a & b' }] }
 * checkTelegramHtml('<script>');         // { ok: false, reason: 'Unsupported start tag "script" at byte offset 0' }
 * ```
 */
export function checkTelegramHtml(html: string): HtmlCheck {
  const stack: Open[] = [];
  const entities: HtmlEntity[] = [];
  let text = '';
  let i = 0;
  const at = (position: number): string => `at byte offset ${Buffer.byteLength(html.slice(0, position))}`;
  while (i < html.length) {
    const char = html[i] as string;
    if (char === '&') {
      const entity = ENTITY.exec(html.slice(i, i + 12));
      if (entity === null) return { ok: false, reason: `Unsupported HTML entity or bare "&" ${at(i)}` };
      text += decode(entity);
      i += entity[0].length;
    } else if (char === '>') {
      return { ok: false, reason: `Unescaped ">" ${at(i)}` };
    } else if (char === '<') {
      const end = tagEnd(html, i);
      if (end === -1) return { ok: false, reason: `Unclosed start tag ${at(i)}` };
      const problem = readTag(html.slice(i, end), stack, entities, text);
      if (problem !== undefined) return { ok: false, reason: `${problem} ${at(i)}` };
      i = end;
    } else {
      text += char;
      i++;
    }
  }
  const open = stack.at(-1);
  if (open !== undefined) return { ok: false, reason: `Can't find end tag corresponding to start tag "${open.tag}"` };
  return { ok: true, text: text.trim(), entities };
}

function decode(entity: RegExpExecArray): string {
  const [, decimal, hex, name] = entity;
  if (name !== undefined) return NAMED[name] ?? '';
  const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '0', 16);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
}

/** Index just past the `>` closing the tag at `start`, honouring quoted attribute values; -1 if none. */
function tagEnd(html: string, start: number): number {
  let quote: string | undefined;
  for (let p = start + 1; p < html.length; p++) {
    const c = html[p];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '<') return -1;
    else if (c === '>') return p + 1;
  }
  return -1;
}

function readTag(tag: string, stack: Open[], entities: HtmlEntity[], text: string): string | undefined {
  const closing = /^<\/([a-zA-Z][\w-]*)\s*>$/.exec(tag);
  if (closing !== null) {
    const name = (closing[1] as string).toLowerCase();
    const open = stack.pop();
    if (open?.tag !== name) return `Unmatched end tag "${name}"`;
    entities.push({ tag: name, text: text.slice(open.start), ...(open.href === undefined ? {} : { href: open.href }) });
    return undefined;
  }
  const opening = /^<([a-zA-Z][\w-]*)((?:\s+[a-zA-Z][\w-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*>$/.exec(tag);
  if (opening === null) return `Can't parse tag "${tag.slice(0, 20)}"`;
  const name = (opening[1] as string).toLowerCase();
  const allowed = ATTRIBUTES[name];
  if (allowed === undefined) return `Unsupported start tag "${name}"`;
  const attributes = new Map<string, string>();
  for (const attribute of (opening[2] ?? '').matchAll(/([a-zA-Z][\w-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    const key = (attribute[1] as string).toLowerCase();
    if (!allowed.includes(key)) return `Unsupported attribute "${key}" of tag "${name}"`;
    const raw = attribute[2] ?? attribute[3] ?? attribute[4] ?? '';
    const value = decodeAttribute(raw);
    if (value === undefined) return `Bad entity in attribute "${key}"`;
    attributes.set(key, value);
  }
  const parent = stack.at(-1)?.tag;
  if (parent === 'code' || (parent === 'pre' && name !== 'code')) return `Tag "${name}" inside "${parent}"`;
  if (name === 'a' && stack.some((open) => open.tag === 'a')) return 'Nested links';
  let href: string | undefined;
  if (name === 'a') {
    href = attributes.get('href');
    if (href === undefined || !LINK_SCHEMES.test(href.trim())) return `Unsupported URL "${(href ?? '').slice(0, 40)}"`;
  }
  if (name === 'span' && attributes.get('class') !== 'tg-spoiler') return 'Span without class "tg-spoiler"';
  if (name === 'tg-emoji' && !/^\d+$/.test(attributes.get('emoji-id') ?? '')) return 'Tag "tg-emoji" without a numeric emoji-id';
  if (name === 'code' && attributes.has('class') && !/^language-[\w+-]+$/.test(attributes.get('class') ?? '')) return 'Bad code class';
  stack.push({ tag: name, start: text.length, ...(href === undefined ? {} : { href }) });
  return undefined;
}

function decodeAttribute(raw: string): string | undefined {
  let out = '';
  for (let i = 0; i < raw.length; ) {
    if (raw[i] === '&') {
      const entity = ENTITY.exec(raw.slice(i, i + 12));
      if (entity === null) return undefined;
      out += decode(entity);
      i += entity[0].length;
    } else {
      out += raw[i];
      i++;
    }
  }
  return out;
}
