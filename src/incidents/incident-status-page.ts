// Pure: published incidents → the status page (one self-contained HTML document: inline CSS, no scripts, no
// external assets, every text escaped) and its JSON twin.
import { DateTime } from 'luxon';
import { INCIDENT_IMPACTS, INCIDENT_STATUSES, type PublishedIncident } from './incident';

export interface StatusPageData {
  current: PublishedIncident[];
  history: PublishedIncident[];
}

export function splitByStatus(incidents: PublishedIncident[]): StatusPageData {
  const newestFirst = [...incidents].sort((a, b) => b.declaredAt.getTime() - a.declaredAt.getTime());
  return { current: newestFirst.filter((i) => i.status !== 'resolved'), history: newestFirst.filter((i) => i.status === 'resolved') };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const formatTime = (d: Date, zone: string) => DateTime.fromJSDate(d).setZone(zone).toFormat('LLL d, yyyy, h:mm a ZZZZ');
const time = (d: Date, zone: string) => `<time datetime="${d.toISOString()}">${escapeHtml(formatTime(d, zone))}</time>`;

function duration(from: Date, to: Date): string {
  const minutes = Math.max(1, Math.round((to.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

function renderIncident(incident: PublishedIncident, zone: string): string {
  const updates = [...incident.updates].reverse().map(
    (u) => `<li><p class="when"><strong>${INCIDENT_STATUSES[u.status]}</strong> · ${time(u.at, zone)}</p><p class="message">${escapeHtml(u.message)}</p></li>`,
  );
  const lasted = incident.resolvedAt ? `<p class="meta">Resolved after ${duration(incident.declaredAt, incident.resolvedAt)}</p>` : '';
  return `<article class="incident impact-${incident.impact} status-${incident.status}" id="incident-${escapeHtml(incident.id)}">
<h3>${escapeHtml(incident.title)}</h3>
<p class="badges"><span class="badge status">${INCIDENT_STATUSES[incident.status]}</span> <span class="badge impact">${INCIDENT_IMPACTS[incident.impact]}</span></p>
<p class="meta">Affected: ${escapeHtml(incident.areas.join(', '))} · started ${time(incident.declaredAt, zone)}</p>${lasted}
<ol class="updates">${updates.join('')}</ol>
</article>`;
}

const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d1c1d;background:#f8f8f8}
main{max-width:46rem;margin:0 auto;padding:1rem}h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}h3{font-size:1.1rem;margin:0 0 .25rem;overflow-wrap:anywhere}
.summary{padding:.75rem 1rem;border-radius:8px;font-weight:600;color:#fff}.summary.ok{background:#2b8a3e}.summary.down{background:#c92a2a}
.incident{background:#fff;border:1px solid #ddd;border-left:6px solid #868e96;border-radius:8px;padding:.75rem 1rem;margin:.75rem 0}
.impact-degraded{border-left-color:#f59f00}.impact-partial{border-left-color:#e8590c}.impact-major{border-left-color:#c92a2a}.status-resolved{border-left-color:#2b8a3e}
.badge{display:inline-block;font-size:.8rem;padding:.1rem .5rem;border-radius:999px;background:#eee;margin-right:.25rem}
.meta{color:#616061;font-size:.9rem;margin:.25rem 0}.updates{list-style:none;padding:0;margin:.5rem 0 0}.updates li{border-top:1px solid #eee;padding:.5rem 0}
.when{margin:0;font-size:.9rem}.message{margin:.25rem 0 0;white-space:pre-wrap;overflow-wrap:anywhere}footer{color:#616061;font-size:.85rem;margin:2rem 0}`;

export function renderStatusPage(data: StatusPageData, options: { zone: string; now: Date; title?: string }): string {
  const { current, history } = data;
  const zone = options.zone;
  const title = escapeHtml(options.title ?? 'GoodTime status');
  const summary = current.length === 0
    ? '<p class="summary ok">All systems operational</p>'
    : `<p class="summary down">${current.length} active incident${current.length === 1 ? '' : 's'}</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>${STYLE}</style></head>
<body><main>
<header><h1>${title}</h1>${summary}<p class="meta">Updated ${time(options.now, zone)} · times in ${escapeHtml(zone)}</p></header>
<section aria-labelledby="current"><h2 id="current">Current incidents</h2>
${current.length ? current.map((i) => renderIncident(i, zone)).join('\n') : '<p>No incidents right now.</p>'}
</section>
<section aria-labelledby="history"><h2 id="history">Past incidents</h2>
${history.length ? history.map((i) => renderIncident(i, zone)).join('\n') : '<p>No past incidents.</p>'}
</section>
<footer>Machine-readable: <a href="status.json">status.json</a></footer>
</main></body></html>
`;
}

export function statusJson(data: StatusPageData, now: Date) {
  const out = (i: PublishedIncident) => ({
    id: i.id,
    title: i.title,
    impact: i.impact,
    status: i.status,
    areas: i.areas,
    declaredAt: i.declaredAt.toISOString(),
    lastUpdateAt: i.lastUpdateAt.toISOString(),
    resolvedAt: i.resolvedAt?.toISOString() ?? null,
    updates: i.updates.map((u) => ({ status: u.status, message: u.message, at: u.at.toISOString() })),
  });
  return { generatedAt: now.toISOString(), current: data.current.map(out), history: data.history.map(out) };
}
