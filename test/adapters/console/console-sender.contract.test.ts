import { createConsoleSender } from '../../../src/adapters/console/console-sender.js';
import { describeChatSenderContract } from '../../contracts/chat-sender-contract.js';

describeChatSenderContract('console', async () => {
  const printed: string[] = [];
  return {
    sender: createConsoleSender((text) => printed.push(text)),
    subscription: {
      id: 'console',
      platform: 'console',
      chatId: 'stdout',
      topics: [],
      language: 'id',
      style: { greeting: 'default', closing: 'default' },
      onTranslationFailure: 'deliver-with-note',
      createdAt: 0,
    },
    received: async () => printed.map((text) => text.replace(/^-+\n/, '')),
    close: async () => undefined,
  };
});
