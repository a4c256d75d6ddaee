/**
 * `kabar brief [--lang id] [--translator NAME]`: one article in, its brief out, in the reference
 * text shape.
 *
 * Without a translator nothing is stored anywhere, so no Redis is needed. With one, the brief
 * goes through the bot's own translation path: the Redis translation cache, the moderators'
 * glossary and the usage counters that `kabar stats` shows. A translator named with
 * `--translator` is being tried, so it is always asked: an answer from the cache would make a
 * provider that is down look healthy.
 *
 * When the body stays in another language than the greeting and closing (no translator, or the
 * provider cannot do the pair), a warning on stderr says so: the brief alone does not show it.
 */
import { MAX_ARTICLE_INPUT_BYTES, MAX_ARTICLE_INPUT_CHARS, parseArticleInput } from '../app/articles/article-input.js';
import { effectiveGlossary } from '../app/glossary/index.js';
import { translateBody, type TranslateBodyDeps } from '../app/briefs/translate-body.js';
import { createLogger } from '../adapters/log/create-logger.js';
import type { Article } from '../core/article.js';
import { briefFrame, type Brief } from '../core/briefs/brief.js';
import { condense } from '../core/briefs/condense.js';
import { renderBriefText } from '../core/briefs/render-brief-text.js';
import { glossaryFor } from '../core/translation/glossary.js';
import { secretValues, type Config } from '../config.js';
import { configuredBriefStyle, createConfiguredTranslator } from '../main.js';
import { config, out, promptIfTerminal, readStdin, UsageError, withRuntime } from './cli-support.js';

import { languageName } from '../adapters/translate/language-names.js';
import { translatorNames } from '../adapters/translate/translator-names.js';
import { isBaseLanguageCode } from '../core/text/language-tag.js';

/** Reads one article JSON from stdin and prints its brief. */
export async function briefCommand(options: { lang?: string; translator?: string }): Promise<void> {
  const settings = config();
  const language = options.lang ?? settings.KABAR_DEFAULT_LANGUAGE;
  if (!isBaseLanguageCode(language)) throw new UsageError(`--lang takes a language code such as id, en or es (got "${language}")`);
  const translatorName = options.translator as Config['KABAR_TRANSLATOR'] | undefined;
  if (translatorName !== undefined && !translatorNames.includes(translatorName)) {
    throw new UsageError(`--translator takes one of ${translatorNames.join(', ')} (got "${options.translator}")`);
  }
  promptIfTerminal('one article as JSON, {"title": "...", "link": "https://...", "content": "..."}');
  const input = (
    await readStdin({ maxBytes: MAX_ARTICLE_INPUT_BYTES, expected: `one article, of at most ${MAX_ARTICLE_INPUT_CHARS} characters` })
  ).trim();
  if (!input) throw new UsageError('give the article as JSON on stdin: {"title": "...", "link": "https://...", "content": "..."}');
  const article = parseArticleInput(input, { requireLink: true });
  const translator = createConfiguredTranslator(settings, translatorName);
  const log = createLogger({ level: 'warn', format: settings.KABAR_LOG_FORMAT, secrets: secretValues(settings) });
  const clock = { now: () => Date.now() };

  if (translator.id === 'none') {
    const noStore: TranslateBodyDeps = {
      translator,
      log,
      clock,
      cache: { get: async () => undefined, set: async () => {} },
      usage: { record: async () => {}, day: async () => ({}) },
      glossary: async (target) => glossaryFor(target),
    };
    out(await briefText(article, language, settings, noStore));
    return;
  }
  await withRuntime(async (runtime) => {
    const cache: TranslateBodyDeps['cache'] =
      translatorName === undefined ? runtime.translations : { get: async () => undefined, set: (key, texts) => runtime.translations.set(key, texts) };
    out(
      await briefText(article, language, settings, {
        translator,
        log,
        clock,
        cache,
        usage: runtime.usage,
        glossary: (target) => effectiveGlossary(target, { store: runtime.glossaries }),
      }),
    );
  });
}

async function briefText(article: Article, language: string, settings: Config, deps: TranslateBodyDeps): Promise<string> {
  const condensed = condense(article, { budgetChars: settings.KABAR_BRIEF_BUDGET_CHARS });
  const body = await translateBody(article, condensed, language, deps);
  if (body.language !== language) warnUntranslated(body.language, language, deps.translator.id);
  const brief: Brief = {
    articleId: article.id,
    topics: [],
    language: body.language,
    title: body.title,
    paragraphs: body.paragraphs,
    url: article.link,
    ...briefFrame(configuredBriefStyle(settings), language),
  };
  return renderBriefText(brief);
}

function warnUntranslated(bodyLanguage: string, wanted: string, translatorId: string): void {
  const why =
    translatorId === 'none'
      ? 'no translator is set (KABAR_TRANSLATOR=none, or --translator)'
      : `${translatorId} did not translate it`;
  process.stderr.write(
    `kabar: warning: the body stays in ${languageName(bodyLanguage)} (${bodyLanguage}), not ${languageName(wanted)} (${wanted}): ` +
      `${why}; see README, "Getting Indonesian briefs"\n`,
  );
}
