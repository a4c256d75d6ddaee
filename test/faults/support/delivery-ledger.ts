/**
 * What the fake chats received, judged per (subscription, article): the fault suite's measure of
 * exactly-once. Every fault-suite article carries a marker in its link (`/world/fx-…`), so a
 * message is attributed to its article by what the chat actually shows, not by kabar's records.
 */
import { subscriptionIdFor } from '../../../src/core/chat/subscription-id.js';
import { DEFAULT_BRIEF_STYLE } from '../../../src/core/briefs/brief.js';
import type { Subscription } from '../../../src/core/ports.js';
import type { FakeDiscord } from '../../fakes/discord/fake-discord.js';
import type { FakeTelegram } from '../../fakes/telegram/fake-telegram.js';
import { accordsStory, type Story } from '../../integration/support.js';

const MARKER = /\/world\/(fx-[a-z0-9-]+)/g;

/** A matching story whose link carries the marker `fx-<tag>`. */
export function markedStory(tag: string): Story & { marker: string } {
  const marker = `fx-${tag}`;
  return { ...accordsStory(marker), marker };
}

/** A subscription of a fake chat to the shipped `abraham-accords` topic. */
export function chatSubscription(platform: 'telegram' | 'discord', chatId: string): Subscription {
  return {
    id: subscriptionIdFor({ platform, chatId }),
    platform,
    chatId,
    topics: ['abraham-accords'],
    language: 'en',
    style: DEFAULT_BRIEF_STYLE,
    onTranslationFailure: 'deliver-with-note',
    createdAt: 0,
  };
}

/** One received message: which subscription got it, which articles it names, in arrival order. */
export interface Received {
  subscriptionId: string;
  markers: string[];
  at: number;
}

/** Every message the fakes accepted, attributed to subscriptions and articles. */
export function receivedMessages(fakes: { telegram?: FakeTelegram; discord?: FakeDiscord }): Received[] {
  const received: Received[] = [];
  for (const message of fakes.telegram?.sent() ?? []) {
    received.push({ subscriptionId: subscriptionIdFor({ platform: 'telegram', chatId: message.chatId }), markers: markersIn(message.raw), at: message.at });
  }
  for (const message of fakes.discord?.allMessages() ?? []) {
    received.push({ subscriptionId: subscriptionIdFor({ platform: 'discord', chatId: message.channel_id }), markers: markersIn(JSON.stringify(message)), at: message.at });
  }
  return received.sort((a, b) => a.at - b.at);
}

function markersIn(text: string): string[] {
  return [...new Set([...text.matchAll(MARKER)].map((match) => match[1] ?? ''))];
}

/** The verdict: every expected (subscription, article) pair and how often it arrived. */
export interface Ledger {
  expected: number;
  /** Pairs never received. */
  lost: string[];
  /** Pairs received more than once (with the count). */
  doubled: string[];
  /** Messages naming an article that was not expected for that subscription. */
  unexpected: string[];
}

/** Counts `received` against every pair of `subscriptionIds` x `markers`. */
export function ledger(received: readonly Received[], subscriptionIds: readonly string[], markers: readonly string[]): Ledger {
  const counts = new Map<string, number>();
  const unexpected: string[] = [];
  const wanted = new Set(subscriptionIds.flatMap((subscription) => markers.map((marker) => `${subscription} ${marker}`)));
  for (const message of received) {
    for (const marker of message.markers) {
      const pair = `${message.subscriptionId} ${marker}`;
      if (!wanted.has(pair)) unexpected.push(pair);
      counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
  }
  const lost = [...wanted].filter((pair) => (counts.get(pair) ?? 0) === 0);
  const doubled = [...wanted].filter((pair) => (counts.get(pair) ?? 0) > 1).map((pair) => `${pair} x${counts.get(pair)}`);
  return { expected: wanted.size, lost, doubled, unexpected };
}

/** Until `check` holds, or fails with `label` after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, label: string | (() => string), everyMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs / 1000} s: ${typeof label === 'string' ? label : label()}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
