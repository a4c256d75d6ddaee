/**
 * A throwaway HTTP server on 127.0.0.1 for feed-fetcher tests: real sockets, never the internet.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** One request the server saw. */
export interface SeenRequest {
  url: string;
  headers: IncomingHttpHeaders;
}

/** A running loopback server. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** Starts a server on an ephemeral loopback port with `handler` answering every request. */
export async function startLoopbackServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', headers: request.headers });
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        // Tests leave trickling and endless responses open on purpose.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Reads a file from test/fixtures/feeds/. */
export function readFixture(name: string): Promise<Buffer> {
  return readFile(fileURLToPath(new URL(`../../fixtures/feeds/${name}`, import.meta.url)));
}
