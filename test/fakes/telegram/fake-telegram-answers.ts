/**
 * The Bot API's answers the fake can be scripted to give, with Telegram's own status codes and
 * descriptions (as seen on api.telegram.org).
 */

/** A Bot API error answer. */
export interface ApiFailure {
  status: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/**
 * A failure a test can script, on the next call of a method or on every send to a chat:
 *
 * - `rate-limited`: 429 with `parameters.retry_after` (seconds, default 3);
 * - `server-error` / `bad-gateway`: 500 / 502;
 * - `blocked`: 403 bot blocked by the user; `kicked`: 403 bot kicked from the group;
 *   `not-member`: 403 bot is not a member of the supergroup;
 * - `chat-not-found`, `topic-closed`, `write-forbidden`: 400 gone answers;
 * - `migrated`: 400 with `parameters.migrate_to_chat_id`;
 * - `unauthorized`: 401 (a revoked token);
 * - `bad-request`: 400 with any description;
 * - `slow`: the answer comes after `ms` (then the call goes on as usual).
 */
export type TelegramFailure =
  | 'rate-limited'
  | 'server-error'
  | 'bad-gateway'
  | 'blocked'
  | 'kicked'
  | 'not-member'
  | 'chat-not-found'
  | 'topic-closed'
  | 'write-forbidden'
  | 'unauthorized'
  | { kind: 'rate-limited'; retryAfter: number }
  | { kind: 'migrated'; to: string | number }
  | { kind: 'bad-request'; description: string }
  | { kind: 'slow'; ms: number };

/** The answer a scripted failure gives; undefined for `slow`, which only delays. */
export function failureAnswer(failure: TelegramFailure): ApiFailure | undefined {
  if (typeof failure === 'object') {
    switch (failure.kind) {
      case 'rate-limited':
        return tooManyRequests(failure.retryAfter);
      case 'migrated':
        return {
          status: 400,
          description: 'Bad Request: group chat was upgraded to a supergroup chat',
          parameters: { migrate_to_chat_id: Number(failure.to) },
        };
      case 'bad-request':
        return { status: 400, description: failure.description };
      case 'slow':
        return undefined;
    }
  }
  switch (failure) {
    case 'rate-limited':
      return tooManyRequests(3);
    case 'server-error':
      return { status: 500, description: 'Internal Server Error' };
    case 'bad-gateway':
      return { status: 502, description: 'Bad Gateway' };
    case 'blocked':
      return { status: 403, description: 'Forbidden: bot was blocked by the user' };
    case 'kicked':
      return { status: 403, description: 'Forbidden: bot was kicked from the group chat' };
    case 'not-member':
      return { status: 403, description: 'Forbidden: bot is not a member of the supergroup chat' };
    case 'chat-not-found':
      return badRequest('chat not found');
    case 'topic-closed':
      return badRequest('TOPIC_CLOSED');
    case 'write-forbidden':
      return badRequest('CHAT_WRITE_FORBIDDEN');
    case 'unauthorized':
      return { status: 401, description: 'Unauthorized' };
  }
}

/** 429 with Telegram's wording. */
export function tooManyRequests(retryAfterSeconds: number): ApiFailure {
  return {
    status: 429,
    description: `Too Many Requests: retry after ${retryAfterSeconds}`,
    parameters: { retry_after: retryAfterSeconds },
  };
}

/** 400 with Telegram's "Bad Request: " prefix. */
export function badRequest(reason: string): ApiFailure {
  return { status: 400, description: `Bad Request: ${reason}` };
}
