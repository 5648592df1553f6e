import { describe, expect, it } from 'vitest';
import { processPresets, type ProcessDefinition, type TicketField } from '../../src/process';
import { csmMail, fieldText, supportBody, supportMail, supportSubject } from '../../src/tickets/ticket-email';
import type { Ticket } from '../../src/tickets/ticket';
import { buildTicket } from './ticket-builder';

const goodtime = processPresets.goodtime as ProcessDefinition;
const bug = goodtime.ticketTypes[0] as (typeof goodtime.ticketTypes)[number];
const names: Record<string, string> = { U0ANA: 'Ana Recruiter', U0LIA: 'Lia Liaison' };

const ticket = buildTicket;
const context = (t: Ticket) => ({ process: goodtime, type: bug, ticket: t, nameOf: (id: string) => names[id] ?? id });

describe('the email to Support', () => {
  it('has the subject "[GT-1042][P1] Bug: <title>" with GoodTime\'s own priority, one line whatever was typed', () => {
    expect(supportSubject(goodtime, ticket(), bug)).toBe('[GT-1042][P1] Bug: Panel invites go out twice');
    expect(supportSubject(goodtime, ticket({ title: 'Two lines\r\nBcc: attacker@evil.test' }), bug)).toBe('[GT-1042][P1] Bug: Two lines Bcc: attacker@evil.test');
  });

  it('carries every answered field, readable, with options as labels and the Slack links, and names the blank ones once', () => {
    const body = supportBody(context(ticket()));
    expect(body).toContain('GT-1042 — Bug: Panel invites go out twice');
    expect(body).toContain('Priority: P1 — Major function broken, no workaround; severe slowness; wrong values (our severity S2 High)');
    expect(body).toContain('Reported by: Ana Recruiter');
    expect(body).toContain('Filed by: Lia Liaison (project team liaison)');
    expect(body).toContain('Filed at: Mon 2 Mar 2026, 10:30 PST');
    expect(body).toContain('Acknowledgement target: Mon 2 Mar 2026, 14:30 PST (P1: acknowledged within 4 business hours)'); // filed 10:30: no cut-off note
    expect(body).toContain('What actually happened?\n  Every interviewer got two invites.\n  Candidates got one.');
    expect(body).toContain('Date/time range\n  2026-03-02 to 2026-03-03');
    expect(body).toContain('Interviews affected\n  Many interviews');
    expect(body).toContain('Who is affected?\n  The whole organisation');
    expect(body).toContain('Is it impacting the coordinator, interviewer or candidate?\n  Coordinator, Interviewer');
    expect(body).toMatch(/\nNot answered: [^\n]*Error messages/);
    expect(body).not.toContain('(not given)');
    expect(body).toContain('Ticket thread in Slack: https://acme.slack.com/archives/C0TEAM/p34');
    expect(body).toContain('Original Slack message: https://acme.slack.com/archives/C0TEAM/p12 (by Ana Recruiter)');
    for (const field of bug.fields) expect(body).toContain(field.label);
    expect(body).not.toContain('reach the project team'); // nothing reads Support's replies yet: no such promise
  });

  it('adds the cut-off note to the acknowledgement target only for a ticket filed after the cut-off', () => {
    const late = supportBody(context(ticket({ createdAt: new Date('2026-03-02T18:30:00-08:00') })));
    expect(late).toContain('acknowledged within 4 business hours; filed after 18:00 America/Los_Angeles, it counts from the next business day');
    const early = supportBody(context(ticket({ createdAt: new Date('2026-03-02T17:21:00-08:00') })));
    expect(early).not.toContain('filed after 18:00');
  });

  it('uses a stable Message-ID per ticket, and the CSM email threads under it', () => {
    const support = supportMail(context(ticket()), 'support@goodtime.io');
    expect(support.messageId).toBe('<gt-1042.65f0c0ffee0000000000abcd@goodtime-help>');
    expect(supportMail(context(ticket({ title: 'changed' })), 'support@goodtime.io').messageId).toBe(support.messageId);
    const csm = csmMail(context(ticket()), 'csm@goodtime.io', 'U0LIA');
    expect(csm.subject).toBe('[GT-1042][P1] Escalation to CSM — Bug: Panel invites go out twice');
    expect(csm.inReplyTo).toBe(support.messageId);
    expect(csm.text).toContain('Lia Liaison from the project team is escalating GT-1042');
    expect(csm.text).toContain('People affected in our team: 2');
  });

  it('writes answers as text: ranges, options, and "(not given)"', () => {
    const select: TicketField = { id: 's', label: 'S', kind: 'select', required: false, options: [{ value: 'a', label: 'Alpha' }] };
    expect(fieldText(select, 'a')).toBe('Alpha');
    expect(fieldText(select, undefined)).toBe('(not given)');
    const range: TicketField = { id: 'r', label: 'R', kind: 'date-range', required: false };
    expect(fieldText(range, { from: '2026-01-01' })).toBe('from 2026-01-01');
    expect(fieldText(range, { to: '2026-01-02' })).toBe('until 2026-01-02');
  });
});
