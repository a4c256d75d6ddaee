/**
 * The topics kabar ships with, read from `default-topics.json` — one data file that moderators and
 * reviewers can read without reading code.
 */
import { KabarError } from '../errors.js';
import { validateTopic } from '../matching/parse-term.js';
import type { TopicDefinition } from './topic.js';
import data from './default-topics.json' with { type: 'json' };

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function broken(problem: string): KabarError {
  return new KabarError('permanent', `src/core/topics/default-topics.json is broken: ${problem}`, {
    code: 'invalid-default-topics',
  });
}

/**
 * Reads topics in the shape of `default-topics.json` (`{ "topics": [{ name, description?, include,
 * exclude }] }`), checking the shape and every term.
 *
 * @throws KabarError `permanent`: code `invalid-default-topics` for a wrong shape, `invalid-term`
 *   for a bad term.
 */
export function readTopicsData(raw: unknown): TopicDefinition[] {
  const topics: unknown = typeof raw === 'object' && raw !== null ? (raw as { topics?: unknown }).topics : undefined;
  if (!Array.isArray(topics)) throw broken('expected an object with a "topics" array.');
  return topics.map((entry: unknown, i): TopicDefinition => {
    if (typeof entry !== 'object' || entry === null) throw broken(`topics[${i}] is not an object.`);
    const { name, description, include, exclude } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/u.test(name)) {
      throw broken(`topics[${i}].name must be a lower-case slug such as "central-asia".`);
    }
    if (description !== undefined && typeof description !== 'string') throw broken(`topic "${name}": description must be a string.`);
    if (!isStringArray(include) || !isStringArray(exclude)) {
      throw broken(`topic "${name}": include and exclude must be arrays of strings.`);
    }
    const def: TopicDefinition = { name, include: [...include], exclude: [...exclude] };
    if (description !== undefined) def.description = description;
    validateTopic(def);
    return def;
  });
}

/**
 * The shipped topics (`abraham-accords`, `central-asia`), checked against the term syntax. Each
 * call returns fresh copies, so callers may edit them.
 *
 * @throws KabarError `permanent` when the data file is malformed (a packaging bug, caught by tests).
 * @example
 * ```ts
 * const matcher = compileMatcher(defaultTopics());
 * ```
 */
export function defaultTopics(): TopicDefinition[] {
  return readTopicsData(data);
}
