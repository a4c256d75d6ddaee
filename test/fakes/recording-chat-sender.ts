/**
 * A {@link ChatSender} that records what it was asked to post, for delivery tests. Failures can
 * be scripted: the next sends throw the given errors, in order, before anything is recorded.
 */
import type { Brief } from '../../src/core/briefs/brief.js';
import { renderBriefText } from '../../src/core/briefs/render-brief-text.js';
import { splitForLimit } from '../../src/core/briefs/split-for-limit.js';
import type { ChatSender, PartKey, Platform, Subscription } from '../../src/core/ports.js';

/** One post. */
export interface SentBrief {
  subscription: Subscription;
  brief: Brief;
  /** The brief in the plain-text reference shape. */
  text: string;
}

/** One posted part. */
export interface SentPart {
  subscription: Subscription;
  text: string;
  key: PartKey;
}

/** The recording sender. */
export interface RecordingChatSender extends ChatSender<string> {
  /** Whole briefs: recorded once their last part went out. */
  sent: SentBrief[];
  /** Every part posted, in order. */
  parts: SentPart[];
  /** Makes the next part sends throw these errors, one each. */
  failNext(...errors: Error[]): void;
  /** Posts to one subscription. */
  sentTo(subscriptionId: string): SentBrief[];
}

/**
 * Creates a recording sender for `platform` (default `console`). With `partLimit`, briefs are split
 * into parts of at most that many characters, so tests can interrupt a delivery between parts.
 */
export function createRecordingChatSender(platform: Platform = 'console', partLimit = Number.MAX_SAFE_INTEGER): RecordingChatSender {
  const sent: SentBrief[] = [];
  const parts: SentPart[] = [];
  const failures: Error[] = [];
  const briefs = new Map<string, Brief>();
  return {
    platform,
    sent,
    parts,
    render(subscription, brief) {
      const text = renderBriefText(brief);
      briefs.set(`${subscription.id}\n${text}`, brief);
      const pieces = splitForLimit(text, partLimit);
      return pieces.map((piece, index) => `${index}\u0000${text}\u0000${piece}`);
    },
    async sendPart(subscription, part, key) {
      const failure = failures.shift();
      if (failure !== undefined) throw failure;
      const [, whole = '', piece = ''] = part.split('\u0000');
      parts.push({ subscription, text: piece, key });
      const brief = briefs.get(`${subscription.id}\n${whole}`);
      if (key.index === key.count - 1 && brief) sent.push({ subscription, brief, text: whole });
    },
    failNext: (...errors) => failures.push(...errors),
    sentTo: (subscriptionId) => sent.filter((post) => post.subscription.id === subscriptionId),
  };
}
