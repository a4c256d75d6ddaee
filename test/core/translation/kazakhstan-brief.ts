/**
 * A real-ish story for the guards: an English article (written for these tests after a report in
 * The National) and the body of the Indonesian reference brief made from it
 * (`examples/reference-brief-id.txt` without greeting, closing and URL, which never pass through
 * a translator).
 */

export const englishTitle = 'Kazakhstan set to join Abraham Accords, White House says';

export const englishParagraphs = [
  'Kazakhstan is expected to announce on Thursday that it is joining the Abraham Accords, after a US special envoy said a new country would sign up.',
  'A senior White House official, speaking privately, confirmed that Kazakhstan would be the country to formalise its entry during the Central Asia summit in Washington.',
  'The US special envoy told an audience in Miami: "I am going back to Washington tonight because we are going to announce, tonight, another country that is coming into the Abraham Accords."',
  'If confirmed, Kazakhstan would become the fifth country to join the accords after the UAE, Bahrain, Morocco and Sudan. The original agreements opened diplomatic relations between those Arab states and Israel.',
  'The move is largely symbolic, since Kazakhstan has maintained diplomatic relations with Israel for years.',
  'US sources said Kazakh President Kassym-Jomart Tokayev reached out to Washington to express his interest in joining the accords. He reportedly wants Kazakhstan to benefit from regional co-operation and to show religious tolerance and the value of dialogue.',
  'President Tokayev is attending the Central Asia summit in Washington and has met other regional leaders throughout the day.',
  'Washington is seeking more influence in Central Asia, a region long within Russia\'s orbit, and the talks come amid growing competition for the area\'s mineral wealth.',
  'The US aims to develop new partnerships in energy, overland trade routes and critical minerals as Western countries try to diversify supply chains away from Russia and China.',
  'During the summit, Kazakh and US representatives signed an agreement on critical minerals.',
  'The White House said the US leader hoped more countries would join the Abraham Accords - a goal voiced by former President Trump during his term, who hoped for additional participants, including Saudi Arabia.',
  'The Abraham Accords were signed in 2020 and 2021.',
];

export const englishSource = [englishTitle, ...englishParagraphs].join('\n\n');

export const indonesianBrief = [
  'Kazakhstan siap bergabung dengan Abraham Accords, kata Gedung Putih',
  'Sepertinya Kazakhstan diharapkan akan mengumumkan bergabung dengan Abraham Accords pada hari Kamis setelah utusan khusus AS mengatakan negara baru akan menandatangani.',
  'Seorang pejabat senior Gedung Putih, yang berbicara secara pribadi, mengonfirmasi bahwa Kazakhstan akan menjadi negara yang meresmikan masuknya mereka selama KTT Asia Tengah di Washington.',
  'Utusan khusus AS itu bilang kepada audiens di Miami: “Saya kembali ke Washington malam ini karena kita akan mengumumkan, malam ini, negara lain yang bergabung dengan Abraham Accords.”',
  'Jika ini benar, Kazakhstan akan menjadi negara kelima yang bergabung dengan perjanjian ini setelah UEA, Bahrain, Maroko, dan Sudan. Perjanjian awal membuka hubungan diplomatik antara negara-negara Arab itu dan Israel.',
  'Langkah ini lebih simbolis karena Kazakhstan sudah mempertahankan hubungan diplomatik dengan Israel selama bertahun-tahun.',
  'Sumber-sumber AS mengatakan Presiden Kazakhstan Kassym-Jomart Tokayev menghubungi Washington untuk menyatakan minatnya bergabung dengan perjanjian ini. Ia dikabarkan ingin Kazakhstan mendapatkan manfaat dari kerja sama regional dan untuk menunjukkan toleransi beragama serta nilai dialog.',
  'Presiden Tokayev sedang menghadiri KTT Asia Tengah di Washington dan telah bertemu dengan pemimpin-pemimpin regional lainnya sepanjang hari.',
  'Washington sedang mencari lebih banyak pengaruh di Asia Tengah, wilayah yang sudah lama berada dalam pengaruh Rusia, dan pembicaraan ini muncul di tengah meningkatnya kompetisi untuk kekayaan mineral di daerah itu.',
  'AS bertujuan untuk mengembangkan kemitraan baru di bidang energi, jalur perdagangan darat, dan mineral kritis saat negara-negara Barat mencoba untuk mendiversifikasi rantai pasokan dari Rusia dan China.',
  'Selama KTT, perwakilan Kazakhstan dan AS menandatangani perjanjian tentang mineral kritis.',
  'Gedung Putih mengatakan pemimpin AS berharap lebih banyak negara akan bergabung dengan Abraham Accords - sebuah tujuan yang diutarakan oleh mantan Presiden Trump selama masa jabatannya, yang berharap ada peserta tambahan, termasuk Arab Saudi.',
];
