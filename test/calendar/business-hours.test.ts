import { describe, expect, it } from 'vitest';
import { businessHoursSchema, parseBusinessHours, type BusinessHours } from '../../src/calendar/business-hours';

function weekly(hours: BusinessHours) {
  if (hours.kind !== 'weekly') throw new Error('expected a weekly schedule');
  return hours.days;
}

describe('parseBusinessHours', () => {
  it('when given 24x7, then the calendar is always open', () => {
    expect(parseBusinessHours('24x7')).toEqual({ kind: 'always', spec: '24x7' });
    expect(parseBusinessHours('24/7').kind).toBe('always');
  });

  it('when given the default Mon-Fri 09:00-18:00, then weekdays open 9 to 6 and weekends are closed', () => {
    const days = weekly(parseBusinessHours('Mon-Fri 09:00-18:00'));
    for (const day of [1, 2, 3, 4, 5] as const) expect(days[day]).toEqual([{ startMinute: 540, endMinute: 1080 }]);
    expect(days[6]).toEqual([]);
    expect(days[7]).toEqual([]);
  });

  it('when days have different hours, then each rule applies to its own days', () => {
    const days = weekly(parseBusinessHours('Mon-Thu 08:00-17:00, Fri 08:00-12:00'));
    expect(days[4]).toEqual([{ startMinute: 480, endMinute: 1020 }]);
    expect(days[5]).toEqual([{ startMinute: 480, endMinute: 720 }]);
  });

  it('when days are listed with commas, then only those days open', () => {
    const days = weekly(parseBusinessHours('Mon,Wed,Fri 10:00-16:00'));
    expect(days[1]).toHaveLength(1);
    expect(days[2]).toEqual([]);
    expect(days[3]).toHaveLength(1);
    expect(days[5]).toHaveLength(1);
  });

  it('when written with en dashes, spaces, full names or a wrapping range, then it still reads', () => {
    expect(weekly(parseBusinessHours('Mon – Fri 09:00–18:00'))[5]).toHaveLength(1);
    expect(weekly(parseBusinessHours('monday-tuesday 9:00-17:00'))[2]).toEqual([{ startMinute: 540, endMinute: 1020 }]);
    const wrapped = weekly(parseBusinessHours('Fri-Mon 10:00-14:00'));
    expect([wrapped[5], wrapped[6], wrapped[7], wrapped[1]].every((day) => day.length === 1)).toBe(true);
    expect(wrapped[3]).toEqual([]);
  });

  it('when rules for a day overlap, then they merge; a lunch break stays a gap', () => {
    expect(weekly(parseBusinessHours('Mon 09:00-12:00, Mon 11:00-14:00'))[1]).toEqual([{ startMinute: 540, endMinute: 840 }]);
    expect(weekly(parseBusinessHours('Mon 09:00-12:00, Mon 13:00-17:00'))[1]).toHaveLength(2);
  });

  it('when a range ends at 24:00, then it is accepted', () => {
    expect(weekly(parseBusinessHours('Sat 18:00-24:00'))[6]).toEqual([{ startMinute: 1080, endMinute: 1440 }]);
  });

  it.each([
    ['Mon-Fri 22:00-06:00', /crossing midnight are not supported/],
    ['Mon-Fri 09:00-09:00', /must end after they start/],
    ['Funday 09:00-17:00', /"Funday" is not a day of the week/],
    ['Mon-Fri', /"Mon-Fri" has no hours/],
    ['Mon-Fri 9-17', /cannot read "Mon-Fri 9-17"/],
    ['Mon 09:75-10:00', /time that does not exist/],
    ['Mon 09:00-25:00', /time that does not exist/],
    ['', /expected "24x7" or days and hours like "Mon-Fri 09:00-18:00"/],
  ])('when given %j, then it is refused with a clear message', (spec, message) => {
    expect(() => parseBusinessHours(spec)).toThrow(message);
  });

  it('when used through the zod schema, then errors become issues', () => {
    expect(businessHoursSchema.safeParse('nope').success).toBe(false);
    expect(businessHoursSchema.parse('24x7').kind).toBe('always');
  });
});
