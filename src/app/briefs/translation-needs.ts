/**
 * What `kabar start` says once about translation: which languages the subscriptions read, and
 * which of them the configured translator cannot produce. Without it, an operator whose chats
 * read Indonesian finds out from English briefs under an Indonesian greeting.
 */
import { describeError, isKabarError } from '../../core/errors.js';
import type { Logger, SubscriptionStore, Translator } from '../../core/ports.js';

/** Everything {@link reportTranslationNeeds} needs. */
export interface TranslationNeedsDeps {
  subscriptions: Pick<SubscriptionStore, 'list'>;
  translator: Translator;
  log: Logger;
  /** The language most articles are in (the shipped feeds are English); probes translate from it. */
  sourceLanguage?: string;
}

/** The outcome, also logged: the languages read, and those the translator cannot produce, with why. */
export interface TranslationNeeds {
  /** Language -> number of active subscriptions reading it. */
  needed: Record<string, number>;
  /** Language -> why the translator cannot produce it. */
  missing: Record<string, string>;
  /** Languages that could not be checked (the provider did not answer), with the error. */
  unchecked: Record<string, string>;
}

// One word: enough to learn whether the provider has the pair, at a cost of a few characters.
const PROBE_TEXT = 'News';

/**
 * Lists the languages of the active subscriptions and asks the translator for each one it would
 * have to produce (one short text per language), then logs one line: `info` when every language
 * can be produced, `warn` naming those that cannot.
 */
export async function reportTranslationNeeds(deps: TranslationNeedsDeps): Promise<TranslationNeeds> {
  const source = deps.sourceLanguage ?? 'en';
  const needed: Record<string, number> = {};
  for (const subscription of await deps.subscriptions.list()) {
    if (subscription.paused !== undefined) continue;
    needed[subscription.language] = (needed[subscription.language] ?? 0) + 1;
  }
  const languages = Object.keys(needed).sort();
  const missing: Record<string, string> = {};
  const unchecked: Record<string, string> = {};
  const targets = languages.filter((language) => language !== source);
  if (deps.translator.id === 'none') {
    for (const language of targets) missing[language] = 'no translator is set (KABAR_TRANSLATOR=none)';
  } else {
    for (const language of targets) {
      try {
        await deps.translator.translate({ texts: [PROBE_TEXT], sourceLanguage: source, targetLanguage: language });
      } catch (error) {
        if (isKabarError(error, 'permanent')) missing[language] = describeError(error);
        else unchecked[language] = describeError(error);
      }
    }
  }
  const read = languages.length === 0 ? 'no subscriptions yet' : languages.map((language) => `${language} (${needed[language]})`).join(', ');
  const fields = { provider: deps.translator.id, languages: read };
  if (Object.keys(missing).length > 0) {
    const list = Object.keys(missing).join(', ');
    const why = [...new Set(Object.values(missing))].join('; ');
    deps.log.warn(
      `translation: subscriptions read ${read}; cannot produce ${list} from ${source}: ${why} — ` +
        'those chats get briefs in the article\'s language (see README, "Getting Indonesian briefs")',
      fields,
    );
  } else {
    const checked = targets.length > 0 && Object.keys(unchecked).length === 0;
    deps.log.info(`translation: subscriptions read ${read}${checked ? `; ${deps.translator.id} produces each of them` : ''}`, fields);
  }
  if (Object.keys(unchecked).length > 0) {
    deps.log.warn(`translation: could not check ${Object.keys(unchecked).join(', ')}: the provider did not answer`, {
      provider: deps.translator.id,
      error: Object.values(unchecked)[0],
    });
  }
  return { needed, missing, unchecked };
}
