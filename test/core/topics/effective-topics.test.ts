import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../src/core/matching/compile.js';
import {
  allTopicsForMatching,
  compiledTopicName,
  effectiveTopics,
  mergeOverlay,
  parseCompiledTopicName,
  resolveCompiledTopic,
} from '../../../src/core/topics/effective-topics.js';
import type { TopicDefinition } from '../../../src/core/topics/topic.js';

const t = (name: string, include: string[] = [], exclude: string[] = [], description?: string): TopicDefinition =>
  description === undefined ? { name, include, exclude } : { name, description, include, exclude };

const centralAsia = t('central-asia', ['Kazakh*', 'Astana'], ['Astana + cycling'], 'Region');
const accords = t('abraham-accords', ['!Abraham Accord*'], ['Lincoln']);

describe('mergeOverlay', () => {
  it('adds the overlay terms after the global ones, once each', () => {
    expect(mergeOverlay(centralAsia, t('central-asia', ['Baikonur', 'Astana', 'Baikonur'], ['Borat']))).toEqual(
      t('central-asia', ['Kazakh*', 'Astana', 'Baikonur'], ['Astana + cycling', 'Borat'], 'Region'),
    );
  });

  it("prefers the overlay's description and keeps the global one otherwise", () => {
    expect(mergeOverlay(centralAsia, t('central-asia', [], [], 'Ours')).description).toBe('Ours');
    expect(mergeOverlay(centralAsia, t('central-asia')).description).toBe('Region');
    expect('description' in mergeOverlay(accords, t('abraham-accords'))).toBe(false);
  });
});

describe('effectiveTopics', () => {
  it('is the global list when the scope has no topics, as copies', () => {
    const result = effectiveTopics([accords, centralAsia], []);
    expect(result).toEqual([accords, centralAsia]);
    result[0]?.include.push('changed');
    expect(accords.include).toEqual(['!Abraham Accord*']);
  });

  it('merges overlays in place and appends stand-alone chat topics', () => {
    const result = effectiveTopics([accords, centralAsia], [t('local', ['Almaty']), t('central-asia', [], ['Borat'])]);
    expect(result.map((r) => r.name)).toEqual(['abraham-accords', 'central-asia', 'local']);
    expect(result[1]?.exclude).toEqual(['Astana + cycling', 'Borat']);
    expect(result[2]).toEqual(t('local', ['Almaty']));
  });
});

describe('allTopicsForMatching', () => {
  const scoped = new Map([
    ['chat:1' as const, [t('central-asia', ['Baikonur'], ['summit']), t('local', ['Almaty'])]],
    ['chat:2' as const, [t('abraham-accords', [], ['Oslo'])]],
  ]);

  it('keeps global names and names every chat topic chat:<id>/<name>, overlays merged', () => {
    const topics = allTopicsForMatching([accords, centralAsia], scoped);
    expect(topics.map((x) => x.name)).toEqual([
      'abraham-accords',
      'central-asia',
      'chat:1/central-asia',
      'chat:1/local',
      'chat:2/abraham-accords',
    ]);
    expect(topics[2]).toEqual(t('chat:1/central-asia', ['Kazakh*', 'Astana', 'Baikonur'], ['Astana + cycling', 'summit'], 'Region'));
    expect(topics[3]).toEqual(t('chat:1/local', ['Almaty']));
  });

  it("compiles into one matcher whose verdicts per chat follow that chat's merged rules", () => {
    const matcher = compileMatcher(allTopicsForMatching([accords, centralAsia], scoped));
    const topicsFor = (title: string): string[] => matcher.match({ title }).map((m) => m.topic);
    // The overlay's exclusion vetoes a global term's hit, for chat 1 only.
    expect(topicsFor('Astana summit opens')).toEqual(['central-asia']);
    // The overlay's own term only counts for chat 1.
    expect(topicsFor('Baikonur launch')).toEqual(['chat:1/central-asia']);
    // A global strong term overrides the overlay's exclusion.
    expect(topicsFor('Abraham Accords anniversary in Oslo')).toEqual(['abraham-accords', 'chat:2/abraham-accords']);
  });
});

describe('compiled topic names', () => {
  it('round-trips scope and name', () => {
    expect(compiledTopicName('global', 'central-asia')).toBe('central-asia');
    expect(compiledTopicName('chat:-100123', 'central-asia')).toBe('chat:-100123/central-asia');
    expect(parseCompiledTopicName('chat:-100123/central-asia')).toEqual({ scope: 'chat:-100123', name: 'central-asia' });
    expect(parseCompiledTopicName('chat:tg/55/local')).toEqual({ scope: 'chat:tg/55', name: 'local' });
    expect(parseCompiledTopicName('central-asia')).toEqual({ scope: 'global', name: 'central-asia' });
  });

  it("resolves a chat's topic to its own compiled topic, else the global one", () => {
    const names = ['central-asia', 'abraham-accords', 'chat:1/central-asia', 'chat:1/local'];
    expect(resolveCompiledTopic(names, 'chat:1', 'central-asia')).toBe('chat:1/central-asia');
    expect(resolveCompiledTopic(names, 'chat:2', 'central-asia')).toBe('central-asia');
    expect(resolveCompiledTopic(new Set(names), 'chat:1', 'local')).toBe('chat:1/local');
    expect(resolveCompiledTopic(names, 'chat:2', 'local')).toBeUndefined();
    expect(resolveCompiledTopic(names, 'global', 'abraham-accords')).toBe('abraham-accords');
  });
});
