// A small HTTP server: exact-path routes, JSON errors without stack traces, and a graceful close.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '../logger';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
/** Keys are "METHOD /path", e.g. "GET /healthz". */
export type Routes = Record<string, RouteHandler>;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

export function createHttpServer(routes: Routes, logger: Logger): http.Server {
  const paths = new Set(Object.keys(routes).map((key) => key.split(' ')[1]));
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler = routes[`${req.method} ${path}`];
    if (!handler) {
      if (paths.has(path)) return sendJson(res, 405, { ok: false, error: 'method_not_allowed' });
      return sendJson(res, 404, { ok: false, error: 'not_found' });
    }
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: unknown) => {
        logger.error({ err: error, path }, 'HTTP handler failed');
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error' });
        else res.end();
      });
  });
  server.keepAliveTimeout = 5_000;
  return server;
}

export function listen(server: http.Server, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Stop accepting connections; resolves when in-flight requests have been answered. */
export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
