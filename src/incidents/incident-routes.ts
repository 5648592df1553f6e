// GET /status (HTML) and GET /status.json: current incidents first, history below — only what the team channel
// has seen. The content security policy forbids scripts and any outside asset.
import type { ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import type { PublishedIncident } from './incident';
import { sendJson, type Routes } from '../http/server';
import { renderStatusPage, splitByStatus, statusJson } from './incident-status-page';

export interface StatusPageSource {
  listPublished(limit?: number): Promise<PublishedIncident[]>;
}

const HISTORY_LIMIT = 50;

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-cache',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    'x-content-type-options': 'nosniff',
  });
  res.end(html);
}

export function statusPageRoutes(source: StatusPageSource, options: { clock: Clock; zone: string }): Routes {
  const load = async () => splitByStatus(await source.listPublished(HISTORY_LIMIT));
  return {
    'GET /status': async (_req, res) => {
      sendHtml(res, renderStatusPage(await load(), { zone: options.zone, now: options.clock.now().toJSDate() }));
    },
    'GET /status.json': async (_req, res) => {
      res.setHeader('cache-control', 'no-cache');
      sendJson(res, 200, statusJson(await load(), options.clock.now().toJSDate()));
    },
  };
}
