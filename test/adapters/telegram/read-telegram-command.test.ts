import { describe, expect, it } from 'vitest';
import { readTelegramCommand } from '../../../src/adapters/telegram/read-telegram-command.js';

const read = (text: string, isPrivate = false): ReturnType<typeof readTelegramCommand> => readTelegramCommand(text, 'KabarBot', isPrivate);

describe('readTelegramCommand', () => {
  it('reads each command as its action with named options', () => {
    expect(read('/accords')).toEqual({ kind: 'command', action: 'latest', options: {} });
    expect(read('/accords central-asia 3')).toEqual({ kind: 'command', action: 'latest', options: { topic: 'central-asia', count: '3' } });
    expect(read('/subscribe abraham-accords, central-asia')).toEqual({
      kind: 'command',
      action: 'subscribe',
      options: { topics: 'abraham-accords, central-asia' },
    });
    expect(read('/unsubscribe')).toEqual({ kind: 'command', action: 'unsubscribe', options: {} });
    expect(read('/language id')).toEqual({ kind: 'command', action: 'language', options: { code: 'id' } });
    expect(read('/status')).toEqual({ kind: 'command', action: 'status', options: {} });
    expect(read('/help')).toEqual({ kind: 'command', action: 'help', options: {} });
    expect(read('/start')).toEqual({ kind: 'command', action: 'help', options: {} });
    expect(read('/keywords add central-asia "Silk Road"')).toEqual({
      kind: 'command',
      action: 'keywords.add',
      options: { topic: 'central-asia', term: 'Silk Road' },
    });
    expect(read('/keywords preview add central-asia Kazakh* + (Almaty|Astana)')).toEqual({
      kind: 'command',
      action: 'keywords.preview',
      options: { edit: 'add', topic: 'central-asia', term: 'Kazakh* + (Almaty|Astana)' },
    });
    expect(read('/feeds ADD https://example.com/feed.xml')).toEqual({ kind: 'command', action: 'feeds.add', options: { url: 'https://example.com/feed.xml' } });
    expect(read('/feeds list')).toEqual({ kind: 'command', action: 'feeds.list', options: {} });
  });

  it('answers to its own name in any case and ignores commands addressed to another bot', () => {
    expect(read('/accords@KabarBot')).toEqual({ kind: 'command', action: 'latest', options: {} });
    expect(read('/Accords@kabarbot central-asia')).toEqual({ kind: 'command', action: 'latest', options: { topic: 'central-asia' } });
    expect(read('/accords@OtherBot')).toEqual({ kind: 'ignore' });
    expect(read('/accords@OtherBot', true)).toEqual({ kind: 'ignore' });
  });

  it('ignores text that is not a command, and unknown commands in groups; a private chat gets the help', () => {
    expect(read('hello /accords')).toEqual({ kind: 'ignore' });
    expect(read('/accordsx')).toEqual({ kind: 'ignore' });
    expect(read('/weather')).toEqual({ kind: 'ignore' });
    expect(read('/weather', true)).toEqual({ kind: 'command', action: 'help', options: {} });
  });

  it('gives a group command with a missing or unknown verb the help of that group', () => {
    expect(read('/keywords')).toEqual({ kind: 'command', action: 'help', options: { group: 'keywords' } });
    expect(read('/keywords frobnicate x')).toEqual({ kind: 'command', action: 'help', options: { group: 'keywords' } });
    expect(read('/feeds@KabarBot')).toEqual({ kind: 'command', action: 'help', options: { group: 'feeds' } });
  });

  it('reports missing, extra and over-long arguments instead of guessing', () => {
    expect(read('/language')).toEqual({ kind: 'problem', action: 'language', problem: { problem: 'missing', option: 'code' } });
    expect(read('/keywords add central-asia')).toEqual({ kind: 'problem', action: 'keywords.add', problem: { problem: 'missing', option: 'term' } });
    expect(read('/unsubscribe now please')).toEqual({ kind: 'problem', action: 'unsubscribe', problem: { problem: 'too-many', extra: 'now please' } });
    expect(read(`/keywords add central-asia ${'x'.repeat(1001)}`)).toEqual({ kind: 'problem', action: 'keywords.add', problem: { problem: 'too-long' } });
  });

  it('reads /options as name=value or name value pairs, quoted values with spaces', () => {
    expect(read('/options')).toEqual({ kind: 'command', action: 'options', options: {} });
    expect(read('/options greeting=off silent true closing="Semoga damai" format text')).toEqual({
      kind: 'command',
      action: 'options',
      options: { greeting: 'off', silent: 'true', closing: 'Semoga damai', format: 'text' },
    });
    expect(read('/options greeting "Salam semua"')).toEqual({ kind: 'command', action: 'options', options: { greeting: 'Salam semua' } });
    expect(read('/options colour=red')).toEqual({ kind: 'problem', action: 'options', problem: { problem: 'too-many', extra: 'colour=red' } });
    expect(read('/options silent')).toEqual({ kind: 'problem', action: 'options', problem: { problem: 'missing', option: 'silent' } });
    expect(read(`/options greeting="${'x'.repeat(1001)}"`)).toEqual({ kind: 'problem', action: 'options', problem: { problem: 'too-long' } });
  });
});
