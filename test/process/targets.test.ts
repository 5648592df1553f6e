import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { careportalProcess } from '../../src/process/presets/careportal';
import { goodtimeProcess } from '../../src/process/presets/goodtime';
import {
  acknowledgementDue,
  businessCountingStart,
  nextUpdateDue,
  phaseOverstay,
  vendorCalendar,
  workaroundDue,
} from '../../src/process/targets';

const pt = (iso: string) => DateTime.fromISO(iso, { zone: 'America/Los_Angeles' });
const iso = (t: DateTime | null) => t?.toISO() ?? null;

// 2026-11-16 is a Monday; Thanksgiving is Thursday 2026-11-26.
describe('acknowledgementDue on GoodTime’s calendar', () => {
  it('when an S2 is filed Friday 19:00 PT, then it is due Monday 13:00 PT', () => {
    expect(iso(acknowledgementDue(goodtimeProcess, 'S2', pt('2026-11-20T19:00')))).toBe('2026-11-23T13:00:00.000-08:00');
  });

  it('when an S1 is filed Sunday 03:00, then it is due 03:30 the same day', () => {
    expect(iso(acknowledgementDue(goodtimeProcess, 'S1', pt('2026-11-22T03:00')))).toBe('2026-11-22T03:30:00.000-08:00');
  });

  it('when an S3 is filed Tuesday 10:00, then it is due Wednesday 10:00', () => {
    expect(iso(acknowledgementDue(goodtimeProcess, 'S3', pt('2026-11-17T10:00')))).toBe('2026-11-18T10:00:00.000-08:00');
  });

  it('when an S2 is filed Tuesday 18:00 exactly, then the cutoff moves counting to Wednesday', () => {
    expect(iso(acknowledgementDue(goodtimeProcess, 'S2', pt('2026-11-17T18:00')))).toBe('2026-11-18T13:00:00.000-08:00');
  });

  it('when an S2 is filed 16:00 UTC on a Monday (08:00 PT), then it counts from 09:00 PT and is answered in Pacific time', () => {
    const due = acknowledgementDue(goodtimeProcess, 'S2', DateTime.fromISO('2026-11-16T16:00:00Z'));
    expect(iso(due)).toBe('2026-11-16T13:00:00.000-08:00');
  });

  it('when an S4 is filed the day before Thanksgiving, then the holiday does not count', () => {
    expect(iso(acknowledgementDue(goodtimeProcess, 'S4', pt('2026-11-25T10:00')))).toBe('2026-12-01T10:00:00.000-08:00');
  });

  it('when the severity is unknown, then the error lists the known ones', () => {
    expect(() => acknowledgementDue(goodtimeProcess, 'S9', pt('2026-11-17T10:00'))).toThrow(/no severity "S9" \(it has S1, S2, S3, S4, S5\)/);
  });

  it('when CarePortal is asked, then everything is due within one business day of Central time', () => {
    expect(vendorCalendar(careportalProcess).zone).toBe('America/Chicago');
    const due = acknowledgementDue(careportalProcess, 'S1', DateTime.fromISO('2026-11-20T20:00', { zone: 'America/Chicago' }));
    expect(iso(due)).toBe('2026-11-24T09:00:00.000-06:00');
  });
});

describe('businessCountingStart, nextUpdateDue, workaroundDue', () => {
  it('when filed during the day, then counting starts at once; after the cutoff, the next business morning', () => {
    expect(iso(businessCountingStart(goodtimeProcess, pt('2026-11-17T17:59')))).toBe('2026-11-17T17:59:00.000-08:00');
    expect(iso(businessCountingStart(goodtimeProcess, pt('2026-11-20T18:30')))).toBe('2026-11-23T09:00:00.000-08:00');
  });

  it('when an S1 was last updated at 16:00, then the next update is due 4 business hours later', () => {
    expect(iso(nextUpdateDue(goodtimeProcess, 'S1', pt('2026-11-17T16:00')))).toBe('2026-11-18T11:00:00.000-08:00');
    expect(nextUpdateDue(goodtimeProcess, 'S3', pt('2026-11-17T16:00'))).toBeNull();
  });

  it('when an S2 is filed Monday 10:00, then a workaround is due Thursday 10:00', () => {
    expect(iso(workaroundDue(goodtimeProcess, 'S2', pt('2026-11-16T10:00')))).toBe('2026-11-19T10:00:00.000-08:00');
    expect(workaroundDue(goodtimeProcess, 'S5', pt('2026-11-16T10:00'))).toBeNull();
  });
});

describe('phaseOverstay', () => {
  const enteredMonday = pt('2026-11-16T10:00');

  it('when a bug entered Phase 1 on Monday 10:00 and it is Thursday 11:00, then it is 3 business days in and on time', () => {
    const overstay = phaseOverstay(goodtimeProcess, 'bug', 1, enteredMonday, pt('2026-11-19T11:00'));
    expect(overstay).toMatchObject({ overdue: false, businessDaysIn: 3, maxBusinessDays: 3 });
    expect(iso(overstay?.dueAt ?? null)).toBe('2026-11-19T18:00:00.000-08:00');
  });

  it('when it is Friday, then it is overdue', () => {
    expect(phaseOverstay(goodtimeProcess, 'bug', 1, enteredMonday, pt('2026-11-20T09:30'))).toMatchObject({ overdue: true, businessDaysIn: 4 });
  });

  it('when the phase has no timeframe, then there is nothing to overstay', () => {
    expect(phaseOverstay(goodtimeProcess, 'bug', 4, enteredMonday, pt('2027-01-20T09:30'))).toBeNull();
  });

  it('when a holiday falls inside the phase, then it does not count', () => {
    const overstay = phaseOverstay(goodtimeProcess, 'question', 2, pt('2026-11-23T10:00'), pt('2026-11-27T11:00'));
    expect(overstay).toMatchObject({ overdue: false, businessDaysIn: 3, maxBusinessDays: 3 });
  });

  it('when the phase number does not exist, then it is refused', () => {
    expect(() => phaseOverstay(goodtimeProcess, 'question', 4, enteredMonday, enteredMonday)).toThrow(/phases 1 to 3; got 4/);
  });
});
