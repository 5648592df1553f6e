// Questions that close: a question the team replied to, whose asker never accepted an answer, does not stay open
// forever. Once the thread is quiet, the asker is asked "Did this answer it?": yes marks the reply answered, no gives
// it back to the team with a fresh SLA, and no word at all closes it by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, type FakeMessage } from '@goodtime-help/slack-stand-in';
import { startTestApp, type TestApp } from '../support/app';

describe('questions that close', () => {
  let t: TestApp;
  const thread = (card: FakeMessage) => t.fake.thread(t.teamChannel, card.ts).map((m) => t.render(m));
  const checksFor = (text: string) => t.ana.dms().filter((m) => m.text.includes('Did this answer it?') && m.text.includes(text.slice(0, 30)));

  beforeAll(async () => {
    t = await startTestApp({ ANSWER_CONFIRM_AFTER: '2s', ANSWER_AUTOCLOSE_AFTER: '2s' });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('when the thread goes quiet after a reply and the asker says yes, then that reply is the answer', async () => {
    const text = 'How do I add a shadow interviewer to a loop?';
    const card = await t.ask(t.ana, text);
    await t.ben.replyInThread(t.teamChannel, card.ts, 'Open the loop, click Add shadow, and pick them from the pool.');
    const check = await waitFor(() => checksFor(text)[0], { timeout: 10_000 });
    expect(t.render(check)).toContain('@ben replied to your question');
    expect(t.render(check)).toContain('Open the loop, click Add shadow');
    await t.ana.clickButton('Yes, answered', { channel: check.channel, ts: check.ts });
    await waitFor(() => expect(t.teamMessage(card.ts)).toContain('Answered by @ben · accepted by @ana'));
    await waitFor(() => thread(card).some((m) => m.includes('Saved to the knowledge base')));

    // Did it help? One click, counted in App Home's insights.
    const feedback = await waitFor(() => t.ana.dms().find((m) => m.text.includes('is answered. Did it help?')));
    await t.ana.clickButton('👍 Yes', { channel: feedback.channel, ts: feedback.ts });
    await waitFor(() => t.fake.message(feedback.channel, feedback.ts)?.text.includes('glad it helped'));
    await waitFor(async () => {
      await t.lia.openHome();
      return t.lia.home()?.includes('100 % :+1: (1 rating)') || t.lia.home()?.includes('100% :+1: (1 rating)');
    });
  });

  it('when the asker says no, then the team has it again with a fresh SLA and is told', async () => {
    const text = 'Why do candidate reminders go out at 3am?';
    const card = await t.ask(t.ana, text);
    await t.ben.replyInThread(t.teamChannel, card.ts, 'Maybe the candidate time zone is wrong?');
    const check = await waitFor(() => checksFor(text)[0], { timeout: 10_000 });
    await t.ana.clickButton('No, I still need help', { channel: check.channel, ts: check.ts });
    await waitFor(() => thread(card).some((m) => m.includes("@ana says the replies so far did not answer it. It is the team's again")));
    await waitFor(() => expect(t.teamMessage(card.ts)).toContain('Waiting for an answer · escalates to GoodTime Support'));
    await waitFor(() => t.fake.message(check.channel, check.ts)?.text.includes('the project team has it again'));
  });

  it('when the asker never says, then the question closes by itself with a note, out of the knowledge base', async () => {
    const text = 'Can interview templates be shared across departments?';
    const card = await t.ask(t.ana, text);
    await t.ben.replyInThread(t.teamChannel, card.ts, 'Yes, mark the template as Shared in its settings.');
    await waitFor(() => checksFor(text)[0], { timeout: 10_000 });
    await waitFor(() => thread(card).some((m) => m.includes('Closed by itself: @ana was asked whether @ben')), { timeout: 10_000 });
    expect(t.teamMessage(card.ts)).toContain('Closed: @ben replied; the asker did not confirm');
    expect(t.teamMessage(card.ts)).toContain('[Still need help]');
    const q = await t.app.connection.collection('questions').findOne({ text });
    expect(await t.app.connection.collection('knowledge').countDocuments({ questionId: String(q?._id) })).toBe(0);
  });

  it('when the team replies again before the quiet time is over, then the asker is asked once, about the latest reply', async () => {
    const text = 'Where do I see which interviewers hit their weekly limit?';
    const card = await t.ask(t.ana, text);
    await t.ben.replyInThread(t.teamChannel, card.ts, 'I think in Reports?');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await t.lia.replyInThread(t.teamChannel, card.ts, 'Reports → Interviewer load, filter by week.');
    const check = await waitFor(() => checksFor(text)[0], { timeout: 10_000 });
    expect(t.render(check)).toContain('@lia replied');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(checksFor(text)).toHaveLength(1);
  });
});
