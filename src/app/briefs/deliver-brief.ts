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
 * How long a claim on a delivery holds: longer than any send takes (senders time out well before),
 * short enough that a worker that died mid-send delays the chat's brief by minutes, not hours.
 */
export const DELIVERY_CLAIM_MS = 5 * 60_000;

/**
 * Sends the brief unless the durable record says it went already (a retried job, or a second
 * worker), applying the subscription's greeting and closing. The pair is claimed before sending,
 * so two workers holding the same job (one whose lock lapsed) cannot both post; only a worker
 * that dies between sending and recording can cause a repeat, once its claim expires. Sender
 * errors are thrown for the queue to retry or rate-limit, after giving the claim back.
 */
export async function deliverBrief(job: DeliveryJob, deps: DeliverBriefDeps): Promise<DeliveryOutcome> {
  const { articleId, subscriptionId } = job;
  const token = crypto.randomUUID();
  const claim = await deps.deliveries.claim(articleId, subscriptionId, token, DELIVERY_CLAIM_MS);
  if (claim === 'already-sent') return 'already-sent';
  if (claim === 'in-progress') {
    throw new KabarError('retryable', `brief ${articleId} is being sent to ${subscriptionId} by another worker`, {
      code: 'delivery-in-progress',
    });
  }
  const progress = { posted: false };
  try {
    return await sendClaimed(job, token, deps, progress);
  } catch (error) {
    // Once posted, the claim stays until it expires even if recording failed: better a late
    // retry than a second post right away.
    if (!progress.posted) await deps.deliveries.release(articleId, subscriptionId, token);
    throw error;
  }
}

async function sendClaimed(
  job: DeliveryJob,
  token: string,
  deps: DeliverBriefDeps,
  progress: { posted: boolean },
): Promise<DeliveryOutcome> {
  const subscription = await deps.subscriptions.get(job.subscriptionId);
  if (!subscription) {
    await deps.deliveries.release(job.articleId, job.subscriptionId, token);
    return 'unsubscribed';
  }
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
  const parts = sender.render(subscription, { ...brief, ...briefFrame(subscription.style, subscription.language) });
  for (let index = await deps.deliveries.partsSent(job.articleId, job.subscriptionId); index < parts.length; index++) {
    const key = { index, count: parts.length, idempotencyKey: `${job.articleId}-${index}` };
    await sender.sendPart(subscription, parts[index], key);
    progress.posted = true;
    await deps.deliveries.markPartSent(job.articleId, job.subscriptionId, index);
  }
  await recordSent(job, token, deps);
  deps.log.debug('brief delivered', { articleId: job.articleId, subscription: job.subscriptionId });
  return 'sent';
}

/** Recording a send that went out is worth a few quick tries: each failure risks a second post later. */
async function recordSent(job: DeliveryJob, token: string, deps: DeliverBriefDeps): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await deps.deliveries.markSent(job.articleId, job.subscriptionId, deps.clock.now(), token);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      deps.log.warn('could not record a delivery; trying again', { articleId: job.articleId, subscription: job.subscriptionId, attempt });
      await new Promise((later) => setTimeout(later, 200 * attempt));
    }
  }
}
