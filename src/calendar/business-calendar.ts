import { Duration, type DateTime } from 'luxon';
import { parseBusinessHours, type BusinessHours, type OpenInterval, type Weekday } from './business-hours';
import { parseHolidays, type HolidayCalendar } from './holidays';
import { assertTimeZone } from './time-zone';

export interface BusinessCalendarOptions {
  /** IANA zone the hours are read in, e.g. "America/Los_Angeles". */
  zone: string;
  /** A parsed schedule, or a spec such as "Mon-Fri 09:00-18:00" or "24x7". */
  hours: BusinessHours | string;
  /** A holiday calendar, or a spec such as "US", "none" or "US,2026-12-24". Ignored when hours are 24x7. */
  holidays: HolidayCalendar | string;
}

/** One stretch of open time; `end` is exclusive. */
export interface OpenSpan {
  readonly start: DateTime;
  readonly end: DateTime;
}

export interface BusinessCalendar {
  readonly zone: string;
  readonly hours: BusinessHours;
  readonly holidays: HolidayCalendar;
  isOpen(t: DateTime): boolean;
  /** `t` itself when open, otherwise the next moment the calendar opens. */
  nextOpening(t: DateTime): DateTime;
  /** True when the local date of `t` has open hours (a scheduled day that is not a holiday). */
  isBusinessDay(t: DateTime): boolean;
  /** The open spans of the local date of `t`, in order (empty on closed days). */
  openSpansOn(t: DateTime): readonly OpenSpan[];
  /** Counts `amount` of open time from `start`; time outside business hours does not count. */
  addBusinessTime(start: DateTime, amount: Duration): DateTime;
  /** Open time between `a` and `b`; negative when `b` is before `a`. Inverse of addBusinessTime. */
  businessTimeBetween(a: DateTime, b: DateTime): Duration;
  /**
   * Same wall-clock time `n` business days after nextOpening(start). When that day's hours are shorter,
   * the result is moved into them: up to its opening, or back to its closing.
   */
  addBusinessDays(start: DateTime, n: number): DateTime;
  /**
   * Whole business days elapsed: the business days after the one nextOpening(a) falls on whose opening is at or
   * before `b`. Monday 10:00 → Thursday 09:30 is 3; 0 when `b` is not after `a`. businessDaysBetween(a, addBusinessDays(a, n)) = n.
   */
  businessDaysBetween(a: DateTime, b: DateTime): number;
  /** The last closing of the business day `t` is in (or, after that closing or on a closed day, of the next business day). */
  closeOfBusinessDay(t: DateTime): DateTime;
}

// A calendar that stays shut longer than this (e.g. a typo'd schedule plus holidays) is a configuration error.
const MAX_CLOSED_DAYS = 3660;
const DAY_CACHE_SIZE = 5000;
const ALL_DAY: readonly OpenInterval[] = [{ startMinute: 0, endMinute: 24 * 60 }];

export function createBusinessCalendar(options: BusinessCalendarOptions): BusinessCalendar {
  const zone = assertTimeZone(options.zone);
  const hours = typeof options.hours === 'string' ? parseBusinessHours(options.hours) : options.hours;
  const holidays = typeof options.holidays === 'string' ? parseHolidays(options.holidays) : options.holidays;

  // A local date with its open spans, linked to the next date; built once per date because zone maths is slow.
  interface LocalDay {
    readonly start: DateTime;
    readonly spans: readonly OpenSpan[];
    next?: LocalDay;
  }
  const daysByStart = new Map<number, LocalDay>();
  const localDay = (start: DateTime): LocalDay => {
    const cached = daysByStart.get(start.toMillis());
    if (cached) return cached;
    const intervals = hours.kind === 'always' ? ALL_DAY : holidays.isHoliday(start) ? [] : hours.days[start.weekday as Weekday];
    const spans = intervals
      .map((interval) => ({ start: atMinute(start, interval.startMinute), end: atMinute(start, interval.endMinute) }))
      .filter((span) => span.end > span.start); // a span inside a spring-forward gap has no length
    if (daysByStart.size >= DAY_CACHE_SIZE) daysByStart.clear();
    const day: LocalDay = { start, spans };
    daysByStart.set(start.toMillis(), day);
    return day;
  };
  const dayOf = (t: DateTime): LocalDay => localDay(t.setZone(zone).startOf('day'));
  const nextDay = (day: LocalDay): LocalDay => (day.next ??= localDay(day.start.plus({ days: 1 }).startOf('day')));
  const openSpansOn = (t: DateTime): readonly OpenSpan[] => dayOf(t).spans;

  function* daysFrom(first: LocalDay): Generator<LocalDay> {
    let closedInARow = 0;
    for (let day = first; closedInARow < MAX_CLOSED_DAYS; day = nextDay(day)) {
      yield day;
      closedInARow = day.spans.length > 0 ? 0 : closedInARow + 1;
    }
    throw new Error(`business calendar "${hours.spec}" (${zone}) has no open hours for ${MAX_CLOSED_DAYS} days`);
  }

  const addBusinessTime = (start: DateTime, amount: Duration): DateTime => {
    let remaining = amount.as('milliseconds');
    if (!(remaining >= 0)) throw new Error(`cannot add a negative or invalid amount of business time (${amount.toISO()})`);
    const t = start.setZone(zone);
    for (const day of daysFrom(dayOf(t))) {
      for (const span of day.spans) {
        if (span.end <= t) continue;
        const from = span.start > t ? span.start : t;
        const available = span.end.toMillis() - from.toMillis();
        if (remaining <= available) return from.plus({ milliseconds: remaining });
        remaining -= available;
      }
    }
    throw new Error('unreachable: daysFrom either finds open time or throws');
  };

  const nextOpening = (t: DateTime): DateTime => addBusinessTime(t, Duration.fromMillis(0));

  const businessTimeBetween = (a: DateTime, b: DateTime): Duration => {
    if (b < a) return businessTimeBetween(b, a).negate();
    let total = 0;
    for (let day = dayOf(a); day.start < b; day = nextDay(day)) {
      for (const span of day.spans) {
        const from = Math.max(span.start.toMillis(), a.toMillis());
        const to = Math.min(span.end.toMillis(), b.toMillis());
        if (to > from) total += to - from;
      }
    }
    return Duration.fromMillis(total).shiftTo('hours', 'minutes', 'seconds', 'milliseconds');
  };

  const nextBusinessDay = (day: LocalDay): LocalDay => {
    for (const candidate of daysFrom(nextDay(day))) if (candidate.spans.length > 0) return candidate;
    throw new Error('unreachable: daysFrom either finds open time or throws');
  };

  const addBusinessDays = (start: DateTime, n: number): DateTime => {
    if (!Number.isInteger(n) || n < 0) throw new Error(`business days to add must be a whole number ≥ 0; got ${n}`);
    const opening = nextOpening(start);
    let day = dayOf(opening);
    for (let i = 0; i < n; i += 1) day = nextBusinessDay(day);
    const { hour, minute, second, millisecond } = opening;
    const sameTime = day.start.set({ hour, minute, second, millisecond });
    const span = day.spans.find((candidate) => candidate.end > sameTime);
    if (!span) return day.spans.at(-1)?.end ?? sameTime;
    return span.start > sameTime ? span.start : sameTime;
  };

  const businessDaysBetween = (a: DateTime, b: DateTime): number => {
    let count = 0;
    for (let day = nextBusinessDay(dayOf(nextOpening(a))); ; day = nextBusinessDay(day)) {
      const firstSpan = day.spans[0];
      if (!firstSpan || firstSpan.start > b) return count;
      count += 1;
    }
  };

  const closeOfBusinessDay = (t: DateTime): DateTime => {
    const day = dayOf(t);
    const last = day.spans.at(-1);
    if (last && t <= last.end) return last.end;
    return nextBusinessDay(day).spans.at(-1)?.end ?? t.setZone(zone);
  };

  return {
    zone,
    hours,
    holidays,
    isOpen: (t) => openSpansOn(t).some((span) => span.start <= t && t < span.end),
    nextOpening,
    isBusinessDay: (t) => dayOf(t).spans.length > 0,
    openSpansOn,
    addBusinessTime,
    businessTimeBetween,
    addBusinessDays,
    businessDaysBetween,
    closeOfBusinessDay,
  };
}

// Wall-clock time on `day`; luxon moves a time inside a spring-forward gap to just after it.
function atMinute(day: DateTime, minute: number): DateTime {
  if (minute >= 24 * 60) return day.plus({ days: 1 }).startOf('day');
  return day.set({ hour: Math.floor(minute / 60), minute: minute % 60 });
}
