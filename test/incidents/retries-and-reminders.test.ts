import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { renderMessage, waitFor } from '@goodtime-help/slack-stand-in';
import type { FakeMessage } from '@goodtime-help/slack-stand-in';
import { declareIncident, dmChannelOf, fillDeclareForm, incidentReplies, incidentRoots, postUpdate, waitForBroadcastsToDrain } from './incident-steps';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('double submits, Slack failures, stale reminders and a throttled broadcast', () => {
  let t: TestApp;
  let channels: string[];

  beforeAll(async () => {
    t = await startTestApp({ INCIDENT_BROADCAST_PER_MINUTE: '1200', INCIDENT_STALE_AFTER: '3s' });
    channels = Array.from({ length: 6 }, (_, i) => t.fake.addChannel({ name: `region-${i}` }).id);
    for (const channel of channels) await t.lia.runSlashCommand('subscribe', { channel });
    await waitFor(() => t.lia.ephemerals().filter((e) => e.text.startsWith(':bell: Done')).length === channels.length);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('when the declare form is submitted twice, then one incident is broadcast once to each place', async () => {
    const modal = await fillDeclareForm(t, t.lia, { title: 'Double submit: ATS sync paused', impact: 'Degraded performance', areas: ['ATS integration'], message: 'Candidate stages are not syncing to the ATS for now.' });
    const responses = await Promise.all([modal.submit(), modal.submit()]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    await waitFor(() => incidentRoots(t.fake, t.teamChannel).some((m) => m.text.includes('Double submit')));
    await waitForBroadcastsToDrain(t.app.connection);
    for (const channel of [t.teamChannel, ...channels]) expect(incidentRoots(t.fake, channel).filter((m) => m.text.includes('Double submit'))).toHaveLength(1);
  });

  it('when the update form is submitted twice, then one update is threaded under each root', async () => {
    const root = incidentRoots(t.fake, t.teamChannel).find((m) => m.text.includes('Double submit')) as FakeMessage;
    await t.lia.clickButton('Post an update', root);
    const modal = await waitFor(() => {
      const open = t.lia.modal();
      if (!open.isOpen || !open.text().includes('Status')) throw new Error('update modal not ready');
      return open;
    });
    await modal.fill('Status', ':white_check_mark: Resolved');
    await modal.fill('Update', 'The ATS sync is running again.');
    await Promise.all([modal.submit(), modal.submit()]);
    await waitFor(() => incidentReplies(t.fake, t.teamChannel, root.ts).length > 0);
    await waitForBroadcastsToDrain(t.app.connection);
    for (const channel of [t.teamChannel, ...channels]) {
      const own = incidentRoots(t.fake, channel).find((m) => m.text.includes('Double submit')) as FakeMessage;
      expect(incidentReplies(t.fake, channel, own.ts).map((m) => m.text.split(':')[0])).toEqual(['Resolved']);
    }
  });

  it('when Slack answers 500 and 429 to broadcast posts, then they are retried and each place still gets exactly one message', async () => {
    t.fake.failNext('chat.postMessage', { status: 500 }, 2);
    t.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, 2);
    const root = await declareIncident(t, t.lia, { title: 'Flaky Slack: interviewer availability stale', impact: 'Partial outage', areas: ['Interviewer availability'], message: 'Availability shown to candidates may be up to an hour old.' });
    await waitForBroadcastsToDrain(t.app.connection);
    expect(t.fake.callsTo('chat.postMessage').filter((c) => c.status === 500 || c.status === 429).length).toBeGreaterThanOrEqual(4);
    // A 5xx may hide a message Slack did post: the channel was checked before posting again.
    expect(t.fake.callsTo('conversations.history').some((c) => c.args.include_all_metadata === true || c.args.include_all_metadata === 'true')).toBe(true);
    for (const channel of [t.teamChannel, ...channels]) expect(incidentRoots(t.fake, channel).filter((m) => m.text.includes('Flaky Slack'))).toHaveLength(1);
    expect(renderMessage(root)).toContain('Flaky Slack');
  });

  it('when nobody posts an update for the stale period, then the liaison is reminded once per period and can update from the reminder', async () => {
    const isReminder = (m: FakeMessage) => m.text.includes('No update on') && m.text.includes('Flaky Slack');
    const first = await waitFor(() => t.lia.dms().find(isReminder), { timeout: 8000 });
    expect(first.text).toContain('for 3 seconds');
    await pause(1500);
    expect(t.lia.dms().filter(isReminder)).toHaveLength(1);
    await waitFor(() => t.lia.dms().filter(isReminder).length === 2, { timeout: 6000 });

    const reminder = t.lia.dms().filter(isReminder).at(-1) as FakeMessage;
    await postUpdate(t, t.lia, { channel: dmChannelOf(t.fake, t.lia), ts: reminder.ts }, ':white_check_mark: Resolved', 'Availability is fresh again.');
    await waitForBroadcastsToDrain(t.app.connection);
    const count = t.lia.dms().filter(isReminder).length;
    await pause(3500);
    expect(t.lia.dms().filter(isReminder)).toHaveLength(count);
  }, 30_000);

  it('when broadcasts are throttled by Slack, then slash commands and modals are still answered at once', async () => {
    t.fake.setRateLimits({ perChannelPerSecond: 1, workspacePerMinute: 3 });
    await declareIncident(t, t.lia, { title: 'Throttled: reporting dashboards empty', impact: 'Degraded performance', areas: ['Reporting'], message: 'Dashboards show no data; exports still work.' }).catch(() => undefined);
    await waitFor(() => t.fake.callsTo('chat.postMessage').filter((c) => c.status === 429).length >= 3, { timeout: 8000 });
    const status = await t.ana.runSlashCommand('status');
    expect(status.ok).toBe(true);
    expect(status.ms).toBeLessThan(1000);
    const ask = await t.ana.runSlashCommand('Is the reporting dashboard empty for everyone?');
    expect(ask.ms).toBeLessThan(1000);
    await t.ana.waitForModal({ title: 'Ask the project team', timeout: 1000 });
    t.fake.setRateLimits({});
  });
});
