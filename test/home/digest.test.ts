// The weekly digest: posted to the team channel on its schedule (once per period, whatever restarts or instances
// do) and emailed to the CSM; a liaison posts one now with `/goodtime-help digest`.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@goodtime-help/slack-stand-in';
import { startTestApp, type TestApp } from '../support/app';
import { startSmtpInbox, type SmtpInbox } from '../delivery/smtp-inbox';
import { BUG_FIELDS, cardNow, fastTargetsProcess, fileTicket } from '../tickets/ticket-helpers';
import { buildTicket } from '../tickets/ticket-builder';
import { tallyTargets } from '../../src/home/home-digest';

/** A schedule whose time was a minute ago, in the team's zone. */
function justPassed(zone = 'America/Los_Angeles'): string {
  const at = DateTime.now().setZone(zone).minus({ minutes: 1 });
  return `${at.toFormat('ccc')} ${at.toFormat('HH:mm')}`;
}

describe('the weekly digest', () => {
  let t: TestApp;
  let inbox: SmtpInbox;
  const digests = () => t.fake.messages(t.teamChannel).filter((m) => m.text.startsWith(':bar_chart: *Weekly digest*'));

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    t = await startTestApp({ SMTP_URL: inbox.url, CSM_EMAIL: 'csm@goodtime.io' });
    const answered = await t.ask(t.ana, 'Digest check: how do I clone an interview plan?');
    await t.ben.replyInThread(t.teamChannel, answered.ts, 'Plans → ⋯ → Clone.');
    const reply = await waitFor(() => t.fake.thread(t.teamChannel, answered.ts).find((m) => m.user === t.ben.id));
    await t.ana.react(t.teamChannel, reply.ts, 'white_check_mark');
    await waitFor(() => t.fake.thread(t.teamChannel, answered.ts).some((m) => m.text.includes('Saved to the knowledge base')));
    // Carl's question is solved by that answer before it reaches the team: a deflection.
    const carl = t.person('carl');
    await carl.runSlashCommand('Digest check: how can I clone an interview plan?');
    const form = await carl.waitForModal({ title: 'Ask the project team' });
    await form.fillAll({ Category: 'How-to' });
    await form.submit();
    await (await carl.waitForModal({ title: 'Answered before' })).clickButton('This solved it');
    await waitFor(() => carl.modal().text().includes('Glad that solved it.'));
    await t.ask(t.ana, 'Digest check: why are debrief invites missing the hiring manager?');
    await fileTicket(t, t.lia, {
      summary: 'Digest check: invites go to the wrong calendar',
      fields: { 'What were you trying to do?': 'Send invites', 'What actually happened?': 'Wrong calendar', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now' },
    });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await inbox?.stop();
  });

  it('when its time has come, then the digest is posted once to the team channel and emailed to the CSM, even across restarts', async () => {
    await t.restart({ DIGEST_SCHEDULE: justPassed() });
    const digest = await waitFor(() => digests()[0], { timeout: 10_000 });
    const text = t.render(digest);
    expect(text).toContain('Asked: 3 · answered 1 · solved by an answer given before 1 (33 %) · escalated 0 (0 %)');
    expect(text).toContain('Open now: questions 1 (1 under a day, 0 1–3 days, 0 over 3 days); tickets with GoodTime 1 (1 under a day');
    expect(text).toMatch(/First response \(median\): (under a minute|\d+ min)/);
    expect(text).toContain('GoodTime targets: acknowledgement 0 met, 0 missed · updates 0 met, 0 missed · workaround 0 met, 0 missed');
    expect(text).toContain('Knowledge gaps (escalated or unanswered): How-to 1/3');
    const mail = await waitFor(() => inbox.messages.find((m) => m.to.includes('csm@goodtime.io') && m.subject.startsWith('Weekly digest')), { timeout: 10_000 });
    expect(mail.text).toContain('Asked: 3 · answered 1 · solved by an answer given before 1 (33 %)');

    await t.restart({ DIGEST_SCHEDULE: justPassed() });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(digests()).toHaveLength(1);
    expect(inbox.messages.filter((m) => m.subject.startsWith('Weekly digest'))).toHaveLength(1);
  });

  it('when a liaison types /goodtime-help digest, then one is posted now; anyone else is told it is for liaisons', async () => {
    const before = digests().length;
    expect((await t.lia.runSlashCommand('digest', { channel: t.teamChannel })).ok).toBe(true);
    await waitFor(() => digests().length === before + 1);
    await waitFor(() => t.lia.ephemerals().find((e) => e.text.includes("Posted this week's digest")));
    await t.ana.runSlashCommand('digest', { channel: t.teamChannel });
    await waitFor(() => t.ana.ephemerals().find((e) => e.text.includes('Only a liaison can post the digest')));
    expect(digests()).toHaveLength(before + 1);
  });
});

describe("the digest's vendor targets, by when they were met or missed", () => {
  let t: TestApp;
  const days = (n: number) => new Date(Date.UTC(2026, 10, 9) - n * 86_400_000);
  beforeAll(async () => {
    t = await startTestApp({ PROCESS: fastTargetsProcess() });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('when a ticket filed weeks ago misses its targets this week, then this week\'s digest counts them', async () => {
    const card = await fileTicket(t, t.lia, { summary: 'Panel invites bounce for an old ticket', severity: 'S1 · Critical', fields: BUG_FIELDS });
    await waitFor(() => expect(cardNow(t, card)).toMatch(/:warning: Next update from GoodTime due .+ \(\d+ missed\)/), { timeout: 15_000 });
    // Filed (as far as the digest can tell) three weeks ago: only its misses are this week's.
    await t.app.connection.collection('tickets').updateOne({ key: 'GT-1001' }, { $set: { createdAt: new Date(Date.now() - 21 * 86_400_000) } });
    await t.lia.runSlashCommand('digest', { channel: t.teamChannel });
    const digest = await waitFor(() => t.fake.messages(t.teamChannel).find((m) => m.text.startsWith(':bar_chart: *Weekly digest*')));
    expect(t.render(digest)).toMatch(/GoodTime targets: acknowledgement 0 met, 1 missed · updates 0 met, [1-9]\d* missed · workaround 0 met, 0 missed/);
  }, 30_000);

  it('when outcomes fall before and inside the period, then only those inside count, tickets from before outcomes had times included', () => {
    const old = buildTicket({
      createdAt: days(20),
      acknowledgementDueAt: days(19),
      acknowledgedAt: days(19.5),
      updatesMet: 1,
      updatesMissed: 2,
      updateOutcomes: [
        { dueAt: days(8), at: days(8), met: false },
        { dueAt: days(2), at: days(2), met: false },
        { dueAt: days(0.5), at: days(1), met: true },
      ],
      workaroundMissedAt: days(3),
    });
    const before = buildTicket({ key: 'GT-1043', createdAt: days(30), acknowledgementDueAt: days(29), updatesMissed: 2, nudges: ['ack', `update:${days(10).getTime()}`, `update:${days(4).getTime()}`] });
    const fresh = buildTicket({ key: 'GT-1044', createdAt: days(1), acknowledgementDueAt: days(0.8), acknowledgedAt: days(0.9), workaroundMetAt: days(0.5) });
    expect(tallyTargets([old, before, fresh], days(7), days(0))).toEqual({
      acknowledgementMet: 1,
      acknowledgementMissed: 0,
      updatesMet: 1,
      updatesMissed: 2,
      workaroundMet: 1,
      workaroundMissed: 1,
    });
  });
});
