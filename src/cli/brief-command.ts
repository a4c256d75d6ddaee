/**
 * `kabar brief [--lang id] [--translator NAME]`: one article in, its brief out, in the reference
 * text shape. No Redis: translations are not cached and usage is only reported on stderr.
 */
import { parseArticleInput } from '../app/articles/article-input.js';
import { translateBody } from '../app/briefs/translate-body.js';
import { createLogger } from '../adapters/log/create-logger.js';
import { briefFrame, type Brief } from '../core/briefs/brief.js';
import { condense } from '../core/briefs/condense.js';
import { renderBriefText } from '../core/briefs/render-brief-text.js';
import type { TranslationCache, UsageMeter } from '../core/ports.js';
import { glossaryFor } from '../core/translation/glossary.js';
import type { Config } from '../config.js';
import { configuredBriefStyle, createConfiguredTranslator } from '../main.js';
import { config, out, readStdin, UsageError } from './cli-support.js';

const TRANSLATORS = ['none', 'openai', 'deepl', 'libretranslate', 'apertium'] as const;

/** Reads one article JSON from stdin and prints its brief. */
export async function briefCommand(options: { lang?: string; translator?: string }): Promise<void> {
  const settings = config();
  const language = options.lang ?? settings.KABAR_DEFAULT_LANGUAGE;
  if (!/^[a-z]{2,3}$/.test(language)) throw new UsageError(`--lang takes a language code such as id, en or es (got "${language}")`);
  const translatorName = options.translator as Config['KABAR_TRANSLATOR'] | undefined;
  if (translatorName !== undefined && !TRANSLATORS.includes(translatorName)) {
    throw new UsageError(`--translator takes one of ${TRANSLATORS.join(', ')} (got "${options.translator}")`);
  }
  const input = (await readStdin()).trim();
  if (!input) throw new UsageError('give the article as JSON on stdin: {"title": "...", "link": "https://...", "content": "..."}');
  const article = parseArticleInput(input, { requireLink: true });
  const log = createLogger({ level: 'warn', format: settings.KABAR_LOG_FORMAT });
  const memory = new Map<string, string[]>();
  const cache: TranslationCache = {
    get: async (key) => memory.get(key),
    set: async (key, texts) => void memory.set(key, [...texts]),
  };
  const usage: UsageMeter = {
    record: async (provider, used) => log.info('translation usage', { provider, ...used }),
    day: async () => ({}),
  };
  const body = await translateBody(article, condense(article, { budgetChars: settings.KABAR_BRIEF_BUDGET_CHARS }), language, {
    translator: createConfiguredTranslator(settings, translatorName),
    cache,
    usage,
    clock: { now: () => Date.now() },
    log,
    glossary: async (target) => glossaryFor(target),
  });
  const brief: Brief = {
    articleId: article.id,
    topics: [],
    language: body.language,
    title: body.title,
    paragraphs: body.paragraphs,
    url: article.link,
    ...briefFrame(configuredBriefStyle(settings), language),
  };
  out(renderBriefText(brief));
}
