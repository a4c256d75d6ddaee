/**
 * `kabar topics preview add-term|exclude|remove-term NAME TERM`: what a term edit would change on
 * the articles of the last days, before saving it.
 */
import { previewTopicEdit, seedDefaultTopics, TERM_EDIT_KINDS, type TermEditKind, type TopicEditPreview } from '../app/topics/index.js';
import { out, UsageError, withRuntime, oneLine } from './cli-support.js';
import { checkedScope, resolveTopicName } from './topic-arguments.js';
import { describeHit, type TopicScopeOptions } from './topics-command.js';

/** The edit a preview is about, as typed on the command line. */
export interface PreviewedEdit {
  kind: TermEditKind;
  name: string;
  term: string;
  /** The `--chat` subscription id, when the edit is a chat's. */
  chat?: string;
}

/**
 * `kabar topics preview add-term|exclude|remove-term NAME TERM [--chat ID]`: prints how many
 * recent articles the topic matches now and would match after the edit, the articles gained and
 * lost with the term that explains each, and the command that saves the edit. Saves nothing.
 *
 * @example
 * ```ts
 * await topicsPreview('add-term', 'central-asia', 'Turkmen*', {});
 * // central-asia: 312 recent articles scanned; matches now 41, after the edit 44 (+3, -0)
 * // + Turkmen gas deal signed  ("Turkmen*" in title: Turkmen gas deal signed)
 * // save it with: kabar topics add-term central-asia "Turkmen*"
 * ```
 */
export async function topicsPreview(action: string, name: string, term: string, options: TopicScopeOptions): Promise<void> {
  const kind = TERM_EDIT_KINDS.find((k) => k === action);
  if (kind === undefined) {
    throw new UsageError(`preview takes the edit to try first: ${TERM_EDIT_KINDS.join(', ')} (got "${action}")`);
  }
  await withRuntime(async ({ topicDeps, articles, subscriptions }) => {
    // As every topics command does, so that a fresh install previews against the shipped topics.
    await seedDefaultTopics({}, topicDeps);
    const scope = await checkedScope(options, subscriptions);
    name = await resolveTopicName(name, scope, topicDeps);
    const preview = await previewTopicEdit({ scope, name, change: { kind, term } }, { ...topicDeps, articles });
    const edit: PreviewedEdit = { kind, name, term };
    if (options.chat !== undefined) edit.chat = options.chat;
    for (const line of formatTopicEditPreview(preview, edit)) out(line);
  });
}

/**
 * The lines `kabar topics preview` prints: a summary, a `+` line per gained and a `-` line per
 * lost article, how many more were left out, and the command that saves the edit.
 *
 * @example
 * ```ts
 * formatTopicEditPreview(preview, { kind: 'exclude', name: 'central-asia', term: 'launch' });
 * // ['central-asia: 6 recent articles scanned; matches now 3, after the edit 2 (+0, -1)',
 * //  '- Kazakh bank launch of a new app  (vetoed by "launch" in title: Kazakh bank launch of a new app)',
 * //  'save it with: kabar topics exclude central-asia "launch"']
 * ```
 */
export function formatTopicEditPreview(preview: TopicEditPreview, edit: PreviewedEdit): string[] {
  const topic = edit.chat === undefined ? edit.name : `${edit.name} (chat ${edit.chat})`;
  const lines: string[] = [];
  if (preview.scanned === 0) {
    lines.push(`${topic}: no recent articles to try the edit on — articles are kept for 7 days as kabar polls its feeds, so run it for a while first`);
  } else {
    const articles = preview.scanned === 1 ? 'recent article' : 'recent articles';
    lines.push(
      `${topic}: ${preview.scanned} ${articles} scanned; matches now ${preview.before}, after the edit ${preview.after} ` +
        `(+${preview.gainedCount}, -${preview.lostCount})`,
    );
  }
  for (const a of preview.gained) lines.push(`+ ${oneLine(a.title)}  (${describeHit(a.hit)})`);
  if (preview.gainedCount > preview.gained.length) lines.push(`  … and ${preview.gainedCount - preview.gained.length} more gained`);
  for (const a of preview.lost) {
    const why = a.veto === undefined ? `no term hits it any more; it was ${describeHit(a.hit)}` : `vetoed by ${describeHit(a.veto)}`;
    lines.push(`- ${oneLine(a.title)}  (${why})`);
  }
  if (preview.lostCount > preview.lost.length) lines.push(`  … and ${preview.lostCount - preview.lost.length} more lost`);
  lines.push(`save it with: ${saveCommand(edit)}`);
  return lines;
}

/** The same rule as `kabar topics` edits use, so a preview names the scope its edit would save to. */

function saveCommand(edit: PreviewedEdit): string {
  const chat = edit.chat === undefined ? '' : ` --chat ${edit.chat}`;
  // Without `--`, commander reads `-Lincoln` as an unknown option.
  const endOfOptions = edit.term.trim().startsWith('-') ? '-- ' : '';
  return `kabar topics ${edit.kind} ${edit.name}${chat} ${endOfOptions}${shellQuoted(edit.term.trim())}`;
}

/**
 * Double quotes, as the docs write terms, unless the term holds a character that is live inside
 * them: `!` (history expansion in an interactive bash, and strong terms start with it), `$`, a
 * backquote, a backslash or `"`. Then single quotes, which protect everything.
 */
function shellQuoted(term: string): string {
  if (!/[!$`\\"]/u.test(term)) return `"${term}"`;
  return `'${term.replaceAll("'", `'\\''`)}'`;
}
