/**
 * The Bot API client kabar uses (telegraf's `Telegram`, no polling), with a timeout on every call
 * and errors mapped at this edge, token removed.
 */
import { Agent } from 'node:https';
import { Telegram } from 'telegraf';
import { mapTelegramError } from './telegram-errors.js';

/** Where the Bot API is and how long a call may take. */
export interface TelegramClientOptions {
  token: string;
  /** A self-hosted Bot API server, or a test fake; default `https://api.telegram.org`. */
  apiRoot?: string;
  /** Per call; default 30 s. */
  timeoutMs?: number;
}

/** A client with its own keep-alive agent, so closing it frees its sockets. */
export interface TelegramClient {
  call<T>(method: string, payload: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  close(): void;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Creates a client. For an `http:` API root telegraf uses Node's global agent; for `https:` this
 * client owns its agent.
 */
export function createTelegramClient(options: TelegramClientOptions): TelegramClient {
  const agent = options.apiRoot?.startsWith('http://') ? undefined : new Agent({ keepAlive: true, keepAliveMsecs: 10_000 });
  const telegram = new Telegram(options.token, {
    ...(options.apiRoot === undefined ? {} : { apiRoot: options.apiRoot }),
    ...(agent === undefined ? {} : { agent }),
    webhookReply: false,
  });
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    async call<T>(method: string, payload: Record<string, unknown>, timeoutMs = defaultTimeout): Promise<T> {
      try {
        // callApi is typed per method; kabar's payloads are built by this adapter and checked by the fake.
        const call = telegram.callApi.bind(telegram) as (m: string, p: unknown, o: { signal: AbortSignal }) => Promise<unknown>;
        return (await call(method, payload, { signal: AbortSignal.timeout(timeoutMs) })) as T;
      } catch (error) {
        throw mapTelegramError(error, options.token, method);
      }
    },
    close: () => agent?.destroy(),
  };
}
