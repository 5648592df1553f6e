import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '@goodtime-help/slack-stand-in';
import { viewSubmission } from '@goodtime-help/slack-stand-in';
import { submissionState } from '@goodtime-help/slack-stand-in';
import { startSmtpInbox, type SmtpInbox } from '../delivery/smtp-inbox';
import { cardNow, fillTicketForm, TICKET_FORM } from './ticket-helpers';

describe('the ticket form: opened from a message, the slash command or a question; liaisons only; checked field by field', () => {
  let t: TestApp;
  let inbox: SmtpInbox;
  beforeAll(async () => {
    inbox = await startSmtpInbox();
    t = await startTestApp({ SMTP_URL: inbox.url });
  });
  afterAll(async () => {
    await t?.stop();
    await inbox?.stop();
  });

  const ticketCards = () => t.fake.messages(t.teamChannel).filter((m) => /^GT-\d+ /.test(m.text));

  it('when a liaison uses "Escalate to support" on a message, then the form opens prefilled with its text, author and link', async () => {
    const message = await t.ana.postMessage(t.teamChannel, 'Calendar sync stopped for every interviewer in EMEA since 9:00 @channel');
    const result = await t.lia.useMessageShortcut('ticket.escalate_message', { channel: t.teamChannel, ts: message.ts });
    expect(result.ok).toBe(true);
    const modal = await waitFor(async () => {
      const m = await t.lia.waitForModal({ title: TICKET_FORM });
      return m.value('Summary') ? m : undefined;
    });
    expect(modal.value('Summary')).toBe('Calendar sync stopped for every interviewer in EMEA since 9:00 @channel');
    expect(modal.value('What actually happened?')).toBe('Calendar sync stopped for every interviewer in EMEA since 9:00 @channel');
    expect(modal.value('Reported by')).toBe(`@${t.ana.id}`);
    expect(modal.value('Severity')).toBe('S3 · Medium');
    expect(modal.text()).toMatch(/From a message \(https:\/\/[^)]+\/p\d+\) by @ana/);
    expect(modal.text()).toContain('S2 High* (P1) — Major function broken, no workaround; severe slowness; wrong values. acknowledged within 4 business hours');
    // The modal was opened before the slow permalink look-up (the trigger lives 3 s).
    const calls = t.fake.calls.map((c) => c.method);
    expect(calls.indexOf('views.open')).toBeLessThan(calls.lastIndexOf('chat.getPermalink'));

    await modal.fillAll({ 'What were you trying to do?': 'Schedule a panel', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now', Severity: 'S2 · High' });
    expect((await modal.submit()).outcome).toBe('closed');
    const card = await waitFor(() => ticketCards().find((m) => m.text.includes('Calendar sync stopped')));
    expect(cardNow(t, card)).toContain('*S2 High*');
    expect(cardNow(t, card)).toMatch(/From a message \(https:[^)]+\) by @ana/);
    expect(card.text).not.toContain('<!channel>');
    const [mail] = await inbox.waitForMessages(1);
    expect(mail?.text).toMatch(/Original Slack message: https:\/\/\S+ \(by ana\)/);
    expect(mail?.subject).toMatch(/^\[GT-\d+\]\[P1\] Bug: Calendar sync stopped/);
    await waitFor(() => t.lia.dms().find((m) => m.text.includes('Filed') && m.text.includes('GoodTime Support')));
    await waitFor(() => t.ana.dms().find((m) => m.text.includes('filed') && m.text.includes('for you')));
    t.fake.expectNoViolations();
  });

  it('when someone who is not a liaison tries to file a ticket, then they are told who can and what to do instead, and nothing is filed', async () => {
    const before = ticketCards().length;
    const command = await t.ben.runSlashCommand('ticket');
    expect(command.ok).toBe(true);
    const refusal = await waitFor(() => t.ben.ephemerals().find((e) => e.text.includes('Only a liaison')));
    expect(refusal.text).toContain(`<@${t.lia.id}>`);
    expect(refusal.text).toContain('/goodtime-help your question');
    expect(t.ben.modal().isOpen).toBe(false);

    const message = await t.ana.postMessage(t.teamChannel, 'The candidate portal shows the wrong time zone');
    await t.ben.useMessageShortcut('ticket.escalate_message', { channel: t.teamChannel, ts: message.ts });
    await waitFor(() => t.ben.ephemerals().filter((e) => e.text.includes('Only a liaison')).length === 2);

    const question = await t.ask(t.ana, 'Why do reminders go out in the wrong time zone for candidates?');
    await t.ben.clickButton('Escalate to support', { channel: t.teamChannel, ts: question.ts });
    await waitFor(() => t.ben.ephemerals().filter((e) => e.text.includes('Only a liaison')).length === 3);
    expect(t.ben.modal().isOpen).toBe(false);
    expect(ticketCards().length).toBe(before);
    t.fake.expectNoViolations();
  });

  it('when the liaison switches the ticket type, then the form shows that type’s fields and keeps what was typed in shared ones', async () => {
    await t.lia.runSlashCommand('ticket');
    const modal = await fillTicketForm(t.lia, {
      summary: 'Interview URL field loses its value',
      fields: { 'Interview URL': 'https://app.goodtime.io/interviews/99', 'Where in GoodTime?': 'Scheduling → Panels' },
    });
    expect(modal.text()).toContain('What actually happened?');
    await modal.clickButton('Other question');
    await waitFor(() => modal.text().includes('✓ Other question'));
    expect(modal.value('Summary')).toBe('Interview URL field loses its value');
    expect(modal.value('Interview URL')).toBe('https://app.goodtime.io/interviews/99');
    expect(modal.value('Where in GoodTime?')).toBe('Scheduling → Panels');
    expect(modal.value('Severity')).toBe('S4 · Low');
    expect(modal.value('Reported by')).toBe(`@${t.lia.id}`);
    expect(modal.text()).toContain('Your question');
    expect(modal.text()).not.toContain('What actually happened?');
    await modal.close();
    t.fake.expectNoViolations();
  });

  it('when the form has bad input, then each problem appears under its own field and nothing is filed', async () => {
    const before = ticketCards().length;
    await t.lia.runSlashCommand('ticket');
    const modal = await fillTicketForm(t.lia, {
      summary: 'Bug',
      fields: {
        'Interview URL': 'app.goodtime.io/interviews/1',
        'What were you trying to do?': 'Send invites',
        'What actually happened?': 'Nothing was sent',
        'Candidate names and emails': 'Ada Lovelace <ada@example.com>\nGrace Hopper',
        'Date/time range: from': '2026-03-10',
        'Date/time range: to': '2026-03-02',
        'Interviews affected': 'One interview',
        'Who is affected?': 'Only me (one user)',
        'When does it happen?': 'Happened once (one-time)',
      },
    });
    const result = await modal.submit();
    expect(result.outcome).toBe('errors');
    expect(result.errorsByLabel).toEqual({
      Summary: 'Please write a summary of at least 5 characters, e.g. “Panel invites go out twice”.',
      'Interview URL': 'That is not a link. Paste the full address, e.g. https://app.goodtime.io/…',
      'Candidate names and emails': 'Line 2: write one person per line as Name <email>, e.g. Ada Lovelace <ada@example.com>.',
      'Date/time range: to': 'The end date is before the start date.',
    });
    expect(modal.text()).toContain('⚠ The end date is before the start date.');
    await modal.close();
    expect(ticketCards().length).toBe(before);
    t.fake.expectNoViolations();
  });

  it('when the same form is submitted twice at once, then one ticket, one card and one email come out of it', async () => {
    const cardsBefore = ticketCards().length;
    const mailsBefore = inbox.messages.length;
    await t.lia.runSlashCommand('ticket');
    const modal = await fillTicketForm(t.lia, {
      type: 'Other question',
      summary: 'Do declined invites count towards interviewer load?',
      fields: { 'Your question': 'When an interviewer declines, does the load balancing still count it?' },
    });
    const view = modal.view;
    view.state = submissionState(view);
    const submit = () => t.client.interaction(viewSubmission(t.fake.ws, { user: t.lia.id, view, triggerId: t.fake.issueTriggerId(t.lia.id) }));
    const [first, second] = await Promise.all([submit(), submit()]);
    expect([first.status, second.status]).toEqual([200, 200]);
    t.fake.closeModal(t.lia.id); // Slack closes the modal after the (first) empty 200
    await waitFor(() => ticketCards().length === cardsBefore + 1);
    await inbox.waitForMessages(mailsBefore + 1);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(ticketCards().length).toBe(cardsBefore + 1);
    expect(inbox.messages.filter((m) => m.subject.includes('Do declined invites count')).length).toBe(1);
    t.fake.expectNoViolations();
  });

  it('when a liaison clicks "Escalate to support" on a question, then the form is prefilled from it and the question card shows the ticket', async () => {
    const question = await t.ask(t.ana, 'The panel builder drops the last interviewer when I save', {
      Category: 'Bug or data issue',
      Urgency: ["I'm blocked right now"],
      'Interview URL': 'https://app.goodtime.io/interviews/321',
      Interviewer: 'Grace Hopper',
    });
    await t.lia.clickButton('Escalate to support', { channel: t.teamChannel, ts: question.ts });
    const modal = await waitFor(async () => {
      const m = await t.lia.waitForModal({ title: TICKET_FORM });
      return m.text().includes('Escalated from') ? m : undefined;
    });
    expect(modal.text()).toContain('✓ Bug or data issue');
    expect(modal.value('Summary')).toBe('The panel builder drops the last interviewer when I save');
    expect(modal.value('What actually happened?')).toBe('The panel builder drops the last interviewer when I save');
    expect(modal.value('Interview URL')).toBe('https://app.goodtime.io/interviews/321');
    expect(modal.value('Interviewers')).toBe('Grace Hopper');
    expect(modal.value('Severity')).toBe('S2 · High');
    expect(modal.value('Reported by')).toBe(`@${t.ana.id}`);
    await modal.fillAll({ 'What were you trying to do?': 'Save a panel', 'Interviews affected': 'One interview', 'Who is affected?': 'Only me (one user)', 'When does it happen?': 'Keeps happening (recurring)' });
    expect((await modal.submit()).outcome).toBe('closed');
    const card = await waitFor(() => t.fake.thread(t.teamChannel, question.ts).find((m) => /^Escalated to GoodTime Support as GT-\d+ · /.test(m.text)));
    const key = /(GT-\d+)/.exec(card.text)?.[1] as string;
    await waitFor(() => expect(t.teamMessage(question.ts)).toContain(key));
    expect(cardNow(t, card)).toContain('filed by @lia');
    expect(t.teamMessage(question.ts)).not.toContain('[Escalate to support]');
    t.fake.expectNoViolations();
  });
});
