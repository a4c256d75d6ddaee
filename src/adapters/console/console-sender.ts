/**
 * The console "chat": prints briefs to stdout in the reference text shape. Used when no chat
 * token is configured, and by the demo.
 */
import { renderBriefText } from '../../core/briefs/render-brief-text.js';
import type { ChatSender } from '../../core/ports.js';

/** Prints each brief as one part, after a rule, through `write` (default: stdout). */
export function createConsoleSender(write: (text: string) => void = (text) => process.stdout.write(text)): ChatSender<string> {
  return {
    platform: 'console',
    render: (_subscription, brief) => [renderBriefText(brief)],
    async sendPart(_subscription, part) {
      write(`${'-'.repeat(72)}\n${part}\n`);
    },
  };
}
