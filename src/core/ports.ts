/**
 * The interfaces the core and the use cases need from the outside world. Adapters implement them;
 * `main.ts` wires the implementations in; tests use the fakes in `test/fakes/`.
 */
import type { Article } from './article.js';
import type { Brief, BriefStyle } from './briefs/brief.js';
import type { FeedFetchResult, FeedValidators } from './feed.js';
import type { TopicScope } from './topics/topic.js';

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
  /**
   * True when the provider applies `request.glossary` itself (an LLM told the renderings in its
   * prompt). Otherwise kabar protects glossary terms with placeholders before sending.
   */
  readonly usesGlossary?: boolean;
  /**
   * For providers with a glossary feature of their own (DeepL): makes sure the provider holds
   * `glossary` for this language pair and says whether it will apply it to the next requests of
   * the pair. When it answers `false` (the pair has no glossary support, the key may not create
   * one), or the method is absent, kabar protects glossary terms with placeholders instead.
   */
  prepareGlossary?(pair: LanguagePair, glossary: Readonly<Record<string, string>>): Promise<GlossaryReadiness>;
  translate(request: TranslationRequest): Promise<TranslationResult>;
}

/** A source and a target language, as base codes (`en`, `id`). */
export interface LanguagePair {
  sourceLanguage: string;
  targetLanguage: string;
}

/** Whether a provider will apply its own glossary, and if not, why (for the log). */
export type GlossaryReadiness = { applied: true } | { applied: false; reason: string };

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
  /** The topic scope of the chat whose moderators added it (`chat:discord-guild-1`); absent for the operator's and shipped feeds. */
  addedBy?: string;
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

/**
 * Which subscriptions got briefs from which feed lately (about 30 days): the chats to tell when a
 * feed fails or recovers.
 */
export interface FeedAudience {
  add(feedUrl: string, subscriptionIds: readonly string[]): Promise<void>;
  list(feedUrl: string): Promise<string[]>;
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

/** What a relevance check is asked: does this article belong to this topic? */
export interface RelevanceQuestion {
  topic: string;
  /** The topic's description: all the model knows of what the topic covers. */
  description: string;
  title: string;
  summary?: string;
}

/**
 * A model's yes or no on a {@link RelevanceQuestion}, for matches that rest only on weak terms
 * (`KABAR_RELEVANCE_CHECK`).
 */
export interface RelevanceCheck {
  /** Who answers, as explanations show it: `openai gpt-4o-mini`. */
  readonly name: string;
  /** @throws KabarError when the model could not answer (`retryable`) or cannot be reached as configured (`permanent`). */
  ask(question: RelevanceQuestion): Promise<{ relevant: boolean; tokens?: number }>;
}

/** How a relevance question ended, as counted per day. */
export type RelevanceOutcome = 'confirmed' | 'rejected' | 'cached' | 'failed';

/** Relevance answers kept per article and topic (so each is asked once), and a day's counts. */
export interface RelevanceLedger {
  verdict(articleId: string, topic: string): Promise<boolean | undefined>;
  record(articleId: string, topic: string, relevant: boolean): Promise<void>;
  count(outcome: RelevanceOutcome, at: number): Promise<void>;
  /** Counts on the UTC day containing `at`. */
  day(at: number): Promise<Record<RelevanceOutcome, number>>;
}

/** Where briefs go: a Discord channel, a Telegram chat, or the console. */
export type Platform = 'console' | 'discord' | 'telegram';

/** What a subscription does when translation fails after its retries. */
export type TranslationFallback = 'deliver-with-note' | 'hold';

/** How a brief is laid out on Discord: an embed (title linked to the source) or plain text. */
export type BriefFormat = 'embed' | 'text';

/** Why a subscription stopped receiving briefs, and since when (the chat is gone, the bot lost access). */
export interface SubscriptionPause {
  /** The error code that paused it, e.g. `chat-gone`. */
  code: string;
  /** One line for moderators and operators, e.g. "Discord 50013: missing permissions". */
  reason: string;
  since: number;
}

/** One chat that receives briefs. */
export interface Subscription {
  /**
   * `console`, `discord-<channel id>`, `telegram-<chat id>` or `telegram-<chat id>-topic-<thread id>`
   * (see `core/chat/subscription-id.ts`): no `:`, since it is part of job ids. Never changes, even
   * when a Telegram group migrates to a new chat id.
   */
  id: string;
  platform: Platform;
  /** Stored as a string: Telegram ids exceed 2^53 once migrated, Discord ids are snowflakes. */
  chatId: string;
  /** The forum topic of a Telegram supergroup (`message_thread_id`) this subscription posts into. */
  threadId?: string;
  /** The Discord server of the channel. */
  guildId?: string;
  /**
   * Whose own topics this subscription sees besides the global ones: `chat:<subscription id>` when
   * absent. Channels of one Discord server share `chat:discord-guild-<id>`, the topics of one
   * Telegram forum share the group's.
   */
  topicScope?: TopicScope;
  /** Topic names this chat follows; empty means every topic. */
  topics: string[];
  /** Base language code the chat reads. */
  language: string;
  style: BriefStyle;
  /** Discord only; default `embed`. */
  format?: BriefFormat;
  /** Post without a notification sound (Discord `SUPPRESS_NOTIFICATIONS`, Telegram `disable_notification`). */
  silent?: boolean;
  onTranslationFailure: TranslationFallback;
  createdAt: number;
  /** Who subscribed the chat: `discord:<user id>`, `telegram:<user id>`, `cli:<user>`. */
  createdBy?: string;
  /** Set when the platform said the chat is gone for good; no delivery is tried while it is set. */
  paused?: SubscriptionPause;
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
  /**
   * Keeps a claim `token` holds for another `ttlMs` (a send still running); false when the claim
   * was lost (it expired and another attempt took it, or the pair was sent).
   */
  extendClaim(articleId: string, subscriptionId: string, token: string, ttlMs: number): Promise<boolean>;
  /** Gives a claim back after a failed send, so the retry may take it at once; only the holder's token does. */
  release(articleId: string, subscriptionId: string, token: string): Promise<void>;
  /** True when the brief was already sent to that subscription. */
  wasSent(articleId: string, subscriptionId: string): Promise<boolean>;
  /** Records the send, and drops the claim if `token` still holds it. */
  markSent(articleId: string, subscriptionId: string, at: number, token: string): Promise<void>;
  /** How many parts of a brief split over several messages went out already (0 when none). */
  partsSent(articleId: string, subscriptionId: string): Promise<number>;
  /** Records that part `index` is about to be posted (cleared by {@link DeliveryLog.markPartSent}). */
  markPartSending(articleId: string, subscriptionId: string, index: number): Promise<void>;
  /**
   * The part an earlier attempt began posting and never recorded (it died mid-send), if any:
   * whether the platform got it is unknown.
   */
  partSending(articleId: string, subscriptionId: string): Promise<number | undefined>;
  /** Forgets the part being posted: the platform answered that it was not (a 429, a refusal). */
  clearPartSending(articleId: string, subscriptionId: string): Promise<void>;
  /** Records that parts `0..index` went out, so a retry after a crash resumes at `index + 1`. */
  markPartSent(articleId: string, subscriptionId: string, index: number): Promise<void>;
  /** The last brief fully sent to a subscription, for `/status`. */
  lastSent(subscriptionId: string): Promise<{ articleId: string; at: number } | undefined>;
}

/** Which part of a brief a message is, and the key that makes posting it idempotent. */
export interface PartKey {
  /** Position from 0. */
  index: number;
  /** How many parts the brief has. */
  count: number;
  /**
   * Unique per (article, subscription, part) and stable across retries: Discord's `nonce` with
   * `enforce_nonce`, so a retried send does not post twice. At most 25 characters.
   */
  idempotencyKey: string;
}

/**
 * Posts briefs to one platform, one message ("part") at a time, so that the caller can pace
 * every message and record each one as sent: a crash between parts resumes at the next part.
 *
 * `Part` is the platform's own message (a Telegram HTML text, a Discord payload); callers treat
 * it as opaque. Errors are `KabarError`s with the codes of `core/chat/chat-errors.ts`:
 * `chat-gone` and `chat-moved` (permanent), `chat-rate-limited` and `platform-rate-limited`
 * (rate-limited, with `retryAfterMs`), `unauthorized` (permanent: the token), anything else
 * retryable.
 */
export interface ChatSender<Part = unknown> {
  readonly platform: Platform;
  /**
   * The messages that carry `brief` (greeting and closing already applied) to `subscription`, in
   * order, each within the platform's limits; the URL is never cut. Deterministic: a retry gets
   * the same parts.
   */
  render(subscription: Subscription, brief: Brief): readonly Part[];
  /** Posts one part. */
  sendPart(subscription: Subscription, part: Part, key: PartKey): Promise<void>;
}

/** What {@link Pacer.take} decided. */
export type PaceDecision = { ok: true } | { ok: false; scope: 'chat' | 'platform'; waitMs: number };

/**
 * The platforms' send limits, held across every worker process: a global rate per platform and a
 * pace per chat. Asked before every message.
 */
export interface Pacer {
  /** Takes a slot for one message to `subscription`'s chat, or says how long that chat (or the whole platform) must wait. */
  take(subscription: Subscription): Promise<PaceDecision>;
  /** After a 429: nothing goes to that chat (or, with scope `platform`, to that platform) for `ms`. */
  hold(subscription: Subscription, scope: 'chat' | 'platform', ms: number): Promise<void>;
}

/** A matched article waiting for its brief. */
export interface BriefJob {
  article: Article;
  /** The topics it matched (global names, or `chat:<id>/<name>` for chat-scoped topics). */
  topics: string[];
  /**
   * Set on the brief job re-queued for the subscriptions that chose `hold` when the translator
   * failed: only they are served, and only once their translation comes through (or the hold
   * runs out, see `build-brief.ts`).
   */
  held?: HeldBrief;
}

/** Who waits for a translation, and since when. */
export interface HeldBrief {
  subscriptionIds: string[];
  /** Epoch ms of the first failed translation. */
  since: number;
}

/** One brief for one subscription. */
export interface DeliveryJob {
  articleId: string;
  subscriptionId: string;
  language: string;
  /** Which platform's queue carries it (each platform has its own limits); absent in jobs queued before chats existed: console. */
  platform?: Platform;
}

/** The pipeline's queues, as the use cases see them. Enqueueing the same job twice is a no-op. */
export interface PipelineQueues {
  enqueuePolls(feedUrls: readonly string[]): Promise<void>;
  enqueueBrief(job: BriefJob): Promise<void>;
  enqueueDeliveries(jobs: readonly DeliveryJob[]): Promise<void>;
}
