import { DateTime, Duration } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../src/calendar/business-calendar';
import { parseDuration } from '../../src/calendar/duration-spec';

const ZONE = 'America/Los_Angeles';
const pt = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
const vendor = createBusinessCalendar({ zone: ZONE, hours: 'Mon-Fri 09:00-18:00', holidays: 'US' });
const iso = (t: DateTime) => t.toISO();

describe('addBusinessTime on Mon-Fri 09:00-18:00 PT with US holidays', () => {
  it('when 4 business hours start Friday 17:00, then they end Monday 12:00', () => {
    expect(iso(vendor.addBusinessTime(pt('2026-11-20T17:00'), parseDuration('4h')))).toBe('2026-11-23T12:00:00.000-08:00');
  });

  it('when the weekend crosses the spring-forward change, then Monday is still 12:00 on the wall clock', () => {
    expect(iso(vendor.addBusinessTime(pt('2026-03-06T17:00'), parseDuration('4h')))).toBe('2026-03-09T12:00:00.000-07:00');
  });

  it('when the start is on Thanksgiving, then counting starts at Friday’s opening', () => {
    expect(iso(vendor.addBusinessTime(pt('2026-11-26T10:00'), parseDuration('4h')))).toBe('2026-11-27T13:00:00.000-08:00');
  });

  it('when the start is on Christmas (a Friday), then counting starts on Monday', () => {
    expect(iso(vendor.addBusinessTime(pt('2026-12-25T10:00'), parseDuration('1h')))).toBe('2026-12-28T10:00:00.000-08:00');
  });

  it('when the start is at 22:00, then counting starts at the next morning’s opening', () => {
    expect(iso(vendor.addBusinessTime(pt('2026-11-17T22:00'), parseDuration('1h30m')))).toBe('2026-11-18T10:30:00.000-08:00');
  });

  it('when the time fits exactly before closing, then it ends at closing, not the next morning', () => {
    expect(iso(vendor.addBusinessTime(pt('2026-11-20T14:00'), parseDuration('4h')))).toBe('2026-11-20T18:00:00.000-08:00');
  });

  it('when 2d is added, then it means 48 business hours (5 days and 3 hours of 9-hour days)', () => {
    expect(iso(vendor.addBusinessTime(pt('2026-11-02T09:00'), parseDuration('2d')))).toBe('2026-11-09T12:00:00.000-08:00');
  });

  it('when the start is given in another zone, then the answer is in the calendar’s zone', () => {
    const fridayFivePmPt = DateTime.fromISO('2026-11-21T01:00:00Z', { zone: 'UTC' });
    const due = vendor.addBusinessTime(fridayFivePmPt, parseDuration('4h'));
    expect(due.zoneName).toBe(ZONE);
    expect(iso(due)).toBe('2026-11-23T12:00:00.000-08:00');
  });

  it('when the amount is negative, then it is refused', () => {
    expect(() => vendor.addBusinessTime(pt('2026-11-20T10:00'), Duration.fromObject({ hours: -1 }))).toThrow(/negative/);
  });
});

describe('isOpen and nextOpening', () => {
  it('when open, then nextOpening is the moment itself', () => {
    expect(vendor.isOpen(pt('2026-11-20T09:00'))).toBe(true);
    expect(iso(vendor.nextOpening(pt('2026-11-20T11:15')))).toBe('2026-11-20T11:15:00.000-08:00');
  });

  it('when it is exactly closing time on Friday, then it is closed and opens Monday 09:00', () => {
    expect(vendor.isOpen(pt('2026-11-20T18:00'))).toBe(false);
    expect(iso(vendor.nextOpening(pt('2026-11-20T18:00')))).toBe('2026-11-23T09:00:00.000-08:00');
  });

  it('when it is a holiday, then the day is not a business day', () => {
    expect(vendor.isOpen(pt('2026-11-26T10:00'))).toBe(false);
    expect(vendor.isBusinessDay(pt('2026-11-26T10:00'))).toBe(false);
    expect(vendor.openSpansOn(pt('2026-11-27T00:00')).map((span) => iso(span.start))).toEqual(['2026-11-27T09:00:00.000-08:00']);
  });
});

describe('businessTimeBetween', () => {
  it('when measured over a weekend, then only open hours count', () => {
    expect(vendor.businessTimeBetween(pt('2026-11-20T17:00'), pt('2026-11-23T12:00')).as('hours')).toBe(4);
  });

  it('when b is before a, then the result is negative', () => {
    expect(vendor.businessTimeBetween(pt('2026-11-23T12:00'), pt('2026-11-20T17:00')).as('hours')).toBe(-4);
  });

  it.each([
    ['2026-11-20T17:00', '4h'],
    ['2026-11-25T16:30', '3h45m'],
    ['2026-11-26T03:00', '10h'],
    ['2026-12-24T17:59:59', '5s'],
    ['2026-03-06T12:00', '2d'],
    ['2026-11-01T00:00', '1h'],
  ])('when %s plus %s is measured back, then the same amount comes out', (start, spec) => {
    const amount = parseDuration(spec);
    const end = vendor.addBusinessTime(pt(start), amount);
    expect(vendor.businessTimeBetween(pt(start), end).as('milliseconds')).toBe(amount.as('milliseconds'));
  });
});

describe('24x7', () => {
  const always = createBusinessCalendar({ zone: ZONE, hours: '24x7', holidays: 'US' });

  it('when 3s are added on Christmas night, then they pass in real time across midnight', () => {
    expect(iso(always.addBusinessTime(pt('2026-12-25T23:59:58'), parseDuration('3s')))).toBe('2026-12-26T00:00:01.000-08:00');
  });

  it('when asked, then it is always open and holidays do not matter', () => {
    expect(always.isOpen(pt('2026-12-25T03:00'))).toBe(true);
    expect(iso(always.nextOpening(pt('2026-11-26T03:00')))).toBe('2026-11-26T03:00:00.000-08:00');
    expect(always.businessTimeBetween(pt('2026-12-24T12:00'), pt('2026-12-26T12:00')).as('hours')).toBe(48);
  });
});
