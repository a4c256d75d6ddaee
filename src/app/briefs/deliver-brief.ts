/**
 * The `deliver` job: post one archived brief to one subscription, exactly once, one message
 * ("part") at a time within the platform's limits.
 */
import { briefFrame } from '../../core/briefs/brief.js';
import { CHAT_ERROR, waitScopeOf } from '../../core/chat/chat-errors.js';
import { describeError, isKabarError, KabarError } from '../../core/errors.js';
import type {
  BriefArchive,
  ChatSender,
  Clock,
  DeliveryJob,
  DeliveryLog,
  Logger,
  Pacer,
  Platform,
  Subscription,
  SubscriptionStore,
} from '../../core/ports.js';

/** Everything {@link deliverBrief} needs. */
export interface DeliverBriefDeps {
  subscriptions: SubscriptionStore;
  briefs: BriefArchive;
  deliveries: DeliveryLog;
  senders: Partial<Record<Platform, ChatSender>>;
  pacer: Pacer;
  clock: Clock;
  log: Logger;
  /** Waits this long (default: a timer); tests pass a fake. */
  sleep?: (ms: number) => Promise<void>;
  /** How long a claim holds between renewals (default {@link DELIVERY_CLAIM_MS}). */
  claimMs?: number;
}

/** What a delivery did. */
export type DeliveryOutcome = 'sent' | 'already-sent' | 'unsubscribed' | 'paused';

/**
 * How long a claim on a delivery holds without renewal. The attempt holding it renews it every
 * third of this while it runs, so only a worker that died (SIGKILL, a lost machine) lets it lapse:
 * its job comes back (BullMQ's stalled-job check) about when the claim has expired, instead of
 * meeting a claim that blocks the chat for minutes; and the retry of a part that went out
 * unrecorded comes soon enough for Discord's nonce (a few minutes) to absorb it.
 */
export const DELIVERY_CLAIM_MS = 30_000;

/**
 * A pacing wait up to this long is slept through in the job (the platform's spacing between two
 * messages is tens of milliseconds); a longer one hands the job back to the queue to be delayed,
 * so the worker moves on to other chats instead of waiting on a busy one.
 */
export const MAX_INLINE_WAIT_MS = 250;

/**
 * Sends the brief unless the durable record says it went already (a retried job, or a second
 * worker), applying the subscription's greeting and closing. The pair is claimed before sending,
 * so two workers holding the same job (one whose lock lapsed) cannot both post. Each part is
 * recorded as it goes out, so a retry resumes at the next part; only a worker that dies between
 * posting a part and recording it can cause a repeat of that part, once its claim expires.
 *
 * A chat the platform says is gone pauses its subscription at once (no retries); a Telegram group
 * that migrated moves the subscription to its new id and the part goes there. Rate limits hold
 * only the chat (or the platform) they name; the error is thrown for the queue to delay the job.
 */
export async function deliverBrief(job: DeliveryJob, deps: DeliverBriefDeps): Promise<DeliveryOutcome> {
  const { articleId, subscriptionId } = job;
  const token = crypto.randomUUID();
  const claimMs = deps.claimMs ?? DELIVERY_CLAIM_MS;
  const claim = await deps.deliveries.claim(articleId, subscriptionId, token, claimMs);
  if (claim === 'already-sent') return 'already-sent';
  if (claim === 'in-progress') {
    throw new KabarError('retryable', `brief ${articleId} is being sent to ${subscriptionId} by another worker`, {
      code: 'delivery-in-progress',
    });
  }
  const progress = { unrecorded: false };
  const renewal = setInterval(() => {
    deps.deliveries.extendClaim(articleId, subscriptionId, token, claimMs).catch((error: unknown) => {
      deps.log.warn('could not renew a delivery claim', { articleId, subscription: subscriptionId, error: describeError(error) });
    });
  }, claimMs / 3);
  renewal.unref();
  try {
    const outcome = await sendClaimed(job, token, deps, progress);
    if (outcome !== 'sent') await deps.deliveries.release(articleId, subscriptionId, token);
    return outcome;
  } catch (error) {
    // A part that went out but was not recorded keeps the claim until it expires: better a late
    // retry than a second post right away. Otherwise every posted part is recorded and the retry
    // may start at once.
    if (!progress.unrecorded) await deps.deliveries.release(articleId, subscriptionId, token);
    throw error;
  } finally {
    clearInterval(renewal);
  }
}

async function sendClaimed(
  job: DeliveryJob,
  token: string,
  deps: DeliverBriefDeps,
  progress: { unrecorded: boolean },
): Promise<DeliveryOutcome> {
  let subscription = await deps.subscriptions.get(job.subscriptionId);
  if (!subscription) return 'unsubscribed';
  if (subscription.paused) return 'paused';
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
  // Greeting and closing are the subscription's own, in its language, never translated; a notice has neither.
  const framed = brief.notice ? brief : { ...brief, ...briefFrame(subscription.style, subscription.language) };
  const parts = sender.render(subscription, framed);
  let moved = false;
  const start = await deps.deliveries.partsSent(job.articleId, job.subscriptionId);
  await warnIfInterrupted(job, subscription, start, deps);
  for (let index = start; index < parts.length; ) {
    await waitForSlot(subscription, deps);
    const key = { index, count: parts.length, idempotencyKey: `${job.articleId}-${index}` };
    try {
      progress.unrecorded = true;
      await deps.deliveries.markPartSending(job.articleId, job.subscriptionId, index);
      await sender.sendPart(subscription, parts[index], key);
    } catch (error) {
      progress.unrecorded = false;
      // A 429 or a refusal is an answer that nothing was posted; a 5xx, a timeout or a lost
      // connection leaves it unknown, and the mark stays for the retry to report.
      if (isKabarError(error, 'rate-limited') || isKabarError(error, 'permanent')) {
        await deps.deliveries.clearPartSending(job.articleId, job.subscriptionId);
      }
      if (isKabarError(error, 'permanent') && error.code === CHAT_ERROR.gone) {
        await pause(subscription, error, deps);
        return 'paused';
      }
      const newChatId = isKabarError(error) && error.code === CHAT_ERROR.moved ? error.data.chatId : undefined;
      if (newChatId !== undefined && !moved) {
        moved = true;
        subscription = await moveChat(subscription, newChatId, deps);
        continue;
      }
      const scope = waitScopeOf(error);
      if (scope !== undefined && isKabarError(error)) await deps.pacer.hold(subscription, scope, error.retryAfterMs ?? 5_000);
      if (isKabarError(error, 'retryable')) throw await platformDown(subscription, error, deps);
      throw error;
    }
    await deps.deliveries.markPartSent(job.articleId, job.subscriptionId, index);
    progress.unrecorded = false;
    index++;
  }
  progress.unrecorded = true;
  await recordSent(job, token, deps);
  progress.unrecorded = false;
  deps.log.debug('brief delivered', { articleId: job.articleId, subscription: job.subscriptionId, parts: parts.length });
  return 'sent';
}

/**
 * An earlier attempt that died between posting a part and recording it leaves the chat in doubt:
 * the part is sent again (a lost brief is worse than a repeated one), and that is said once here.
 * Discord drops the repeat by its nonce; Telegram has no such key, so the chat may see it twice.
 */
async function warnIfInterrupted(job: DeliveryJob, subscription: Subscription, start: number, deps: DeliverBriefDeps): Promise<void> {
  const interrupted = await deps.deliveries.partSending(job.articleId, job.subscriptionId);
  if (interrupted === undefined || interrupted < start) return;
  deps.log.warn(DELIVERY_IN_DOUBT, {
    articleId: job.articleId,
    subscription: job.subscriptionId,
    platform: subscription.platform,
    part: interrupted,
    repeatDropped: subscription.platform === 'discord',
  });
}

/** The log line of {@link warnIfInterrupted} (the fault suite counts them). */
export const DELIVERY_IN_DOUBT = 'sending a part again whose earlier send was interrupted before it was recorded';

/** Takes a send slot, sleeping through the platform's short spacing; a longer wait becomes a rate-limited error. */
async function waitForSlot(subscription: Subscription, deps: DeliverBriefDeps): Promise<void> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((later) => setTimeout(later, ms)));
  for (;;) {
    const decision = await deps.pacer.take(subscription);
    if (decision.ok) return;
    if (decision.waitMs > MAX_INLINE_WAIT_MS) {
      const code = decision.scope === 'chat' ? CHAT_ERROR.chatBusy : CHAT_ERROR.platformBusy;
      throw new KabarError('rate-limited', `${decision.scope === 'chat' ? subscription.id : subscription.platform} is busy for ${decision.waitMs} ms`, {
        code,
        retryAfterMs: decision.waitMs,
      });
    }
    await sleep(decision.waitMs);
  }
}

/**
 * A send that failed for a reason of the platform's (5xx, timeout, network) holds every delivery
 * to that platform, not just this one: retried one by one with their own backoff, the briefs of
 * an outage would come out of order once it ends, and a long outage would use up their attempts.
 * Waiting together, they go out in their queue's order when it is back, none dropped.
 */
async function platformDown(subscription: Subscription, error: KabarError, deps: DeliverBriefDeps): Promise<KabarError> {
  await deps.pacer.hold(subscription, 'platform', PLATFORM_DOWN_WAIT_MS);
  return new KabarError('rate-limited', `${subscription.platform} failed a send, so its deliveries wait: ${describeError(error)}`, {
    code: CHAT_ERROR.platformDown,
    retryAfterMs: PLATFORM_DOWN_WAIT_MS,
    cause: error,
  });
}

/** How long a platform's deliveries wait after it failed a send, before the next try. */
export const PLATFORM_DOWN_WAIT_MS = 5_000;

async function pause(subscription: Subscription, error: KabarError, deps: DeliverBriefDeps): Promise<void> {
  const current = (await deps.subscriptions.get(subscription.id)) ?? subscription;
  await deps.subscriptions.save({ ...current, paused: { code: error.code, reason: describeError(error), since: deps.clock.now() } });
  deps.log.warn('subscription paused: the chat is gone or the bot lost access', { subscription: subscription.id, reason: describeError(error) });
}

async function moveChat(subscription: Subscription, chatId: string, deps: DeliverBriefDeps): Promise<Subscription> {
  const current = (await deps.subscriptions.get(subscription.id)) ?? subscription;
  const moved = { ...current, chatId };
  await deps.subscriptions.save(moved);
  deps.log.info('chat moved to a new id; subscription follows it', { subscription: subscription.id, from: subscription.chatId, to: chatId });
  return moved;
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
