/**
 * The interfaces the core and the use cases need from the outside world. Adapters implement them;
 * `main.ts` wires the implementations in; tests use the fakes in `test/fakes/`.
 */
import type { Article } from './article.js';
import type { Brief, BriefStyle } from './briefs/brief.js';
import type { FeedFetchResult, FeedValidators } from './feed.js';

/** Wall-clock time, injectable so tests control it. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/** Structured logging. Fields must never contain secrets. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Fetches and parses one feed. Throws `KabarError` with a `code` naming the failure class. */
export interface FeedFetcher {
  fetch(url: string, validators?: FeedValidators, signal?: AbortSignal): Promise<FeedFetchResult>;
}

/** One call to a translation provider. */
export interface TranslationRequest {
  /** Each text is translated on its own and comes back at the same index. */
  texts: readonly string[];
  /** Base language code of the texts, when known (`en`). */
  sourceLanguage?: string;
  /** Base language code wanted (`id`, `es`). */
  targetLanguage: string;
  /** Source term -> wanted target term, for providers that can use it (LLM prompt, DeepL glossary). */
  glossary?: Readonly<Record<string, string>>;
}

/** What a provider returned, with what it cost. */
export interface TranslationResult {
  texts: string[];
  /** Characters sent for billing (DeepL, LibreTranslate, Apertium count these). */
  characters: number;
  /** Tokens used (LLM providers), when the provider reports them. */
  tokens?: number;
}

/**
 * A translation provider. Implementations map their errors to `KabarError` kinds:
 * 429 -> `rate-limited` with `retryAfterMs`, quota/auth/unsupported pair -> `permanent`, 5xx/timeouts -> `retryable`.
 */
export interface Translator {
  /** Names provider and model, e.g. `deepl`, `openai:gpt-4o-mini`. Part of the translation cache key. */
  readonly id: string;
  translate(request: TranslationRequest): Promise<TranslationResult>;
}

/** A feed kabar polls, with its polling state. */
export interface FeedRecord {
  url: string;
  /** Base time between checks; the next check also follows cache headers, jitter and backoff. */
  intervalMs: number;
  addedAt: number;
  /** The first successful fetch has marked everything seen; only later items are posted. */
  seeded: boolean;
  validators: FeedValidators;
  consecutiveFailures: number;
  /** Set once consecutive failures pass the threshold; cleared by the next success. */
  failing: boolean;
  nextCheckAt: number;
  title?: string;
  lastCheckAt?: number;
  lastSuccessAt?: number;
  lastError?: string;
  lastErrorCode?: string;
}

/** Feeds and their polling state. */
export interface FeedStore {
  /** Adds a feed; false when it was already there. */
  add(record: FeedRecord): Promise<boolean>;
  /** Removes a feed; false when it was not there. */
  remove(url: string): Promise<boolean>;
  get(url: string): Promise<FeedRecord | undefined>;
  list(): Promise<FeedRecord[]>;
  /** Writes a feed's state and reschedules it at `record.nextCheckAt`. A removed feed stays removed. */
  save(record: FeedRecord): Promise<void>;
  /**
   * Atomically takes up to `limit` feeds whose next check is at or before `now` and moves their
   * next check to `now + leaseMs`, so that a second scheduler does not take them too. The poll
   * that follows sets the real next check.
   */
  claimDue(now: number, leaseMs: number, limit: number): Promise<string[]>;
}

/** Article ids already handled, kept for about 90 days. */
export interface SeenStore {
  /** The ids in `ids` not marked seen yet, in their order. */
  unseen(ids: readonly string[]): Promise<string[]>;
  markSeen(ids: readonly string[]): Promise<void>;
}

/** Collapses one story published by several feeds into one brief. */
export interface StoryRegistry {
  /**
   * Claims every key for `articleId`, unless one of them is already claimed by another article:
   * then returns that article's id and claims nothing. Claiming again with the same id succeeds,
   * so a retried job is not mistaken for a duplicate.
   */
  claim(keys: readonly string[], articleId: string): Promise<string | undefined>;
}

/** Normalized articles of the last days (bounded), for previews of keyword edits and re-briefing. */
export interface ArticleArchive {
  put(article: Article): Promise<void>;
  get(id: string): Promise<Article | undefined>;
  /** Newest first. */
  recent(limit: number): Promise<Article[]>;
}

/** Cached translations, keyed by provider, model, source text and target language. */
export interface TranslationCache {
  get(key: string): Promise<string[] | undefined>;
  set(key: string, texts: readonly string[]): Promise<void>;
}

/** What translation cost, per provider per UTC day. */
export interface UsageMeter {
  record(provider: string, usage: { characters: number; tokens?: number; calls?: number }, at: number): Promise<void>;
  /** Usage per provider on the UTC day containing `at`. */
  day(at: number): Promise<Record<string, { characters: number; tokens: number; calls: number }>>;
}

/** Where briefs go: a Discord channel, a Telegram chat, or the console. */
export type Platform = 'console' | 'discord' | 'telegram';

/** What a subscription does when translation fails after its retries. */
export type TranslationFallback = 'deliver-with-note' | 'hold';

/** One chat that receives briefs. */
export interface Subscription {
  /** `console`, `discord-<channel id>`, `telegram-<chat id>`: no `:`, since it is part of job ids. */
  id: string;
  platform: Platform;
  /** Stored as a string: Telegram ids exceed 2^53 once migrated, Discord ids are snowflakes. */
  chatId: string;
  /** Topic names this chat follows; empty means every topic. */
  topics: string[];
  /** Base language code the chat reads. */
  language: string;
  style: BriefStyle;
  onTranslationFailure: TranslationFallback;
  createdAt: number;
}

/** Subscriptions by id. */
export interface SubscriptionStore {
  list(): Promise<Subscription[]>;
  get(id: string): Promise<Subscription | undefined>;
  save(subscription: Subscription): Promise<void>;
  remove(id: string): Promise<boolean>;
}

/**
 * Briefs built, per article and audience language, and the latest per topic. The audience
 * language is the one subscribers asked for; the brief's own `language` differs when translation
 * was off or failed.
 */
export interface BriefArchive {
  save(brief: Brief, audienceLanguage: string): Promise<void>;
  get(articleId: string, audienceLanguage: string): Promise<Brief | undefined>;
  /** The newest briefs of a topic for one audience language, newest first. */
  latest(topic: string, audienceLanguage: string, limit: number): Promise<Brief[]>;
}

/** What {@link DeliveryLog.claim} found. */
export type DeliveryClaim = 'claimed' | 'already-sent' | 'in-progress';

/**
 * Durable record of what was posted where, so retries and second workers never post twice.
 * A delivery is claimed before sending and recorded after; a claim expires, so a worker that died
 * mid-send does not block the chat for good.
 */
export interface DeliveryLog {
  /**
   * Takes the (article, subscription) pair for `ttlMs` under `token` (unique per attempt), unless
   * it was sent or another worker holds it.
   */
  claim(articleId: string, subscriptionId: string, token: string, ttlMs: number): Promise<DeliveryClaim>;
  /** Gives a claim back after a failed send, so the retry may take it at once; only the holder's token does. */
  release(articleId: string, subscriptionId: string, token: string): Promise<void>;
  /** True when the brief was already sent to that subscription. */
  wasSent(articleId: string, subscriptionId: string): Promise<boolean>;
  /** Records the send, and drops the claim if `token` still holds it. */
  markSent(articleId: string, subscriptionId: string, at: number, token: string): Promise<void>;
}

/** Posts one brief to one chat. Throws `KabarError`s (rate-limited with retryAfterMs, permanent when the chat is gone). */
export interface ChatSender {
  readonly platform: Platform;
  send(subscription: Subscription, brief: Brief): Promise<void>;
}

/** A matched article waiting for its brief. */
export interface BriefJob {
  article: Article;
  /** The topics it matched (global names, or `chat:<id>/<name>` for chat-scoped topics). */
  topics: string[];
}

/** One brief for one subscription. */
export interface DeliveryJob {
  articleId: string;
  subscriptionId: string;
  language: string;
}

/** The pipeline's queues, as the use cases see them. Enqueueing the same job twice is a no-op. */
export interface PipelineQueues {
  enqueuePolls(feedUrls: readonly string[]): Promise<void>;
  enqueueBrief(job: BriefJob): Promise<void>;
  enqueueDeliveries(jobs: readonly DeliveryJob[]): Promise<void>;
}
