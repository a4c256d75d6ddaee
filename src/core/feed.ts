/**
 * What a feed fetch yields, before normalization into {@link Article}s.
 * Produced by the feeds adapter from RSS 0.9x/1.0/2.0, Atom or JSON Feed.
 */
export interface FeedItem {
  /** RSS `<guid>` or JSON Feed `id`. */
  guid?: string;
  /** Atom `<id>`. */
  atomId?: string;
  link?: string;
  title?: string;
  /** HTML or text: RSS `<description>`, Atom `<summary>`, JSON Feed `summary`. */
  summary?: string;
  /** HTML or text: `content:encoded`, Atom `<content>`, JSON Feed `content_html`/`content_text`. */
  content?: string;
  /** Epoch milliseconds; absent when the feed had no date or an unparseable one. */
  publishedAt?: number;
  language?: string;
}

/** A parsed feed document. */
export interface ParsedFeed {
  format: 'rss' | 'atom' | 'json-feed';
  title?: string;
  /** Feed-level language (`<language>`, `xml:lang`, JSON Feed `language`), as written. */
  language?: string;
  /** RSS `<ttl>`, in minutes. */
  ttlMinutes?: number;
  items: FeedItem[];
}

/** Conditional-GET validators remembered between fetches. Never sent when empty. */
export interface FeedValidators {
  etag?: string;
  lastModified?: string;
}

/** The outcome of one successful fetch. Failures are thrown as `KabarError`s. */
export type FeedFetchResult =
  | {
      status: 'not-modified';
      validators: FeedValidators;
      /** Freshness the server granted (Cache-Control max-age / Expires), in ms from now. */
      freshForMs?: number;
    }
  | {
      status: 'ok';
      feed: ParsedFeed;
      validators: FeedValidators;
      freshForMs?: number;
      /** URL after redirects. */
      finalUrl: string;
    };
