/**
 * A topic: a named set of moderator-written rules deciding which articles belong to it.
 *
 * Rules use the moderator term syntax documented in README.md ("Topic rules") and parsed by
 * `core/matching/parse-term.ts`.
 */
export interface TopicDefinition {
  /** Lower-case slug: `abraham-accords`. */
  name: string;
  description?: string;
  /** Terms that put an article in the topic (phrases, `Prefix*`, `!strong`, `A + (b|c)`). */
  include: string[];
  /** Terms that veto the topic unless a strong include term also hits. */
  exclude: string[];
}

/**
 * Where a topic applies: everywhere (`global`) or to one subscription/chat, whose version adds
 * its terms to the global topic of the same name (or stands alone when there is none).
 */
export type TopicScope = 'global' | `chat:${string}`;
