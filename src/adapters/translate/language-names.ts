/**
 * English names of languages, for prompts and error messages.
 */

/**
 * An English name for an ISO 639-1 or 639-3 code: `id` and `ind` -> `Indonesian`. Unknown codes
 * come back unchanged.
 */
export function languageName(code: string): string {
  const base = code.split(/[-_]/)[0] ?? code;
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(base);
    return name === undefined || name === base ? code : name;
  } catch {
    return code;
  }
}
