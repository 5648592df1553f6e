import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { renderMessage, waitFor } from '@goodtime-help/slack-stand-in';
import type { Person } from '../support/people';
import type { FakeMessage } from '@goodtime-help/slack-stand-in';
import { declareIncident, dmChannelOf, incidentReplies, incidentRoots, postUpdate, waitForBroadcastsToDrain } from './incident-steps';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('broadcasts that must still reach everyone: odd subscriptions, pasted logs, a database hiccup', () => {
  let t: TestApp;
  let carl: Person;
  let dana: Person;
  let peerDm: string;

  beforeAll(async () => {
    t = await startTestApp({ INCIDENT_BROADCAST_PER_MINUTE: '1200' }, { embeddedDatabase: true });
    carl = t.person('carl');
    dana = t.person('dana');
    // A DM between two people: the app is not in it, so it can neither read nor post there.
    peerDm = t.fake.addChannel({ id: 'D0PEERDM001', name: 'carl-dana', is_private: true, botMember: false, members: [carl.id, dana.id] }).id;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('when someone subscribes from a DM with a colleague, then the broadcast reaches them in their DM with the app', async () => {
    await carl.runSlashCommand('subscribe', { channel: peerDm });
    const answer = await waitFor(() => carl.ephemerals().find((e) => e.text.includes("You're subscribed")));
    expect(answer.text).toContain("I'll DM you");

    await declareIncident(t, t.lia, { title: 'Interview links open a blank page', impact: 'Partial outage', areas: ['Scheduling'], message: 'Candidates opening their interview link see a blank page.' });
    await waitForBroadcastsToDrain(t.app.connection);
    const roots = incidentRoots(t.fake, dmChannelOf(t.fake, carl));
    expect(roots).toHaveLength(1);
    expect(renderMessage(roots[0] as FakeMessage)).toContain('Interview links open a blank page');
    expect(t.fake.messages(peerDm)).toHaveLength(0);
    t.fake.expectNoViolations();
  });

  it('when a liaison pastes a log of many short lines full of <, > and &, then every place still gets the root and the update', async () => {
    const log = Array.from({ length: 400 }, (_, i) => `<job ${i}> & retry`).join('\n').slice(0, 1990);
    const root = await declareIncident(t, t.lia, { title: 'Calendar sync jobs failing', impact: 'Major outage', areas: ['Calendar sync'], message: log });
    await postUpdate(t, t.lia, root, ':dart: Identified', `${log.slice(0, 1900)}\nFix under way.`, { waitForThread: false });
    await waitFor(() => incidentReplies(t.fake, t.teamChannel, root.ts).length === 1, { timeout: 10_000 });
    await waitForBroadcastsToDrain(t.app.connection);
    for (const channel of [t.teamChannel, dmChannelOf(t.fake, carl)]) {
      const own = incidentRoots(t.fake, channel).find((m) => m.text.includes('Calendar sync jobs failing')) as FakeMessage;
      expect(own, channel).toBeDefined();
      expect(renderMessage(own)).toContain('<job 0> & retry');
      expect(incidentReplies(t.fake, channel, own.ts).map((m) => m.text.split(':')[0])).toEqual(['Identified']);
    }
    t.fake.expectNoViolations();
  });

  it('when the database fails while the declaration is being planned, then the liaison is not told to try again and it goes out once', async () => {
    const title = 'ATS sync paused for stage changes';
    t.db.embedded?.faults.failNext(1, { code: 1, codeName: 'InternalError', errmsg: 'injected' }, { commands: ['insert'], collections: ['incident_deliveries'] });
    await declareIncident(t, t.lia, { title, impact: 'Degraded performance', areas: ['ATS integration'], message: 'Stage changes are not reaching the ATS for now.' });
    await waitForBroadcastsToDrain(t.app.connection);
    await pause(300);
    expect(t.lia.dms().filter((m) => m.text.includes('Sorry, something went wrong'))).toEqual([]);
    expect(incidentRoots(t.fake, t.teamChannel).filter((m) => m.text.includes(title))).toHaveLength(1);
    expect(incidentRoots(t.fake, dmChannelOf(t.fake, carl)).filter((m) => m.text.includes(title))).toHaveLength(1);
  });
});
