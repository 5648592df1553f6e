import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionFor, blockActionsFromMessage, findButton } from '@goodtime-help/slack-stand-in';
import { startTestApp, type TestApp } from '../support/app';
import { renderMessage, waitFor } from '@goodtime-help/slack-stand-in';
import type { Person } from '../support/people';
import type { FakeMessage } from '@goodtime-help/slack-stand-in';
import {
  confirmationAsks, declareIncident, dmChannelOf, incidentReplies, incidentRoots, postUpdate, waitForBroadcastsToDrain,
} from './incident-steps';

describe('an incident from declaration to resolution, through Slack', () => {
  let t: TestApp;
  let opsChannel: string;
  let coordinatorsChannel: string;
  let reportingChannel: string;
  let carl: Person;
  let dana: Person;
  let eve: Person;
  let teamRoot: FakeMessage;
  const title = 'Calendar sync delayed for Google calendars';

  const places = () => [
    { name: 'team channel', channel: t.teamChannel },
    { name: '#recruiting-ops', channel: opsChannel },
    { name: '#coordinators', channel: coordinatorsChannel },
    { name: 'ana (DM)', channel: dmChannelOf(t.fake, t.ana) },
    { name: 'ben (DM)', channel: dmChannelOf(t.fake, t.ben) },
    { name: 'dana (DM, linked by asking)', channel: dmChannelOf(t.fake, dana) },
    { name: 'eve (DM, linked by a liaison)', channel: dmChannelOf(t.fake, eve) },
  ];

  beforeAll(async () => {
    t = await startTestApp({ INCIDENT_BROADCAST_PER_MINUTE: '1200', PUBLIC_URL: 'https://help.example.com' });
    opsChannel = t.fake.addChannel({ name: 'recruiting-ops' }).id;
    coordinatorsChannel = t.fake.addChannel({ name: 'coordinators' }).id;
    reportingChannel = t.fake.addChannel({ name: 'reporting-team' }).id;
    carl = t.person('carl');
    dana = t.person('dana');
    eve = t.person('eve');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('when channels and people subscribe, then each hears what it asked for and non-liaisons cannot subscribe a channel', async () => {
    await t.lia.runSlashCommand('subscribe', { channel: opsChannel });
    await t.lia.runSlashCommand('subscribe', { channel: coordinatorsChannel });
    await t.lia.runSlashCommand('subscribe reporting', { channel: reportingChannel });
    await t.ana.runSlashCommand('subscribe', { channel: dmChannelOf(t.fake, t.ana) });
    await t.ben.runSlashCommand('subscribe calendar', { channel: dmChannelOf(t.fake, t.ben) });
    await carl.runSlashCommand('subscribe Reporting', { channel: dmChannelOf(t.fake, carl) });
    await waitFor(() => carl.ephemerals().some((e) => e.text.includes("You're subscribed")));
    expect(t.ben.ephemerals().at(-1)?.text).toContain('(Calendar sync)');
    expect(renderMessage(t.fake.messages(opsChannel).at(-1) ?? {})).toContain('This channel now gets GoodTime incident updates (every area)');
    const answered = t.lia.ephemerals().length;
    await t.lia.runSlashCommand('subscribe', { channel: opsChannel }); // again: answered, not announced twice
    await waitFor(() => t.lia.ephemerals().length === answered + 1);
    expect(t.fake.messages(opsChannel).filter((m) => m.text.includes('now gets GoodTime incident updates'))).toHaveLength(1);

    const refused = await t.ana.runSlashCommand('subscribe', { channel: reportingChannel });
    expect(refused.ok).toBe(true);
    await waitFor(() => t.ana.ephemerals().some((e) => e.text.includes('Only a project team liaison can subscribe a channel')));
    const unknownArea = await t.ana.runSlashCommand('subscribe payroll <!channel>', { channel: dmChannelOf(t.fake, t.ana) });
    expect(unknownArea.ok).toBe(true);
    const answer = await waitFor(() => t.ana.ephemerals().find((e) => e.text.includes("I don't know the area")));
    expect(answer.text).toContain('payroll &lt;!channel&gt;');
    expect(answer.text).toContain('Areas: Scheduling, Calendar sync');
  });

  it('when the announcement of a subscription lands in Slack but the app cannot tell, then subscribing again finds it and posts nothing new', async () => {
    const channel = t.fake.addChannel({ name: 'interview-ops-announce' }).id;
    t.fake.failNext('chat.postMessage', { status: 500, applied: true }); // posted, but the answer is lost
    const refusedFirst = t.lia.ephemerals().length;
    await t.lia.runSlashCommand('subscribe', { channel });
    await waitFor(() => t.lia.ephemerals().length === refusedFirst + 1);
    expect(t.fake.messages(channel).filter((m) => m.text.includes('now gets GoodTime incident updates'))).toHaveLength(1);

    await t.lia.runSlashCommand('subscribe', { channel });
    await waitFor(() => t.lia.ephemerals().length === refusedFirst + 2);
    expect(t.lia.ephemerals().at(-1)?.text).toContain('Done: this channel gets incident updates');
    expect(t.fake.messages(channel).filter((m) => m.text.includes('now gets GoodTime incident updates'))).toHaveLength(1);
  });

  it('when someone who is not a liaison tries to declare, then they are refused and nothing is broadcast', async () => {
    const before = t.fake.callsTo('chat.postMessage').length;
    const command = await t.ben.runSlashCommand('incident', { channel: t.teamChannel });
    expect(command.ok).toBe(true);
    await waitFor(() => t.ben.ephemerals().some((e) => e.text.includes('Only a project team liaison can declare an incident')));
    expect(t.ben.modal().isOpen).toBe(false);
    expect(t.fake.callsTo('chat.postMessage').length).toBe(before);
  });

  it('when a liaison declares, then every subscribed place gets exactly one root message, and the others none', async () => {
    teamRoot = await declareIncident(t, t.lia, {
      title,
      impact: 'Major outage',
      areas: ['Calendar sync', 'Scheduling'],
      message: 'Interviews booked since 9:00 are not reaching Google calendars. Keep booking; invites will sync once fixed. <!here> @channel',
    });
    await waitForBroadcastsToDrain(t.app.connection);
    const rendered = renderMessage(teamRoot);
    expect(rendered).toContain(title);
    expect(rendered).toMatch(/\*Status\*\s+:mag: Investigating/);
    expect(rendered).toContain('Major outage');
    expect(rendered).toContain('Calendar sync, Scheduling');
    expect(rendered).toContain('[Post an update]');
    expect(JSON.stringify(teamRoot.blocks)).toContain('&lt;!here&gt; @\u200bchannel');
    expect(JSON.stringify(teamRoot.blocks)).toContain('<!date^');

    for (const place of places().slice(0, 5)) expect(incidentRoots(t.fake, place.channel), place.name).toHaveLength(1);
    expect(incidentRoots(t.fake, reportingChannel)).toHaveLength(0);
    expect(incidentRoots(t.fake, dmChannelOf(t.fake, carl))).toHaveLength(0);
    const anasRoot = incidentRoots(t.fake, dmChannelOf(t.fake, t.ana))[0] as FakeMessage;
    expect(renderMessage(anasRoot)).toContain('you subscribed to incident updates');
    expect(renderMessage(anasRoot)).not.toContain('[Post an update]');
  });

  it('when a requester asks about it, then the ask modal shows the incident first and picking it subscribes them', async () => {
    await dana.runSlashCommand('Calendar invites are missing for my onsite loop today');
    const modal = await dana.waitForModal({ title: 'Ask the project team' });
    await waitFor(() => modal.text().includes(title));
    await modal.fill('Is it one of these?', title);
    await modal.fill('Category', 'Bug or data issue');
    expect((await modal.submit()).outcome).toBe('closed');
    const root = await waitFor(() => incidentRoots(t.fake, dmChannelOf(t.fake, dana))[0]);
    expect(renderMessage(root)).toContain('your question is linked to this incident');
    const card = await waitFor(() => t.fake.messages(t.teamChannel).find((m) => m.text.includes('Calendar invites are missing')));
    await waitFor(() => renderMessage(t.fake.message(t.teamChannel, card.ts) ?? card).includes(`Linked to the incident “${title}”`));
  });

  it('when a liaison links an open question, then its requester gets the broadcast too; a non-liaison cannot link', async () => {
    await eve.runSlashCommand('Interviewer says the panel is not on her calendar');
    const modal = await eve.waitForModal({ title: 'Ask the project team' });
    await modal.fill('Category', 'Scheduling blocker');
    await modal.submit();
    await waitFor(() => t.fake.messages(t.teamChannel).find((m) => m.text.includes('panel is not on her calendar')));

    await t.ben.clickButton('Link questions & tickets', teamRoot);
    await waitFor(() => t.ben.ephemerals().some((e) => e.text.includes('Only a project team liaison can link')));
    expect(t.ben.modal().isOpen).toBe(false);

    await t.lia.clickButton('Link questions & tickets', teamRoot);
    const link = await waitFor(() => {
      const open = t.lia.modal();
      if (!open.isOpen || !open.text().includes('Open questions')) throw new Error('link modal not ready');
      return open;
    });
    await link.fill('Open questions', ['Interviewer says the panel is not on her calendar']);
    expect((await link.submit()).outcome).toBe('closed');
    await waitFor(() => incidentRoots(t.fake, dmChannelOf(t.fake, eve))[0]);
    await waitFor(() => t.fake.thread(t.teamChannel, teamRoot.ts).some((m) => m.text.includes('linked 1 question to this incident')));
  });

  it('when a non-liaison clicks Post an update, then they are refused every time and nothing changes', async () => {
    const before = JSON.stringify(t.fake.message(t.teamChannel, teamRoot.ts)?.blocks);
    for (let i = 0; i < 2; i += 1) {
      const click = await t.ana.clickButton('Post an update', teamRoot);
      expect(click.ok).toBe(true);
    }
    await waitFor(() => t.ana.ephemerals().filter((e) => e.text.includes('Only a project team liaison can post incident updates')).length === 2);
    expect(t.ana.modal().isOpen).toBe(false);
    expect(JSON.stringify(t.fake.message(t.teamChannel, teamRoot.ts)?.blocks)).toBe(before);
    expect(incidentReplies(t.fake, t.teamChannel, teamRoot.ts)).toHaveLength(0);
  });

  it('when the liaison posts three updates, then every root is edited in place and each update is threaded under it once', async () => {
    await postUpdate(t, t.lia, teamRoot, ':dart: Identified', 'Google rotated a certificate; our sync worker rejects it. Fix in review.');
    await postUpdate(t, t.lia, teamRoot, ':eyes: Monitoring', 'Fix deployed; the backlog of invites is syncing now.');
    await postUpdate(t, t.lia, teamRoot, ':white_check_mark: Resolved', 'All invites synced. Sorry for the trouble!');
    await waitForBroadcastsToDrain(t.app.connection);

    for (const place of places()) {
      const roots = incidentRoots(t.fake, place.channel);
      expect(roots, place.name).toHaveLength(1);
      const root = roots[0] as FakeMessage;
      const shown = renderMessage(root);
      expect(shown, place.name).toContain(`Resolved: ${title}`);
      expect(shown, place.name).toContain(':white_check_mark: Resolved');
      expect(shown, place.name).not.toContain('[Post an update]');
      expect(root.edited, place.name).toBeDefined();
      const replies = incidentReplies(t.fake, place.channel, root.ts).map((m) => m.text);
      expect(replies.map((r) => r.split(':')[0]), place.name).toEqual(['Identified', 'Monitoring', 'Resolved']);
    }
  });

  it('when it is resolved, then every linked requester is asked to confirm it works, and their answer reaches the team', async () => {
    for (const person of [dana, eve]) {
      const asks = await waitFor(() => confirmationAsks(person).length === 1 && confirmationAsks(person));
      expect(renderMessage(asks[0] as FakeMessage)).toContain('does it work for you now?');
    }
    expect(confirmationAsks(t.ana)).toHaveLength(0);
    const danasAsk = confirmationAsks(dana)[0] as FakeMessage;
    const dmChannel = dmChannelOf(t.fake, dana);
    const danasOriginal = structuredClone(danasAsk); // her answer replaces the message
    await dana.clickButton('Yes, it works', { channel: dmChannel, ts: danasAsk.ts });
    await waitFor(() => t.fake.message(dmChannel, danasAsk.ts)?.text.includes('Thanks! You confirmed'));
    const evesAsk = confirmationAsks(eve)[0] as FakeMessage;
    await eve.clickButton('No, still broken', { channel: dmChannelOf(t.fake, eve), ts: evesAsk.ts });
    await waitFor(() => t.fake.thread(t.teamChannel, teamRoot.ts).some((m) => m.text.includes('still broken')));
    const notes = t.fake.thread(t.teamChannel, teamRoot.ts).map((m) => m.text);
    expect(notes.filter((n) => n.includes('confirmed it works for them'))).toHaveLength(1);

    // Ana was never asked: a forged "still broken" on Dana's ask changes nothing and reaches nobody.
    const { block, element } = findButton(danasOriginal.blocks ?? [], 'No, still broken', "Dana's ask");
    const forged = blockActionsFromMessage(t.fake.ws, {
      user: t.ana.id, channel: dmChannel, message: danasOriginal, action: actionFor(t.fake.ws, block, element),
      triggerId: t.fake.issueTriggerId(t.ana.id), responseUrl: t.fake.newResponseUrl(t.ana.id, dmChannel, { messageTs: danasAsk.ts }),
    });
    expect((await t.client.interaction(forged)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.fake.thread(t.teamChannel, teamRoot.ts).map((m) => m.text)).toEqual(notes);
    t.fake.expectNoViolations();
  });

  it('when anyone asks for the status, then they see no active incident any more', async () => {
    await carl.runSlashCommand('status');
    const reply = await waitFor(() => carl.ephemerals().find((e) => e.text.includes('active incidents')));
    expect(reply.text).toContain('No active incidents right now');
    expect(reply.text).toContain('https://help.example.com/status');
  });
});
