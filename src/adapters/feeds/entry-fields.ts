import type { FeedItem } from '../../core/feed.js';
import { atomConstructHtml, atomTitleText, looseTitleText, rssHtml, titleAsHtml } from './field-html.js';
import { buildFeedItem, languageTag, nonBlank, resolveHttpLink } from './feed-item.js';
import { parseFeedDate } from './parse-date.js';
import { childNamed, childrenNamed, CONVENTIONAL_NAMESPACES as NS, inherited, textContent, type XmlElement } from './xml-tree.js';

/** Atom 1.0, Atom 0.3, and none (Atom documents that forget their namespace). */
export const ATOM_NAMESPACES = ['http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#', ''];
/** RSS 0.9x/2.0 (none), RSS 1.0, RSS 0.90, and the Userland namespace some RSS 2.0 feeds declare. */
export const RSS_NAMESPACES = ['', 'http://purl.org/rss/1.0/', 'http://my.netscape.com/rdf/simple/0.9/', 'http://backend.userland.com/rss2'];

const DC = [NS.dc ?? ''];
const DCTERMS = [NS.dcterms ?? ''];
const CONTENT = [NS.content ?? ''];
const ITUNES = [NS.itunes ?? ''];
const MEDIA = [NS.media ?? ''];
const XHTML = [NS.xhtml ?? ''];
const ATOM10 = [NS.atom ?? ''];
const RDF = NS.rdf ?? '';

/** What an item or entry is read with: its document's own namespaces and the document's base URL. */
export interface EntryContext {
  /** The namespaces of the feed format's own elements (plus the root's, when it has a prefix). */
  own: readonly string[];
  /** The document's URL (the HTTP `Content-Location` when given), before any `xml:base`. */
  documentBase: string | undefined;
  /** `<channel>` in RSS, `<feed>` in Atom: where an item's own language stops and the feed's begins. */
  feed: XmlElement;
}

/** The base URL in scope at `element`: every `xml:base` from the root down, resolved in turn. */
export function baseAt(element: XmlElement, documentBase: string | undefined): string | undefined {
  const bases: string[] = [];
  for (let at: XmlElement | undefined = element; at !== undefined; at = at.parent) {
    const base = at.attributes['xml:base'];
    if (base !== undefined) bases.push(base);
  }
  let base = documentBase;
  for (let index = bases.length - 1; index >= 0; index--) {
    try {
      base = new URL(bases[index]?.trim() ?? '', base).href;
    } catch {
      // A relative xml:base with nothing to resolve it against: the outer base stays.
    }
  }
  return base;
}

/**
 * The language in scope at `element` (`xml:lang` on it or an ancestor), tag-normalized. For an
 * item, ancestors stop below the feed's element: the feed's own language is the feed's, not the item's.
 */
export function languageAt(element: XmlElement, below?: XmlElement): string | undefined {
  for (let at: XmlElement | undefined = element; at !== undefined && at !== below; at = at.parent) {
    const lang = at.attributes['xml:lang'];
    if (lang !== undefined) return languageTag(lang);
  }
  return undefined;
}

/**
 * Reads one RSS `<item>` (0.9x, 1.0, 2.0) from the order-preserving tree: title (`title`,
 * `dc:title`), summary (`description`, `dc:description`, `itunes:summary`, `media:description`,
 * alone or in a `media:group`), content (`content:encoded`, `xhtml:body`, `body`), date
 * (`pubDate`, `dc:date`, `dcterms:issued`/`created`/`modified`), link (`link` text, else an
 * `atom:link` href, else a permalink guid; resolved against the `xml:base` in scope), language.
 *
 * @param guid - the guid rss-parser read, if any
 */
export function rssEntry(item: XmlElement, context: EntryContext, guid: string | undefined): FeedItem | undefined {
  const { own } = context;
  const guidElement = childNamed(item, own, 'guid');
  const guidText = guid ?? nonBlank(guidElement && textContent(guidElement));
  const isPermaLink = guidElement?.attributes.isPermaLink?.trim().toLowerCase() !== 'false';
  const title = childNamed(item, own, 'title') ?? childNamed(item, DC, 'title');
  const mediaGroup = childNamed(item, MEDIA, 'group');
  return buildFeedItem({
    // RSS 1.0 has no <guid>; its identifier is the item's rdf:about.
    guid: guidText ?? nonBlank(attributeIn(item, RDF, 'about')),
    atomId: undefined,
    link: linkOf(item, context) ?? (isPermaLink ? resolveHttpLink(guidText, undefined) : undefined),
    title: title === undefined ? undefined : titleAsHtml(looseTitleText(title)),
    summary: firstHtml(
      [
        childNamed(item, own, 'description'),
        childNamed(item, DC, 'description'),
        childNamed(item, ITUNES, 'summary'),
        childNamed(item, MEDIA, 'description'),
        mediaGroup && childNamed(mediaGroup, MEDIA, 'description'),
      ],
      rssHtml,
    ),
    content: firstHtml([childNamed(item, CONTENT, 'encoded'), childNamed(item, XHTML, 'body'), childNamed(item, own, 'body')], rssHtml),
    publishedAt: firstDate([
      childNamed(item, own, 'pubDate'),
      childNamed(item, DC, 'date'),
      childNamed(item, DCTERMS, 'issued'),
      childNamed(item, DCTERMS, 'created'),
      childNamed(item, DCTERMS, 'modified'),
    ]),
    language: languageTag(textOf(childNamed(item, DC, 'language'))) ?? languageAt(item, context.feed),
  });
}

/**
 * Reads one Atom `<entry>` (1.0 or 0.3) from the order-preserving tree: text constructs by their
 * `type`/`mode` (see `atomConstructHtml`), the alternate link by `href` or as element text, dates
 * from `published`, 0.3's `issued`/`created`, the last readable `updated`, 0.3's `modified`.
 *
 * @param id - the id rss-parser read, if any
 */
export function atomEntry(entry: XmlElement, context: EntryContext, id: string | undefined): FeedItem | undefined {
  const { own } = context;
  const title = childNamed(entry, own, 'title');
  const summary = childNamed(entry, own, 'summary');
  const updated = childrenNamed(entry, own, 'updated').reverse();
  return buildFeedItem({
    guid: undefined,
    atomId: id ?? nonBlank(textOf(childNamed(entry, own, 'id'))),
    link: atomLinkOf(entry, context),
    title: title === undefined ? undefined : titleAsHtml(atomTitleText(title)),
    summary: summary === undefined ? undefined : nonBlank(atomConstructHtml(summary)),
    content: firstHtml(childrenNamed(entry, own, 'content'), atomConstructHtml),
    publishedAt: firstDate([
      childNamed(entry, own, 'published'),
      childNamed(entry, own, 'issued'),
      childNamed(entry, own, 'created'),
      ...updated,
      childNamed(entry, own, 'modified'),
    ]),
    language: languageAt(entry, context.feed),
  });
}

/**
 * An Atom element's alternate link: the `rel="alternate"` link (or one without `rel`) with an
 * href, else the first link with an href, else a link given as element text; resolved against the
 * base in scope at that link.
 */
export function atomLinkOf(element: XmlElement, context: EntryContext): string | undefined {
  const links = [...childrenNamed(element, context.own, 'link'), ...childrenNamed(element, ATOM10, 'link')];
  const withHref = links.filter((link) => link.attributes.href !== undefined);
  const chosen = withHref.find((link) => (link.attributes.rel?.trim() || 'alternate') === 'alternate') ?? withHref[0];
  if (chosen !== undefined) return resolveHttpLink(chosen.attributes.href, baseAt(chosen, context.documentBase));
  for (const link of links) {
    const resolved = resolveHttpLink(textContent(link), baseAt(link, context.documentBase));
    if (resolved !== undefined) return resolved;
  }
  return undefined;
}

/** An RSS element's link: `<link>` text, else (feeds that mix in Atom) an alternate `atom:link`. */
export function linkOf(element: XmlElement, context: EntryContext): string | undefined {
  for (const link of childrenNamed(element, context.own, 'link')) {
    const resolved = resolveHttpLink(textContent(link) || link.attributes.href, baseAt(link, context.documentBase));
    if (resolved !== undefined) return resolved;
  }
  return atomLinkOf(element, { ...context, own: [] });
}

function firstHtml<T extends XmlElement | undefined>(candidates: readonly T[], html: (element: XmlElement) => string): string | undefined {
  for (const candidate of candidates) {
    const value = candidate === undefined ? undefined : nonBlank(html(candidate));
    if (value !== undefined) return value;
  }
  return undefined;
}

function firstDate(candidates: ReadonlyArray<XmlElement | undefined>): number | undefined {
  for (const candidate of candidates) {
    const date = parseFeedDate(textOf(candidate));
    if (date !== undefined) return date;
  }
  return undefined;
}

function textOf(element: XmlElement | undefined): string | undefined {
  return element === undefined ? undefined : textContent(element);
}

/** An attribute by namespace: `rdf:about` whatever prefix the document bound RDF to. */
function attributeIn(element: XmlElement, uri: string, local: string): string | undefined {
  for (const [name, value] of Object.entries(element.attributes)) {
    const colon = name.indexOf(':');
    if (colon !== -1 && name.slice(colon + 1) === local && declaredUri(element, name.slice(0, colon)) === uri) return value;
  }
  return undefined;
}

function declaredUri(element: XmlElement, prefix: string): string | undefined {
  return inherited(element, `xmlns:${prefix}`) ?? NS[prefix];
}
