// The escalation ladder on GoodTime's published targets (a process whose targets are seconds, on a 24x7 vendor
// calendar): the acknowledgement, the update cadence and the workaround deadline are tracked and shown on the card;
// the first miss nudges the liaison with a one-click *Chase Support*; the second brings in the CSM, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { waitFor, type FakeMessage } from '@goodtime-help/slack-stand-in';
import { startTestApp, type TestApp } from '../support/app';
import { startSmtpInbox, type SmtpInbox } from '../delivery/smtp-inbox';
import { BUG_FIELDS, cardNow, fastGoodTimeProcess, fastTargetsProcess, fileTicket, ticketThread } from './ticket-helpers';
import { sendSupportWebhook } from './support-webhook-client';

const CSM_USER = 'U0CSM00002';
const SECRET = 'ladder-webhook-secret-0123456789';

/** The app on the process in `processFile` (targets in seconds) with mail and a CSM by email and in Slack, for one describe's tests. */
function withLadderApp(processFile: () => string, env: Record<string, string> = {}): { t: TestApp; inbox: SmtpInbox } {
  const app = {} as { t: TestApp; inbox: SmtpInbox };
  beforeAll(async () => {
    app.inbox = await startSmtpInbox();
    app.t = await startTestApp({ PROCESS: processFile(), SMTP_URL: app.inbox.url, OUTBOX_RETRY_BASE: '200ms', CSM_EMAIL: 'csm@goodtime.io', CSM_SLACK_USER_ID: CSM_USER, ...env });
    app.t.fake.addUser({ id: CSM_USER, name: 'cara', real_name: 'Cara CSM' });
  }, 60_000);
  afterAll(async () => {
    await app.t?.stop();
    await app.inbox?.stop();
  });
  return app;
}

describe('the escalation ladder', () => {
  const app = withLadderApp(fastTargetsProcess, { SUPPORT_WEBHOOK_SECRET: SECRET });

  it('when an S1 ticket gets no acknowledgement and no update, then the liaison is nudged once, then the CSM is brought in once', async () => {
    const { t, inbox } = app;
    const card = await fileTicket(t, t.lia, { summary: 'Every panel invite bounces', severity: 'S1 · Critical', fields: BUG_FIELDS });
    expect(cardNow(t, card)).toMatch(/:repeat: Next update from GoodTime due/);
    expect(cardNow(t, card)).toMatch(/:adhesive_bandage: Workaround due/);

    const nudge = await waitFor(() => ticketThread(t, card).find((m) => m.includes('has not acknowledged GT-')), { timeout: 10_000 });
    expect(nudge).toContain('[Chase Support]');
    const brought = await waitFor(() => ticketThread(t, card).find((m) => m.includes('so I brought GT-')), { timeout: 15_000 });
    expect(brought).toContain('GoodTime missed the acknowledgement and an update on GT-1001');
    expect(brought).toContain('Emailed csm@goodtime.io with the ticket.');
    const dm = await waitFor(() => t.fake.dms(CSM_USER)[0]);
    expect(dm.text).toContain('needs your help as CSM');
    const toCsm = await waitFor(() => inbox.messages.find((m) => m.to.includes('csm@goodtime.io')), { timeout: 10_000 });
    expect(toCsm.text).toContain('GoodTime missed the acknowledgement and an update on GT-1001, so the project team');
    await waitFor(() => expect(cardNow(t, card)).toContain('Brought to the CSM after missed targets'));
    await waitFor(() => expect(cardNow(t, card)).toMatch(/:warning: Next update from GoodTime due .+ \(\d+ missed\)/));

    // More misses come (updates every 4 s): each step happened once.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(ticketThread(t, card).filter((m) => m.includes('has not acknowledged'))).toHaveLength(1);
    expect(ticketThread(t, card).filter((m) => m.includes('so I brought'))).toHaveLength(1);
    expect(inbox.messages.filter((m) => m.to.includes('csm@goodtime.io'))).toHaveLength(1);
    expect(t.fake.dms(CSM_USER)).toHaveLength(1);
  }, 60_000);

  it('when the liaison clicks Chase Support, then Support gets a polite reminder in the ticket email thread, once', async () => {
    const { t, inbox } = app;
    const card = (await waitFor(() => t.fake.messages(t.teamChannel).find((m) => m.text.startsWith('GT-1001 ')))) as FakeMessage;
    const nudge = await waitFor(() => t.fake.thread(t.teamChannel, card.ts).find((m) => m.text.includes('has not acknowledged')));
    await t.lia.clickButton('Chase Support', { channel: t.teamChannel, ts: nudge.ts });
    await t.lia.clickButton('Chase Support', { channel: t.teamChannel, ts: nudge.ts });
    const chase = await waitFor(() => inbox.messages.find((m) => m.text.includes('We are following up on GT-1001')), { timeout: 10_000 });
    expect(chase.subject).toMatch(/^Re: \[GT-1001\]\[P0\]/);
    expect(chase.text).toContain('Going by your published targets, we expected');
    expect(chase.inReplyTo).toBe(inbox.messages.find((m) => m.subject.startsWith('[GT-1001]'))?.messageId);
    await waitFor(() => ticketThread(t, card).some((m) => m.includes('@lia wrote to GoodTime Support about GT-1001') && m.includes('Delivered to')));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(inbox.messages.filter((m) => m.text.includes('We are following up on GT-1001'))).toHaveLength(1);
    const ben = await t.ben.clickButton('Chase Support', { channel: t.teamChannel, ts: nudge.ts });
    expect(ben.ok).toBe(true);
    await waitFor(() => t.ben.ephemerals().find((e) => e.text.includes('Only a liaison can write to GoodTime Support')));
  });

  it('when Support moves the ticket along in time, then the update cadence counts from the move and the workaround target is met', async () => {
    const { t } = app;
    const card = await fileTicket(t, t.lia, { summary: 'Reminder emails show the wrong time zone', severity: 'S2 · High', fields: BUG_FIELDS });
    const key = /GT-\d+/.exec(card.text)?.[0] ?? '';
    expect((await sendSupportWebhook(t.app.url, SECRET, { ticket: key, phase: 2, note: 'Looking into it.' })).status).toBe(200);
    await waitFor(() => expect(cardNow(t, card)).toContain('Phase 2 of 4'));
    const ticket = await t.app.connection.collection('tickets').findOne({ key });
    expect(ticket?.lastVendorUpdateAt).toBeInstanceOf(Date);
    expect((ticket?.updateDueAt as Date).getTime()).toBeGreaterThan((ticket?.createdAt as Date).getTime() + 3_600_000);
    expect((await sendSupportWebhook(t.app.url, SECRET, { ticket: key, phase: 'on-hold', note: 'Workaround: resend from the candidate page.' })).status).toBe(200);
    await waitFor(() => expect(cardNow(t, card)).toContain(':white_check_mark: Workaround target met'));
    expect(cardNow(t, card)).not.toContain('Next update from GoodTime due');
    // Both moves came before their update was due: two updates met, in the insights and its CSV.
    await t.lia.runSlashCommand('insights 30d', { channel: t.teamChannel });
    const figures = await waitFor(() => t.lia.ephemerals().find((e) => e.text.includes('*Insights, last 30 days*')));
    expect(figures.text).toMatch(/updates 2 met, \d+ missed · workaround 1 met/);
    const csv = await waitFor(() => t.lia.dms().find((m) => (m.files ?? []).length > 0), { timeout: 10_000 });
    const rows = parse(t.fake.file(csv.files?.[0]?.id ?? '')?.content.toString('utf8') ?? '', { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.id === key)).toMatchObject({ updates_met: '2', updates_missed: '0', workaround: 'met' });
  });

  it('when tickets are with Support, then App Home lists what is due next and what was missed', async () => {
    const { t } = app;
    await waitFor(async () => {
      await t.lia.openHome();
      const home = t.lia.home() ?? '';
      return /GT-1001 Every panel invite bounces.* · :warning: update overdue \(\d+ missed\), next due /.test(home) ? home : undefined;
    });
  });
});

describe('the escalation ladder, for a severe ticket past its workaround deadline', () => {
  // S2 acknowledged within an hour and updated hourly, but a workaround due within ~4 s: only that deadline is missed.
  const workaroundProcess = () =>
    fastGoodTimeProcess('fast-workaround', (process) => {
      const s2 = process.severities[1];
      if (s2) Object.assign(s2, { acknowledgement: { amount: 1, unit: 'business hours', anyHour: false }, updates: { every: { amount: 1, unit: 'business hours' }, text: 'Every hour (test)' }, workaround: { amount: 0.0011, unit: 'business hours' } });
    });
  const app = withLadderApp(workaroundProcess);

  it('when an S2 ticket passes its workaround deadline, then the CSM is brought in once, whatever a restart or a second instance does', async () => {
    const { t, inbox } = app;
    const card = await fileTicket(t, t.lia, { summary: 'Offer letters lose their signature block', severity: 'S2 · High', fields: BUG_FIELDS });
    expect(cardNow(t, card)).toMatch(/:adhesive_bandage: Workaround due/);
    // Before the deadline: the app restarts and a second instance joins, both with the deadline's timer to run.
    await t.restart();
    const second = await t.startAnotherInstance();
    try {
      const brought = await waitFor(() => ticketThread(t, card).find((m) => m.includes('so I brought GT-')), { timeout: 20_000 });
      expect(brought).toContain('GoodTime missed the workaround deadline on GT-1001');
      expect(ticketThread(t, card).some((m) => m.includes('has not acknowledged'))).toBe(false); // straight to the CSM
      await waitFor(() => inbox.messages.find((m) => m.to.includes('csm@goodtime.io')), { timeout: 10_000 });
      await waitFor(() => t.fake.dms(CSM_USER)[0]);
      await waitFor(() => expect(cardNow(t, card)).toContain('Brought to the CSM after missed targets'));
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    } finally {
      await second.stop();
    }
    await t.restart();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(ticketThread(t, card).filter((m) => m.includes('so I brought'))).toHaveLength(1);
    expect(inbox.messages.filter((m) => m.to.includes('csm@goodtime.io'))).toHaveLength(1);
    expect(t.fake.dms(CSM_USER)).toHaveLength(1);
  }, 60_000);
});
