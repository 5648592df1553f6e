import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '@goodtime-help/slack-stand-in';
import type { FakeMessage } from '@goodtime-help/slack-stand-in';
import { cardNow, cardRef, fileTicket, waitForThreadReply } from '../tickets/ticket-helpers';
import { confirmationAsks, declareIncident, postUpdate } from './incident-steps';

describe('tickets linked to an incident move when it is resolved', () => {
  let t: TestApp;
  let ticket: FakeMessage;
  let feature: FakeMessage;
  let root: FakeMessage;
  const title = 'Interviewer availability shows everyone busy';

  beforeAll(async () => {
    t = await startTestApp({ INCIDENT_BROADCAST_PER_MINUTE: '1200' });
    ticket = await fileTicket(t, t.lia, {
      summary: 'Availability shows all interviewers as busy',
      severity: 'S2 · High',
      fields: { 'What were you trying to do?': 'Book a panel', 'What actually happened?': 'No slots', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now', 'Reported by': t.ana.id },
    });
    feature = await fileTicket(t, t.lia, {
      type: 'Feature request',
      summary: 'Warn when an interviewer calendar cannot be read',
      fields: { 'What would you like GoodTime to do?': 'Flag interviewers whose calendar lookups fail.', 'Why would it help?': 'We book people who look free but are not.', 'Reported by': t.ben.id },
    });
    // Voted inside first; promoted, it is with GoodTime and follows its phases.
    await t.lia.clickButton('Promote to GoodTime Support', cardRef(t, feature));
    await waitFor(() => expect(cardNow(t, feature)).toContain('Phase 1 of 4'));
    root = await declareIncident(t, t.lia, { title, impact: 'Partial outage', areas: ['Interviewer availability'], message: 'Free/busy lookups fail for Microsoft 365 calendars.' });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('when a liaison links a ticket number that does not exist, then the form says so under the field and nothing is linked', async () => {
    await t.lia.clickButton('Link questions & tickets', root);
    const modal = await waitFor(() => {
      const open = t.lia.modal();
      if (!open.isOpen || !open.text().includes('Tickets')) throw new Error('link modal not ready');
      return open;
    });
    await modal.fill('Tickets', 'GT-9999');
    const refused = await modal.submit();
    expect(refused.outcome).toBe('errors');
    expect(refused.errorsByLabel.Tickets).toContain('No ticket GT-9999');
    await modal.fill('Tickets', 'not a ticket');
    expect((await modal.submit()).errorsByLabel.Tickets).toContain('Write ticket numbers like GT-1001');

    await modal.fill('Tickets', 'gt-1001, GT-1002');
    const submitted = await Promise.all([modal.submit(), modal.submit()]); // a double submit links, and notes, once
    expect(submitted.map((r) => r.outcome)).toContain('closed');
    await waitFor(() => t.fake.thread(t.teamChannel, root.ts).some((m) => m.text.includes('linked GT-1001, GT-1002 to this incident')));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.fake.thread(t.teamChannel, root.ts).filter((m) => m.text.includes('to this incident'))).toHaveLength(1);
  });

  it('when the incident is resolved, then the bug waits on hold for its reporter, the feature request moves on, and each reporter is asked once', async () => {
    await postUpdate(t, t.lia, root, ':white_check_mark: Resolved', 'Free/busy lookups work again for every calendar.');
    const moved = await waitForThreadReply(t, ticket, `Incident resolved: ${title}`);
    expect(moved).toContain('On hold');
    await waitFor(() => expect(cardNow(t, ticket)).toContain('to confirm the fix'));
    await waitFor(() => t.ana.dms().find((m) => m.text.includes('is fixed. Does it work for you now?')));
    // The ticket's own flow asks its reporter; the incident does not ask a second time.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(confirmationAsks(t.ana)).toHaveLength(0);
    await waitForThreadReply(t, feature, `Incident resolved: ${title}`);
    await waitFor(() => confirmationAsks(t.ben).length === 1);
    t.fake.expectNoViolations();
  });
});
