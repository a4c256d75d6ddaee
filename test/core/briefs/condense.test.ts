import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/core/article.js';
import { condense, DEFAULT_BUDGET_CHARS } from '../../../src/core/briefs/condense.js';
import { hasBalancedQuotations } from '../../../src/core/briefs/quotation-marks.js';
import { splitSentences } from '../../../src/core/briefs/split-sentences.js';
import { isKabarError } from '../../../src/core/errors.js';
import { htmlToText } from '../../../src/core/text/html-to-text.js';
import { articleFromFeed, loadQualitySet } from './brief-quality-set.js';

const html = readFileSync(new URL('../../fixtures/articles/national-kazakhstan.html', import.meta.url), 'utf8');

function article(content: string, extra: Partial<Article> = {}): Article {
  return {
    id: 'a1',
    title: 'Kazakhstan set to join Abraham Accords, White House says',
    link: 'https://www.thenationalnews.com/news/us/2025/11/06/kazakhstan-abraham-accords/',
    summary: '',
    content,
    language: 'en',
    ...extra,
  };
}

const bodyLength = (paragraphs: string[]): number => paragraphs.join('\n').length;

/** Every output sentence is a sentence of the source, and they come in the source's order. */
function expectFaithful(source: string, paragraphs: string[]): void {
  const sourceSentences = source.split('\n\n').flatMap((paragraph) => splitSentences(paragraph, 'en'));
  let cursor = -1;
  for (const paragraph of paragraphs) {
    for (const sentence of splitSentences(paragraph, 'en')) {
      const index = sourceSentences.indexOf(sentence, cursor + 1);
      expect(index, `"${sentence}" is not a later sentence of the source`).toBeGreaterThan(cursor);
      cursor = index;
    }
  }
}

describe('condense', () => {
  const content = htmlToText(html);

  it('keeps everything but boilerplate when the article fits', () => {
    const { title, paragraphs } = condense(article(content), { budgetChars: 10_000 });
    expect(title).toBe('Kazakhstan set to join Abraham Accords, White House says');
    expect(paragraphs[0]).toMatch(/^Kazakhstan is expected to announce on Thursday/);
    expect(paragraphs).toHaveLength(11);
    const body = paragraphs.join('\n');
    for (const junk of ['By Thomas Watkins', 'Read more', 'Subscribe', 'appeared first on', 'AFP']) {
      expect(body).not.toContain(junk);
    }
    expectFaithful(content, paragraphs);
  });

  it('fits the budget, keeps the lead, and stays faithful and in order', () => {
    for (const budget of [1800, 1000, 600, 300]) {
      const { paragraphs } = condense(article(content), { budgetChars: budget });
      expect(bodyLength(paragraphs)).toBeLessThanOrEqual(budget);
      expect(paragraphs[0]).toMatch(/^Kazakhstan is expected to announce/);
      expectFaithful(content, paragraphs);
    }
  });

  it('uses the default budget of 1800', () => {
    const long = `${content}\n\n${content.replace(/Kazakhstan/g, 'Uzbekistan')}`;
    const { paragraphs } = condense(article(long));
    expect(DEFAULT_BUDGET_CHARS).toBe(1800);
    expect(bodyLength(paragraphs)).toBeLessThanOrEqual(1800);
    expect(bodyLength(paragraphs)).toBeGreaterThan(1500);
  });

  it('prefers sentences about the title over unrelated ones', () => {
    const text = [
      'Kazakhstan will join the Abraham Accords, officials said on Thursday.',
      'The weather in Washington was mild with light winds from the west all afternoon.',
      'Traffic around the venue was heavy and several roads were closed for the motorcade.',
      'The Abraham Accords would gain Kazakhstan as their fifth member state, the White House says.',
    ].join('\n\n');
    const { paragraphs } = condense(article(text), { budgetChars: 170 });
    expect(paragraphs).toEqual([
      'Kazakhstan will join the Abraham Accords, officials said on Thursday.',
      'The Abraham Accords would gain Kazakhstan as their fifth member state, the White House says.',
    ]);
  });

  it('uses the summary when the content is empty or only boilerplate', () => {
    const summary = 'Kazakhstan is expected to join the Abraham Accords. The move is symbolic.';
    expect(condense(article('', { summary })).paragraphs).toEqual([summary]);
    expect(condense(article(htmlToText('<p>Read more</p><p>Subscribe now</p>'), { summary })).paragraphs).toEqual([summary]);
    expect(condense(article('', { summary: '' })).paragraphs).toEqual([]);
  });

  it('drops a paragraph repeating the title and repeated sentences', () => {
    const text = 'Kazakhstan set to join Abraham Accords, White House says\n\nIt will sign. It will sign.\n\nIt will sign.';
    expect(condense(article(text)).paragraphs).toEqual(['It will sign.']);
  });

  it('drops boilerplate sentences inside a paragraph', () => {
    const text = 'Kazakhstan will sign on Thursday. Read more: the accords at five';
    expect(condense(article(text)).paragraphs).toEqual(['Kazakhstan will sign on Thursday.']);
  });

  it('cuts the first sentence at a word only when nothing else can fit', () => {
    const sentence = `Kazakhstan ${'and its partners '.repeat(40)}will sign.`;
    const { paragraphs } = condense(article(sentence), { budgetChars: 100 });
    expect(paragraphs).toHaveLength(1);
    const [cut] = paragraphs as [string];
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut.endsWith('…')).toBe(true);
    expect(sentence.startsWith(cut.slice(0, -1))).toBe(true);
  });

  it('condenses a 100 KB article within budget, quickly', () => {
    const big = Array.from({ length: 700 }, (_, i) => `Paragraph ${i} says the U.S. and Kazakhstan signed deal No. ${i}. It covers 3.5 tonnes of minerals.`).join('\n\n');
    expect(big.length).toBeGreaterThan(60_000);
    const started = performance.now();
    const { paragraphs } = condense(article(big + '\n\n' + big.slice(0, 40_000)));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(bodyLength(paragraphs)).toBeLessThanOrEqual(1800);
    expect(paragraphs[0]).toBe('Paragraph 0 says the U.S. and Kazakhstan signed deal No. 0. It covers 3.5 tonnes of minerals.');
  });

  it('rejects a budget that is not positive', () => {
    expect(() => condense(article('x'), { budgetChars: 0 })).toThrow(/budgetChars/);
    try {
      condense(article('x'), { budgetChars: Number.NaN });
    } catch (error) {
      expect(isKabarError(error, 'permanent')).toBe(true);
    }
  });
});

/** An article of `paragraphs` in `language`, for the classes of issue 14 ("Briefs a reader trusts"). */
function story(paragraphs: string[], language: string, title = 'Untitled story'): Article {
  return { id: 'a1', title, link: 'https://news.example/a1', summary: '', content: paragraphs.join('\n\n'), language };
}

const budgets = (from: number, to: number, step: number): number[] =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

const body = (paragraphs: string[]): string => paragraphs.join('\n');

describe('condense keeps a quotation whole or leaves it out', () => {
  const longQuote =
    '“We started with tourism and agriculture. Today we talk about water technology, car parts, phosphates and fertiliser. ' +
    'Companies that had never heard of each other five years ago now sign contracts worth millions of dollars, without any help from governments. ' +
    'That is what normal relations look like, and that is what we wanted when we signed. ' +
    'Nobody should expect miracles, but nobody should doubt the direction either,” she told reporters.';
  const cases: [string, string[], string][] = [
    [
      'en, one long quotation over several sentences',
      [
        'Morocco and Israel traded goods worth $116 million in nine months, officials said on Monday.',
        `The trade minister spoke at length. ${longQuote}`,
        'Direct flights between Casablanca and Tel Aviv resumed in September with 6 flights a week.',
      ],
      'en',
    ],
    [
      'en, a quotation reopened in the next paragraph',
      [
        'Uzbekistan and Kazakhstan signed a deal on Tuesday to share the water of the Syr Darya.',
        '“This river fed our grandparents and it will feed our grandchildren. We have argued about it for too long.',
        '“Today we stop arguing and start measuring,” the water minister said after the ceremony.',
        'Kazakhstan will receive at least 4.5 cubic kilometres of water a year under the deal.',
      ],
      'en',
    ],
    [
      'ru, guillemets running into the next paragraph',
      [
        'Казахстан увеличил экспорт зерна на 23%, сообщил министр в четверг.',
        'Министр заявил: «Мы собрали хороший урожай и можем продавать больше. Но нам мешает логистика, вагонов не хватает.',
        'Мы договорились о выделении 2 тысяч дополнительных вагонов до конца года».',
        'На брифинге было многолюдно, журналисты задавали вопросы больше часа.',
      ],
      'ru',
    ],
    [
      'id, straight quotes reopened in the next paragraph',
      [
        'Uni Emirat Arab menambah investasinya di IKN menjadi US$2,5 miliar, kata Otorita IKN, Rabu.',
        '"Kami melihat Nusantara sebagai kota masa depan. Kami tidak datang untuk satu proyek saja.',
        '"Kami datang untuk tinggal lama, bersama mitra-mitra kami," ujar Duta Besar UEA.',
        'Komitmen itu naik dari US$1,8 miliar yang diumumkan pada 2023.',
      ],
      'id',
    ],
  ];

  it.each(cases)('%s', (_, paragraphs, language) => {
    for (const budget of budgets(120, 700, 10)) {
      const kept = condense(story(paragraphs, language), { budgetChars: budget }).paragraphs;
      expect(hasBalancedQuotations(kept), `budget ${budget}: ${body(kept)}`).toBe(true);
      expect(body(kept).length).toBeLessThanOrEqual(budget);
    }
  });

  it('keeps every brief of the labelled dev articles balanced, at any budget', () => {
    for (const item of loadQualitySet('dev')) {
      for (const budget of budgets(200, 2000, 100)) {
        const kept = condense(articleFromFeed(item), { budgetChars: budget }).paragraphs;
        expect(hasBalancedQuotations(kept), `${item.name} at ${budget}: ${body(kept)}`).toBe(true);
      }
    }
  });

  it('leaves out a sentence whose quotation mark pairs with nothing', () => {
    const kept = condense(
      story(['Kazakhstan will sign on Thursday, officials said.', 'He said: “We are ready.', 'The summit ends on Friday.'], 'en'),
      { budgetChars: 1000 },
    ).paragraphs;
    expect(kept).toEqual(['Kazakhstan will sign on Thursday, officials said.', 'The summit ends on Friday.']);
  });

  it('closes the quotation it cuts when only part of the first sentence fits', () => {
    const [cut] = condense(story(['“We will sign the accords on Thursday in Washington,” the minister said.'], 'en'), { budgetChars: 30 })
      .paragraphs as [string];
    expect(cut).toBe('“We will sign the accords on…”');
    expect(cut.length).toBeLessThanOrEqual(30);
  });
});

describe('condense prefers the figures that carry the story over colour, and keeps the lead', () => {
  it.each([
    [
      'en',
      'Kazakhstan approved a new budget on Wednesday, raising spending on roads and schools.',
      ['The debate was long and at times heated, and the gallery was full all afternoon.', 'Deputies wore traditional dress and several gave long speeches about the past.'],
      'The plan foresees spending of 25.1 trillion tenge, up 11 per cent on this year.',
    ],
    [
      'id',
      'Pemerintah menaikkan anggaran pendidikan tahun depan, kata Menteri Keuangan di Jakarta, Senin.',
      ['Suasana rapat berlangsung hangat dan para peserta tampak bersemangat sepanjang hari.', 'Beberapa peserta datang lebih awal dan berbincang santai di lobi gedung.'],
      'Anggaran pendidikan naik 12 persen menjadi Rp724 triliun, tertinggi sejak 2019.',
    ],
    [
      'ru',
      'Казахстан увеличил экспорт пшеницы, сообщило министерство сельского хозяйства в четверг.',
      ['На брифинге было многолюдно, журналисты задавали вопросы больше часа.', 'В зале было душно, и многие гости выходили в коридор выпить чаю.'],
      'За десять месяцев экспорт вырос на 23% и достиг 8,1 млн тонн, больше всего купил Узбекистан.',
    ],
  ])('%s', (language, lead, colour, facts) => {
    const paragraphs = [lead, ...colour, facts];
    const budget = lead.length + facts.length + 1;
    expect(condense(story(paragraphs, language), { budgetChars: budget }).paragraphs).toEqual([lead, facts]);
  });
});

describe('condense shows titles as text', () => {
  it.each([
    ['Kazakhstan&#8217;s parliament approves <em>record</em> budget', 'Kazakhstan’s parliament approves record budget'],
    ['Uzbekistan &amp;amp; Kazakhstan sign a water deal', 'Uzbekistan & Kazakhstan sign a water deal'],
    ['Menlu RI: &lt;b&gt;Normalisasi&lt;/b&gt; tidak ada di agenda', 'Menlu RI: Normalisasi tidak ada di agenda'],
    ['Кыргызстан &amp;#171;закрывает&amp;#187; небо', 'Кыргызстан «закрывает» небо'],
  ])('%j', (raw, clean) => {
    expect(condense(story(['Text of the story.'], 'en', raw)).title).toBe(clean);
  });
});

describe('condense keeps page furniture out', () => {
  it('drops an Indonesian sign-off closing a paragraph, and one on a line of its own', () => {
    const kept = condense(
      story(['Kerja sama ini akan dievaluasi setiap tahun oleh tim gabungan. (ant/rdp)', 'Harga beras naik 12 persen.', '(dnu/dnu)'], 'id'),
    ).paragraphs;
    expect(kept).toEqual(['Kerja sama ini akan dievaluasi setiap tahun oleh tim gabungan.', 'Harga beras naik 12 persen.']);
  });

  it.each([
    ['id', ['Inflasi Oktober tercatat 2,9 persen, kata BPS.', 'Baca juga:', 'Harga gandum dunia turun ke level terendah', 'Pemerintah menyiapkan operasi pasar.']],
    ['ru', ['Экспорт зерна вырос на 23%, сообщило министерство.', 'Читайте также:', 'Урожай-2025: что будет с ценами на хлеб', 'Министр назвал урожай хорошим.']],
    ['en', ['The budget passed by 87 votes to 9 on Wednesday.', 'More stories', 'Tenge slides as oil falls', 'Inflation eases to 8.3%', 'The Senate votes next month.']],
  ])('drops the headlines listed under a related-stories label (%s)', (language, paragraphs) => {
    const kept = condense(story(paragraphs, language)).paragraphs;
    expect(kept).toEqual([paragraphs[0], paragraphs.at(-1)]);
  });

  it('keeps a subheading after an ad slot: only a related-stories label announces headlines', () => {
    const paragraphs = ['The budget passed by 87 votes to 9 on Wednesday.', 'Advertisement', 'What happens next', 'The Senate votes next month.'];
    expect(condense(story(paragraphs, 'en')).paragraphs).toEqual([paragraphs[0], paragraphs[2], paragraphs[3]]);
  });

  it.each([
    ['en', '<p>The budget passed on Wednesday.</p><aside><p>Related: Tenge slides</p></aside><footer><p>Reporting by Dana Ospanova</p></footer><p>Sign up for our newsletter.</p>'],
    ['id', '<nav>Beranda › Ekonomi</nav><p>The budget passed on Wednesday.</p><p>Ikuti berita terkini di Google News.</p><p>Pewarta: Rina Putri</p><footer>Hak cipta dilindungi.</footer>'],
    ['ru', '<p>The budget passed on Wednesday.</p><figure><figcaption>Фото: пресс-служба</figcaption></figure><p>Подпишитесь на нашу рассылку.</p><p>Автор: Ерлан Ахметов</p><p>Смотрите также: Как выбрать авиакомпанию</p>'],
    ['es', '<script type="application/ld+json">{"@context":"https://schema.org"}</script><p>The budget passed on Wednesday.</p><p>Síguenos en X y en Instagram.</p><p>Te puede interesar: Las claves del acuerdo</p>'],
  ])('leaves only the article of a page full of furniture (%s)', (language, html) => {
    expect(condense(story([htmlToText(html)], language)).paragraphs).toEqual(['The budget passed on Wednesday.']);
  });

  it('drops structured data and styles that reached the text as plain lines', () => {
    const text = ['{"@context":"https://schema.org","@type":"NewsArticle"}', 'The budget passed on Wednesday.', '.ad{display:none}'];
    expect(condense(story(text, 'en')).paragraphs).toEqual(['The budget passed on Wednesday.']);
  });
});

describe('condense keeps a lead-in only with what it announces', () => {
  it.each([
    ['en', 'The parliament approved the budget by 87 votes to 9 on Wednesday.', 'Not everyone agreed.', 'Opposition deputy Marat Zhunusov said the deficit target of 2.7 per cent relied on an oil price of $75.', 'The Senate will vote next month.'],
    ['id', 'DPR menyetujui anggaran 2026 dengan 420 suara pada Rabu.', 'Namun, tidak semua pihak setuju.', 'Asosiasi petani menilai impor gandum sebesar 500.000 ton dapat menekan harga jagung di dalam negeri.', 'Anggaran akan dievaluasi tahun depan.'],
    ['ru', 'Экспорт зерна из Казахстана вырос на 23% за десять месяцев.', 'Не все разделяют оптимизм министерства.', 'Союз зернопереработчиков предупредил, что цены на муку могут вырасти на 10–15% до конца года.', 'Министр ответит в пятницу.'],
  ])('%s', (language, lead, leadIn, announced, other) => {
    const paragraphs = [lead, leadIn, announced, other];
    for (const budget of budgets(lead.length, 400, 5)) {
      const kept = body(condense(story(paragraphs, language), { budgetChars: budget }).paragraphs);
      if (kept.includes(leadIn)) expect(kept, `budget ${budget}`).toContain(announced);
    }
    expect(condense(story(paragraphs, language), { budgetChars: 1000 }).paragraphs).toEqual(paragraphs);
  });

  it('drops a lead-in that ends the article', () => {
    const paragraphs = ['Kazakhstan signed the accords on Thursday.', 'Lantas, apa selanjutnya?'];
    expect(condense(story(paragraphs, 'id')).paragraphs).toEqual(['Kazakhstan signed the accords on Thursday.']);
  });
});
