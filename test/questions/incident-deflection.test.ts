// A question about a known incident waits for the incident instead of escalating: no reminder, no ticket for a
// problem GoodTime Support already announced. Once it is resolved, the asker decides: it works (answered, no
// ticket), or it is still broken (the SLA runs again with what was left of it, and the team is told).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, type FakeMessage } from '@goodtime-help/slack-stand-in';
import { startTestApp, type TestApp } from '../support/app';
import type { Person } from '../support/people';
import { confirmationAsks, declareIncident, dmChannelOf, postUpdate, waitForBroadcastsToDrain } from '../incidents/incident-steps';

const SLA_SECONDS = 3;

describe('incident deflection: a question about an active incident waits for it', () => {
  let t: TestApp;
  const thread = (card: FakeMessage) => t.fake.thread(t.teamChannel, card.ts).filter((m) => m.ts !== card.ts).map((m) => t.render(m));
  const ticketsFor = async (card: FakeMessage) => {
    const q = await t.app.connection.collection('questions').findOne({ 'card.ts': card.ts });
    return t.app.connection.collection('tickets').countDocuments({ 'origin.questionId': String(q?._id) });
  };
  /** Asks, picking the incident in the form (the form lists active incidents once the team channel has seen them). */
  const askAbout = async (person: Person, text: string, incidentTitle: string) => {
    await waitFor(async () => {
      await person.runSlashCommand(text);
      const modal = await person.waitForModal({ title: 'Ask the project team' });
      if (modal.text().includes(incidentTitle)) return true;
      await modal.close();
      return false;
    }, { timeout: 10_000, interval: 500 });
    const modal = await person.waitForModal({ title: 'Ask the project team' });
    await modal.fillAll({ Category: 'Bug or data issue', 'Is it one of these?': incidentTitle });
    expect((await modal.submit()).outcome).toBe('closed');
    return waitFor(() => t.fake.messages(t.teamChannel).find((m) => m.text.includes(text.slice(0, 40))));
  };
  const answerAsk = async (person: Person, button: string) => {
    const ask = await waitFor(() => confirmationAsks(person)[0]);
    await person.clickButton(button, { channel: dmChannelOf(t.fake, person), ts: ask.ts });
  };

  beforeAll(async () => {
    t = await startTestApp({ QUESTION_ESCALATE_AFTER: `${SLA_SECONDS}s`, BLOCKER_ESCALATE_AFTER: `${SLA_SECONDS}s` });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('when a question names the active incident, then its thread shows the incident, its SLA pauses, and it never escalates while the incident is open', async () => {
    const root = await declareIncident(t, t.lia, { title: 'Calendar sync delayed', impact: 'Partial outage', areas: ['Calendar sync'], message: 'Google Calendar syncs are up to 30 minutes late.' });
    const card = await askAbout(t.ana, 'My interviews are not showing on the Google calendar since 9am', 'Calendar sync delayed');
    const note = await waitFor(() => thread(card).find((m) => m.includes('This is about the active incident')));
    expect(note).toContain('“Calendar sync delayed” — *Investigating*');
    expect(note).toContain('Google Calendar syncs are up to 30 minutes late.');
    expect(note).toContain('The SLA is paused: this will not escalate to GoodTime Support while the incident is open.');
    await waitFor(() => expect(t.teamMessage(card.ts)).toContain('Waiting for the incident: no escalation while it is open'));

    await new Promise((resolve) => setTimeout(resolve, (SLA_SECONDS + 2) * 1000)); // past its SLA: nothing may happen
    expect(thread(card).some((m) => m.includes('No answer yet'))).toBe(false);
    expect(t.teamMessage(card.ts)).not.toContain('Escalated to GoodTime Support');
    expect(await ticketsFor(card)).toBe(0);

    await postUpdate(t, t.lia, root, ':white_check_mark: Resolved', 'Sync is back; the backlog is caught up.');
    await waitForBroadcastsToDrain(t.app.connection);
    await answerAsk(t.ana, 'Yes, it works');
    await waitFor(() => thread(card).find((m) => m.includes('says it works again now that the incident “Calendar sync delayed” is resolved. Answered — no ticket needed.')));
    await waitFor(() => expect(t.teamMessage(card.ts)).toContain('Works again since the incident was resolved (confirmed by @ana)'));
    expect(await ticketsFor(card)).toBe(0);
  }, 40_000);

  it('when the asker says it is still broken after the resolution, then the SLA resumes with what was left, the team is told, and it escalates on time', async () => {
    const root = await declareIncident(t, t.lia, { title: 'Panel invites delayed', impact: 'Partial outage', areas: ['Scheduling'], message: 'Invites are queued.' });
    const card = await askAbout(t.ben, 'The panel invites for tomorrow never went out to the interviewers', 'Panel invites delayed');
    await waitFor(() => thread(card).find((m) => m.includes('This is about the active incident')));
    await postUpdate(t, t.lia, root, ':white_check_mark: Resolved', 'The invite queue is drained.');
    await waitForBroadcastsToDrain(t.app.connection);
    await answerAsk(t.ben, 'No, still broken');
    const resumed = await waitFor(() => thread(card).find((m) => m.includes('says it is still broken although the incident')));
    expect(resumed).toContain("It is the team's again: it escalates to GoodTime Support");
    await waitFor(() => expect(t.teamMessage(card.ts)).toContain('Waiting for an answer · escalates to GoodTime Support'));
    // What was left of its SLA runs out, nobody answered: now it goes to Support.
    await waitFor(() => t.fake.thread(t.teamChannel, card.ts).some((m) => /^Escalated to GoodTime Support as GT-\d+/.test(m.text)), { timeout: (SLA_SECONDS + 10) * 1000 });
    expect(await ticketsFor(card)).toBe(1);
  }, 40_000);

  it('when an incident is linked to a question later, then its SLA pauses from then on, once however often it is linked', async () => {
    const root = await declareIncident(t, t.lia, { title: 'Reports export failing', impact: 'Degraded performance', areas: ['Reporting'], message: 'CSV exports time out.' });
    const card = await t.ask(t.ana, 'The interviewer load report export keeps spinning and never downloads');
    for (let i = 0; i < 2; i += 1) {
      await t.lia.clickButton('Link questions & tickets', root);
      const modal = await waitFor(async () => {
        const open = await t.lia.waitForModal({ title: 'Link to the incident' });
        return open.text().includes('Open questions') ? open : undefined;
      });
      await modal.fill('Open questions', ['The interviewer load report export keeps spinning and never downloads']);
      expect((await modal.submit()).outcome).toBe('closed');
    }
    await waitFor(() => thread(card).filter((m) => m.includes('This is about the active incident “Reports export failing”')).length === 1);
    await new Promise((resolve) => setTimeout(resolve, (SLA_SECONDS + 2) * 1000));
    expect(await ticketsFor(card)).toBe(0);
    expect(thread(card).filter((m) => m.includes('This is about the active incident'))).toHaveLength(1);
  }, 40_000);
});
