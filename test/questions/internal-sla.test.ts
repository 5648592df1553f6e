import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '@goodtime-help/slack-stand-in';
import type { Person } from '../support/people';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the internal SLA: unanswered questions escalate, answered ones never do', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ BUSINESS_HOURS: '24x7', QUESTION_ESCALATE_AFTER: '3s', BLOCKER_ESCALATE_AFTER: '2s' });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const ask = (person: Person, question: string, blocked = false) =>
    t.ask(person, question, blocked ? { Category: 'Scheduling blocker', Urgency: ["I'm blocked right now"] } : {});
  const notes = (ts: string, needle: string) => t.fake.thread(t.teamChannel, ts).filter((m) => m.text.includes(needle));

  it('when nobody answers for 3 s, then a reminder comes at 75 % and the question escalates at 100 %, once', async () => {
    const card = await ask(t.ana, 'SLA check: why did the calendar sync stop?');
    await waitFor(() => expect(notes(card.ts, 'No answer yet')).toHaveLength(1), { timeout: 10_000 });
    await waitFor(() => expect(t.teamMessage(card.ts)).toContain('Escalated to GoodTime Support'), { timeout: 10_000 });
    expect(t.teamMessage(card.ts)).toContain('(no answer in time)');
    // The escalation files one ticket with GoodTime Support; its card sits in the question's thread.
    await waitFor(() => expect(notes(card.ts, 'Escalated to GoodTime Support as GT-')).toHaveLength(1));
    await waitFor(() => expect(t.teamMessage(card.ts)).toMatch(/GT-\d{4}/));
    const thread = t.fake.thread(t.teamChannel, card.ts).map((m) => m.text);
    expect(thread.findIndex((text) => text.includes('No answer yet'))).toBeLessThan(thread.findIndex((text) => text.includes('as GT-')));
    await sleep(1_500);
    expect(notes(card.ts, 'No answer yet')).toHaveLength(1);
    expect(notes(card.ts, 'Escalated to GoodTime Support as GT-')).toHaveLength(1);
  });

  it('when a blocker waits, then it escalates on the shorter blocker SLA', async () => {
    const card = await ask(t.ana, 'SLA blocker: onsite cannot be booked at all', true);
    await waitFor(() => expect(t.teamMessage(card.ts)).toContain('Escalated to GoodTime Support'), { timeout: 10_000 });
  });

  it('when the team answers before the deadline, then the question never escalates', async () => {
    const card = await ask(t.ana, 'SLA answered: how do I export the pipeline report?');
    await t.ben.replyInThread(t.teamChannel, card.ts, 'Reports → Pipeline → Export CSV.');
    await waitFor(() => expect(t.teamMessage(card.ts)).toContain('First response by @ben'));
    await sleep(4_000);
    expect(t.teamMessage(card.ts)).not.toContain('Escalated');
    expect(notes(card.ts, 'No answer yet')).toHaveLength(0);
  });

  it('when the app restarts between asking and the deadline, and runs as two instances, then it still escalates exactly once', async () => {
    const card = await ask(t.ana, 'SLA restart: panel invites went to the wrong room');
    await t.restart();
    const second = await t.startAnotherInstance();
    try {
      await waitFor(() => expect(t.teamMessage(card.ts)).toContain('Escalated to GoodTime Support'), { timeout: 12_000 });
      await sleep(1_500);
      expect(notes(card.ts, 'Escalated to GoodTime Support as GT-')).toHaveLength(1);
      expect(notes(card.ts, 'No answer yet')).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});
