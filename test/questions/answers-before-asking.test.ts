// Answers before asking: when a new question is clearly one answered before, the asker sees that answer in the form
// before anything reaches the team. "This solved it" ends it there (a deflection, counted in App Home's insights),
// "Ask the team anyway" sends it on, Cancel sends nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@goodtime-help/slack-stand-in';
import { startTestApp, type TestApp } from '../support/app';
import type { Person } from '../support/people';

describe('answers before asking', () => {
  let t: TestApp;
  const cards = () => t.fake.messages(t.teamChannel).filter((m) => m.text.startsWith('Question from'));
  /** Runs the command and submits the form; resolves with how Slack answered the submission. */
  const submitQuestion = async (person: Person, text: string) => {
    expect((await person.runSlashCommand(text)).ok).toBe(true);
    const form = await person.waitForModal({ title: 'Ask the project team' });
    await form.fillAll({ Category: 'How-to' });
    return form.submit();
  };

  beforeAll(async () => {
    t = await startTestApp();
    // One answered question in the knowledge base.
    const card = await t.ask(t.ana, 'How do I reschedule a panel when one interviewer declines the invite?');
    await t.ben.replyInThread(t.teamChannel, card.ts, 'Open the interview and click Replace interviewer on the declined session; the rest of the panel stays put.');
    const reply = await waitFor(() => t.fake.thread(t.teamChannel, card.ts).find((m) => m.user === t.ben.id));
    await t.ana.react(t.teamChannel, reply.ts, 'white_check_mark');
    // The ✅ is an event the app works through behind others: on a loaded CI machine it can take more than 5 s.
    await waitFor(() => t.fake.thread(t.teamChannel, card.ts).find((m) => m.text.includes('Saved to the knowledge base')), { timeout: 20_000 });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('when someone asks what was answered before and it solves it, then nothing reaches the team and the insights count it', async () => {
    const carl = t.person('carl');
    const before = cards().length;
    expect((await submitQuestion(carl, 'An interviewer declined the panel invite, how do I reschedule just that session?')).outcome).toBe('updated');
    const offered = await carl.waitForModal({ title: 'Answered before' });
    expect(offered.text()).toContain('How do I reschedule a panel when one interviewer declines the invite?');
    expect(offered.text()).toContain('click Replace interviewer on the declined session');
    expect(offered.text()).toContain('[This solved it]');
    await offered.clickButton('This solved it');
    await waitFor(() => carl.modal().text().includes('Glad that solved it. Nothing was sent to the project team.'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cards()).toHaveLength(before);
    expect(carl.dms().some((m) => m.text.includes('Your question is with the project team'))).toBe(false);
    const stored = await t.app.connection.collection('questions').findOne({ requesterId: carl.id });
    expect(stored?.status).toBe('deflected');
    await waitFor(async () => {
      await t.lia.openHome();
      return t.lia.home()?.includes('(1 answered, 1 solved by an answer given before, 50 %)');
    });
  });

  it('when the answer given before is not it, then "Ask the team anyway" posts the question once', async () => {
    const dora = t.person('dora');
    const text = 'A panel interviewer declined, can I reschedule only her session and keep the others?';
    expect((await submitQuestion(dora, text)).outcome).toBe('updated');
    const offered = await dora.waitForModal({ title: 'Answered before' });
    expect((await offered.submit()).outcome).toBe('closed');
    const card = await waitFor(() => cards().find((m) => m.text.includes('can I reschedule only her session')));
    await waitFor(() => dora.dms().find((m) => m.text.includes('Your question is with the project team')));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cards().filter((m) => m.text.includes('can I reschedule only her session'))).toHaveLength(1);
    expect(card).toBeDefined();
  });

  it('when the asker cancels the form with the answer given before, then nothing is sent, even after the recovery sweep', async () => {
    const emil = t.person('emil');
    expect((await submitQuestion(emil, 'How can I reschedule the one panel session an interviewer declined?')).outcome).toBe('updated');
    const offered = await emil.waitForModal({ title: 'Answered before' });
    await offered.close();
    await t.restart(); // the sweep runs at start: a question waiting for the asker's choice is not "interrupted"
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(cards().some((m) => m.text.includes('the one panel session an interviewer declined'))).toBe(false);
  });

  it('when a question matches nothing answered before, then it goes straight to the team', async () => {
    expect((await submitQuestion(t.person('finn'), 'Where do I change the default video conferencing for onsite debriefs?')).outcome).toBe('closed');
    await waitFor(() => cards().find((m) => m.text.includes('default video conferencing')));
  });
});
