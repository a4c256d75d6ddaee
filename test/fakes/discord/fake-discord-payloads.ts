/**
 * The checks the loopback Discord applies to a message body (channel messages, interaction
 * replies, webhook edits and follow-ups), as strict as Discord about what kabar must get right:
 * the length limits, and `allowed_mentions` with `parse: []` on every message.
 */

/** One embed as it arrives. */
export interface FakeEmbed {
  title?: string;
  description?: string;
  url?: string;
  timestamp?: string;
  color?: number;
  footer?: { text: string };
  author?: { name: string };
  fields?: Array<{ name: string; value: string }>;
}

/** A message body as it arrives. */
export interface FakeMessageBody {
  content?: string;
  embeds?: FakeEmbed[];
  flags?: number;
  nonce?: string | number;
  enforce_nonce?: boolean;
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[]; replied_user?: boolean };
}

/** Discord's 400 "Invalid Form Body" (code 50035) with the field that broke. */
export interface FormError {
  field: string;
  problem: string;
}

/** Characters of an embed that count against the 6,000 of a message. */
export function embedLength(embed: FakeEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/**
 * The first problem of `body`, or undefined when Discord would take it. `requireNonEmpty`: a
 * message must carry content or embeds (an edit may change flags alone).
 */
export function checkMessageBody(body: unknown, requireNonEmpty = true): FormError | undefined {
  if (typeof body !== 'object' || body === null) return { field: 'body', problem: 'not a JSON object' };
  const message = body as FakeMessageBody;
  if (message.allowed_mentions === undefined) return { field: 'allowed_mentions', problem: 'missing (kabar must always send parse: [])' };
  const parse = message.allowed_mentions.parse;
  if (!Array.isArray(parse) || parse.length !== 0) return { field: 'allowed_mentions.parse', problem: 'must be []' };
  if ((message.allowed_mentions.users ?? []).length > 0 || (message.allowed_mentions.roles ?? []).length > 0) {
    return { field: 'allowed_mentions', problem: 'users/roles must be empty' };
  }
  if (message.content !== undefined && typeof message.content !== 'string') return { field: 'content', problem: 'not a string' };
  if ((message.content?.length ?? 0) > 2000) return { field: 'content', problem: `${message.content?.length} > 2000` };
  const embeds = message.embeds ?? [];
  if (!Array.isArray(embeds)) return { field: 'embeds', problem: 'not an array' };
  if (embeds.length > 10) return { field: 'embeds', problem: `${embeds.length} > 10` };
  let total = 0;
  for (const [index, embed] of embeds.entries()) {
    const problem = checkEmbed(embed);
    if (problem !== undefined) return { field: `embeds.${index}.${problem.field}`, problem: problem.problem };
    total += embedLength(embed);
  }
  if (total > 6000) return { field: 'embeds', problem: `total ${total} > 6000` };
  if (requireNonEmpty && (message.content ?? '').trim() === '' && embeds.length === 0) {
    return { field: 'content', problem: 'cannot send an empty message' };
  }
  if (message.nonce !== undefined) {
    if (typeof message.nonce === 'string' && message.nonce.length > 25) return { field: 'nonce', problem: 'longer than 25' };
  } else if (message.enforce_nonce === true) {
    return { field: 'nonce', problem: 'enforce_nonce without a nonce' };
  }
  return undefined;
}

function checkEmbed(embed: FakeEmbed): FormError | undefined {
  if ((embed.title?.length ?? 0) > 256) return { field: 'title', problem: `${embed.title?.length} > 256` };
  if ((embed.description?.length ?? 0) > 4096) return { field: 'description', problem: `${embed.description?.length} > 4096` };
  if ((embed.footer?.text.length ?? 0) > 2048) return { field: 'footer.text', problem: 'longer than 2048' };
  if (embed.url !== undefined && !/^https?:\/\//.test(embed.url)) return { field: 'url', problem: 'not a well formed http(s) URL' };
  if (embed.timestamp !== undefined && Number.isNaN(Date.parse(embed.timestamp))) return { field: 'timestamp', problem: 'not ISO8601' };
  if ((embed.fields?.length ?? 0) > 25) return { field: 'fields', problem: 'more than 25' };
  return undefined;
}

/**
 * What a reader sees of a message: its content, then each embed's title, description and footer,
 * one per line, with Discord's markdown escapes (`\*`, `\[`, `\@`) shown as the characters they
 * escape. A test of the visible text need not know how the sender escaped it.
 */
export function visibleText(message: Pick<FakeMessageBody, 'content' | 'embeds'>): string {
  const pieces = [message.content ?? ''];
  for (const embed of message.embeds ?? []) {
    pieces.push(embed.title ?? '', embed.description ?? '', embed.footer?.text ?? '');
  }
  return pieces
    .filter((piece) => piece !== '')
    .map((piece) => piece.replace(/\\([^\sA-Za-z0-9])/g, '$1'))
    .join('\n');
}

/** A message object as Discord returns it, around the fields kabar sent. */
export function messageJson(message: {
  id: string;
  channelId: string;
  body: FakeMessageBody;
  author: unknown;
  at: number;
  extra?: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    id: message.id,
    type: 0,
    channel_id: message.channelId,
    content: message.body.content ?? '',
    embeds: message.body.embeds ?? [],
    flags: message.body.flags ?? 0,
    nonce: message.body.nonce,
    author: message.author,
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date(message.at).toISOString(),
    edited_timestamp: null,
    ...message.extra,
  };
}
