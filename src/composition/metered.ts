/**
 * Counting at the edges of the use cases: decorators over the ports the workers use, so that the
 * use cases themselves know nothing of metrics.
 */
import { CHAT_ERROR } from '../core/chat/chat-errors.js';
import { isKabarError } from '../core/errors.js';
import type { DeliveryResult, Metrics } from '../core/metrics.js';
import type { ChatSender, Translator } from '../core/ports.js';

/**
 * Counts characters sent and failed calls per provider. What the provider can do besides
 * translating (apply a glossary, condense) passes through: a decorator that hid it would quietly
 * turn an LLM into a word-for-word engine.
 */
export function meteredTranslator<T extends Translator>(translator: T, metrics: Metrics): T {
  return {
    // The adapters are plain objects of closures, so their own properties are all there is.
    ...translator,
    async translate(request: Parameters<Translator['translate']>[0]) {
      try {
        const result = await translator.translate(request);
        metrics.translated(translator.id, result.characters);
        return result;
      } catch (error) {
        metrics.translationFailed(translator.id);
        throw error;
      }
    },
  };
}

/** Counts the platform's 429s. */
export function meteredSender<Part>(sender: ChatSender<Part>, metrics: Metrics): ChatSender<Part> {
  return {
    platform: sender.platform,
    render: (subscription, brief) => sender.render(subscription, brief),
    async sendPart(subscription, part, key) {
      try {
        await sender.sendPart(subscription, part, key);
      } catch (error) {
        if (isKabarError(error) && (error.code === CHAT_ERROR.chatRateLimited || error.code === CHAT_ERROR.platformRateLimited)) {
          metrics.rateLimited(sender.platform);
        }
        throw error;
      }
    },
  };
}

/** A delivery job's thrown error as a result: a rate limit or pacing delays it, anything else failed it. */
export function deliveryFailureResult(error: unknown): DeliveryResult {
  return isKabarError(error, 'rate-limited') ? 'delayed' : 'failed';
}
