import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../src/calendar/business-calendar';
import { parseDuration } from '../../src/calendar/duration-spec';

// America/Los_Angeles springs forward 2026-03-08 02:00 → 03:00 and falls back 2026-11-01 02:00 → 01:00.
const ZONE = 'America/Los_Angeles';
const pt = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
const iso = (t: DateTime) => t.toISO();

describe('a 01:00-05:00 schedule, where the DST hour falls inside business hours', () => {
  const night = createBusinessCalendar({ zone: ZONE, hours: 'Mon-Sun 01:00-05:00', holidays: 'none' });

  it('when the clocks spring forward, then the day has 3 open hours', () => {
    expect(night.businessTimeBetween(pt('2026-03-08T00:00'), pt('2026-03-09T00:00')).as('hours')).toBe(3);
    expect(iso(night.addBusinessTime(pt('2026-03-08T01:00'), parseDuration('3h')))).toBe('2026-03-08T05:00:00.000-07:00');
    expect(iso(night.addBusinessTime(pt('2026-03-08T01:00'), parseDuration('3h30m')))).toBe('2026-03-09T01:30:00.000-07:00');
  });

  it('when the clocks fall back, then the day has 5 open hours and 01:30 happens twice', () => {
    expect(night.businessTimeBetween(pt('2026-11-01T00:00'), pt('2026-11-02T00:00')).as('hours')).toBe(5);
    const midnight = pt('2026-11-01T00:00');
    expect(iso(night.addBusinessTime(midnight, parseDuration('30m')))).toBe('2026-11-01T01:30:00.000-07:00');
    expect(iso(night.addBusinessTime(midnight, parseDuration('1h30m')))).toBe('2026-11-01T01:30:00.000-08:00');
    expect(iso(night.addBusinessTime(midnight, parseDuration('5h')))).toBe('2026-11-01T05:00:00.000-08:00');
  });

  it('when an instant sits in the repeated hour, then it is open', () => {
    expect(night.isOpen(DateTime.fromISO('2026-11-01T09:30:00Z'))).toBe(true); // 01:30 PST, the second time round
  });
});

describe('a 00:00-23:59 schedule', () => {
  const allDay = createBusinessCalendar({ zone: ZONE, hours: 'Mon-Sun 00:00-23:59', holidays: 'none' });

  it('when the clocks spring forward, then 23 business hours end just after the next midnight', () => {
    // the day has 22h59m of open time: 23 real hours minus the closed last minute
    expect(iso(allDay.addBusinessTime(pt('2026-03-08T00:00'), parseDuration('23h')))).toBe('2026-03-09T00:01:00.000-07:00');
  });

  it('when the clocks fall back, then 24 business hours end at 23:00 the same day', () => {
    expect(iso(allDay.addBusinessTime(pt('2026-11-01T00:00'), parseDuration('24h')))).toBe('2026-11-01T23:00:00.000-08:00');
  });
});

describe('a normal 09:00-18:00 day on the DST dates', () => {
  const everyDay = createBusinessCalendar({ zone: ZONE, hours: 'Mon-Sun 09:00-18:00', holidays: 'none' });

  it('when spring-forward Sunday is counted, then the wall clock is right and the day still has 9 hours', () => {
    expect(iso(everyDay.addBusinessTime(pt('2026-03-07T17:00'), parseDuration('2h')))).toBe('2026-03-08T10:00:00.000-07:00');
    expect(everyDay.businessTimeBetween(pt('2026-03-08T00:00'), pt('2026-03-09T00:00')).as('hours')).toBe(9);
  });

  it('when fall-back Sunday is counted, then the wall clock is right and the day still has 9 hours', () => {
    expect(iso(everyDay.addBusinessTime(pt('2026-10-31T17:00'), parseDuration('2h')))).toBe('2026-11-01T10:00:00.000-08:00');
    expect(everyDay.businessTimeBetween(pt('2026-11-01T00:00'), pt('2026-11-02T00:00')).as('hours')).toBe(9);
  });

  it('when whole business days span a DST change, then the time of day is kept', () => {
    expect(iso(everyDay.addBusinessDays(pt('2026-03-07T10:00'), 2))).toBe('2026-03-09T10:00:00.000-07:00');
    expect(iso(everyDay.addBusinessDays(pt('2026-10-31T10:00'), 1))).toBe('2026-11-01T10:00:00.000-08:00');
  });
});
