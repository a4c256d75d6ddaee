/**
 * Very common words per language: the evidence {@link detectLanguage} weighs, and the words the
 * condenser ignores when it compares a sentence with the title.
 *
 * Lists favour words that tell languages apart; a word shared by several lists counts for less.
 */

const SOURCE: Readonly<Record<string, string>> = {
  en: `the of and to in is that for on with as was by it at from his her he she they their are were
    be been has have had not but this which who will would said says its an or after about than also
    more into over new what when there after would could can our we you`,
  id: `yang dan di ke dari ini itu dengan untuk pada tidak dalam akan juga oleh sebagai adalah ada
    bisa karena telah sudah mereka kami kita saya ia dia atau tersebut bahwa lebih saat setelah antara
    namun tetapi tapi harus hanya menjadi secara kata pemerintah presiden negara para seperti belum
    tentang selama kepada bagi sedang lain sebuah masih`,
  ms: `yang dan di ke dari ini itu dengan untuk pada tidak dalam akan juga oleh sebagai ialah ada
    boleh kerana telah sudah mereka kami kita saya ia beliau atau tersebut bahawa lebih semasa selepas
    antara namun tetapi perlu hanya menjadi secara kata kerajaan perdana menteri negara para seperti
    tentang selama kepada bagi sedang lain sebuah masih`,
  fr: `le la les des du un une et est en dans que qui pour pas sur au aux avec ce cette il elle ils sont
    ont été par plus mais ou son sa ses leur nous vous été être fait selon après`,
  de: `der die das und ist nicht ein eine einen dem den des zu mit sich auf für von im auch es an
    wird werden wurde sind hat haben nach bei oder aber noch wie dass vor zum zur über`,
  es: `el la los las de del y en que un una es por con para no se su sus al lo como más pero fue ha
    han sobre este esta entre también según desde cuando muy ya sin`,
  pt: `o a os as de do da dos das e em um uma que para com não no na nos nas por ao se seu sua mais
    mas foi como são pelo pela também está ser tem entre após já`,
  it: `il lo la i gli le di del della dei delle e è un una che per non in con su al alla da dal ma
    come più sono ha anche essere questo questa stato tra dopo nel nella`,
  tr: `ve bir bu da de için ile olarak çok daha gibi olan ama en değil var yok ise kadar sonra bu
    şu o ki mi ne her ancak göre üzerinde tarafından olduğunu dedi`,
  nl: `de het een en van in is dat op te met voor zijn niet aan er om ook als door maar bij nog naar
    wordt werd heeft hebben deze dit over uit`,
  uz: `va bu bilan uchun ham bir edi emas deb bo'ldi bo'lgan qilish mumkin keyin orqali esa yana
    hamda bo'yicha dedi prezident davlat`,
  ru: `и в не на что с по как это он она они его её их из за для от к но так же было был была были
    уже или бы до при то также только после сказал который которые`,
  uk: `і й в у не на що з по як це він вона вони його її їх із за для від до але так вже було був
    була були або б при також тільки після сказав який які також`,
  kk: `және мен бен пен бұл ол да де үшін туралы бойынша жылы деп емес бар жоқ сондай ретінде
    қазақстан елі осы болып болды тиіс керек арқылы`,
  ar: `في من على إلى أن التي الذي عن مع هذا هذه كان قد لا ما بين كما بعد أو ثم حيث إن عند وقال قال`,
  fa: `و در به از که این را با است برای آن یک شد می های تا بر هم نیز کرد شده`,
};

/** Stopword sets per base language code. */
export const STOPWORDS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(SOURCE).map(([language, words]) => [language, new Set(words.trim().split(/\s+/))]),
);

const ALL_STOPWORDS: ReadonlySet<string> = new Set([...STOPWORDS.values()].flatMap((set) => [...set]));

/**
 * True when `word` (lower-case) is a stopword of `language`, or of any known language when
 * `language` is omitted or has no list.
 */
export function isStopword(word: string, language?: string): boolean {
  const set = (language === undefined ? undefined : STOPWORDS.get(language)) ?? ALL_STOPWORDS;
  return set.has(word);
}
