/**
 * Versioned topics in Redis.
 *
 * Keys, under `prefix` (which must end with `:` and, on a Redis Cluster, contain a hash tag such
 * as `{kabar}:`, because one edit writes all four kinds of key atomically):
 *
 * | Key | Type | Holds |
 * |---|---|---|
 * | `<prefix>topics:log:<scope>:<name>` | list | every version's JSON, newest first; its length is the latest version |
 * | `<prefix>topics:latest:<scope>` | hash | topic name -> JSON of its latest version (deletions included) |
 * | `<prefix>topics:scopes` | set | every scope that has held a topic |
 * | `<prefix>topics:revision` | string | a counter bumped by every edit in every scope |
 *
 * The log is never trimmed: topics change at the pace of people typing, and the whole history is
 * what makes `undo` and auditing possible. The latest-version hash duplicates the log's head so that
 * listing a scope is one `HGETALL` rather than one read per topic.
 */
import type { Redis } from 'ioredis';
import { KabarError } from '../../core/errors.js';
import type { TopicDefinition, TopicScope } from '../../core/topics/topic.js';
import { compareScopes } from '../../core/topics/topic-store.js';
import type { StoredTopic, TopicStore, TopicVersion } from '../../core/topics/topic-store.js';
import { APPEND_TOPIC_VERSION } from './topic-store.lua.js';

/**
 * A {@link TopicStore} in Redis under `prefix`.
 *
 * @example
 * ```ts
 * const store = createRedisTopicStore(redis, '{kabar}:');
 * await store.list('global');
 * ```
 */
export function createRedisTopicStore(redis: Redis, prefix: string): TopicStore {
  const logKey = (scope: TopicScope, name: string): string => `${prefix}topics:log:${scope}:${name}`;
  const latestKey = (scope: TopicScope): string => `${prefix}topics:latest:${scope}`;
  const scopesKey = `${prefix}topics:scopes`;
  const revisionKey = `${prefix}topics:revision`;

  const liveTopics = (scope: TopicScope, hash: Record<string, string>): StoredTopic[] =>
    Object.entries(hash)
      .map(([name, json]) => ({ scope, name, latest: parseVersion(json, scope, name) }))
      .filter((t) => !t.latest.deleted)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const listScopes = async (): Promise<TopicScope[]> =>
    ((await redis.smembers(scopesKey)) as TopicScope[]).sort(compareScopes);

  return {
    async list(scope) {
      if (scope !== undefined) return liveTopics(scope, await redis.hgetall(latestKey(scope)));
      const scopes = await listScopes();
      if (scopes.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const s of scopes) pipeline.hgetall(latestKey(s));
      const replies = (await pipeline.exec()) ?? [];
      return scopes.flatMap((s, i) => {
        const [error, hash] = replies[i] ?? [];
        if (error) throw error;
        return liveTopics(s, (hash ?? {}) as Record<string, string>);
      });
    },

    async get(scope, name) {
      const json = await redis.hget(latestKey(scope), name);
      return json === null ? undefined : parseVersion(json, scope, name);
    },

    async history(scope, name, limit) {
      if (limit <= 0) return [];
      const entries = await redis.lrange(logKey(scope, name), 0, limit - 1);
      return entries.map((json) => parseVersion(json, scope, name));
    },

    async append(scope, name, expectedVersion, next) {
      // Field by field, so that nothing but a version's own fields is ever stored.
      const version: TopicVersion = {
        version: expectedVersion + 1,
        definition: copyDefinition(next.definition),
        deleted: next.deleted,
        author: next.author,
        at: next.at,
        action: next.action,
      };
      const [appended, current] = (await redis.eval(
        APPEND_TOPIC_VERSION,
        4,
        logKey(scope, name),
        latestKey(scope),
        scopesKey,
        revisionKey,
        scope,
        name,
        expectedVersion,
        JSON.stringify(version),
      )) as [number, number];
      return appended === 1 ? { status: 'appended', version } : { status: 'conflict', currentVersion: current };
    },

    async revision() {
      return Number((await redis.get(revisionKey)) ?? 0);
    },

    listScopes,
  };
}

/** Reads a stored version, refusing anything that is not one (a hand edit or a bug, not a retry case). */
function parseVersion(json: string, scope: TopicScope, name: string): TopicVersion {
  const corrupt = (why: string): KabarError =>
    new KabarError('permanent', `Topic "${name}" in scope ${scope} has a corrupt version in Redis: ${why}.`, {
      code: 'corrupt-topic',
    });
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new KabarError('permanent', `Topic "${name}" in scope ${scope} has a version that is not JSON.`, {
      code: 'corrupt-topic',
      cause: error,
    });
  }
  if (typeof raw !== 'object' || raw === null) throw corrupt('not an object');
  const { version, definition, deleted, author, at, action } = raw as Record<string, unknown>;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw corrupt('bad version number');
  if (typeof deleted !== 'boolean' || typeof author !== 'string' || typeof at !== 'number' || typeof action !== 'string') {
    throw corrupt(`version ${version} lacks deleted/author/at/action`);
  }
  return { version, definition: parseDefinition(definition, corrupt), deleted, author, at, action };
}

function copyDefinition(def: TopicDefinition): TopicDefinition {
  const copy: TopicDefinition = { name: def.name, include: [...def.include], exclude: [...def.exclude] };
  if (def.description !== undefined) copy.description = def.description;
  return copy;
}

function parseDefinition(raw: unknown, corrupt: (why: string) => KabarError): TopicDefinition {
  if (typeof raw !== 'object' || raw === null) throw corrupt('no definition');
  const { name, description, include, exclude } = raw as Record<string, unknown>;
  const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
  if (typeof name !== 'string' || !isStrings(include) || !isStrings(exclude)) throw corrupt('malformed definition');
  if (description !== undefined && typeof description !== 'string') throw corrupt('malformed description');
  const definition: TopicDefinition = { name, include, exclude };
  if (description !== undefined) definition.description = description;
  return definition;
}
