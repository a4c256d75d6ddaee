/**
 * The operator's HTTP endpoint: `GET /healthz` (liveness: the process answers), `GET /readyz`
 * (also `/healthz?ready`: readiness, 503 with the reasons when not ready) and `GET /metrics`
 * (Prometheus text). Nothing else; every other path is a 404 and every other method a 405.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the endpoint serves. */
export interface OpsHandlers {
  /** Why the process is not ready (empty: ready). */
  readiness(): Promise<string[]>;
  /** The metrics' exposition text and content type. */
  metrics(): Promise<{ body: string; contentType: string }>;
}

/** A listening endpoint. */
export interface OpsServer {
  /** The address it listens on, e.g. `127.0.0.1:9464`. */
  readonly address: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Listens on `host:port` (port 0: any free port). */
export async function startOpsServer(host: string, port: number, handlers: OpsHandlers): Promise<OpsServer> {
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://kabar');
    const send = (status: number, body: string, contentType = 'text/plain; charset=utf-8'): void => {
      response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'method not allowed\n');
    const ready = url.pathname === '/readyz' || (url.pathname === '/healthz' && url.searchParams.has('ready'));
    if (ready) {
      handlers.readiness().then(
        (reasons) => send(reasons.length === 0 ? 200 : 503, reasons.length === 0 ? 'ready\n' : `not ready: ${reasons.join('; ')}\n`),
        (error: unknown) => send(503, `not ready: ${error instanceof Error ? error.message : String(error)}\n`),
      );
      return;
    }
    if (url.pathname === '/healthz') return send(200, 'ok\n');
    if (url.pathname === '/metrics') {
      handlers.metrics().then(
        ({ body, contentType }) => send(200, body, contentType),
        (error: unknown) => send(500, `metrics unavailable: ${error instanceof Error ? error.message : String(error)}\n`),
      );
      return;
    }
    send(404, 'not found: /healthz, /readyz and /metrics are served\n');
  });
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      listening();
    });
  });
  const bound = server.address() as AddressInfo;
  return {
    address: `${bound.address}:${bound.port}`,
    port: bound.port,
    close: () =>
      new Promise<void>((closed) => {
        server.close(() => closed());
        server.closeAllConnections();
      }),
  };
}
