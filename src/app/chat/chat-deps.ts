/**
 * What the chat commands need from the world, handed in as one object by the composition root.
 */
import type {
  ArticleArchive,
  BriefArchive,
  DeliveryLog,
  FeedFetcher,
  FeedStore,
  Logger,
  SubscriptionStore,
} from '../../core/ports.js';
import type { ManageSubscriptionsDeps } from '../subscriptions/manage-subscriptions.js';
import type { TopicDeps } from '../topics/index.js';

/** The dependencies of every chat command. */
export interface ChatCommandDeps extends ManageSubscriptionsDeps {
  subscriptions: SubscriptionStore;
  topics: TopicDeps;
  /** Recent articles, for `/keywords preview`. */
  articles: ArticleArchive;
  /** Built briefs, for `/accords`. */
  briefs: BriefArchive;
  /** Last deliveries, for `/status`. */
  deliveries: DeliveryLog;
  feeds: FeedStore;
  /** Checks a feed a moderator adds, with the bot's own fetch rules (private addresses refused). */
  fetcher: FeedFetcher;
  /** Time between checks of a feed added from chat. */
  pollIntervalMs: number;
  random: () => number;
  log: Logger;
}
