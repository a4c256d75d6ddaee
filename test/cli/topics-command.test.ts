/**
 * `kabar topics`: the moderators' view of topics, end to end against Redis. Every edit is a new
 * version; `undo` reverts as a new version; `--chat` works on a chat's own layer.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeRun, expectClean, expectError, openKabarSandbox, type KabarRun, type KabarSandbox } from './run-kabar.js';

const CHAT = 'telegram--1001234';

/** The include and exclude lists printed by `kabar topics show`. */
function shownTerms(run: KabarRun): { include: string[]; exclude: string[] } {
  const includeAt = run.lines.findIndex((line) => /^include \(\d+\):$/.test(line));
  const excludeAt = run.lines.findIndex((line) => /^exclude \(\d+\):$/.test(line));
  expect(includeAt, describeRun(run)).toBeGreaterThan(0);
  expect(excludeAt, describeRun(run)).toBeGreaterThan(includeAt);
  const terms = (from: number, to: number) => run.lines.slice(from + 1, to).map((line) => line.replace(/^ {2}/, ''));
  const include = terms(includeAt, excludeAt);
  const exclude = terms(excludeAt, run.lines.length);
  // The counts in the headings are the lengths of the lists.
  expect(run.lines[includeAt]).toBe(`include (${include.length}):`);
  expect(run.lines[excludeAt]).toBe(`exclude (${exclude.length}):`);
  return { include, exclude };
}

/** `kabar topics history` lines as {version, author, action}. */
function historyOf(run: KabarRun): { version: number; author: string; action: string }[] {
  return run.lines.map((line) => {
    const match = /^v(\d+) {2}\d{4}-\d{2}-\d{2} \d{2}:\d{2} {2}(\S+) +(.+)$/.exec(line);
    expect(match, `history line "${line}"`).not.toBeNull();
    return { version: Number(match?.[1]), author: match?.[2] ?? '', action: match?.[3] ?? '' };
  });
}

describe('kabar topics', { timeout: 90_000 }, () => {
  let kabar: KabarSandbox;
  const topics = (...args: string[]) => kabar.run(['topics', ...args]);
  beforeEach(async () => {
    kabar = await openKabarSandbox();
  });
  afterEach(async () => {
    await kabar.cleanup();
  });

  it('lists both shipped topics with their counts, version and origin', async () => {
    const [list, shown] = await Promise.all([topics('list'), topics('show', 'central-asia')]);
    expectClean(list);
    expect(list.lines).toHaveLength(2);
    expect(list.lines[0]).toMatch(/^abraham-accords +\d+ terms, +\d+ exclusions {2}v1 {2}global {2}\S/);
    expect(list.lines[1]).toMatch(/^central-asia +\d+ terms, +\d+ exclusions {2}v1 {2}global {2}\S/);

    expectClean(shown);
    expect(shown.lines[0]).toMatch(/^central-asia \(global, v1 by kabar at \d{4}-\d{2}-\d{2} \d{2}:\d{2}\)$/);
    const { include, exclude } = shownTerms(shown);
    expect(list.lines[1]).toContain(` ${include.length} terms, ${String(exclude.length).padStart(3)} exclusions`);
  });

  it('add-term, exclude and undo each save a version that show, test and history reflect', async () => {
    // Samarkand is not shipped (it is a venue more often than a subject): add it as a moderator would.
    const headline = 'Samarkand opens a new airport terminal';
    const carpet = 'Samarkand carpet weavers show their work in Paris';
    const without = await topics('test', 'central-asia', headline);
    expectClean(without);
    expect(without.lines).toEqual(['central-asia: no match', '  no include term appears in the headline']);

    const added = await topics('add-term', 'central-asia', 'Samarkand*', '--author', 'bob');
    expectClean(added);
    expect(added.lines).toEqual(['central-asia: v2 add-term "Samarkand*" — live within seconds']);
    const [shown, tested, again, strong] = await Promise.all([
      topics('show', 'central-asia'),
      topics('test', 'central-asia', headline),
      topics('add-term', 'central-asia', 'Samarkand*'),
      // The shipped abraham-accords topic has a strong term and excludes Abraham Lincoln.
      topics('test', 'abraham-accords', 'Abraham Lincoln scholars weigh in on the Abraham Accords'),
    ]);
    expectClean(shown);
    expect(shown.lines[0]).toMatch(/^central-asia \(global, v2 by bob at /);
    expect(shownTerms(shown).include).toContain('Samarkand*');
    expectClean(tested);
    expect(tested.lines).toEqual(['central-asia: MATCH', `  hit   "Samarkand*" in title: ${headline}`]);
    expect(expectError(again, 2)).toBe('"Samarkand*" is already a term of central-asia.');
    expectClean(strong);
    expect(strong.lines[0]).toBe('abraham-accords: MATCH');
    expect(strong.lines).toContainEqual(expect.stringMatching(/^ {2}hit {3}"!Abraham Accord\* notnear/));
    expect(strong.lines).toContainEqual(expect.stringMatching(/^ {2}veto {2}"Abraham Lincoln" in title: .*\(overridden by a strong term\)$/));

    // An exclusion vetoes the match, and test says which term did.
    expectClean(await topics('exclude', 'central-asia', 'Samarkand carpet', '--author', 'carol'));
    const [vetoed, history] = await Promise.all([topics('test', 'central-asia', carpet), topics('history', 'central-asia')]);
    expectClean(vetoed);
    expect(vetoed.lines).toEqual([
      'central-asia: no match',
      `  hit   "Samarkand*" in title: ${carpet}`,
      `  veto  "Samarkand carpet" in title: ${carpet}`,
    ]);
    expectClean(history);
    expect(historyOf(history)).toEqual([
      { version: 3, author: 'carol', action: 'exclude "Samarkand carpet"' },
      { version: 2, author: 'bob', action: 'add-term "Samarkand*"' },
      { version: 1, author: 'kabar', action: 'seed defaults' },
    ]);

    // Undo reverts the latest edit only, as a new version.
    const undone = await topics('undo', 'central-asia');
    expectClean(undone);
    expect(undone.lines).toEqual(['central-asia: v4 undo v3 — live within seconds']);
    const [afterUndo, latest] = await Promise.all([
      topics('test', 'central-asia', carpet),
      topics('history', 'central-asia', '--limit', '2'),
    ]);
    expect(afterUndo.lines, describeRun(afterUndo)).toEqual(['central-asia: MATCH', `  hit   "Samarkand*" in title: ${carpet}`]);
    expect(historyOf(latest)).toEqual([
      // Without --author the history records the command line's user.
      { version: 4, author: expect.stringMatching(/^cli(:\S+)?$/), action: 'undo v3' },
      { version: 3, author: 'carol', action: 'exclude "Samarkand carpet"' },
    ]);

    // An undo can be undone.
    expectClean(await topics('undo', 'central-asia', '--author', 'dave'));
    const redone = await topics('test', 'central-asia', carpet);
    expect(redone.lines[0], describeRun(redone)).toBe('central-asia: no match');
  });

  it('test shows the context that made a term count, or why it did not', async () => {
    const [counted, unmet] = await Promise.all([
      topics('test', 'central-asia', 'Kazakh government cuts fuel prices'),
      topics('test', 'central-asia', 'Kazakh restaurant opens in Brooklyn'),
    ]);
    expectClean(counted);
    expect(counted.lines[0]).toBe('central-asia: MATCH');
    expect(counted.lines).toContainEqual(expect.stringMatching(/^ {2}hit {3}"\(Kazakh\|.*\[near "government" \(near\(2\)/));
    expectClean(unmet);
    expect(unmet.lines[0]).toBe('central-asia: no match');
    expect(unmet.lines).toContainEqual(expect.stringMatching(/^ {2}unmet "\(Kazakh\|.*\["Kazakh": nothing of near\(2\)/));
  });

  it('upgrade merges the shipped topics into edited ones; --dry-run saves nothing', async () => {
    expectClean(await topics('add-term', 'central-asia', 'Samarkand*', '--author', 'bob'));
    const dry = await topics('upgrade', '--dry-run');
    expectClean(dry);
    expect(dry.lines).toEqual([
      expect.stringMatching(/^abraham-accords: up-to-date \(from v1 seed\), shipped \S{10}$/),
      expect.stringMatching(/^central-asia: up-to-date \(from v1 seed\), shipped \S{10}$/),
      'dry run: nothing saved',
    ]);
    const one = await topics('upgrade', 'central-asia');
    expectClean(one);
    expect(one.lines).toEqual([expect.stringMatching(/^central-asia: up-to-date/)]);
    expect(expectError(await topics('upgrade', 'crypto'), 2)).toMatch(/^"crypto" is not a shipped topic/);
  });

  it('refuses invalid and over-long terms with a clear one-line message, exit 2, and saves nothing', async () => {
    const [unbalanced, tooLong, tooManyWords, tooShortPrefix, unknownTopic] = await Promise.all([
      topics('add-term', 'central-asia', '(a|b'),
      topics('add-term', 'central-asia', 'x'.repeat(601)),
      topics('add-term', 'central-asia', 'one two three four five six seven eight nine'),
      topics('exclude', 'central-asia', 'Ka*'),
      topics('add-term', 'nope', 'Khorgos'),
    ]);
    for (const run of [unbalanced, tooLong, tooManyWords, tooShortPrefix, unknownTopic]) expect(run.stdout, describeRun(run)).toBe('');
    expect(expectError(unbalanced, 2)).toMatch(/"\(a\|b": there is a \( without a matching \)/);
    expect(expectError(tooLong, 2)).toMatch(/601 characters long; the limit is 600/);
    expect(expectError(tooManyWords, 2)).toMatch(/at most 8 words/);
    expect(expectError(tooShortPrefix, 2)).toMatch(/at least 3 letters before \*/);
    expect(expectError(unknownTopic, 2)).toMatch(/no topic "nope"/);

    const history = await topics('history', 'central-asia');
    expect(historyOf(history)).toEqual([{ version: 1, author: 'kabar', action: 'seed defaults' }]);
  });

  it('remove-term takes an exclusion written -term, as its help says', async () => {
    expectClean(await topics('exclude', 'central-asia', 'Turkmen carpet'));
    const removed = await topics('remove-term', 'central-asia', '-Turkmen carpet');
    expectClean(removed);
    expect(removed.lines[0]).toMatch(/^central-asia: v3 \S+ "Turkmen carpet" — live within seconds$/);
    expect(shownTerms(await topics('show', 'central-asia')).exclude).not.toContain('Turkmen carpet');
  });

  it('add-term with a leading - adds an exclusion, as its help says', async () => {
    const added = await topics('add-term', 'central-asia', '-Turkmen carpet');
    expectClean(added);
    expect(added.lines).toEqual(['central-asia: v2 exclude "Turkmen carpet" — live within seconds']);
  });

  it('--chat edits, tests, lists, shows and undoes a chat\'s own version, leaving the global topic alone', async () => {
    expectClean(await kabar.run(['subscriptions', 'add', 'telegram:-1001234']));
    const headline = 'Khorgos dry port doubles its container traffic';
    const added = await topics('add-term', 'central-asia', 'Khorgos', '--chat', CHAT, '--author', 'erin');
    expectClean(added);
    expect(added.lines).toEqual([`central-asia (chat:${CHAT}): v1 add-term "Khorgos" — live within seconds`]);

    const [chatTest, globalTest, chatList, globalList, chatHistory, chatShow, badChat, otherChatUndo] = await Promise.all([
      topics('test', 'central-asia', headline, '--chat', CHAT),
      topics('test', 'central-asia', headline),
      topics('list', '--chat', CHAT),
      topics('list'),
      topics('history', 'central-asia', '--chat', CHAT),
      topics('show', 'central-asia', '--chat', CHAT),
      topics('list', '--chat', 'not a chat!'),
      topics('undo', 'central-asia', '--chat', 'telegram--999'),
    ]);
    expect(chatTest.lines).toEqual(['central-asia: MATCH', `  hit   "Khorgos" in title: ${headline}`]);
    expect(globalTest.lines[0], describeRun(globalTest)).toBe('central-asia: no match');
    const count = (line: string | undefined) => Number(/ (\d+) terms,/.exec(line ?? '')?.[1]);
    expect(chatList.lines[0]).toMatch(/^abraham-accords .* {2}v1 {2}global /);
    expect(chatList.lines[1]).toMatch(/^central-asia +\d+ terms, +\d+ exclusions {2}chat v1 {2}global\+chat /);
    expect(globalList.lines[1]).toMatch(/^central-asia .* {2}v1 {2}global /);
    expect(count(chatList.lines[1])).toBe(count(globalList.lines[1]) + 1);
    expect(historyOf(chatHistory)).toEqual([{ version: 1, author: 'erin', action: 'add-term "Khorgos"' }]);
    expect(chatShow.lines[0]).toMatch(/^central-asia \(global\+chat, v1 by erin at /);
    expect(shownTerms(chatShow).include.at(-1)).toBe('Khorgos');
    expect(expectError(badChat, 2)).toMatch(/^--chat takes a topic scope or subscription id/);
    expect(expectError(otherChatUndo, 2)).toBe(`--chat "telegram--999" names no chat kabar knows; use one of: ${CHAT} (see kabar subscriptions list)`);

    const undone = await topics('undo', 'central-asia', '--chat', CHAT);
    expectClean(undone);
    expect(undone.lines).toEqual([`central-asia (chat:${CHAT}): v2 undo v1 — this chat's own version is gone, the global topic applies (undo again to bring it back)`]);
    const afterUndo = await topics('test', 'central-asia', headline, '--chat', CHAT);
    expect(afterUndo.lines[0], describeRun(afterUndo)).toBe('central-asia: no match');
  });

  it('undo on a fresh install knows the shipped topics, like every other topics command', async () => {
    // The first topics command run against an empty Redis: the shipped topics must be there for it too.
    expectClean(await kabar.run(['subscriptions', 'add', 'telegram:-1001234']));
    const run = await topics('undo', 'central-asia', '--chat', CHAT);
    expect(expectError(run, 2)).toMatch(/has not edited central-asia, so there is nothing to undo/);
  });

  it('says so when an undo deletes a shipped topic, and a second undo brings it back', async () => {
    const undone = await topics('undo', 'abraham-accords');
    expectClean(undone);
    expect(undone.lines).toEqual(['abraham-accords: v2 undo v1 — the topic is now deleted (undo again to bring it back)']);
    const listed = await topics('list');
    expect(listed.lines.some((line) => line.startsWith('abraham-accords'))).toBe(false);
    const restored = await topics('undo', 'abraham-accords');
    expect(restored.lines).toEqual(['abraham-accords: v3 undo v2 — live within seconds']);
  });

  it('takes a topic by its display name, in any case, and suggests the closest name for a typo', async () => {
    const [display, spaced, typo, unrelated] = await Promise.all([
      topics('show', 'Abraham Accords'),
      topics('test', 'central asia', 'Astana hosts the Central Asia summit'),
      topics('show', 'centrl-asia'),
      topics('show', 'sports'),
    ]);
    expectClean(display);
    expect(display.lines[0]).toMatch(/^abraham-accords \(global, v1 by kabar at /);
    expectClean(spaced);
    expect(spaced.lines[0]).toBe('central-asia: MATCH');
    expect(expectError(typo, 2)).toBe('no topic "centrl-asia"; did you mean central-asia? (topics: abraham-accords, central-asia)');
    expect(expectError(unrelated, 2)).toMatch(/no topic "sports"/);
  });

  it('--chat must name a chat kabar knows, by its topic scope or subscription id; others are refused with the list', async () => {
    const none = await topics('add-term', 'central-asia', 'Khorgos', '--chat', 'telegram--42');
    expect(expectError(none, 2)).toMatch(/^--chat "telegram--42" names no chat: there are no subscriptions yet/);
    expectClean(await kabar.run(['subscriptions', 'add', 'telegram:-1001234/7']));
    const [byScope, byId, unknown, created] = await Promise.all([
      topics('list', '--chat', CHAT),
      topics('list', '--chat', `${CHAT}-topic-7`),
      topics('add-term', 'central-asia', 'Khorgos', '--chat', 'telegram--1009999'),
      topics('create', 'nope', '--chat', 'discord-guild-1'),
    ]);
    expectClean(byScope);
    expectClean(byId);
    expect(byId.lines).toEqual(byScope.lines);
    const refusal = `names no chat kabar knows; use one of: ${CHAT}, ${CHAT}-topic-7 (see kabar subscriptions list)`;
    expect(expectError(unknown, 2)).toBe(`--chat "telegram--1009999" ${refusal}`);
    expect(expectError(created, 2)).toBe(`--chat "discord-guild-1" ${refusal}`);
  });
});
