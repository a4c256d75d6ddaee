/**
 * The interfaces the core and the use cases need from the outside world. Adapters implement them;
 * `main.ts` wires the implementations in; tests use the fakes in `test/fakes/`.
 */
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
