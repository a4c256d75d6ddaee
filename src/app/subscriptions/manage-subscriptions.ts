/**
 * Creating, changing and removing subscriptions: what `kabar subscriptions …` and the chat
 * commands (`/subscribe`, `/unsubscribe`, `/options`, `/language`) call.
 */
import { DEFAULT_BRIEF_STYLE, type BriefStyle } from '../../core/briefs/brief.js';
import { parseChatAddress, subscriptionIdFor, topicScopeFor, type ChatAddress } from '../../core/chat/subscription-id.js';
import { KabarError } from '../../core/errors.js';
import type { BriefFormat, Clock, Subscription, SubscriptionStore, TranslationFallback } from '../../core/ports.js';
import { isBaseLanguageCode } from '../../core/text/language-tag.js';

/** What a new subscription gets unless the command says otherwise. */
export interface SubscriptionDefaults {
  language: string;
  style: BriefStyle;
  onTranslationFailure: TranslationFallback;
}

/** What {@link saveSubscription} needs. */
export interface ManageSubscriptionsDeps {
  subscriptions: SubscriptionStore;
  clock: Clock;
  defaults: SubscriptionDefaults;
}

/** A subscription to create or change; absent fields keep their value (or the default for a new one). */
export interface SubscriptionInput extends ChatAddress {
  guildId?: string;
  topics?: readonly string[];
  language?: string;
  style?: Partial<BriefStyle>;
  format?: BriefFormat;
  silent?: boolean;
  /** Who asks: `discord:<user id>`, `telegram:<user id>`, `cli:<user>`. */
  author: string;
}

/** What {@link saveSubscription} did. */
export interface SavedSubscription {
  subscription: Subscription;
  created: boolean;
  /** The pause it lifted, when the chat had been paused. */
  resumed?: string;
}

/**
 * Creates the subscription of a chat, or updates it: the operator's `add` on an existing chat and
 * a second `/subscribe` change it in place. Saving lifts a pause: the moderator who subscribes
 * again says the chat is back.
 *
 * @throws KabarError `permanent` code `invalid-language` for a language that is not a base code.
 * @example
 * ```ts
 * await saveSubscription({ platform: 'telegram', chatId: '-1001234', threadId: '7', topics: ['central-asia'], author: 'cli:ops' }, deps);
 * ```
 */
export async function saveSubscription(input: SubscriptionInput, deps: ManageSubscriptionsDeps): Promise<SavedSubscription> {
  if (input.language !== undefined && !isBaseLanguageCode(input.language)) {
    throw new KabarError('permanent', `"${input.language}" is not a language code: use two letters such as id or en`, {
      code: 'invalid-language',
    });
  }
  const id = subscriptionIdFor(input);
  const existing = await deps.subscriptions.get(id);
  const base: Subscription = existing ?? {
    id,
    platform: input.platform,
    chatId: input.chatId,
    ...(input.threadId === undefined ? {} : { threadId: input.threadId }),
    ...(input.guildId === undefined ? {} : { guildId: input.guildId }),
    topicScope: topicScopeFor(input),
    topics: [],
    language: deps.defaults.language,
    style: { ...DEFAULT_BRIEF_STYLE, ...deps.defaults.style },
    onTranslationFailure: deps.defaults.onTranslationFailure,
    createdAt: deps.clock.now(),
    createdBy: input.author,
  };
  const { paused, ...rest } = base;
  const subscription: Subscription = {
    ...rest,
    ...(input.topics === undefined ? {} : { topics: [...new Set(input.topics)] }),
    ...(input.language === undefined ? {} : { language: input.language }),
    ...(input.style === undefined ? {} : { style: { ...base.style, ...input.style } }),
    ...(input.format === undefined ? {} : { format: input.format }),
    ...(input.silent === undefined ? {} : { silent: input.silent }),
  };
  await deps.subscriptions.save(subscription);
  return { subscription, created: existing === undefined, ...(paused === undefined ? {} : { resumed: paused.reason }) };
}

/**
 * Removes a subscription by id (`telegram--1001234`), or by the operator's address form
 * (`telegram:-1001234`). Returns the removed id.
 *
 * @throws KabarError `permanent` code `unknown-subscription`.
 */
export async function removeSubscription(idOrAddress: string, deps: Pick<ManageSubscriptionsDeps, 'subscriptions'>): Promise<string> {
  const address = parseChatAddress(idOrAddress);
  const id = address === undefined ? idOrAddress.trim() : subscriptionIdFor(address);
  if (await deps.subscriptions.remove(id)) return id;
  throw new KabarError('permanent', `no subscription "${idOrAddress}" (see: kabar subscriptions list)`, { code: 'unknown-subscription' });
}
