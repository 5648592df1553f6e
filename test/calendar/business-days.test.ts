import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../src/calendar/business-calendar';

const ZONE = 'America/Los_Angeles';
const pt = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
const iso = (t: DateTime) => t.toISO();
const vendor = createBusinessCalendar({ zone: ZONE, hours: 'Mon-Fri 09:00-18:00', holidays: 'US' });

// 2026-11-16 is a Monday; Thanksgiving is Thursday 2026-11-26.
describe('addBusinessDays', () => {
  it('when one business day is added on Tuesday 10:00, then it is Wednesday 10:00', () => {
    expect(iso(vendor.addBusinessDays(pt('2026-11-17T10:00'), 1))).toBe('2026-11-18T10:00:00.000-08:00');
  });

  it('when the weekend or a holiday is in the way, then it is skipped', () => {
    expect(iso(vendor.addBusinessDays(pt('2026-11-20T10:00'), 1))).toBe('2026-11-23T10:00:00.000-08:00');
    expect(iso(vendor.addBusinessDays(pt('2026-11-25T10:00'), 1))).toBe('2026-11-27T10:00:00.000-08:00');
  });

  it('when the start is after hours, then counting starts at the next opening', () => {
    expect(iso(vendor.addBusinessDays(pt('2026-11-17T19:00'), 1))).toBe('2026-11-19T09:00:00.000-08:00');
  });

  it('when zero days are added, then the result is the next opening', () => {
    expect(iso(vendor.addBusinessDays(pt('2026-11-21T12:00'), 0))).toBe('2026-11-23T09:00:00.000-08:00');
  });

  it('when the target day closes earlier, then the result is that day’s closing', () => {
    const uneven = createBusinessCalendar({ zone: ZONE, hours: 'Mon-Thu 08:00-17:00, Fri 08:00-12:00', holidays: 'none' });
    expect(iso(uneven.addBusinessDays(pt('2026-11-19T15:00'), 1))).toBe('2026-11-20T12:00:00.000-08:00');
    expect(uneven.businessDaysBetween(pt('2026-11-19T15:00'), pt('2026-11-20T12:00'))).toBe(1);
  });

  it('when the count is not a whole number, then it is refused', () => {
    expect(() => vendor.addBusinessDays(pt('2026-11-17T10:00'), 1.5)).toThrow(/whole number/);
  });
});

describe('businessDaysBetween', () => {
  const monday10 = pt('2026-11-16T10:00');

  it('when it is Thursday, then 3 business days have elapsed since Monday, from Thursday’s opening on', () => {
    expect(vendor.businessDaysBetween(monday10, pt('2026-11-19T08:59'))).toBe(2);
    expect(vendor.businessDaysBetween(monday10, pt('2026-11-19T09:00'))).toBe(3);
    expect(vendor.businessDaysBetween(monday10, pt('2026-11-19T11:00'))).toBe(3);
    expect(vendor.businessDaysBetween(monday10, pt('2026-11-20T09:30'))).toBe(4);
  });

  it('when the span is within a day or backwards, then it is 0', () => {
    expect(vendor.businessDaysBetween(monday10, pt('2026-11-16T17:00'))).toBe(0);
    expect(vendor.businessDaysBetween(monday10, pt('2026-11-13T10:00'))).toBe(0);
  });

  it('when a holiday and a weekend lie between, then they do not count', () => {
    expect(vendor.businessDaysBetween(pt('2026-11-25T10:00'), pt('2026-11-30T10:00'))).toBe(2);
  });

  it.each([0, 1, 3, 7, 12])('when %i days are added, then businessDaysBetween gives them back', (n) => {
    for (const start of ['2026-11-16T10:00', '2026-11-20T19:00', '2026-11-26T08:00', '2026-12-24T17:30']) {
      expect(vendor.businessDaysBetween(pt(start), vendor.addBusinessDays(pt(start), n))).toBe(n);
    }
  });
});

describe('closeOfBusinessDay', () => {
  it('when open or before opening, then it is that day’s closing; after closing, the next business day’s', () => {
    expect(iso(vendor.closeOfBusinessDay(pt('2026-11-19T10:00')))).toBe('2026-11-19T18:00:00.000-08:00');
    expect(iso(vendor.closeOfBusinessDay(pt('2026-11-19T07:00')))).toBe('2026-11-19T18:00:00.000-08:00');
    expect(iso(vendor.closeOfBusinessDay(pt('2026-11-25T19:00')))).toBe('2026-11-27T18:00:00.000-08:00');
  });
});
