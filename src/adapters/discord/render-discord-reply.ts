/**
 * A command's reply as Discord messages: the text (escaped, split under 2,000), then its briefs as
 * embeds (the sender's renderer), packed as few messages as the limits allow.
 */
import { splitForLimit } from '../../core/briefs/split-for-limit.js';
import type { ChatReply } from '../../core/chat/chat-command.js';
import { escapeDiscordText } from './escape-discord-text.js';
import { DISCORD_LIMITS, embedLength, renderDiscordBrief, type DiscordMessagePart } from './render-discord-brief.js';

/**
 * The messages of `reply`, in order: the first answers the interaction, the rest follow it up.
 * Never empty.
 */
export function renderDiscordReply(reply: ChatReply): DiscordMessagePart[] {
  const texts = splitForLimit(escapeDiscordText(reply.text), DISCORD_LIMITS.content).map((content): DiscordMessagePart => ({ content }));
  const briefParts = (reply.briefs ?? []).flatMap((brief) => renderDiscordBrief(brief, 'embed'));
  const messages: DiscordMessagePart[] = texts.length === 0 ? [] : [...texts];
  for (const part of briefParts) {
    const last = messages[messages.length - 1];
    const embeds = part.embeds ?? [];
    const room = last !== undefined && fits([...(last.embeds ?? []), ...embeds]);
    if (last !== undefined && room) last.embeds = [...(last.embeds ?? []), ...embeds];
    else messages.push({ embeds: [...embeds] });
  }
  return messages.length === 0 ? [{ content: '…' }] : messages;
}

function fits(embeds: ReadonlyArray<NonNullable<DiscordMessagePart['embeds']>[number]>): boolean {
  return embeds.length <= DISCORD_LIMITS.embedsPerMessage && embeds.reduce((sum, embed) => sum + embedLength(embed), 0) <= DISCORD_LIMITS.embedTotal;
}
