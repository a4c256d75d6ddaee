/**
 * Long help texts of the `kabar` command, kept apart from the commands so that `kabar --help`
 * does not load them (and Redis, BullMQ and the rest) just to print text.
 */

/** The term syntax, for `kabar topics --help` (kept in step with core/matching/parse-term.ts and the README). */
export const TERM_SYNTAX_HELP = `
Term syntax (case, accents and punctuation between words do not matter):
  Abraham Accords            a phrase: these words, in this order, as whole words
                             (also matches "Abraham-Accords", "Abraham Accords'", line breaks)
  Kazakh*                    a prefix: Kazakh, Kazakhs, Kazakhstan, Kazakhstani (3+ letters before *)
  !Abraham Accords           a strong term: when it hits, exclusions are ignored
  -Abraham Lincoln           an exclusion (or: kabar topics exclude NAME "Abraham Lincoln"):
                             vetoes the topic for an article unless a strong term also hits
  Astana + (summit|president) co-occurrence: every side must appear somewhere in the article;
                             a side is a phrase, a prefix, or (a|b|c) alternatives (up to 10)
  Kazakh near(2) (government|president)
                             context: counts only with one of these at most 2 words away
                             (same field, before or after); "test" shows which one, or why not
  Tashkent notnear(2) (street|restaurant)
                             counts only where none of these is that near
  Kazakhstan in(title)       counts only in the title (or summary, content)
                             a side may end with up to 3 clauses; exclusions take them too
  Казахстан, اتفاقيات أبراهام  any script works
Limits: 600 characters per term, 100 per phrase, 8 words per phrase, 500 terms per topic,
3 sides per co-occurrence, near(1..50). No regular expressions: nothing a moderator types can
slow matching.

Examples:
  kabar topics add-term central-asia "Turkmen*"
  kabar topics exclude abraham-accords "Honda Accord"
  kabar topics add-term abraham-accords "-Honda Accord"     (the same, written as a -term)
  kabar topics test central-asia "Astana wins stage 4 of the Tour"
  kabar topics preview add-term central-asia "Turkmen*"     (on the last 7 days' articles; saves nothing)
  kabar topics history abraham-accords
  kabar topics undo abraham-accords
  kabar topics add-term central-asia "Uzbek* near(3) (government|president|Tashkent)"
  kabar topics upgrade --dry-run                           (what this release's shipped topics would change)
`;

/** The roles of `kabar start`, for `kabar start --help` (kept in step with main.ts and docker-compose.yml). */
export const START_ROLES_HELP = `
Roles:
  all     everything: scheduler, feed polling, briefs, delivery, and the chat commands (the default)
  worker  the queues only, sending over the platforms' REST APIs, for scale-out: run any number
          of them against the same REDIS_URL
  bot     the chat gateways only: Discord slash commands and Telegram updates (long polling, or
          a webhook with TELEGRAM_WEBHOOK_URL); run one per platform. Needs a chat token.
Chat platforms are on when their token is set (DISCORD_TOKEN with DISCORD_APPLICATION_ID,
TELEGRAM_BOT_TOKEN); with none, briefs print to the console.

Stopping: SIGTERM or Ctrl-C finishes the running jobs (25 s at most), then exits; a second one
exits at once. Under npm (npm start), kabar also stops that way when npm dies, even by SIGKILL
(KABAR_STOP_WITH_PARENT=auto|true|false).
`;

/** What glossaries are, with examples, for `kabar glossary --help`. */
export const GLOSSARY_HELP = `
Glossary entries fix how translations render a name or term, per target language. kabar ships
entries for some languages; moderators add, change or remove entries here, and translations made
from then on use them. Capitals in a source term count: "UAE" matches only UAE, "summit" any case.

Examples:
  kabar glossary list --lang id
  kabar glossary set --lang id "White House" "Gedung Putih"
  kabar glossary set --lang id "Abraham Accords" "Abraham Accords"     keep a name as it is
  kabar glossary remove --lang id "UAE"                              stop enforcing a shipped entry
  kabar glossary set --lang id "UAE" "UEA"                           bring the shipped entry back
`;
