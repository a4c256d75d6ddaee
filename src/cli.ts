/**
 * The `kabar` command. Exit codes: 0 ok, 2 bad input or configuration, 1 a failure of something
 * outside kabar (see `exitCodeOf`); errors are one line on stderr.
 *
 * Each command's module is loaded only when that command runs, so `kabar --help` and the light
 * commands do not pay for loading Redis, BullMQ and the whole pipeline.
 */
import { Command, CommanderError, Option } from 'commander';
import { EXIT, listOption, reportError } from './cli/cli-support.js';
import type { GlossaryEditOptions, GlossaryListOptions } from './cli/glossary-command.js';
import { GLOSSARY_HELP, START_ROLES_HELP, TERM_SYNTAX_HELP } from './cli/help-texts.js';
import type { SubscriptionAddOptions } from './cli/subscriptions-command.js';
import type { TopicScopeOptions } from './cli/topics-command.js';
import { KABAR_VERSION } from './version.js';

const load = {
  backup: () => import('./cli/backup-command.js'),
  brief: () => import('./cli/brief-command.js'),
  demo: () => import('./demo/run-demo.js'),
  feeds: () => import('./cli/feeds-command.js'),
  glossary: () => import('./cli/glossary-command.js'),
  match: () => import('./cli/match-command.js'),
  preview: () => import('./cli/topics-preview-command.js'),
  registerCommands: () => import('./cli/register-commands-command.js'),
  start: () => import('./cli/start-command.js'),
  stats: () => import('./cli/stats-command.js'),
  subscriptions: () => import('./cli/subscriptions-command.js'),
  topics: () => import('./cli/topics-command.js'),
  topicsCreate: () => import('./cli/topics-create-command.js'),
};

// `kabar topics list | head`: a reader that goes away is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const program = new Command('kabar')
  .description(
    'News-alert bot: polls RSS/Atom/JSON feeds, picks the articles that match a topic, condenses each into a ' +
      'brief in the reader\'s language, and posts it to the subscribed Discord channels and Telegram chats (the console ' +
      'when no chat token is set).',
  )
  .version(KABAR_VERSION)
  // Usage errors in the same one-line form as every other error; subcommands inherit this.
  .configureOutput({
    outputError: (message, write) => write(`kabar: ${message.replace(/^error: /, '').trimEnd()} (kabar --help lists the commands)\n`),
  })
  .exitOverride();

program
  .command('start')
  .description('run the bot: scheduler, feed polling, briefs, delivery and the chat commands (no REDIS_URL: an embedded redis-server)')
  .addOption(new Option('--role <role>', 'what this process runs (see below)').choices(['all', 'worker', 'bot']).default('all'))
  .addHelpText('after', START_ROLES_HELP)
  .action(async (options: { role: string }) => (await load.start()).startCommand(options));

program
  .command('demo')
  .description(
    'offline demo: serves sample feeds on 127.0.0.1, runs the real queues and workers, prints the briefs ' +
      '(on REDIS_URL under a throwaway key prefix, deleted at the end; without it, on a throwaway redis-server)',
  )
  .action(async () => (await load.demo()).demoCommand());

program
  .command('fetch <url>')
  .description('fetch and parse one feed with the bot\'s own code; prints its items, or why it failed')
  .option('--json', 'print the parsed feed as JSON')
  .action(async (url: string, options: { json?: boolean }) => (await load.feeds()).fetchCommand(url, options));

program
  .command('match')
  .description('match articles against the topics: JSON lines {id?, title, summary?, content?, link?, language?} on stdin, one {id, topics, hits} line out per input (plus relevance: the model\'s answers, with KABAR_RELEVANCE_CHECK=openai)')
  .option('--topics <names>', 'only these topics, comma-separated')
  .action((options: { topics?: string }) => {
    const topics = listOption(options.topics);
    return load.match().then(({ matchCommand }) => matchCommand(topics === undefined ? {} : { topics }));
  });

program
  .command('brief')
  .description('print the brief of one article given as JSON on stdin {id?, title, link, summary?, content?, language?}')
  .option('--lang <code>', 'language of the brief (default KABAR_DEFAULT_LANGUAGE)')
  .option('--translator <name>', 'none, openai, deepl, libretranslate or apertium (default KABAR_TRANSLATOR)')
  .action(async (options: { lang?: string; translator?: string }) => (await load.brief()).briefCommand(options));

const scope = (command: Command): Command =>
  command
    .option('--chat <subscription>', 'a chat\'s own version of the topic (e.g. telegram--1001234) instead of the global one')
    .option('--author <name>', 'who is editing, for the history (default cli:<user>)');

const topics = program
  .command('topics')
  .description('list, inspect, test and edit topics (edits are live within seconds, and can be undone)')
  .addHelpText('after', TERM_SYNTAX_HELP);
scope(topics.command('list').description('every topic with its term counts')).action(async (options: TopicScopeOptions) => (await load.topics()).topicsList(options));
scope(topics.command('show <name>').description('a topic\'s terms and exclusions')).action(async (name: string, options: TopicScopeOptions) =>
  (await load.topics()).topicsShow(name, options),
);
scope(topics.command('create <name>').description('make a new topic (a chat\'s own with --chat); then add terms').option('--description <text>', 'one line saying what the topic is about')).action(
  async (name: string, options: TopicScopeOptions & { description?: string }) => (await load.topicsCreate()).topicsCreate(name, options),
);
scope(topics.command('delete <name>').description('delete a topic (undo brings it back); a chat cannot delete a shipped topic')).action(
  async (name: string, options: TopicScopeOptions) => (await load.topicsCreate()).topicsDelete(name, options),
);
scope(topics.command('add-term <name> <term>').description('add an include term (a leading - makes it an exclusion)')).action(
  async (name: string, term: string, options: TopicScopeOptions) => (await load.topics()).topicsEdit('add-term', name, term, options),
);
scope(topics.command('remove-term <name> <term>').description('remove an include term, or an exclusion written -term')).action(
  async (name: string, term: string, options: TopicScopeOptions) => (await load.topics()).topicsEdit('remove-term', name, term, options),
);
scope(topics.command('exclude <name> <term>').description('add an exclusion: it vetoes the topic unless a strong (!) term hits')).action(
  async (name: string, term: string, options: TopicScopeOptions) => (await load.topics()).topicsEdit('exclude', name, term, options),
);
scope(topics.command('test <name> <headline>').description('would this headline match? shows which terms hit or veto')).action(
  async (name: string, headline: string, options: TopicScopeOptions) => (await load.topics()).topicsTest(name, headline, options),
);
topics
  .command('preview <edit> <name> <term>')
  .description('what add-term, exclude or remove-term would change on the articles of the last 7 days; saves nothing')
  .option('--chat <subscription>', 'preview a chat\'s own version of the topic (e.g. telegram--1001234) instead of the global one')
  .action(async (edit: string, name: string, term: string, options: TopicScopeOptions) =>
    (await load.preview()).topicsPreview(edit, name, term, options));
scope(topics.command('history <name>').description('the edits of a topic, newest first').option('--limit <n>', 'how many (default 20)')).action(
  async (name: string, options: TopicScopeOptions & { limit?: string }) => (await load.topics()).topicsHistory(name, options),
);
scope(topics.command('undo <name>').description('revert the latest edit (as a new version, so it can be undone too)')).action(
  async (name: string, options: TopicScopeOptions) => (await load.topics()).topicsUndo(name, options),
);
topics
  .command('upgrade [name]')
  .description("merge this release's shipped topics into yours (moderators' edits win); one undoable version per topic")
  .option('--dry-run', 'show what would change; save nothing')
  .option('--author <name>', 'who is upgrading, for the history (default cli:<user>)')
  .action(async (name: string | undefined, options: { dryRun?: boolean; author?: string }) => (await load.topics()).topicsUpgrade(name, options));

const feeds = program.command('feeds').description('the feeds kabar polls');
feeds
  .command('add <url>')
  .description('add a feed, after fetching it once as kabar fetch does; its first check only remembers what is there')
  .option('--interval <duration>', 'time between checks, e.g. 5m or 1h (default KABAR_POLL_INTERVAL)')
  .option('--force', 'add it even when the fetch fails (an outlet that is down for now)')
  .action(async (url: string, options: { interval?: string; force?: boolean }) => (await load.feeds()).feedsAdd(url, options));
feeds.command('remove <url>').description('stop polling a feed').action(async (url: string) => (await load.feeds()).feedsRemove(url));
feeds
  .command('list')
  .description('every feed with its health: ok, retrying, FAILING, and when it is checked next')
  .option('--json', 'one JSON object per feed')
  .action(async (options: { json?: boolean }) => (await load.feeds()).feedsList(options));
feeds.command('export').description('the feed list as OPML, for feed readers: kabar feeds export > feeds.opml').action(async () => (await load.backup()).feedsExport());
feeds
  .command('import <file>')
  .description('add the feeds of an OPML file (skips those already polled; says what was added)')
  .action(async (file: string) => (await load.backup()).feedsImport(file));

const glossary = program
  .command('glossary')
  .description('per-language glossaries: how translations render names and terms ("White House" -> "Gedung Putih")')
  .addHelpText('after', GLOSSARY_HELP);
glossary
  .command('list')
  .description('a language\'s entries: shipped, and added, changed or removed by moderators (no --lang: a line per language)')
  .option('--lang <code>', 'target language, e.g. id')
  .option('--json', 'one JSON object per entry')
  .action(async (options: GlossaryListOptions) => (await load.glossary()).glossaryList(options));
glossary
  .command('set <source> <target>')
  .description('make translations render SOURCE as TARGET (a shipped term set to its shipped rendering is restored)')
  .requiredOption('--lang <code>', 'target language, e.g. id')
  .option('--author <name>', 'who is editing, kept with the change (default cli:<user>)')
  .action(async (source: string, target: string, options: GlossaryEditOptions) =>
    (await load.glossary()).glossarySet(source, target, options));
glossary
  .command('remove <source>')
  .description('stop enforcing a term; a shipped entry stays switched off until set again')
  .requiredOption('--lang <code>', 'target language, e.g. id')
  .option('--author <name>', 'who is editing, kept with the change (default cli:<user>)')
  .action(async (source: string, options: GlossaryEditOptions) => (await load.glossary()).glossaryRemove(source, options));

const subscriptions = program.command('subscriptions').description('the chats that get briefs: Discord channels, Telegram chats and forum topics');
subscriptions
  .command('list')
  .description('one line per subscription: id, chat, topics, language, active or PAUSED (and why)')
  .option('--json', 'one JSON object per subscription')
  .action(async (options: { json?: boolean }) => (await load.subscriptions()).subscriptionsList(options));
subscriptions
  .command('add <chat>')
  .description('subscribe discord:CHANNEL_ID or telegram:CHAT_ID[/TOPIC_ID]; on an existing chat, update it')
  .option('--topics <names>', 'topics, comma-separated (default: every topic)')
  .option('--language <code>', 'language of the briefs (default KABAR_DEFAULT_LANGUAGE)')
  .option('--greeting <text>', 'default, off, or your own greeting')
  .option('--closing <text>', 'default, off, or your own closing line')
  .option('--format <format>', 'on Discord: embed (default) or text')
  .option('--author <name>', 'who subscribed it, kept with the subscription (default cli:<user>)')
  .action(async (chat: string, options: SubscriptionAddOptions) => (await load.subscriptions()).subscriptionsAdd(chat, options));
subscriptions
  .command('remove <id>')
  .description('stop sending briefs to a chat (its id from the list, or discord:… / telegram:…)')
  .action(async (id: string) => (await load.subscriptions()).subscriptionsRemove(id));

program
  .command('register-commands')
  .description('publish the Discord slash commands (/accords, /keywords, /feeds); needs DISCORD_TOKEN and DISCORD_APPLICATION_ID')
  .option('--guild <id>', 'only in this server, where they show at once (global registration takes up to an hour)')
  .action(async (options: { guild?: string }) => (await load.registerCommands()).registerCommandsCommand(options));

program
  .command('backup')
  .description('topics with their history, glossaries, feeds and subscriptions as JSON on stdout: kabar backup > kabar.json')
  .action(async () => (await load.backup()).backupCommand());
program
  .command('restore <file>')
  .description('restore a backup into this Redis (empty or in use); what is already here is kept, conflicts are listed')
  .action(async (file: string) => (await load.backup()).restoreCommand(file));

program.command('stats').description('translation usage today, feed health and queue depths').action(async () => (await load.stats()).statsCommand());

try {
  await program.parseAsync(protectDashTerms(process.argv));
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has printed its message already; --help and --version exit 0.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    reportError(error);
  }
}

/**
 * A topic term may start with `-` (an exclusion: `kabar topics add-term NAME "-Abraham Lincoln"`),
 * which the option parser would take for an unknown option. Such arguments are moved after a `--`
 * at the end, where they stay positional and the real options before them still work.
 */
function protectDashTerms(argv: readonly string[]): string[] {
  const topicsAt = argv.indexOf('topics', 2);
  if (topicsAt < 0) return [...argv];
  const options = new Set(['-h', '--help', '--chat', '--author', '--limit', '--description']);
  const kept: string[] = [];
  const terms: string[] = [];
  const rest = argv.slice(topicsAt + 1);
  for (let index = 0; index < rest.length; index++) {
    const argument = rest[index] ?? '';
    if (argument === '--') {
      terms.push(...rest.slice(index + 1));
      break;
    }
    const isOption = options.has(argument.split('=')[0] ?? '');
    if (/^-[^-]/.test(argument) && !isOption) terms.push(argument);
    else kept.push(argument);
  }
  return [...argv.slice(0, topicsAt + 1), ...kept, ...(terms.length > 0 ? ['--', ...terms] : [])];
}
