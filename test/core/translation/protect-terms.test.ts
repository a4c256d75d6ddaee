/**
 * Glossary terms replaced by placeholders before an engine without glossary support sees them,
 * and their renderings put back after.
 */
import { describe, expect, it } from 'vitest';
import { protectGlossaryTerms } from '../../../src/core/translation/protect-terms.js';

const glossary = { 'White House': 'Gedung Putih', Kazakhstan: 'Kazakhstan', UAE: 'UEA', Jordan: 'Yordania', 'Abraham Accords': 'Abraham Accords' };

describe('protectGlossaryTerms', () => {
  it('replaces every occurrence, in every text, and restores the renderings in the translations', () => {
    const guarded = protectGlossaryTerms(
      ['The White House says Kazakhstan will join the Abraham Accords', 'Kazakhstan and the UAE signed; the White House welcomed it.'],
      glossary,
    );
    expect(guarded.texts).toEqual(['The ZQ0ZQ says ZQ1ZQ will join the ZQ2ZQ', 'ZQ3ZQ and the ZQ4ZQ signed; the ZQ5ZQ welcomed it.']);
    expect(guarded.replaced).toBe(6);
    // What an engine returns: the placeholders copied through, the rest translated.
    const translated = ['ZQ0ZQ mengatakan ZQ1ZQ akan bergabung dengan ZQ2ZQ', 'ZQ3ZQ dan ZQ4ZQ menandatangani; ZQ5ZQ menyambutnya.'];
    expect(guarded.restore(translated)).toEqual([
      'Gedung Putih mengatakan Kazakhstan akan bergabung dengan Abraham Accords',
      'Kazakhstan dan UEA menandatangani; Gedung Putih menyambutnya.',
    ]);
  });

  it('leaves a name that only contains a key alone (Michael Jordan is not the country), and texts without terms as they are', () => {
    const guarded = protectGlossaryTerms(['Michael Jordan visited Jordan.', 'Nothing to protect here.'], glossary);
    expect(guarded.texts).toEqual(['Michael Jordan visited ZQ0ZQ.', 'Nothing to protect here.']);
    expect(guarded.restore(['Michael Jordan mengunjungi ZQ0ZQ.', 'x'])).toEqual(['Michael Jordan mengunjungi Yordania.', 'x']);
  });

  it('restores what it can when the engine mangled a placeholder, leaving the rest for the glossary check', () => {
    const guarded = protectGlossaryTerms(['The White House and the UAE'], glossary);
    expect(guarded.restore(['ZQ0ZQ dan ZQ 1 ZQ'])).toEqual(['Gedung Putih dan ZQ 1 ZQ']);
  });
});
