import { Duration } from 'luxon';
import { schemaParsedBy } from './parsed-schema';

const EXPECTED =
  'expected a positive duration like 4h, 30m, 5s, 1h30m, 2d or ISO 8601 (PT4H, P1D)';

// d, h, m, s, ms in that order, each at most once, optionally separated by spaces: "1h30m", "1h 30m", "250ms".
const SHORT_FORM = /^(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m(?!s))?\s*(?:(\d+)s)?\s*(?:(\d+)ms)?$/i;

/**
 * Parses a duration such as `4h`, `30m`, `5s`, `1h30m`, `2d`, `PT4H` or `P1D`.
 * A day is 24 hours of whatever time the caller counts: added on a business calendar,
 * `2d` is 48 business hours, not two business days. Years and months are refused (their length varies).
 */
export function parseDuration(spec: string): Duration {
  const text = spec.trim();
  const duration = /^P/i.test(text) ? parseIso(text) : parseShortForm(text);
  if (!duration) throw new Error(`${EXPECTED}; got "${spec}"`);
  if (duration.as('milliseconds') <= 0) throw new Error(`${EXPECTED}; got "${spec}", which is not more than zero`);
  return duration;
}

function parseShortForm(text: string): Duration | undefined {
  const match = SHORT_FORM.exec(text);
  if (!match || text === '') return undefined;
  const [, days, hours, minutes, seconds, milliseconds] = match;
  return Duration.fromObject({
    days: Number(days ?? 0),
    hours: Number(hours ?? 0),
    minutes: Number(minutes ?? 0),
    seconds: Number(seconds ?? 0),
    milliseconds: Number(milliseconds ?? 0),
  });
}

function parseIso(text: string): Duration | undefined {
  const duration = Duration.fromISO(text.toUpperCase());
  if (!duration.isValid) return undefined;
  if (duration.years !== 0 || duration.quarters !== 0 || duration.months !== 0) return undefined;
  if (Object.values(duration.toObject()).some((value) => value < 0)) return undefined;
  return duration;
}

/** A zod schema turning a duration string into a luxon Duration (for env vars such as QUESTION_ESCALATE_AFTER). */
export const durationSchema = schemaParsedBy(parseDuration);
