// Pure: `/goodtime-help insights [7d|30d|90d|YYYY-MM-DD..YYYY-MM-DD]` — the period asked for, and the period's
// questions and tickets as CSV rows for a CSM review (times, category, severity, targets, first response,
// resolution; no message text, so the file carries no one's words).
import { DateTime } from 'luxon';
import { stringify } from 'csv-stringify/sync';
import type { Question } from '../questions/question';
import { sentToVendor, type Ticket } from '../tickets/ticket';

export interface Period {
  from: Date;
  to: Date;
  label: string;
}

const MAX_DAYS = 366;

/** The period named by the command's argument (default 30 days up to now); an error message for anything else. */
export function parsePeriod(arg: string, now: DateTime, zone: string): Period | { error: string } {
  const text = arg.trim().toLowerCase() || '30d';
  const days = text.match(/^(7|30|90)d$/);
  if (days) return { from: now.minus({ days: Number(days[1]) }).toJSDate(), to: now.toJSDate(), label: `last ${days[1]} days` };
  const range = text.match(/^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/);
  if (range) {
    const from = DateTime.fromISO(range[1] as string, { zone }).startOf('day');
    const to = DateTime.fromISO(range[2] as string, { zone }).endOf('day');
    if (!from.isValid || !to.isValid) return { error: `\`${arg.trim()}\` is not a date range I can read: use YYYY-MM-DD..YYYY-MM-DD.` };
    if (to < from) return { error: 'The range ends before it starts.' };
    if (to.diff(from, 'days').days > MAX_DAYS) return { error: `Ask for at most ${MAX_DAYS} days at a time.` };
    return { from: from.toJSDate(), to: to.toJSDate(), label: `${range[1]} to ${range[2]}` };
  }
  return { error: 'Ask for `7d`, `30d`, `90d` or a range such as `2026-11-01..2026-11-30`.' };
}

const iso = (d: Date | undefined) => (d ? d.toISOString() : '');
const minutesBetween = (a: Date, b: Date | undefined) => (b ? String(Math.round((b.getTime() - a.getTime()) / 60_000)) : '');

export const CSV_COLUMNS = [
  'kind', 'id', 'created_at', 'category_or_type', 'severity', 'status', 'first_response_minutes', 'resolved_at',
  'escalated_to', 'acknowledgement_target', 'acknowledged_at', 'acknowledgement', 'updates_met', 'updates_missed', 'workaround', 'rating',
] as const;

function questionRow(q: Question): string[] {
  const resolved = q.status === 'answered' ? q.answer?.at : q.status === 'withdrawn' ? q.withdrawnAt : q.suggestion?.at;
  return ['question', q.id, iso(q.createdAt), q.category, q.blocked ? 'blocked' : '', q.status, minutesBetween(q.createdAt, q.firstResponse?.at), iso(resolved), q.escalation?.ticketKey ?? (q.escalation ? 'support' : ''), '', '', '', '', '', '', q.feedback?.rating ?? ''];
}

function ticketRow(t: Ticket, now: Date): string[] {
  const closed = [...t.history].reverse().find((m) => m.to === 'closed')?.at;
  const ack = !sentToVendor(t) ? `proposal ${t.proposal?.state ?? ''}`.trim() : t.acknowledgedAt ? (t.acknowledgedAt <= t.acknowledgementDueAt ? 'met' : 'missed') : t.acknowledgementDueAt <= now ? 'missed' : 'pending';
  const workaround = t.workaroundMetAt ? 'met' : t.workaroundMissedAt ? 'missed' : t.workaroundDueAt ? 'pending' : '';
  return ['ticket', t.key, iso(t.createdAt), t.typeId, t.severityId, String(t.stage), minutesBetween(t.createdAt, t.acknowledgedAt), iso(closed), '', iso(t.acknowledgementDueAt), iso(t.acknowledgedAt), ack, String(t.updatesMet ?? 0), String(t.updatesMissed ?? 0), workaround, t.feedback?.rating ?? ''];
}

/** One row per question and ticket created in the period, oldest first, with a header. */
export function insightsCsv(questions: Question[], tickets: Ticket[], now: Date): string {
  const rows = [
    ...questions.map((q) => ({ at: q.createdAt, row: questionRow(q) })),
    ...tickets.map((t) => ({ at: t.createdAt, row: ticketRow(t, now) })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return stringify([[...CSV_COLUMNS], ...rows.map((r) => r.row)]);
}
