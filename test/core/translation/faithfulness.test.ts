import { describe, expect, it } from 'vitest';
import { checkFaithfulness } from '../../../src/core/translation/faithfulness.js';
import { glossaryFor } from '../../../src/core/translation/glossary.js';
import { englishSource, indonesianBrief } from './kazakhstan-brief.js';

const id = glossaryFor('id');

describe('checkFaithfulness', () => {
  it('passes the Indonesian reference brief of a real-ish article', () => {
    expect(checkFaithfulness({ source: englishSource, output: indonesianBrief, glossary: id })).toEqual({
      ok: true,
      unsupported: [],
    });
  });

  it('passes a Spanish brief of the same article', () => {
    const spanish = [
      'Kazajistán se unirá a los Acuerdos de Abraham, según la Casa Blanca',
      'Se espera que Kazajistán anuncie el jueves su adhesión a los Acuerdos de Abraham, después de que un enviado especial de EE. UU. dijera que un nuevo país se sumaría.',
      'El presidente kazajo, Kassym-Jomart Tokayev, asiste a la cumbre de Asia Central en Washington.',
      'Kazajistán sería el quinto país en unirse tras los EAU, Baréin, Marruecos y Sudán.',
      'El expresidente Trump esperaba más participantes, incluida Arabia Saudí. Los acuerdos se firmaron en 2020 y 2021.',
    ];
    expect(checkFaithfulness({ source: englishSource, output: spanish, glossary: glossaryFor('es') })).toEqual({
      ok: true,
      unsupported: [],
    });
  });

  it('catches a name the model invented', () => {
    const output = [...indonesianBrief, 'Presiden Rusia Vladimir Putin menyambut langkah tersebut.'];
    const report = checkFaithfulness({ source: englishSource, output, glossary: id });
    expect(report.ok).toBe(false);
    expect(report.unsupported).toEqual(['Vladimir Putin']);
  });

  it('catches invented numbers but accepts the source numbers in local notation', () => {
    const source = 'Officials said 1,500 troops and 3.5 tonnes of aid arrived; the deal is worth $2bn and dates from 2020.';
    const faithful = ['Pejabat mengatakan 1.500 tentara dan 3,5 ton bantuan tiba; kesepakatan senilai 2 miliar dolar dari 2020.'];
    expect(checkFaithfulness({ source, output: faithful })).toEqual({ ok: true, unsupported: [] });

    const invented = ['Pejabat mengatakan 2.500 tentara tiba pada 2021, dengan 3,6 ton bantuan.'];
    expect(checkFaithfulness({ source, output: invented }).unsupported).toEqual(['2.500', '2021', '3,6']);
  });

  it('reads scale words and English number words in the source', () => {
    const source = 'Five countries pledged 2.5 million dollars; twenty-five delegates came.';
    const output = ['5 negara menjanjikan 2.500.000 dolar; 25 delegasi datang.'];
    expect(checkFaithfulness({ source, output }).ok).toBe(true);
  });

  it('accepts glossary renderings only when their source term occurs', () => {
    const source = 'The White House welcomed the decision.';
    expect(checkFaithfulness({ source, output: ['Gedung Putih menyambut keputusan itu.'], glossary: id }).ok).toBe(true);
    const unbacked = checkFaithfulness({
      source,
      output: ['Gedung Putih dan Departemen Luar Negeri menyambut keputusan itu.'],
      glossary: id,
    });
    expect(unbacked.unsupported).toEqual(['Departemen Luar Negeri']);
  });

  it('compares names without case or diacritics, and joins dotted abbreviations', () => {
    const source = 'Türkiye and the U.S. met in Sao Paulo.';
    const output = ['Turkiye y EE. UU. se reunieron en São Paulo.'];
    expect(checkFaithfulness({ source, output, glossary: glossaryFor('es') }).ok).toBe(true);
  });

  it('does not let an ordinary word back an acronym', () => {
    const source = 'The plan, as announced, helps us all.';
    expect(checkFaithfulness({ source, output: ['Rencana itu, kata AS, membantu semua.'] }).unsupported).toEqual(['AS']);
  });

  it('ignores sentence-initial capitals, but checks acronyms and the rest of a run there', () => {
    const source = 'Officials in Astana said talks went well.';
    const output = ['Pejabat di Astana mengatakan pembicaraan berjalan baik. Menurut mereka: “Semua lancar.” Astana Moskow bersiap.'];
    expect(checkFaithfulness({ source, output }).unsupported).toEqual(['Moskow']);
    expect(checkFaithfulness({ source, output: ['PBB mengatakan pembicaraan berjalan baik.'] }).unsupported).toEqual(['PBB']);
  });

  it('skips names in a title set in title case but still checks its numbers', () => {
    const source = 'Kazakhstan will join the accords, officials said on 6 November.';
    const output = ['Kazakhstan Siap Bergabung Dengan Perjanjian Pada 7 November', 'Kazakhstan akan bergabung.'];
    expect(checkFaithfulness({ source, output }).unsupported).toEqual(['7']);
  });

  it('accepts derived forms of source names', () => {
    const source = 'Israeli officials met Kazakh diplomats.';
    expect(checkFaithfulness({ source, output: ['Pejabat Israel bertemu diplomat Kazakh.'] }).ok).toBe(true);
  });
});
