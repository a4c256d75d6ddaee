/**
 * `/keywords …` from a chat: every verb, scoped to the chat (a server's edits never reach
 * another server), with the use cases' refusals as one clear reply.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../src/core/matching/compile.js';
import { effectiveTopics } from '../../../src/core/topics/effective-topics.js';
import { discordChannel, openChatKit, otherDiscordChannel, telegramTopic, type ChatKit } from './chat-kit.js';

describe('keyword commands', () => {
  let kit: ChatKit;
  beforeEach(async () => {
    kit = await openChatKit();
  });
  afterEach(() => kit.cleanup());

  it('lists and shows the topics the chat can see', async () => {
    const list = await kit.run('keywords.list');
    expect(list.text).toMatch(/abraham-accords: \d+ \+ \/ \d+ - \(global\)/);
    expect(list.text).toMatch(/central-asia: \d+ \+/);
    const shown = await kit.run('keywords.show', { topic: 'central-asia' });
    const [title, terms, exclusions] = shown.text.split('\n');
    expect(title).toBe('central-asia');
    // A shipped topic has hundreds of terms: the first ones, then how many more, within one message.
    expect(terms).toMatch(/^Terms \((\d+)\): \(Kazakhstan.*, … and \d+ more$/);
    expect(exclusions).toMatch(/^Exclusions \(\d+\): .+/);
    expect(shown.text.length).toBeLessThanOrEqual(1_900);
    const shownCount = Number(/\((\d+)\)/.exec(terms ?? '')?.[1]);
    const listed = (terms ?? '').replace(/^Terms \(\d+\): /, '').split(', ');
    const more = Number(/… and (\d+) more$/.exec(terms ?? '')?.[1]);
    expect(listed.length - 1 + more).toBe(shownCount);
  });

  it('adds, excludes, removes and undoes terms in the chat\'s own scope only', async () => {
    const added = await kit.run('keywords.add', { topic: 'central-asia', term: 'Belkorechye Steppe' });
    expect(added).toMatchObject({ status: 'ok' });
    expect(added.text).toContain('Added "Belkorechye Steppe" to central-asia');
    const excluded = await kit.run('keywords.exclude', { topic: 'central-asia', term: 'Astana Qazaqstan Team' });
    expect(excluded.text).toContain('exclusion "Astana Qazaqstan Team"');

    const server = (await kit.deps.topics.store.list('chat:discord-guild-900')).map((topic) => topic.latest.definition);
    expect(server).toEqual([{ name: 'central-asia', include: ['Belkorechye Steppe'], exclude: ['Astana Qazaqstan Team'] }]);
    expect((await kit.deps.topics.store.list('global')).find((topic) => topic.name === 'central-asia')?.latest.definition.include).not.toContain(
      'Belkorechye Steppe',
    );
    // Another channel of the same server sees the server's terms; a Telegram group does not.
    expect((await kit.run('keywords.test', { topic: 'central-asia', headline: 'Floods in the Belkorechye Steppe' }, { place: otherDiscordChannel })).text).toMatch(
      /^Matches central-asia/,
    );
    expect((await kit.run('keywords.test', { topic: 'central-asia', headline: 'Floods in the Belkorechye Steppe' }, { place: telegramTopic })).text).toMatch(
      /^Does not match central-asia/,
    );

    const history = await kit.run('keywords.history', { topic: 'central-asia' });
    expect(history.text).toMatch(/v2 .* discord:555: exclude/);
    expect(history.text).toMatch(/v1 .* discord:555: add-term/);
    expect((await kit.run('keywords.remove', { topic: 'central-asia', term: 'Belkorechye Steppe' })).text).toContain('Removed');
    const undone = await kit.run('keywords.undo', { topic: 'central-asia' });
    expect(undone.text).toContain('now version 4');
    const back = (await kit.deps.topics.store.list('chat:discord-guild-900'))[0]?.latest.definition.include;
    expect(back).toEqual(['Belkorechye Steppe']);
  });

  it('creates and deletes a topic of the chat\'s own, which its subscription can then follow', async () => {
    expect((await kit.run('keywords.create', { topic: 'Gulf-Trade' })).text).toContain('Created the topic "gulf-trade"');
    await kit.run('keywords.add', { topic: 'gulf-trade', term: 'Jebel Ali' });
    expect((await kit.run('subscribe', { topics: 'gulf-trade' })).status).toBe('ok');
    expect(await kit.handler.suggestTopics(discordChannel, 'gul')).toEqual(['gulf-trade']);
    expect(await kit.handler.suggestTopics(telegramTopic, 'gul')).toEqual([]);
    expect(await kit.handler.suggestTopics(discordChannel, 'asia')).toEqual(['central-asia']);

    const scoped = await kit.deps.topics.store.list('chat:discord-guild-900');
    const matcher = compileMatcher(effectiveTopics([], scoped.map((topic) => topic.latest.definition)));
    expect(matcher.match({ title: 'Cargo through Jebel Ali doubles' }).map((hit) => hit.topic)).toEqual(['gulf-trade']);

    expect((await kit.run('keywords.delete', { topic: 'gulf-trade' })).text).toContain('Deleted');
    expect((await kit.run('keywords.show', { topic: 'gulf-trade' })).status).toBe('invalid');
    const global = await kit.run('keywords.delete', { topic: 'abraham-accords' });
    expect(global.status).toBe('invalid');
    expect((await kit.deps.topics.store.list('global')).map((topic) => topic.name)).toContain('abraham-accords');
  });

  it('previews an edit on the recent articles without saving it', async () => {
    const article = (id: string, title: string) => ({ id, title, link: `https://news.example/${id}`, summary: '', content: '', publishedAt: kit.clock.now() });
    await kit.deps.articles.put(article('x1', 'Water talks in the Belkorechye Steppe'));
    await kit.deps.articles.put(article('x2', 'Kazakhstan grain exports rise'));
    const preview = await kit.run('keywords.preview', { edit: 'add', topic: 'central-asia', term: 'Belkorechye Steppe' });
    expect(preview.text).toContain('On 2 articles of the last 7 days');
    expect(preview.text).toContain('start matching 1:\n• Water talks in the Belkorechye Steppe https://news.example/x1');
    expect(preview.text).toContain('Nothing was saved.');
    expect(await kit.deps.topics.store.list('chat:discord-guild-900')).toEqual([]);
  });

  it('refuses bad terms and names with one clear reply, logging no error', async () => {
    const cases: Array<[Parameters<ChatKit['run']>[0], Record<string, string>, RegExp]> = [
      ['keywords.add', { topic: 'central-asia', term: '' }, /"term": it is empty/],
      ['keywords.add', { topic: 'central-asia', term: 'x'.repeat(301) }, /longer than 300/],
      ['keywords.add', { topic: 'central-asia', term: 'a*' }, /That did not work: .*Nothing was changed/],
      ['keywords.add', { topic: 'nope', term: 'Tashkent' }, /There is no topic "nope"/],
      ['keywords.remove', { topic: 'central-asia', term: 'never there' }, /That did not work/],
      ['keywords.create', { topic: 'Bad Name!' }, /That did not work/],
      ['keywords.preview', { edit: 'replace', topic: 'central-asia', term: 'x' }, /use one of: add, exclude, remove/],
    ];
    for (const [action, options, expected] of cases) {
      const reply = await kit.run(action, options);
      expect(reply.status, `${action} ${JSON.stringify(options)}`).toBe('invalid');
      expect(reply.text).toMatch(expected);
    }
    expect(await kit.deps.topics.store.list('chat:discord-guild-900')).toEqual([]);
    expect(kit.log.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });
});
