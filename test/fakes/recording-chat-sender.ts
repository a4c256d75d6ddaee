/**
 * A {@link ChatSender} that records what it was asked to post, for delivery tests. Failures can
 * be scripted: the next sends throw the given errors, in order, before anything is recorded.
 */
import type { Brief } from '../../src/core/briefs/brief.js';
import { renderBriefText } from '../../src/core/briefs/render-brief-text.js';
import type { ChatSender, Platform, Subscription } from '../../src/core/ports.js';

/** One post. */
export interface SentBrief {
  subscription: Subscription;
  brief: Brief;
  /** The brief in the plain-text reference shape. */
  text: string;
}

/** The recording sender. */
export interface RecordingChatSender extends ChatSender {
  sent: SentBrief[];
  /** Makes the next sends throw these errors, one each. */
  failNext(...errors: Error[]): void;
  /** Posts to one subscription. */
  sentTo(subscriptionId: string): SentBrief[];
}

/** Creates a recording sender for `platform` (default `console`). */
export function createRecordingChatSender(platform: Platform = 'console'): RecordingChatSender {
  const sent: SentBrief[] = [];
  const failures: Error[] = [];
  return {
    platform,
    sent,
    async send(subscription, brief) {
      const failure = failures.shift();
      if (failure !== undefined) throw failure;
      sent.push({ subscription, brief, text: renderBriefText(brief) });
    },
    failNext: (...errors) => failures.push(...errors),
    sentTo: (subscriptionId) => sent.filter((post) => post.subscription.id === subscriptionId),
  };
}
