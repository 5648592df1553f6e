import { describe, expect, it } from 'vitest';
import { careportalProcess } from '../../src/process/presets/careportal';
import { goodtimeProcess } from '../../src/process/presets/goodtime';
import { getTicketType } from '../../src/process/process-lookup';
import { processSchema } from '../../src/process/process-schema';

describe('process presets', () => {
  it.each([goodtimeProcess, careportalProcess])('when $id is validated, then it passes unchanged', (preset) => {
    expect(processSchema.parse(preset)).toEqual(preset);
  });

  it('when GoodTime is read, then vendor, calendar and the five levels match the seeds', () => {
    expect(goodtimeProcess.vendor).toMatchObject({ name: 'GoodTime', supportEmail: 'support@goodtime.io', ticketPrefix: 'GT', firstTicketNumber: 1001 });
    expect(goodtimeProcess.calendar).toEqual({ zone: 'America/Los_Angeles', hours: 'Mon-Fri 09:00-18:00', holidays: 'US', cutoff: '18:00' });
    expect(goodtimeProcess.severities.map((s) => `${s.id}/${s.vendorLevel} ${s.label}`)).toEqual([
      'S1/P0 Critical',
      'S2/P1 High',
      'S3/P2 Medium',
      'S4/P3 Low',
      'S5/P4 Enhancement',
    ]);
    expect(goodtimeProcess.severities.map((s) => s.acknowledgement)).toEqual([
      { amount: 30, unit: 'minutes', anyHour: true },
      { amount: 4, unit: 'business hours', anyHour: false },
      { amount: 1, unit: 'business days', anyHour: false },
      { amount: 3, unit: 'business days', anyHour: false },
      { amount: 5, unit: 'business days', anyHour: false },
    ]);
  });

  it('when GoodTime’s ticket types are read, then they carry seed 003’s phases and texts', () => {
    const bug = getTicketType(goodtimeProcess, 'bug');
    const feature = getTicketType(goodtimeProcess, 'feature');
    const question = getTicketType(goodtimeProcess, 'question');
    expect([bug.label, feature.label, question.label]).toEqual(['Bug or data issue', 'Feature request', 'Other question']);
    expect(bug.phases.map((p) => p.name)).toEqual(['Request Received', 'Under Review by Support Team', 'Bug Identified', 'Resolution Plan Determined']);
    expect(feature.phases.map((p) => p.name)).toEqual([
      "We've Received Your Request",
      'Under Review by Support Team',
      'Flagged as Quarter Roadmap Consideration',
      'Review Complete!',
    ]);
    expect(question.phases.map((p) => p.name)).toEqual(["We've Received Your Request", 'Under Review by Support Team', 'Response Sent!']);
    expect(bug.phases[2]?.meaning).toBe('The Team is working on identifying any workarounds, fixes, or other resolutions to your issue.');
    expect(feature.phases[2]?.meaning).toBe(
      'The team has flagged this as a possible contender for our Quarterly roadmap and is investigating possible scope.',
    );
    expect(question.phases[2]?.nextSteps).toContain('you can always re-open your ticket to ask follow-up questions!');
  });

  it('when timeframes are read, then "2hrs - 3 Business Days" is 2 business hours to 3 business days and "None" is null', () => {
    const bug = getTicketType(goodtimeProcess, 'bug');
    expect(bug.phases[0]?.timeframe).toEqual({
      min: { amount: 2, unit: 'business hours' },
      max: { amount: 3, unit: 'business days' },
      text: '2hrs - 3 Business Days',
    });
    expect(bug.phases[3]?.timeframe).toBeNull();
  });

  it('when the bug form is built, then the interview URL comes first and the impact questions are asked', () => {
    const bug = getTicketType(goodtimeProcess, 'bug');
    expect(bug.fields[0]).toMatchObject({ id: 'interviewUrl', kind: 'url' });
    const ids = bug.fields.map((field) => field.id);
    expect(ids).toEqual(expect.arrayContaining(['errorMessages', 'candidates', 'interviewers', 'position', 'interviewTemplate', 'dateRange', 'attachments']));
    expect(ids).toEqual(expect.arrayContaining(['interviewsAffected', 'usersAffected', 'recurrence', 'tryingToDo', 'expected', 'actual']));
    expect(bug.fields.find((field) => field.id === 'usersAffected')?.options?.map((o) => o.value)).toEqual(['one-user', 'several-users', 'organisation']);
  });

  it('when closing rules are read, then fixed bugs wait for the reporter and feature requests point to the product board', () => {
    expect(getTicketType(goodtimeProcess, 'bug').closing).toBe('confirm-with-reporter');
    expect(getTicketType(goodtimeProcess, 'feature')).toMatchObject({ closing: 'close', productBoard: true });
    expect(goodtimeProcess.escalation.csm).toContain('knowledge gaps, high-impact bugs, or larger feature requests');
  });

  it('when CarePortal is read, then it follows seed 004’s life cycle', () => {
    expect(careportalProcess.vendor).toMatchObject({ name: 'CarePortal', supportEmail: 'support@careportal.org', ticketPrefix: 'CP' });
    expect(careportalProcess.ticketTypes.map((type) => type.id)).toEqual(['bug', 'enhancement', 'question']);
    const bug = getTicketType(careportalProcess, 'bug');
    expect(bug.phases.map((p) => p.name)).toEqual([
      'New Ticket Received',
      'Claim & Categorize Ticket',
      'Communicate with End User',
      'Escalate to Developers',
      'Resolve Ticket',
    ]);
    expect(bug.phases[2]?.meaning).toContain('aim to communicate with you within one business day');
    expect(bug.closing).toBe('confirm-with-reporter');
    expect(getTicketType(careportalProcess, 'enhancement').closing).toBe('close');
    expect(getTicketType(careportalProcess, 'question').phases.map((p) => p.name)).not.toContain('Escalate to Developers');
  });
});
