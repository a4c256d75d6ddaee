/**
 * The HTTP plumbing of the loopback Discord: routes, bot-token checks, the global rate limit,
 * scripted failures and the request record. The routes themselves live beside it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SlidingWindows } from './fake-discord-limits.js';

/** What a route answers. */
export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One route: `pattern` is matched against the path after `/api/v10`, decoded. */
export interface Route {
  method: string;
  pattern: RegExp;
  /** Needs `Authorization: Bot <token>` (interaction callbacks and webhooks do not). */
  auth: boolean;
  /** The channel a scripted failure for a channel applies to. */
  channelOf?(match: RegExpExecArray): string | undefined;
  handle(match: RegExpExecArray, body: unknown, query: URLSearchParams): Answer | Promise<Answer>;
}

/** One request the fake received, with what it answered. */
export interface FakeRequest {
  method: string;
  /** Path after `/api/v10`, decoded (`/channels/1/messages`, `/webhooks/app/tok/messages/@original`). */
  path: string;
  query: Record<string, string>;
  /** The JSON body, if any. */
  body: unknown;
  /** `ok`, `missing` or `wrong`: never the token itself. */
  auth: 'ok' | 'missing' | 'wrong' | 'not-needed';
  status: number;
  at: number;
}

/** A scripted answer for the next matching request. */
export type FakeFailure =
  | { kind: 'status'; status: number; code?: number; message?: string }
  | { kind: 'rate-limit'; retryAfter: number; global?: boolean }
  /** Wait, then answer normally. */
  | { kind: 'slow'; delayMs: number }
  /** Never answer (until the fake closes). */
  | { kind: 'hang' };

/** Which requests a scripted failure applies to; by default the next message posted to any channel. */
export interface FailureMatch {
  method?: string;
  /** Tested against the decoded path after `/api/v10`; default `/channels/<id>/messages`. */
  path?: RegExp;
  channelId?: string;
}

/** Ready-made failures, named as the sender sees them. */
export const DISCORD_FAILURES = {
  unknownChannel: { kind: 'status', status: 404, code: 10003, message: 'Unknown Channel' },
  missingAccess: { kind: 'status', status: 403, code: 50001, message: 'Missing Access' },
  missingPermissions: { kind: 'status', status: 403, code: 50013, message: 'Missing Permissions' },
  unauthorized: { kind: 'status', status: 401, code: 0, message: '401: Unauthorized' },
  serverError: { kind: 'status', status: 500, code: 0, message: 'Internal Server Error' },
  badGateway: { kind: 'status', status: 502, code: 0, message: 'Bad Gateway' },
  rateLimited: (retryAfter = 1.5, global = false): FakeFailure => ({ kind: 'rate-limit', retryAfter, global }),
} as const satisfies Record<string, FakeFailure | ((...args: never[]) => FakeFailure)>;

const MESSAGES_PATH = /^\/channels\/(\d+)\/messages$/;

/** A JSON error body as Discord sends it. */
export function discordError(status: number, code: number, message: string, errors?: unknown): Answer {
  return { status, body: { message, code, ...(errors === undefined ? {} : { errors }) } };
}

/** Discord's 400 Invalid Form Body (50035) naming the field that broke. */
export function invalidFormBody(problem: { field: string; problem: string }): Answer {
  return discordError(400, 50035, 'Invalid Form Body', { [problem.field]: { _errors: [{ code: 'INVALID', message: problem.problem }] } });
}

/** A 429 as Discord sends it: float `retry_after` in the body, whole seconds in `Retry-After`. */
export function rateLimitAnswer(retryAfterSeconds: number, global: boolean): Answer {
  const retryAfter = Math.round(retryAfterSeconds * 1000) / 1000;
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: retryAfter, global },
    headers: {
      'Retry-After': String(Math.ceil(retryAfter)),
      'X-RateLimit-Scope': global ? 'global' : 'user',
      ...(global ? { 'X-RateLimit-Global': 'true' } : {}),
    },
  };
}

/** The request handling shared by every route. */
export class FakeDiscordHttp {
  readonly requests: FakeRequest[] = [];
  readonly #routes: Route[] = [];
  readonly #failures: Array<{ match: FailureMatch; failure: FakeFailure }> = [];
  readonly #global: SlidingWindows;
  readonly #hanging = new Set<ServerResponse>();
  #outage: FakeFailure | undefined;
  /** 429s answered, by scope, counting scripted ones. */
  readonly rateLimited = { channel: 0, global: 0, scripted: 0 };

  constructor(
    private readonly options: { token: () => string; now: () => number; globalLimit: { count: number; windowMs: number } },
  ) {
    this.#global = new SlidingWindows(options.globalLimit);
  }

  route(route: Route): void {
    this.#routes.push(route);
  }

  /** Queues a failure for the next request that matches. */
  failNext(failure: FakeFailure, match: FailureMatch = {}, times = 1): void {
    for (let i = 0; i < times; i++) this.#failures.push({ match, failure });
  }

  /**
   * Every message post gets `failure` until called with `undefined` (an outage); with `hang` the
   * posts are never answered, and are dropped unprocessed (sockets closed) when the outage ends.
   */
  setOutage(failure: FakeFailure | undefined): void {
    this.#outage = failure;
    if (failure === undefined) this.releaseHanging();
  }

  /** Requests answered by an outage. */
  outageAnswers = 0;

  /** Drops every scripted failure not used yet. */
  clearFailures(): void {
    this.#failures.length = 0;
  }

  /** Ends hanging requests (on close). */
  releaseHanging(): void {
    for (const response of this.#hanging) response.destroy();
    this.#hanging.clear();
  }

  async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const raw = await readBody(request);
    let body: unknown;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      return this.#send(response, { method, path: url.pathname, query: {}, body: raw, auth: 'not-needed', status: 0, at: 0 }, discordError(400, 50109, 'The request body contains invalid JSON.'));
    }
    const prefix = '/api/v10';
    const path = decodeURIComponent(url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname);
    const record: FakeRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      auth: 'not-needed',
      status: 0,
      at: this.options.now(),
    };
    this.requests.push(record);
    if (!url.pathname.startsWith(`${prefix}/`)) return this.#send(response, record, discordError(404, 0, '404: Not Found'));

    let found: { route: Route; match: RegExpExecArray } | undefined;
    for (const route of this.#routes) {
      const match = route.method === method ? route.pattern.exec(path) : null;
      if (match) {
        found = { route, match };
        break;
      }
    }
    if (!found) return this.#send(response, record, discordError(404, 0, '404: Not Found'));
    const { route, match } = found;

    if (route.auth) {
      const header = request.headers.authorization;
      record.auth = header === undefined ? 'missing' : header === `Bot ${this.options.token()}` ? 'ok' : 'wrong';
      if (record.auth !== 'ok') return this.#send(response, record, discordError(401, 0, '401: Unauthorized'));
      const wait = this.#global.take('bot', this.options.now());
      if (wait > 0) {
        this.rateLimited.global++;
        return this.#send(response, record, rateLimitAnswer(wait / 1000, true));
      }
    }

    const failure = this.#takeFailure(method, path, route.channelOf?.(match));
    if (failure?.kind === 'hang') {
      record.status = -1;
      this.#hanging.add(response);
      return;
    }
    if (failure?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, failure.delayMs));
    if (failure?.kind === 'status') {
      return this.#send(response, record, discordError(failure.status, failure.code ?? 0, failure.message ?? `${failure.status}`));
    }
    if (failure?.kind === 'rate-limit') {
      this.rateLimited.scripted++;
      return this.#send(response, record, rateLimitAnswer(failure.retryAfter, failure.global ?? false));
    }
    let answer: Answer;
    try {
      answer = await route.handle(match, body, url.searchParams);
    } catch (error) {
      answer = discordError(500, 0, `fake error: ${String(error)}`);
    }
    this.#send(response, record, answer);
  }

  #takeFailure(method: string, path: string, channelId: string | undefined): FakeFailure | undefined {
    const index = this.#failures.findIndex(({ match }) => {
      if (match.method !== undefined && match.method !== method) return false;
      if (match.channelId !== undefined && match.channelId !== channelId) return false;
      const pattern = match.path ?? (match.method === undefined ? MESSAGES_PATH : /./);
      if (match.path === undefined && match.method === undefined && method !== 'POST') return false;
      return pattern.test(path);
    });
    if (index === -1) {
      if (this.#outage === undefined || method !== 'POST' || !MESSAGES_PATH.test(path)) return undefined;
      this.outageAnswers++;
      return this.#outage;
    }
    return this.#failures.splice(index, 1)[0]?.failure;
  }

  #send(response: ServerResponse, record: FakeRequest, answer: Answer): void {
    record.status = answer.status;
    const headers: Record<string, string> = { ...answer.headers };
    if (answer.body !== undefined) headers['Content-Type'] = 'application/json';
    response.writeHead(answer.status, headers);
    response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
