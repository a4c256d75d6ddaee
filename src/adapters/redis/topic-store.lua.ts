/**
 * The Lua script behind `createRedisTopicStore`'s `append`: the version check and every write of
 * an edit happen in one step, so two moderators editing at once cannot lose an edit.
 */

/**
 * Appends a topic version if the topic is still at the expected version.
 *
 * KEYS[1] = the topic's log (list, newest first; its length is the latest version number)
 * KEYS[2] = the scope's latest-version hash (topic name -> JSON of the latest version)
 * KEYS[3] = the set of scopes
 * KEYS[4] = the global revision counter
 * ARGV[1] = scope, ARGV[2] = topic name, ARGV[3] = expected version (0: must not exist yet),
 * ARGV[4] = JSON of the new version, already numbered expected + 1 by the caller
 *
 * Returns {1, new version} when appended, {0, current version} on conflict.
 *
 * The caller can number the version itself because the script only appends when the log length
 * equals the expected version: whatever it writes is then version expected + 1. That keeps JSON
 * out of Lua (cjson would turn an empty `exclude: []` into `{}`).
 */
export const APPEND_TOPIC_VERSION = `
local current = redis.call('LLEN', KEYS[1])
if current ~= tonumber(ARGV[3]) then
  return {0, current}
end
redis.call('LPUSH', KEYS[1], ARGV[4])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[4])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('INCR', KEYS[4])
return {1, current + 1}
`;
