import { schemaParsedBy } from './parsed-schema';

/** ISO weekday as luxon numbers it: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Minutes after local midnight; `endMinute` is exclusive and may be 1440 (24:00). */
export interface OpenInterval {
  readonly startMinute: number;
  readonly endMinute: number;
}

export type BusinessHours =
  | { readonly kind: 'always'; readonly spec: string }
  | { readonly kind: 'weekly'; readonly spec: string; readonly days: Readonly<Record<Weekday, readonly OpenInterval[]>> };

export const DEFAULT_BUSINESS_HOURS = 'Mon-Fri 09:00-18:00';

const EXPECTED =
  'expected "24x7" or days and hours like "Mon-Fri 09:00-18:00", "Mon-Thu 08:00-17:00, Fri 08:00-12:00" or "Mon,Wed,Fri 10:00-16:00"';
const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const RULE = /^(.+?)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;

/**
 * Parses a weekly schedule: `24x7`, or comma-separated rules "<days> <HH:MM>-<HH:MM>", where days are
 * `Mon`, `Mon-Fri` (wrapping like `Fri-Mon` allowed) or lists `Mon,Wed,Fri`. Rules for the same day add up.
 * Ranges that cross midnight are refused; `24:00` may end a range.
 */
export function parseBusinessHours(spec: string): BusinessHours {
  const text = spec
    .trim()
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/([a-z])\s*-\s*([a-z])/gi, '$1-$2');
  if (/^24\s*[x/]\s*7$/i.test(text)) return { kind: 'always', spec: '24x7' };
  if (text === '') throw new Error(`${EXPECTED}; got an empty value`);

  const days: Record<Weekday, OpenInterval[]> = { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };
  let pendingDays: string[] = [];
  for (const piece of text.split(',').map((part) => part.trim())) {
    const rule = RULE.exec(piece);
    if (!rule) {
      // "Mon,Wed,Fri 10:00-16:00": day names before the last one arrive as separate pieces
      if (/^[a-z-]+$/i.test(piece)) {
        pendingDays.push(piece);
        continue;
      }
      throw new Error(`${EXPECTED}; cannot read "${piece}"`);
    }
    const [, dayText = '', startHour, startMinute, endHour, endMinute] = rule;
    const interval = {
      startMinute: minuteOfDay(Number(startHour), Number(startMinute), piece),
      endMinute: minuteOfDay(Number(endHour), Number(endMinute), piece),
    };
    if (interval.endMinute <= interval.startMinute) {
      throw new Error(`business hours "${piece}" must end after they start (ranges crossing midnight are not supported)`);
    }
    for (const day of [...pendingDays, ...dayText.split(/[\s,]+/)].flatMap(parseDays)) days[day].push(interval);
    pendingDays = [];
  }
  if (pendingDays.length > 0) throw new Error(`${EXPECTED}; "${pendingDays.join(',')}" has no hours`);

  for (const day of Object.keys(days).map(Number) as Weekday[]) days[day] = mergeIntervals(days[day]);
  return { kind: 'weekly', spec: text, days };
}

function parseDays(text: string): Weekday[] {
  if (text === '') return [];
  const [from, to, ...rest] = text.split('-');
  if (rest.length > 0 || from === undefined) throw new Error(`${EXPECTED}; cannot read days "${text}"`);
  const first = weekdayOf(from);
  if (to === undefined) return [first];
  const last = weekdayOf(to);
  const result: Weekday[] = [];
  for (let day = first; ; day = ((day % 7) + 1) as Weekday) {
    result.push(day);
    if (day === last) return result;
  }
}

function weekdayOf(name: string): Weekday {
  const lower = name.trim().toLowerCase();
  const index = DAY_NAMES.findIndex((day) => lower.length >= 2 && day.startsWith(lower));
  if (index < 0) throw new Error(`${EXPECTED}; "${name}" is not a day of the week (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)`);
  return (index + 1) as Weekday;
}

function minuteOfDay(hour: number, minute: number, piece: string): number {
  const total = hour * 60 + minute;
  if (minute > 59 || total > 24 * 60) throw new Error(`business hours "${piece}" use a time that does not exist (00:00 to 24:00)`);
  return total;
}

function mergeIntervals(intervals: OpenInterval[]): OpenInterval[] {
  const sorted = [...intervals].sort((a, b) => a.startMinute - b.startMinute);
  const merged: OpenInterval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.startMinute <= last.endMinute) {
      merged[merged.length - 1] = { startMinute: last.startMinute, endMinute: Math.max(last.endMinute, interval.endMinute) };
    } else {
      merged.push(interval);
    }
  }
  return merged;
}

/** A zod schema turning a BUSINESS_HOURS string into a weekly schedule. */
export const businessHoursSchema = schemaParsedBy(parseBusinessHours);
