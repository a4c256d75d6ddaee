/**
 * `kabar match`: JSON lines in, one verdict line out per input.
 */
import { MAX_ARTICLE_INPUT_BYTES, MAX_ARTICLE_INPUT_CHARS, parseArticleInput } from '../app/articles/article-input.js';
import { loadMatchingTopics } from '../app/topics/matching-topics.js';
import { keepRelevant, seedDefaultTopics } from '../app/topics/index.js';
import { createRelevanceGate } from '../composition/relevance-gate.js';
import { describeError } from '../core/errors.js';
import { compileMatcher } from '../core/matching/compile.js';
import { EXIT, inputLines, out, promptIfTerminal, UsageError, withRuntime } from './cli-support.js';

/**
 * Reads `{id?, title, summary?, content?, link?, language?}` lines from stdin and writes
 * `{id, topics, hits: [{topic, term, field, snippet}]}` per line, or `{id?, line, error}` for a
 * line that cannot be read (the rest go on). With `KABAR_RELEVANCE_CHECK` on, matches resting only
 * on weak terms are put to the model first: `relevance: {topic: {verdict, by, cached}}` shows each
 * answer, and a rejected topic is left out of `topics` (its hits stay, to show what was asked).
 * Exit code 2 (bad input) when any line failed, or
 * when there was no input at all.
 */
export async function matchCommand(options: { topics?: string[] }): Promise<void> {
  promptIfTerminal('articles as JSON lines, {"title": "...", "summary": "..."} one per line');
  await withRuntime(async (runtime) => {
    await seedDefaultTopics({}, runtime.topicDeps);
    const all = await loadMatchingTopics(runtime.topics);
    const wanted = options.topics;
    if (wanted) {
      const unknown = wanted.filter((name) => !all.some((topic) => topic.name === name));
      if (unknown.length > 0) {
        throw new UsageError(`unknown topic ${unknown.join(', ')} (see: kabar topics list)`);
      }
    }
    const matcher = compileMatcher(wanted ? all.filter((topic) => wanted.includes(topic.name)) : all);
    const confirm = createRelevanceGate(runtime);
    let lineNumber = 0;
    let failed = 0;
    let articles = 0;
    for await (const line of inputLines(MAX_ARTICLE_INPUT_BYTES)) {
      lineNumber++;
      if (typeof line !== 'string') {
        failed++;
        out(JSON.stringify({ line: lineNumber, error: oversized(line.bytes) }));
        continue;
      }
      if (line.trim() === '') continue;
      articles++;
      try {
        const article = parseArticleInput(line);
        const found = matcher.match(article);
        const checked = confirm === undefined || found.length === 0 ? found : await confirm(article, found);
        const relevance = Object.fromEntries(checked.flatMap((match) => (match.relevance === undefined ? [] : [[match.topic, match.relevance]])));
        out(
          JSON.stringify({
            id: article.id,
            topics: keepRelevant(checked).map((match) => match.topic),
            hits: checked.flatMap((match) => match.hits),
            ...(Object.keys(relevance).length === 0 ? {} : { relevance }),
          }),
        );
      } catch (error) {
        failed++;
        out(JSON.stringify({ ...idOf(line), line: lineNumber, error: describeError(error) }));
      }
    }
    if (lineNumber === 0 || (articles === 0 && failed === 0)) {
      throw new UsageError('no input: give articles as JSON lines on stdin, e.g. echo \'{"title": "Kazakhstan joins the Abraham Accords"}\' | kabar match');
    }
    if (failed > 0) {
      process.stderr.write(`kabar: ${failed} of the input lines could not be matched (see their "error")\n`);
      process.exitCode = EXIT.usage;
    }
  });
}

function oversized(bytes: number): string {
  return `the line has ${bytes} bytes, more than any article (at most ${MAX_ARTICLE_INPUT_CHARS} characters, ${MAX_ARTICLE_INPUT_BYTES} bytes); skipped unread`;
}

function idOf(line: string): { id?: string } {
  try {
    const value = JSON.parse(line) as { id?: unknown };
    return typeof value.id === 'string' ? { id: value.id } : {};
  } catch {
    return {};
  }
}
