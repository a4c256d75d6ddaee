/**
 * Reading a command's options: each kind checked once here, so that every command gets the same
 * clear reply for the same mistake, and nothing unchecked reaches a use case.
 */
import type { ChatReplies } from '../../core/chat/messages/index.js';
import type { OptionSpec } from '../../core/chat/command-specs.js';
import { KabarError } from '../../core/errors.js';
import { isBaseLanguageCode, normalizeLanguageTag } from '../../core/text/language-tag.js';
import type { BriefTextSetting } from '../../core/briefs/brief.js';

/** Longest value per kind; a term has its own limits in the matcher, checked by the use case. */
const MAX_CHARS: Partial<Record<OptionSpec['kind'], number>> = { term: 300, text: 500, setting: 200, url: 2_000, topics: 500 };

/** An option value that is wrong: the reply says which and why. */
export class OptionProblem extends KabarError {
  constructor(
    readonly option: string,
    readonly problem: string,
  ) {
    super('permanent', `${option}: ${problem}`, { code: 'invalid-option' });
  }
}

/** The value of `name`, trimmed, or undefined when absent or blank. */
export function optionText(options: Readonly<Record<string, string>>, spec: OptionSpec, texts: ChatReplies): string | undefined {
  const value = options[spec.name]?.trim();
  if (value === undefined || value === '') {
    if (spec.required) throw new OptionProblem(spec.name, texts.problems.empty);
    return undefined;
  }
  const max = MAX_CHARS[spec.kind];
  if (max !== undefined && value.length > max) throw new OptionProblem(spec.name, texts.problems.tooLong(max));
  if (spec.kind === 'choice' && spec.choices !== undefined && !spec.choices.includes(value.toLowerCase())) {
    throw new OptionProblem(spec.name, texts.problems.choice(spec.choices));
  }
  return spec.kind === 'choice' ? value.toLowerCase() : value;
}

/** A brief count from 1 to 10. */
export function countValue(text: string, option: string, texts: ChatReplies): number {
  const count = /^\d{1,2}$/.test(text) ? Number(text) : Number.NaN;
  if (!(count >= 1 && count <= 10)) throw new OptionProblem(option, texts.problems.count);
  return count;
}

/** on/off, true/false, yes/no, 1/0. */
export function booleanValue(text: string, option: string, texts: ChatReplies): boolean {
  const value = text.toLowerCase();
  if (['on', 'true', 'yes', '1'].includes(value)) return true;
  if (['off', 'false', 'no', '0'].includes(value)) return false;
  throw new OptionProblem(option, texts.problems.boolean);
}

/** A language code such as `id`, `en-US` or `pt_BR`, as a base code; undefined when it is none. */
export function languageValue(text: string): string | undefined {
  const code = normalizeLanguageTag(text);
  return code !== undefined && isBaseLanguageCode(code) && code.length === 2 ? code : undefined;
}

/** `default`, `off`, or the moderator's own text. */
export function settingValue(text: string): BriefTextSetting {
  const value = text.toLowerCase();
  return value === 'default' || value === 'off' ? value : { custom: text };
}

/** Topic names from `a, b c`: commas or spaces between them. */
export function topicNames(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((name) => name.trim().toLowerCase()).filter((name) => name !== ''))];
}
