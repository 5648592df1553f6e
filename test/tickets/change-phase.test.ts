import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '@goodtime-help/slack-stand-in';
import type { FakeMessage } from '@goodtime-help/slack-stand-in';
import { cardNow, cardRef, fileTicket, ticketThread, waitForThreadReply } from './ticket-helpers';

describe('moving a ticket from its card: liaisons only, any allowed phase, back only with a reason', () => {
  let t: TestApp;
  let card: FakeMessage;
  beforeAll(async () => {
    t = await startTestApp();
    card = await fileTicket(t, t.lia, {
      type: 'Feature request',
      summary: 'Show interviewer load on the scheduling page',
      fields: { 'What would you like GoodTime to do?': 'Show how many interviews each interviewer has this week.', 'Why would it help?': 'We overload the same people.', 'Reported by': t.ana.id },
    });
    // A feature request is voted inside first; promoted, it follows GoodTime's phases.
    await t.lia.clickButton('Promote to GoodTime Support', cardRef(t, card));
    await waitFor(() => expect(cardNow(t, card)).toContain("Phase 1 of 4 — We've Received Your Request"));
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('when someone who is not a liaison clicks Next or Change phase, then they are told who can, and nothing changes', async () => {
    const before = { card: cardNow(t, card), thread: ticketThread(t, card).length };
    await t.ben.clickButton('Next: Phase 2 — Under Review by Support Team', cardRef(t, card));
    const refusal = await waitFor(() => t.ben.ephemerals().find((e) => e.text.includes('Only a liaison can move a ticket')));
    expect(refusal.text).toContain('reply in the ticket thread');
    await t.ben.clickButton('Change phase…', cardRef(t, card));
    await waitFor(() => t.ben.ephemerals().filter((e) => e.text.includes('Only a liaison can move a ticket')).length === 2);
    expect(t.ben.modal().isOpen).toBe(false);
    expect({ card: cardNow(t, card), thread: ticketThread(t, card).length }).toEqual(before);
    t.fake.expectNoViolations();
  });

  it('when a liaison jumps ahead and then goes back, then going back needs a reason, shown under the field, and is posted with it', async () => {
    await t.lia.clickButton('Change phase…', cardRef(t, card));
    let modal = await waitFor(async () => {
      const m = await t.lia.waitForModal({ title: 'Move GT-1001' });
      return m.text().includes('Move to') ? m : undefined;
    });
    expect(modal.text()).toContain("Now: *Phase 1 of 4 — We've Received Your Request*");
    await modal.fill('Move to', 'Phase 3 of 4 — Flagged as Quarter Roadmap Consideration');
    expect((await modal.submit()).outcome).toBe('closed');
    const jumped = await waitForThreadReply(t, card, 'Phase 3 of 4 — Flagged as Quarter Roadmap Consideration');
    expect(jumped).toContain('Once the team is able to determine the possible Scope');

    await t.lia.clickButton('Change phase…', cardRef(t, card));
    modal = await waitFor(async () => {
      const m = await t.lia.waitForModal({ title: 'Move GT-1001' });
      return m.text().includes('Now: *Phase 3') ? m : undefined;
    });
    await modal.fill('Move to', 'Phase 2 of 4 — Under Review by Support Team');
    const refused = await modal.submit();
    expect(refused.outcome).toBe('errors');
    expect(refused.errorsByLabel).toEqual({ Reason: 'Moving back from Phase 3 (Flagged as Quarter Roadmap Consideration) to Phase 2 (Under Review by Support Team) needs a reason.' });
    await modal.fill('Reason', 'Support needs two more customer examples <!channel>');
    expect((await modal.submit()).outcome).toBe('closed');
    const back = await waitForThreadReply(t, card, 'Support needs two more customer examples');
    expect(back).toContain('Phase 2 of 4 — Under Review by Support Team');
    const raw = t.fake.thread(t.teamChannel, card.ts).find((m) => m.text.includes('two more customer examples'));
    expect(raw?.text).toContain('&lt;!channel&gt;'); // shown as typed, never a real @channel
    await waitFor(() => expect(cardNow(t, card)).toContain('*Phase 2 of 4 — Under Review by Support Team*  ●●○○'));
    await waitFor(() => t.ana.dms().find((m) => m.text.includes('is now at *Phase 2 of 4')));
    t.fake.expectNoViolations();
  });
});
