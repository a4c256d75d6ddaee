/**
 * The `deliver` job: post one archived brief to one subscription, exactly once.
 */
import { briefFrame } from '../../core/briefs/brief.js';
import { KabarError } from '../../core/errors.js';
import type { BriefArchive, ChatSender, Clock, DeliveryJob, DeliveryLog, Logger, Platform, SubscriptionStore } from '../../core/ports.js';

/** Everything {@link deliverBrief} needs. */
export interface DeliverBriefDeps {
  subscriptions: SubscriptionStore;
  briefs: BriefArchive;
  deliveries: DeliveryLog;
  senders: Partial<Record<Platform, ChatSender>>;
  clock: Clock;
  log: Logger;
}

/** What a delivery did. */
export type DeliveryOutcome = 'sent' | 'already-sent' | 'unsubscribed';

/**
 * Sends the brief unless the durable record says it went already (a retried job, or a second
 * worker), applying the subscription's greeting and closing. Sender errors are thrown for the
 * queue to retry or rate-limit.
 */
export async function deliverBrief(job: DeliveryJob, deps: DeliverBriefDeps): Promise<DeliveryOutcome> {
  if (await deps.deliveries.wasSent(job.articleId, job.subscriptionId)) return 'already-sent';
  const subscription = await deps.subscriptions.get(job.subscriptionId);
  if (!subscription) return 'unsubscribed';
  const brief = await deps.briefs.get(job.articleId, job.language);
  if (!brief) {
    throw new KabarError('permanent', `brief ${job.articleId} (${job.language}) is no longer archived`, {
      code: 'brief-missing',
    });
  }
  const sender = deps.senders[subscription.platform];
  if (!sender) {
    throw new KabarError('retryable', `no ${subscription.platform} sender runs in this process`, {
      code: 'no-sender',
    });
  }
  // Greeting and closing are the subscription's own, in its language, never translated.
  await sender.send(subscription, { ...brief, ...briefFrame(subscription.style, subscription.language) });
  await deps.deliveries.markSent(job.articleId, job.subscriptionId, deps.clock.now());
  deps.log.debug('brief delivered', { articleId: job.articleId, subscription: job.subscriptionId });
  return 'sent';
}
