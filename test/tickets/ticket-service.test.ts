// The ticket use cases other capabilities call (incidents, App Home), against a real database; Slack is replaced
// by a notifier that records what it would show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { Connection } from 'mongoose';
import { createManualClock } from '../../src/clock';
import { connectDatabase } from '../../src/db/connection';
import { createLogger } from '../../src/logger';
import { createOutbox } from '../../src/delivery/outbox-worker';
import { createOutboxStore } from '../../src/delivery/outbox-store';
import type { Scheduler } from '../../src/jobs/scheduler';
import { processPresets, type ProcessDefinition } from '../../src/process';
import { createTicketStore } from '../../src/tickets/ticket-store';
import { createTicketService, type TicketService } from '../../src/tickets/ticket-service';
import type { TicketNotifier } from '../../src/tickets/ticket-ports';
import type { TicketInput } from '../../src/tickets/ticket-form';
import { startTestDatabase, type TestDatabase } from '../support/database';

function recordingNotifier(): TicketNotifier & { events: string[] } {
  const events: string[] = [];
  let ts = 0;
  return {
    events,
    async postCard(t) {
      ts += 1;
      events.push(`card ${t.key}`);
      return { card: { channel: 'C0TEAM', ts: `${ts}.0` }, threadTs: `${ts}.0`, permalink: `https://acme.slack.com/p${ts}` };
    },
    updateCard: async (t) => void events.push(`update ${t.key} ${String(t.stage)}`),
    confirmFiled: async (t) => void events.push(`filed ${t.key}`),
    filingDelayed: async (t) => void events.push(`delayed ${t.key}`),
    phaseChanged: async (t, move) => void events.push(`phase ${t.key} ${String(move.from)}→${String(move.to)} ${move.reason ?? ''}`.trim()),
    askToConfirmFix: async (t, users) => void events.push(`ask ${t.key} ${users.join(',')}`),
    voteAdded: async (t, user) => void events.push(`vote ${t.key} ${user}`),
    csmEscalated: async (t) => void events.push(`csm ${t.key}`),
    nudge: async (t, nudge) => void events.push(`nudge ${t.key} ${nudge.kind}`),
    supportReply: async (t, mail) => void events.push(`reply ${t.key} ${mail.messageId}`),
    noteSent: async (t, note, at) => void events.push(`note ${t.key} ${note.id}${at ? ' delivered' : ''}`),
    csmBroughtIn: async (t) => void events.push(`csm-ladder ${t.key}`),
    askFeedback: async (t) => void events.push(`feedback ${t.key}`),
    filesAttached: async (t, files) => void events.push(`files ${t.key} ${files.attached.join(',')}`),
    proposalFlagged: async (t) => void events.push(`flagged ${t.key}`),
    proposalDecided: async (t) => void events.push(`decided ${t.key} ${t.proposal?.state ?? ''}`),
  };
}

const scheduler: Scheduler = {
  define: () => undefined,
  scheduleOnce: async () => undefined,
  every: async () => undefined,
  sweep: () => undefined,
  cancel: async () => undefined,
  cancelAll: async () => undefined,
  start: async () => undefined,
  stop: async () => undefined,
};

describe('tickets, as other capabilities use them', () => {
  let db: TestDatabase;
  let connection: Connection;
  let service: TicketService;
  let notifier: ReturnType<typeof recordingNotifier>;
  const clock = createManualClock(DateTime.fromISO('2026-03-02T17:00:00Z'));
  const input = (typeId: string, title: string, reporterId = 'U0ANA'): TicketInput => ({ typeId, severityId: 'S3', title, reporterId, fields: {} });

  beforeAll(async () => {
    db = await startTestDatabase();
    connection = await connectDatabase(db.uri);
    notifier = recordingNotifier();
    const logger = createLogger({ level: 'silent' });
    service = createTicketService({
      store: createTicketStore(connection),
      process: processPresets.goodtime as ProcessDefinition,
      clock,
      scheduler,
      notifier,
      outbox: createOutbox({ store: createOutboxStore(connection), clock, logger, retry: { baseMs: 1000, maxMs: 60_000 }, pollIntervalMs: 60_000 }),
      personOf: async (id) => ({ name: id }),
      isLiaison: async (id) => id === 'U0LIA',
      settings: { supportEmail: 'support@goodtime.io', promoteVotes: 3 },
      logger,
    });
  });
  afterAll(async () => {
    await connection?.close();
    await db?.stop();
  });

  it('numbers tickets from the process (GT-1001, GT-1002 …) with no gaps or repeats under concurrency', async () => {
    const filed = await Promise.all(Array.from({ length: 8 }, (_, i) => service.file(`test:${i}`, input('question', `Question ${i}`), 'U0LIA', { kind: 'command' })));
    expect(filed.map((f) => f.ticket.key).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `GT-${1001 + i}`).sort());
    expect((await service.file('test:0', input('question', 'Again'), 'U0LIA', { kind: 'command' })).created).toBe(false);
    expect((await service.findByKey('GT-1003'))?.key).toBe('GT-1003');
    expect(await service.findByKey('GT-9999')).toBeNull();
  });

  it('links tickets to an incident, lists them, and on resolution moves a bug on hold (asking its reporter) and a question to its last phase', async () => {
    const { ticket: bug } = await service.file('test:bug', input('bug', 'Invites duplicated', 'U0ANA'), 'U0LIA', { kind: 'command' });
    const { ticket: question } = await service.file('test:q', input('question', 'Why duplicated?', 'U0BEN'), 'U0LIA', { kind: 'command' });
    await service.linkIncident(bug.id, { id: 'inc-1', title: 'Invite service outage' });
    await service.linkIncident(question.id, { id: 'inc-1', title: 'Invite service outage' });
    expect((await service.listByIncident('inc-1')).map((t) => t.key)).toEqual([bug.key, question.key]);
    expect((await service.get(bug.id)).incident).toEqual({ id: 'inc-1', title: 'Invite service outage' });

    const resolvedBug = await service.resolveByIncident(bug.id, 'Invite service outage');
    expect(resolvedBug.ticket.stage).toBe('on-hold');
    expect(notifier.events).toContain(`phase ${bug.key} 1→on-hold Incident resolved: Invite service outage`);
    expect(notifier.events).toContain(`ask ${bug.key} U0ANA`);
    const resolvedQuestion = await service.resolveByIncident(question.id, 'Invite service outage');
    expect(resolvedQuestion.ticket.stage).toBe(3);
    expect((await service.resolveByIncident(bug.id, 'Invite service outage')).changed).toBe(false);
  });

  it('lists a requester’s tickets (newest first) and the open ones', async () => {
    const mine = await service.listByRequester('U0BEN');
    expect(mine.map((t) => t.title)).toEqual(['Why duplicated?']);
    const open = await service.listOpen(50);
    expect(open.every((t) => t.stage !== 'closed')).toBe(true);
    expect(open.length).toBeGreaterThanOrEqual(10);
  });

  it('records each vendor update as met when it comes by its due time, and as missed (once) when it comes late', async () => {
    const { ticket } = await service.file('test:cadence', { ...input('bug', 'Reminders late'), severityId: 'S2' }, 'U0LIA', { kind: 'command' });
    const firstDue = ticket.updateDueAt as Date;
    clock.advance(3_600_000);
    await service.moveByLiaison(ticket.id, 2, 'U0LIA');
    const afterMove = await service.get(ticket.id);
    expect(afterMove).toMatchObject({ updatesMet: 1, updatesMissed: 0 });
    expect((afterMove.updateDueAt as Date).getTime()).toBeGreaterThan(firstDue.getTime());

    clock.advance(3 * 86_400_000); // past the next due time, before its timer ran
    const secondDue = afterMove.updateDueAt as Date;
    await service.moveByLiaison(ticket.id, 3, 'U0LIA');
    await service.checkUpdate({ key: `${ticket.id}:${secondDue.getTime()}`, ticketId: ticket.id, dueAt: secondDue.getTime() });
    const judged = await service.get(ticket.id);
    expect(judged).toMatchObject({ updatesMet: 1, updatesMissed: 1 });
    // Each outcome keeps when it happened: a met update when it came, a missed one when it fell due.
    expect(judged.updateOutcomes).toEqual([
      { dueAt: firstDue, at: afterMove.history[0]?.at, met: true },
      { dueAt: secondDue, at: secondDue, met: false },
    ]);
  });

  it('finishes publishing a ticket whose filing was interrupted before its card was posted', async () => {
    const store = createTicketStore(connection);
    const now = clock.now();
    await store.create('test:interrupted', 1999, 'GT-1999', {
      typeId: 'question', severityId: 'S4', title: 'Interrupted', fields: {}, reporterId: 'U0ANA', filedBy: 'U0LIA', origin: { kind: 'command' },
      stage: 1, stageEnteredAt: now.toJSDate(), createdAt: now.toJSDate(), acknowledgementDueAt: now.toJSDate(), email: { state: 'not-configured', to: 'support@goodtime.io' },
    }, now.plus({ minutes: 1 }).toJSDate());
    await service.publishPending();
    expect(notifier.events).not.toContain('card GT-1999'); // the filing request still holds it
    clock.advance(2 * 60_000);
    await service.publishPending();
    await service.publishPending();
    expect(notifier.events.filter((e) => e === 'card GT-1999')).toHaveLength(1);
    expect((await service.findByKey('GT-1999'))?.emailQueuedAt).toBeInstanceOf(Date);
  });
});
