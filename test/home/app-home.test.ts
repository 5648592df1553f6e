import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '@goodtime-help/slack-stand-in';
import { computeInsights } from '../../src/home/home';
import { declareIncident } from '../incidents/incident-steps';
import type { Question } from '../../src/questions/question';

describe('App Home', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ QUESTION_ESCALATE_AFTER: '2s', BUSINESS_HOURS: '24x7' });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('when ana opens the home tab, then she sees her questions, the team queue and insights, and can ask from there', async () => {
    const card = await t.ask(t.ana, 'Home check: how do I clone an interview plan?');
    await t.ben.replyInThread(t.teamChannel, card.ts, 'Interview plans → ⋯ → Duplicate.');
    await waitFor(() => expect(t.teamMessage(card.ts)).toContain('First response'));

    await t.ana.openHome();
    const home = await waitFor(() => t.ana.home());
    expect(home).toContain('Your questions');
    expect(home).toContain('Home check: how do I clone an interview plan?');
    expect(home).toContain('Team queue');
    expect(home).toContain('Questions asked');
    expect(home).toMatch(/Median time to first answer\*?\s*(under a minute|\d+ min)/);
    expect(home).toContain('replied, not yet marked answered');

    await t.ana.clickHomeButton('Ask a question');
    const asked = await t.ana.waitForModal({ title: 'Ask the project team' });
    expect(asked.isOpen).toBe(true);
    await asked.close();
    expect(home).not.toContain('[File a ticket with Support]'); // ana is not a liaison
    t.fake.expectNoViolations();
  });

  it('when a liaison opens the home tab, then she can also file a ticket and declare an incident from there', async () => {
    await t.lia.openHome();
    const home = await waitFor(() => t.lia.home());
    expect(home).toContain('[Ask a question] [File a ticket with Support] [Declare an incident]');
    await t.lia.clickHomeButton('File a ticket with Support');
    const ticketForm = await t.lia.waitForModal({ title: 'File a support ticket' });
    await ticketForm.close();
    await t.lia.clickHomeButton('Declare an incident');
    const declare = await t.lia.waitForModal({ title: 'Declare an incident' });
    await declare.close();
    t.fake.expectNoViolations();
  });

  it('when her question escalated to a ticket and an incident is declared, then her home shows both', async () => {
    await t.ask(t.ana, 'Home ticket: candidate emails are not being sent');
    await declareIncident(t, t.lia, { title: 'Candidate emails delayed', impact: 'Partial outage', areas: ['Candidate emails'], message: 'Emails are queued; we are on it.' });
    await waitFor(
      async () => {
        await t.ana.openHome();
        const home = t.ana.home() ?? '';
        expect(home).toMatch(/GT-\d{4} Home ticket: candidate emails are not being sent/);
        expect(home).toContain("Phase 1 of 3 — We've Received Your Request"); // a how-to escalates as an "other question"
        expect(home).toContain('GoodTime acknowledges by');
        expect(home).toContain('Known issues right now');
        expect(home).toContain('Candidate emails delayed');
        return true;
      },
      { timeout: 15_000, interval: 500 },
    );
  });
});

describe('insights', () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 2, 9, minutes));
  const question = (overrides: Partial<Question>): Question => ({
    id: 'q', requesterId: 'U1', text: 't', category: 'how-to', blocked: false, context: {}, status: 'open',
    createdAt: at(0), slaStartedAt: at(0), remindAt: at(45), dueAt: at(60), replies: [], reopenCount: 0, ...overrides,
  });

  it('when questions were answered, escalated or left open, then the review figures add up', () => {
    const insights = computeInsights(
      [
        question({ status: 'answered', firstResponse: { userId: 'U2', ts: '1', at: at(10) } }),
        question({ status: 'answered', firstResponse: { userId: 'U2', ts: '1', at: at(30) } }),
        question({ category: 'bug', status: 'escalated', escalation: { at: at(60), by: 'sla' } }),
        question({ category: 'bug' }),
      ],
      [{ ackDueAt: at(30), acknowledgedAt: at(20) }, { ackDueAt: at(30) }, { ackDueAt: at(500) }],
      at(0),
      at(120),
    );
    expect(insights.asked).toBe(4);
    expect(insights.answered).toBe(2);
    expect(insights.medianMinutesToFirstAnswer).toBe(20);
    expect(insights.escalationRate).toBe(0.25);
    expect(insights.vendorTargetsMet).toBe(0.5);
    expect(insights.knowledgeGaps).toEqual([{ category: 'bug', asked: 2, escalatedOrOpen: 2 }]);
  });
});
