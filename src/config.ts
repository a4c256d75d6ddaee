/**
 * kabar's configuration: the only module that reads the environment.
 *
 * Values come from the process environment, after `.env` in the working directory when present
 * (variables already set win). Everything is validated once, at start; a bad value fails with one
 * line naming the variable and what it expects. The result is frozen.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { KabarError } from './core/errors.js';
import { parseDuration } from './core/duration.js';
import { closestTo } from './core/text/edit-distance.js';
import { isBaseLanguageCode } from './core/text/language-tag.js';
import { translatorNames } from './adapters/translate/translator-names.js';

// Case-insensitive: TRUE, True and Yes are what people type.
const bool = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false (or yes/no, 1/0)' }))
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `expected a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(z.number().min(min, { message: `expected at least ${min}` }).max(max, { message: `expected at most ${max}` }));
const duration = (minMs: number, maxMs: number) =>
  z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined || ms < minMs || ms > maxMs) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a duration like 30s, 10m or 2h, from ${minMs / 1000}s to ${maxMs / 3_600_000}h`,
      });
      return z.NEVER;
    }
    return ms;
  });
const url = z.url({ protocol: /^https?$/, message: 'expected an http:// or https:// URL' });
const redisUrl = z.url({ protocol: /^rediss?$/, message: 'expected a redis:// or rediss:// URL' });
const language = z.string().refine(isBaseLanguageCode, { message: 'expected a base language code such as id, en or es' });
/** `default`, `off`, or the text itself. */
const framing = z.string().min(1).max(500);

const schema = z.object({
  REDIS_URL: redisUrl.optional(),
  KABAR_DATA_DIR: z.string().min(1).default('data'),
  KABAR_REDIS_PREFIX: z
    .string()
    .regex(/^\{[A-Za-z0-9_-]+\}$/, { message: 'expected a Redis hash tag such as {kabar}' })
    .default('{kabar}'),
  KABAR_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  // Unset: pretty on a terminal, JSON lines otherwise (a log collector, a container).
  KABAR_LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  // `kabar start` stops (as on SIGTERM) when the process that started it dies: `auto` when that
  // is npm (`npm start`, whose SIGKILL would otherwise orphan kabar), never for a shell, nohup,
  // systemd or a container's init, which a kabar may rightly outlive (see stopsWithParent).
  KABAR_STOP_WITH_PARENT: z.enum(['auto', 'true', 'false'], { message: 'expected auto, true or false' }).default('auto'),
  // Set by npm for the script it runs (`start` for `npm start`): how `auto` above knows.
  npm_lifecycle_event: z.string().optional(),

  KABAR_ALLOW_PRIVATE_FEEDS: bool.default(false),
  KABAR_FEED_MAX_BYTES: int(1024, 200 * 1024 * 1024).default(15 * 1024 * 1024),
  KABAR_FEED_CONNECT_TIMEOUT: duration(1_000, 60_000).default(10_000),
  KABAR_FEED_DEADLINE: duration(1_000, 300_000).default(20_000),
  KABAR_POLL_INTERVAL: duration(60_000, 24 * 3_600_000).default(10 * 60_000),
  KABAR_SCHEDULER_TICK: duration(1_000, 600_000).default(5_000),
  KABAR_MAX_ITEM_AGE: duration(3_600_000, 30 * 24 * 3_600_000).default(48 * 3_600_000),
  KABAR_WORKER_CONCURRENCY: int(1, 100).default(4),

  KABAR_BRIEF_BUDGET_CHARS: int(200, 20_000).default(1_800),
  KABAR_ARCHIVE_SIZE: int(1, 1_000).default(50),
  KABAR_DEFAULT_LANGUAGE: language.default('id'),
  KABAR_BRIEF_GREETING: framing.default('default'),
  KABAR_BRIEF_CLOSING: framing.default('default'),

  KABAR_TRANSLATOR: z.enum(translatorNames).default('none'),
  // Unset: each provider's own default (60 s for LLMs, which write slowly; 15 s for the others).
  KABAR_TRANSLATE_TIMEOUT: duration(1_000, 600_000).optional(),
  KABAR_TRANSLATION_FALLBACK: z.enum(['deliver-with-note', 'hold']).default('deliver-with-note'),
  // A brief whose translation failed is retried after this, then twice as long each time (6 tries).
  KABAR_TRANSLATION_RETRY: duration(1_000, 3_600_000).default(30_000),
  // How long held briefs wait for the translator before going out untranslated, with the note.
  KABAR_TRANSLATION_HOLD: duration(60_000, 7 * 24 * 3_600_000).default(24 * 3_600_000),
  OPENAI_BASE_URL: url.default('https://api.openai.com/v1'),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  OPENAI_MODE: z.enum(['translate', 'condense-translate']).default('translate'),
  // `openai`: a match resting only on weak (not `!`) terms is confirmed by one yes/no call to the OPENAI_* model.
  KABAR_RELEVANCE_CHECK: z.enum(['off', 'openai']).default('off'),
  DEEPL_API_KEY: z.string().min(1).optional(),
  DEEPL_API_URL: url.optional(),
  LIBRETRANSLATE_URL: url.optional(),
  LIBRETRANSLATE_API_KEY: z.string().min(1).optional(),
  APERTIUM_URL: url.optional(),

  // Chat platforms: each is on when its token is set.
  DISCORD_TOKEN: z.string().min(1).optional(),
  DISCORD_APPLICATION_ID: z.string().regex(/^\d{5,25}$/, { message: 'expected the application\'s numeric id' }).optional(),
  DISCORD_API_BASE: url.optional(),
  TELEGRAM_BOT_TOKEN: z.string().min(1).optional(),
  TELEGRAM_API_ROOT: url.optional(),
  TELEGRAM_WEBHOOK_URL: z.url({ protocol: /^https$/, message: 'expected an https:// URL (Telegram only calls https webhooks)' }).optional(),
  TELEGRAM_WEBHOOK_PORT: int(1, 65_535).default(8443),
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, { message: 'expected 1-256 characters A-Z, a-z, 0-9, _ or -' }).optional(),
  KABAR_DISCORD_RATE: int(1, 50).default(50),
  KABAR_TELEGRAM_RATE: int(1, 30).default(30),

  // Operations: /healthz, /readyz and /metrics (off unless a port is set), fetch politeness per host.
  KABAR_HTTP_PORT: int(1, 65_535).optional(),
  KABAR_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  KABAR_QUEUE_STALL_AFTER: duration(60_000, 24 * 3_600_000).default(15 * 60_000),
  KABAR_FETCH_PER_HOST_CONCURRENCY: int(1, 100).default(2),
  KABAR_FETCH_PER_HOST_PER_MINUTE: int(1, 6_000).default(30),
});

/** The validated configuration. */
export type Config = Readonly<z.output<typeof schema>>;

/** Environment variables that hold secrets: never printed. */
export const SECRET_VARIABLES = [
  'OPENAI_API_KEY',
  'DEEPL_API_KEY',
  'LIBRETRANSLATE_API_KEY',
  'REDIS_URL',
  'DISCORD_TOKEN',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_SECRET',
] as const;

/** The configured values of {@link SECRET_VARIABLES}, for the logger to blank wherever they appear. */
export function secretValues(config: Config): string[] {
  return SECRET_VARIABLES.map((name) => (name === 'REDIS_URL' ? redisPassword(config.REDIS_URL) : config[name])).filter(
    (value): value is string => typeof value === 'string' && value !== '',
  );
}

/** Only the password of REDIS_URL is secret; its host is worth logging. */
function redisPassword(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const password = new URL(url).password;
  return password === '' ? undefined : decodeURIComponent(password);
}

/**
 * Whether `kabar start` watches the process that started it and stops when it dies: always with
 * KABAR_STOP_WITH_PARENT=true, never with false, and with `auto` only under an npm script. Not
 * by default outside npm: `nohup kabar start &` and a shell's `kabar start &` are meant to outlive
 * their shell, and under systemd or as a container's PID 1 there is no parent to lose.
 */
export function stopsWithParent(config: Config): boolean {
  if (config.KABAR_STOP_WITH_PARENT === 'auto') return config.npm_lifecycle_event !== undefined;
  return config.KABAR_STOP_WITH_PARENT === 'true';
}

/**
 * Validates `env` (default: `.env` merged under `process.env`) into a frozen {@link Config}.
 *
 * @throws KabarError (`permanent`, code `config`) naming the first bad variable, e.g.
 *   `KABAR_POLL_INTERVAL: expected a duration like 30s, 10m or 2h, from 60s to 24h (got "soon")`.
 */
export function loadConfig(env: Record<string, string | undefined> = readEnvironment()): Config {
  // An empty variable (`FOO=` in .env) means "not set", as in most tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.superRefine((value, ctx) => {
    if (value.DISCORD_TOKEN !== undefined && value.DISCORD_APPLICATION_ID === undefined) {
      ctx.addIssue({ code: 'custom', path: ['DISCORD_APPLICATION_ID'], message: 'required with DISCORD_TOKEN (the Developer Portal\'s Application ID)' });
    }
  }).safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const shown = SECRET_VARIABLES.includes(name as (typeof SECRET_VARIABLES)[number])
      ? ''
      : ` (got ${JSON.stringify(present[name])})`;
    throw new KabarError('permanent', `${name}: ${issue?.message ?? 'invalid'}${shown}`, { code: 'config' });
  }
  return Object.freeze(parsed.data);
}

/**
 * {@link loadConfig} with some variables fixed by the caller (the demo forces loopback feeds and
 * a fast tick), on top of the environment.
 */
export function loadConfigWith(overrides: Record<string, string>): Config {
  return loadConfig({ ...readEnvironment(), ...overrides });
}

/**
 * `KABAR_*` variables that are not kabar's, each with the closest real name: a misspelled
 * variable is otherwise silently ignored and its default used.
 *
 * @example
 * ```ts
 * unknownKabarVariables({ KABAR_POLL_INTERVALL: '5m' });
 * // [{ name: 'KABAR_POLL_INTERVALL', closest: 'KABAR_POLL_INTERVAL' }]
 * ```
 */
export function unknownKabarVariables(env: Record<string, string | undefined> = readEnvironment()): { name: string; closest: string }[] {
  const known = Object.keys(schema.shape);
  return Object.keys(env)
    .filter((name) => name.startsWith('KABAR_') && !known.includes(name) && !OTHER_KABAR_VARIABLES.has(name))
    .sort()
    .map((name) => ({ name, closest: closestTo(name, known)?.candidate ?? '' }));
}

/** `KABAR_*` variables read outside this module (the launcher and the tests), so not unknown. */
const OTHER_KABAR_VARIABLES: ReadonlySet<string> = new Set(['KABAR_FROM_SOURCE', 'KABAR_FEED_CORPUS', 'KABAR_TEST_LOG', 'KABAR_FAULT_SEED']);

function readEnvironment(): Record<string, string | undefined> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
}
