/**
 * A scripted HTTP server on 127.0.0.1 and a free port, the base of the translation API fakes.
 * Records every request; answers from a queue of scripted replies first, then from the fake's
 * own handler (which follows the real API).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A reply: status, headers, and a body (objects are sent as JSON). */
export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait this long before answering (for timeout tests). */
  delayMs?: number;
}

/** A running fake. */
export interface LoopbackServer {
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  requests: RecordedRequest[];
  /** Answers the next request with `reply` instead of the handler (queue, first in first out). */
  enqueue(...replies: FakeReply[]): void;
  close(): Promise<void>;
}

/** Starts a server whose default behaviour is `handler`. */
export async function startLoopbackServer(handler: (request: RecordedRequest) => FakeReply): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const scripted: FakeReply[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      let reply: FakeReply;
      try {
        reply = scripted.shift() ?? handler(request);
      } catch (error) {
        reply = { status: 500, body: { error: String(error) } };
      }
      const send = () => {
        if (res.destroyed) return;
        const isText = typeof reply.body === 'string';
        const headers = { 'content-type': isText ? 'text/plain' : 'application/json', ...reply.headers };
        res.writeHead(reply.status, headers);
        res.end(reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body));
      };
      if (reply.delayMs === undefined) send();
      else setTimeout(send, reply.delayMs).unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...replies) => scripted.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Parses a recorded JSON body, failing the test loudly when it is not JSON. */
export function jsonBody(request: RecordedRequest | undefined): Record<string, unknown> {
  if (request === undefined) throw new Error('no request was recorded');
  return JSON.parse(request.body) as Record<string, unknown>;
}
