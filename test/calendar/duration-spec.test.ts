import { describe, expect, it } from 'vitest';
import { durationSchema, parseDuration } from '../../src/calendar/duration-spec';

describe('parseDuration', () => {
  it.each([
    ['4h', 4 * 3600],
    ['30m', 30 * 60],
    ['5s', 5],
    ['1h30m', 90 * 60],
    ['1h 30m', 90 * 60],
    ['2d', 48 * 3600],
    ['PT4H', 4 * 3600],
    ['pt90s', 90],
    ['P1D', 24 * 3600],
    ['  45m ', 45 * 60],
    ['250ms', 0.25],
    ['1s500ms', 1.5],
  ])('when given %j, then it lasts the expected seconds', (spec, seconds) => {
    expect(parseDuration(spec).as('seconds')).toBe(seconds);
  });

  it.each(['', 'abc', '4 hours', '4', '1m1h', '-4h', 'P1M', 'P1Y', 'PT-1H', '5ms1s'])(
    'when given %j, then it says what is expected',
    (spec) => {
      expect(() => parseDuration(spec)).toThrow(/expected a positive duration like 4h, 30m, 5s, 1h30m, 2d or ISO 8601/);
    },
  );

  it('when the duration is zero, then it is refused as not more than zero', () => {
    expect(() => parseDuration('0s')).toThrow(/not more than zero/);
    expect(() => parseDuration('PT0S')).toThrow(/not more than zero/);
  });
});

describe('durationSchema', () => {
  it('when the value is valid, then it becomes a Duration', () => {
    expect(durationSchema.parse('1h').as('minutes')).toBe(60);
  });

  it('when the value is invalid, then the zod issue carries the explanation', () => {
    const result = durationSchema.safeParse('soon');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/expected a positive duration.*got "soon"/);
  });
});
