import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { holidaysSchema, parseHolidays } from '../../src/calendar/holidays';

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'America/Los_Angeles' });

describe('parseHolidays', () => {
  it('when given US, then federal public holidays and their observed days are closed', () => {
    const us = parseHolidays('US');
    expect(us.isHoliday(day('2026-11-26'))).toBe(true); // Thanksgiving
    expect(us.isHoliday(day('2026-12-25'))).toBe(true);
    expect(us.isHoliday(day('2026-07-03'))).toBe(true); // Independence Day observed (the 4th is a Saturday)
    expect(us.isHoliday(day('2026-11-27'))).toBe(false); // not a federal holiday
    expect(us.isHoliday(day('2026-02-14'))).toBe(false); // an observance, not a public holiday
    expect(us.holidayName(day('2026-11-26'))).toBe('Thanksgiving Day');
    expect(us.holidayName(day('2026-11-25'))).toBeUndefined();
  });

  it('when given a state code, then its own public holidays are added', () => {
    const california = parseHolidays('US-CA');
    expect(california.isHoliday(day('2026-11-27'))).toBe(true);
    expect(california.isHoliday(day('2026-11-26'))).toBe(true);
  });

  it('when given another country, then its holidays apply', () => {
    expect(parseHolidays('de').isHoliday(day('2026-10-03'))).toBe(true);
  });

  it('when given explicit dates mixed with a region, then both apply', () => {
    const mixed = parseHolidays('US, 2026-12-24,2026-12-31');
    expect(mixed.isHoliday(day('2026-12-24'))).toBe(true);
    expect(mixed.isHoliday(day('2026-12-31'))).toBe(true);
    expect(mixed.isHoliday(day('2026-12-25'))).toBe(true);
    expect(mixed.holidayName(day('2026-12-24'))).toBe('Holiday');
  });

  it('when given none, then no day is a holiday', () => {
    expect(parseHolidays('none').isHoliday(day('2026-12-25'))).toBe(false);
  });

  it('when the date is read, then it is the date in the DateTime’s own zone', () => {
    const us = parseHolidays('US');
    const lateOnChristmasEveInLa = DateTime.fromISO('2026-12-25T07:00:00Z'); // 23:00 on the 24th in LA
    expect(us.isHoliday(lateOnChristmasEveInLa.setZone('America/Los_Angeles'))).toBe(false);
    expect(us.isHoliday(lateOnChristmasEveInLa.setZone('UTC'))).toBe(true);
  });

  it.each([
    ['', /expected "none", a country or state code/],
    ['XX', /"XX" is not a country date-holidays knows/],
    ['US-ZZ', /"US-ZZ" is not a state or province/],
    ['2026-02-30', /"2026-02-30" is not a real date/],
    ['none,US', /"none" cannot be combined/],
    ['United States', /cannot read "UNITED STATES"/],
  ])('when given %j, then it is refused with a clear message', (spec, message) => {
    expect(() => parseHolidays(spec)).toThrow(message);
  });

  it('when used through the zod schema, then errors become issues', () => {
    expect(holidaysSchema.safeParse('XX').success).toBe(false);
    expect(holidaysSchema.parse('none').spec).toBe('none');
  });
});
