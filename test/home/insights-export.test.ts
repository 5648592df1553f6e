// `/goodtime-help insights`: a liaison gets the period's figures privately and a CSV of its questions and tickets
// in their DM, uploaded with Slack's current API (files.getUploadURLExternal + files.completeUploadExternal).
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { waitFor } from '@goodtime-help/slack-stand-in';
import { startTestApp, type TestApp } from '../support/app';
import { fileTicket } from '../tickets/ticket-helpers';
import { parsePeriod } from '../../src/home/home-insights-export';

describe('insights for a CSM review', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const card = await t.ask(t.ana, 'Insights check: how do I clone an interview plan?');
    await t.ben.replyInThread(t.teamChannel, card.ts, 'Plans → ⋯ → Clone.');
    const reply = await waitFor(() => t.fake.thread(t.teamChannel, card.ts).find((m) => m.user === t.ben.id));
    await t.ana.react(t.teamChannel, reply.ts, 'white_check_mark');
    await waitFor(() => t.fake.thread(t.teamChannel, card.ts).some((m) => m.text.includes('Saved to the knowledge base')));
    await fileTicket(t, t.lia, {
      summary: 'Insights check: invites go to the wrong calendar',
      severity: 'S2 · High',
      fields: { 'What were you trying to do?': 'Send invites', 'What actually happened?': 'Wrong calendar', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now' },
    });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('when a liaison asks for 30 days, then the figures come privately and a CSV whose rows match the data lands in their DM', async () => {
    expect((await t.lia.runSlashCommand('insights 30d', { channel: t.teamChannel })).ok).toBe(true);
    const figures = await waitFor(() => t.lia.ephemerals().find((e) => e.text.includes('*Insights, last 30 days*')));
    expect(figures.text).toContain('Asked: 1 · answered 1');
    const shared = await waitFor(() => t.lia.dms().find((m) => (m.files ?? []).length > 0), { timeout: 10_000 });
    const file = shared.files?.[0] as { id: string; name: string };
    expect(file.name).toMatch(/^goodtime-help-insights-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse(t.fake.file(file.id)?.content.toString('utf8') ?? '', { columns: true }) as Record<string, string>[];
    const db = t.app.connection;
    const question = await db.collection('questions').findOne({ text: 'Insights check: how do I clone an interview plan?' });
    const ticket = await db.collection('tickets').findOne({ title: 'Insights check: invites go to the wrong calendar' });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ kind: 'question', id: String(question?._id), category_or_type: 'how-to', status: 'answered', created_at: (question?.createdAt as Date).toISOString() });
    expect(Number(rows[0]?.first_response_minutes)).toBeGreaterThanOrEqual(0);
    expect(rows[1]).toMatchObject({ kind: 'ticket', id: String(ticket?.key), severity: 'S2', status: '1', acknowledgement: 'pending', updates_met: '0', updates_missed: '0', workaround: 'pending' });
    const calls = t.fake.calls.map((c) => c.method);
    expect(calls).toContain('files.getUploadURLExternal');
    expect(calls).toContain('files.completeUploadExternal');
  });

  it('when someone who is not a liaison asks, or the period is malformed, then they are told why and nothing is uploaded', async () => {
    await t.ana.runSlashCommand('insights 30d', { channel: t.teamChannel });
    await waitFor(() => t.ana.ephemerals().find((e) => e.text.includes("Only a liaison can export the team's insights")));
    await t.lia.runSlashCommand('insights lastweek', { channel: t.teamChannel });
    await waitFor(() => t.lia.ephemerals().find((e) => e.text.includes('Ask for `7d`, `30d`, `90d`')));
    expect(t.ana.dms().some((m) => (m.files ?? []).length > 0)).toBe(false);
  });

  it('when a range is given, then it is read in the team zone and bounded', () => {
    const now = DateTime.fromISO('2026-12-02T12:00:00Z');
    const period = parsePeriod('2026-11-01..2026-11-30', now, 'America/Los_Angeles');
    expect('error' in period ? period.error : period.label).toBe('2026-11-01 to 2026-11-30');
    expect(parsePeriod('2026-11-30..2026-11-01', now, 'UTC')).toEqual({ error: 'The range ends before it starts.' });
    expect(parsePeriod('2024-01-01..2026-01-01', now, 'UTC')).toEqual({ error: 'Ask for at most 366 days at a time.' });
  });
});
