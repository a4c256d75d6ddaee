import { describe, expect, it } from 'vitest';
import { isBoilerplate, isHeadlineLine, isRelatedLinksLabel, withoutSignOff } from '../../../src/core/briefs/boilerplate.js';

describe('isBoilerplate', () => {
  it.each([
    'Read more',
    'Read more: Abraham Accords at five',
    'Continue reading…',
    'Related: Central Asia summit',
    'Subscribe to our newsletter for the latest updates.',
    'Sign up for our daily briefing',
    'Click here to watch the video',
    'Follow us on X',
    'Baca juga: Kazakhstan dan Abraham Accords',
    'Читайте также: саммит в Вашингтоне',
    'Lire aussi : le sommet',
    'The post Kazakhstan set to join Abraham Accords, White House says appeared first on The National.',
    'By Thomas Watkins',
    'By Jane Doe and John Smith, Reuters',
    'Oleh Andi Wijaya',
    'Photo: Reuters',
    'Photo by Brendan Smialowski/AFP',
    'Kazakh President Kassym-Jomart Tokayev arrives at the White House. AFP',
    'President Tokayev in Washington / Getty Images',
    '(AP Photo)',
    '© 2025 The National. All rights reserved.',
    'Advertisement',
    'https://www.thenationalnews.com/news/',
    '* * *',
    '',
  ])('drops %j', (line) => {
    expect(isBoilerplate(line)).toBe(true);
  });

  it.each([
    'Readers were surprised by the announcement.',
    'More than 100 delegates attended the summit.',
    'Subscribers to the agreement include the UAE, Bahrain, Morocco and Sudan.',
    'The official told Reuters.',
    'By Thursday, Kazakhstan is expected to sign.',
    'The U.S. special envoy told an audience in Miami that another country would sign.',
    `Read ${'the full agreement, which runs to many pages, '.repeat(6)}carefully.`,
  ])('keeps %j', (line) => {
    expect(isBoilerplate(line)).toBe(false);
  });

  it('drops a long WordPress footer too', () => {
    expect(isBoilerplate(`The post ${'Very long headline '.repeat(12)}appeared first on The National.`)).toBe(true);
  });
});

describe('page furniture in the languages kabar ships locales for, and Russian', () => {
  it.each([
    // en
    'Also read: Tajikistan’s winter blackouts explained',
    'More stories',
    'Sign up for our Central Asia newsletter and get the news first.',
    'Get our weekly Central Asia briefing in your inbox.',
    'Share this article on Facebook and X',
    'Click to share on WhatsApp (Opens in new window)',
    'Want more stories like this? Get our free newsletter.',
    '(Reporting by Youssef Amrani; editing by Clara Wells)',
    'Reporting by Dana Ospanova; Editing by Tom Hale',
    'This article was produced with support from the Central Asia Media Fund.',
    // id
    'Baca juga: Harga gandum dunia turun',
    'Simak juga: Jadwal pemindahan ASN ke IKN',
    'Tonton video: Antrean warga di operasi pasar',
    'Ikuti berita terkini dari kami di Google News dan saluran WhatsApp.',
    'Dapatkan update berita pilihan setiap hari.',
    'Pewarta: Rina Putri',
    'Editor: Agus Salim',
    '(ant/rdp)',
    'Copyright © 2025 Kabar Ekonomi. Hak cipta dilindungi.',
    // es
    'Lee también: ¿Qué son los Acuerdos de Abraham?',
    'Te puede interesar: Las claves de los Acuerdos de Abraham',
    'Síguenos en X y en Instagram.',
    'Suscríbete a nuestro boletín diario.',
    'Comparte esta noticia en tus redes sociales.',
    'Más información en nuestra sección de Internacional.',
    '(EFE)',
    // ru
    'Читайте также: Урожай-2025',
    'Смотрите также: Как выбрать надежную авиакомпанию',
    'Новости по теме: Аэропорт Оша ждет реконструкция',
    'Подпишитесь на нашу рассылку, чтобы получать главные новости дня.',
    'Следите за новостями в нашем Instagram.',
    'Поделиться: ВКонтакте Одноклассники Telegram',
    'Фото: пресс-служба акимата',
    'Автор: Ерлан Ахметов',
    'Все права защищены.',
    // leaked code
    '{"@context":"https://schema.org","@type":"NewsArticle"}',
    '.ad{display:none}',
  ])('drops %j', (line) => {
    expect(isBoilerplate(line)).toBe(true);
  });

  it.each([
    'Relacionado con el caso, el fiscal pidió más pruebas.',
    'Más información llegará mañana, dijo el ministro.',
    'По теме выборов президент не высказался.',
    'Gabung dengan koalisi, partai itu mendapat dua kursi menteri.',
    'Editors at the newspaper said they would appeal.',
    'Share prices rose 3% on Monday.',
    'Trending downward since March, the index fell again.',
    'Recommended by the committee, the bill passed.',
  ])('keeps %j', (line) => {
    expect(isBoilerplate(line)).toBe(false);
  });

  it('reads a label alone as the start of a list of related headlines', () => {
    expect(['Baca Juga:', 'Bacaan Lainnya', 'Читайте по теме:', 'More stories'].every(isRelatedLinksLabel)).toBe(true);
    expect(['Read more: Abraham Accords at five', 'By Thomas Watkins', 'Advertisement', 'Kazakhstan will sign.'].some(isRelatedLinksLabel)).toBe(false);
    expect(isHeadlineLine('Harga gandum dunia turun ke level terendah')).toBe(true);
    expect(isHeadlineLine('Pemerintah menyiapkan operasi pasar.')).toBe(false);
  });

  it('cuts an editor’s sign-off from the end of a paragraph, and nothing else', () => {
    expect(withoutSignOff('Kerja sama ini dievaluasi setiap tahun. (ant/rdp)')).toBe('Kerja sama ini dievaluasi setiap tahun.');
    expect(withoutSignOff('Suku bunga tetap 6 persen. (dnu/dnu)')).toBe('Suku bunga tetap 6 persen.');
    expect(withoutSignOff('The agency (ant) said so.')).toBe('The agency (ant) said so.');
    expect(withoutSignOff('Output rose to 5 tonnes (UN)')).toBe('Output rose to 5 tonnes (UN)');
  });
});
