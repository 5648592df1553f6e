// Kill the app (SIGKILL, as a power cut would) at every step boundary of filing a ticket, moving it on and voting on
// it, restart it on the same database (its own process), and count what was lost or doubled: tickets, cards,
// confirmations, support emails, phase updates and votes. (crash-points-asking.test.ts: asking a question;
// crash-points-more.test.ts: the rest. Three files, so that the two test workers share the waits.)
import { describe, expect, it } from 'vitest';
import { waitFor } from '@goodtime-help/slack-stand-in';
import { fillTicketForm } from '../tickets/ticket-helpers';
import { useCrashHarness } from './crash-harness';

const FILING = ['ticket.stored', 'publisher.posted', 'ticket.card_posted', 'ticket.card_recorded', 'ticket.email_queued', 'ticket.filer_told'];
const MOVING = ['intent.acknowledged', 'publisher.posted', 'ticket.move_recorded', 'ticket.move_noted'];
/** Killed with a message in Slack but not recorded, the restarted app must find it: its first look-ups get a 429, then a 503. */
const LOOK_UPS = ['conversations.history', 'conversations.replies'];

describe('crash points: SIGKILL at every step of filing a ticket, moving it on and voting on it, then a restart on the same database', () => {
  const h = useCrashHarness('crash-points');

  const failLookUps = (point: string) => {
    if (point !== 'publisher.posted') return;
    for (const method of LOOK_UPS) {
      h.fake.failNext(method, { status: 429, retryAfter: 1 });
      h.fake.failNext(method, { status: 503 });
    }
  };
  /** The look-ups of the message in doubt met the failures (those of the look-up not needed are dropped). */
  const lookUpsFailed = (point: string) => {
    if (point !== 'publisher.posted') return;
    expect(h.fake.pendingFailures().length).toBeLessThanOrEqual(2);
    h.fake.clearFailures();
  };

  it.each(FILING)('when the app dies at %s while a ticket is filed, then after a restart there is one ticket, one card, one email, one confirmation', { timeout: 150_000 }, async (point) => {
    await h.start({ CRASH_AT: point });
    const summary = `Crash at ${point}: calendar sync stalls`;
    expect((await h.lia.runSlashCommand('ticket')).ok).toBe(true);
    const modal = await fillTicketForm(h.lia, {
      summary,
      fields: { 'What were you trying to do?': 'Sync a calendar', 'What actually happened?': 'Nothing synced', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now' },
    });
    const submitted = await modal.submit();
    expect(submitted.errorsByLabel ?? {}).toEqual({});
    expect(submitted.outcome).toBe('closed');
    expect(await h.died()).toBe('SIGKILL');

    failLookUps(point);
    await h.start();
    // Killed between posting the card and recording it, its key stays leased (45 s) before the sweep looks it up.
    await waitFor(async () => (await h.db.collection('tickets').countDocuments({ title: summary, announcedAt: { $exists: true } })) > 0, { timeout: 80_000 });
    lookUpsFailed(point);
    const ticket = await h.db.collection('tickets').findOne({ title: summary });
    // Killed mid-send, the email waits out the outbox lease (one SMTP send, 45 s at most) before it is sent again.
    await waitFor(() => h.inbox.messages.some((m) => m.subject.includes(String(ticket?.key))), { timeout: 60_000 });
    h.exactlyOne(`ticket (${point})`, await h.db.collection('tickets').countDocuments({ title: summary }));
    h.exactlyOne(`ticket card (${point})`, h.fake.messages(h.teamChannel).filter((m) => m.text.startsWith(`${ticket?.key} `)).length);
    h.exactlyOne(`support email (${point})`, new Set(h.inbox.messages.filter((m) => m.subject.includes(String(ticket?.key))).map((m) => m.messageId)).size);
    h.exactlyOne(`filer's confirmation (${point})`, h.fake.dms(h.lia.id).filter((m) => m.text.includes(String(ticket?.key))).length);
    await h.stop();
    h.counted();
  });

  it.each(MOVING)('when the app dies at %s while a liaison moves a ticket on, then after a restart the move is announced once in each place', { timeout: 150_000 }, async (point) => {
    await h.start();
    const summary = `Crash at ${point}: reminders stop`;
    const ticket = await h.fileThroughForm({
      summary,
      fields: { 'What were you trying to do?': 'Send reminders', 'What actually happened?': 'None went out', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now' },
    });
    const card = ticket.card;
    await h.stop();

    await h.start({ CRASH_AT: point });
    const next = (h.fake.message(card.channel, card.ts)?.blocks ?? [])
      .flatMap((b) => ((b as { elements?: { text?: { text?: string } }[] }).elements ?? []).map((e) => e.text?.text ?? ''))
      .find((text) => text.startsWith('Next:')) as string;
    await h.lia.clickButton(next, card);
    expect(await h.died()).toBe('SIGKILL');

    failLookUps(point);
    await h.start();
    await waitFor(async () => (await h.db.collection('tickets').countDocuments({ title: summary, 'history.0.announcedAt': { $exists: true } })) > 0, { timeout: 80_000 });
    lookUpsFailed(point);
    const announced = h.publishedUnder(`ticket:${ticket.id}:move:0:`);
    h.exactlyOne(`phase update in the thread (${point})`, announced.get(`ticket:${ticket.id}:move:0:thread`) ?? 0);
    h.exactlyOne(`phase line in the channel (${point})`, announced.get(`ticket:${ticket.id}:move:0:channel`) ?? 0);
    for (const [key, count] of announced) h.exactlyOne(key, count); // any other place announced twice
    await h.stop();
    h.counted();
  });

  it('when the app dies at ticket.vote_recorded as someone clicks Me too, then after a restart the card counts them and the thread notes it once', { timeout: 100_000 }, async () => {
    const point = 'ticket.vote_recorded';
    await h.start();
    const ticket = await h.fileThroughForm({
      summary: `Crash at ${point}: invites bounce`,
      fields: { 'What were you trying to do?': 'Send invites', 'What actually happened?': 'They bounce', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now' },
    });
    await h.stop();

    await h.start({ CRASH_AT: point });
    await h.ana.clickButton('Me too', ticket.card);
    expect(await h.died()).toBe('SIGKILL');

    await h.start();
    const stored = () => h.db.collection('tickets').findOne({ key: ticket.key });
    await waitFor(async () => (await stored())?.pendingVotes?.length === 0, { timeout: 30_000 });
    const card = JSON.stringify(h.fake.message(ticket.card.channel, ticket.card.ts)?.blocks ?? []);
    h.exactlyOne(`vote (${point})`, ((await stored())?.voters as string[]).filter((v) => v === h.ana.id).length);
    h.exactlyOne(`vote on the card (${point})`, card.includes('2 people have this') ? 1 : 0);
    h.exactlyOne(`vote note in the thread (${point})`, h.publishedUnder(`ticket:${ticket.id}:vote:${h.ana.id}`).get(`ticket:${ticket.id}:vote:${h.ana.id}`) ?? 0);
    await h.stop();
    h.counted();
  });
});
