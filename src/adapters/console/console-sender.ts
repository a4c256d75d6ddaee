/**
 * The console "chat": prints briefs to stdout in the reference text shape. Used when no chat
 * token is configured, and by the demo.
 */
import { renderBriefText } from '../../core/briefs/render-brief-text.js';
import type { ChatSender } from '../../core/ports.js';

/** Prints each brief, separated by a rule, through `write` (default: stdout). */
export function createConsoleSender(write: (text: string) => void = (text) => process.stdout.write(text)): ChatSender {
  return {
    platform: 'console',
    async send(_subscription, brief) {
      write(`${'-'.repeat(72)}\n${renderBriefText(brief)}\n`);
    },
  };
}
