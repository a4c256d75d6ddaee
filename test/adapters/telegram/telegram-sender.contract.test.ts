import { createTelegramSender } from '../../../src/adapters/telegram/telegram-sender.js';
import { describeChatSenderContract, type ScriptedFailure } from '../../contracts/chat-sender-contract.js';
import { createRecordingLogger } from '../../fakes/in-memory-stores.js';
import { startFakeTelegram, type TelegramFailure } from '../../fakes/telegram/fake-telegram.js';

const FAILURES: Record<ScriptedFailure, TelegramFailure> = {
  gone: 'blocked',
  'chat-rate-limited': 'rate-limited',
  'server-error': 'server-error',
  unauthorized: 'unauthorized',
};

describeChatSenderContract('telegram', async () => {
  // The contract sends a brief's parts back to back, as no pacer runs here: the per-chat pace is
  // the lead's Pacer's job and is tested with it, so the fake's per-chat limits are off.
  const telegram = await startFakeTelegram({ limits: { perChatPerSecond: Infinity, groupPerMinute: Infinity } });
  const chat = telegram.addChat({ id: 5150, type: 'private', first_name: 'Reader' });
  const sender = createTelegramSender({ token: telegram.token, apiRoot: telegram.url, log: createRecordingLogger() });
  return {
    sender,
    subscription: {
      id: `telegram-${chat.id}`,
      platform: 'telegram',
      chatId: String(chat.id),
      topics: [],
      language: 'id',
      style: { greeting: 'default', closing: 'default' },
      onTranslationFailure: 'deliver-with-note',
      createdAt: 0,
    },
    received: async () => telegram.sent(chat.id).map((message) => message.text),
    failNext: (failure) => telegram.failNext(FAILURES[failure]),
    close: async () => {
      sender.close();
      await telegram.close();
    },
  };
});
