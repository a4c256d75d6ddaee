/**
 * Telling chats that a feed behind their briefs has failed, and again when it recovers: once per
 * change, to the subscriptions that got briefs from it lately, in each chat's language.
 */
import type { Brief } from '../../core/briefs/brief.js';
import { chatMessages } from '../../core/chat/messages/index.js';
import type { BriefArchive, Clock, DeliveryJob, FeedAudience, Logger, PipelineQueues, SubscriptionStore } from '../../core/ports.js';
import { shortHash } from '../../core/short-hash.js';

/** A feed's health changed. */
export interface FeedHealthChange {
  url: string;
  state: 'failing' | 'recovered';
  /** Why it fails (the last error), for `failing`. */
  reason?: string;
}

/** What {@link announceFeedHealth} needs. */
export interface AnnounceFeedHealthDeps {
  audience: FeedAudience;
  subscriptions: SubscriptionStore;
  briefs: BriefArchive;
  queues: PipelineQueues;
  clock: Clock;
  log: Logger;
}

/**
 * Queues one notice per chat that got briefs from the feed lately (the console is left out: the
 * operator reads the log). The notice is delivered like a brief, paced and recorded, without a
 * greeting or closing. Returns how many chats were told.
 */
export async function announceFeedHealth(change: FeedHealthChange, deps: AnnounceFeedHealthDeps): Promise<number> {
  const ids = await deps.audience.list(change.url);
  const found = await Promise.all(ids.map((id) => deps.subscriptions.get(id)));
  const chats = found.filter((subscription) => subscription !== undefined && subscription.platform !== 'console' && !subscription.paused);
  if (chats.length === 0) return 0;
  const noticeId = `notice-${shortHash(change.url)}-${change.state}-${deps.clock.now()}`;
  const jobs: DeliveryJob[] = [];
  for (const language of new Set(chats.map((subscription) => subscription?.language ?? 'en'))) {
    const texts = chatMessages(language).replies;
    const notice: Brief = {
      articleId: noticeId,
      topics: [],
      language,
      title: change.state === 'failing' ? texts.feedFailing(change.url, change.reason ?? '?') : texts.feedRecovered(change.url),
      paragraphs: [],
      url: change.url,
      notice: true,
    };
    await deps.briefs.save(notice, language);
    for (const subscription of chats) {
      if (subscription?.language === language) {
        jobs.push({ articleId: noticeId, subscriptionId: subscription.id, language, platform: subscription.platform });
      }
    }
  }
  await deps.queues.enqueueDeliveries(jobs);
  deps.log.info(change.state === 'failing' ? 'feed failing: chats told' : 'feed recovered: chats told', { url: change.url, chats: jobs.length });
  return jobs.length;
}
