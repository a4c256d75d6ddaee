/**
 * How much of what a reader needs a sentence holds: the figures that carry a story (amounts,
 * percentages, years, counts), as against colour and reaction.
 */

// Percentages and scaled amounts, in the languages kabar reads most: `11 per cent`, `18 persen`,
// `23%`, `$48 billion`, `Rp75 triliun`, `8,1 млн тонн`, `1.000 millones de dólares`.
const MEASURE =
  /[%‰$€£¥₸₽₹]|\b(?:per ?cent|percent|persen|por ?ciento|pour ?cent|prozent|billion|million|trillion|miliar|milyar|juta|triliun|ribu|millones|mil millones|billones|milliards?|millions?|milliarden?|millionen|tenge|rupiah|dollars?|dólares|euros?|pounds?|rubles?|roubles?|barrels?|tonnes?|tons?|kilomet(?:re|er)s?|megawatts?|gigawatts?)(?!\p{L})|(?:процент|млрд|млн|тыс|трлн|доллар|рубл|тенге|сум|евро|тонн|километр|мегаватт|гигаватт|ГВт|МВт)/iu;
const NUMBER = /\p{N}/u;
// A capitalized word after the first one: a name, a place, an institution.
const NAME = /\s["“„«(]?\p{Lu}/u;

/**
 * A weight from 0 to 1 for the facts `sentence` carries: 0 without any figure, more for a number,
 * most for an amount or a percentage.
 *
 * @example
 * ```ts
 * factWeight('It foresees spending of 25.1 trillion tenge, up 11 per cent.'); // 1
 * factWeight('The mood among officials was upbeat.'); // 0
 * ```
 */
export function factWeight(sentence: string): number {
  if (!NUMBER.test(sentence)) return 0;
  return MEASURE.test(sentence) ? 1 : 0.6;
}

/**
 * True when `sentence` is colour: it names nobody and no place and holds no figure ("The debate in
 * the chamber was long and at times heated."). Such sentences are the first a brief can spare.
 */
export function isColour(sentence: string): boolean {
  return !NUMBER.test(sentence) && !NAME.test(sentence);
}
