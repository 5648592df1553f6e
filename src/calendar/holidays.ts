import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { schemaParsedBy } from './parsed-schema';

/** Days on which a business calendar stays closed. Dates are read in the zone of the DateTime passed in. */
export interface HolidayCalendar {
  readonly spec: string;
  isHoliday(day: DateTime): boolean;
  /** The holiday's name ("Thanksgiving Day"; "Holiday" for explicit dates), or undefined on a normal day. */
  holidayName(day: DateTime): string | undefined;
}

const EXPECTED =
  'expected "none", a country or state code from date-holidays ("US", "CA", "US-CA") or ISO dates ("2026-12-24"), comma-separated';
const REGION = /^([A-Z]{2})(?:-([A-Z0-9]{1,3}))?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parses HOLIDAYS: `none`, a date-holidays code (`US`, `DE`, `US-CA`), explicit ISO dates, or a comma-separated mix
 * (`US,2026-12-24`). Region codes contribute public holidays only, both the holiday and its observed (substitute) day.
 */
export function parseHolidays(spec: string): HolidayCalendar {
  const tokens = spec.split(',').map((token) => token.trim()).filter((token) => token !== '');
  if (tokens.length === 0) throw new Error(`${EXPECTED}; got an empty value`);
  if (tokens.some((token) => token.toLowerCase() === 'none')) {
    if (tokens.length > 1) throw new Error(`${EXPECTED}; "none" cannot be combined with other holidays`);
    return { spec: 'none', isHoliday: () => false, holidayName: () => undefined };
  }

  const explicit = new Map<string, string>();
  const regions: Holidays[] = [];
  for (const token of tokens) {
    if (ISO_DATE.test(token)) {
      if (!DateTime.fromISO(token).isValid) throw new Error(`${EXPECTED}; "${token}" is not a real date`);
      explicit.set(token, 'Holiday');
    } else {
      regions.push(regionHolidays(token.toUpperCase()));
    }
  }

  const byYear = new Map<number, Map<string, string>>();
  const namesIn = (year: number): Map<string, string> => {
    let names = byYear.get(year);
    if (!names) {
      names = new Map(explicit);
      for (const region of regions) {
        for (const holiday of region.getHolidays(year)) {
          if (holiday.type === 'public') names.set(holiday.date.slice(0, 10), holiday.name);
        }
      }
      byYear.set(year, names);
    }
    return names;
  };
  const holidayName = (day: DateTime): string | undefined => namesIn(day.year).get(day.toISODate() ?? '');
  return { spec: tokens.join(','), isHoliday: (day) => holidayName(day) !== undefined, holidayName };
}

function regionHolidays(code: string): Holidays {
  const match = REGION.exec(code);
  if (!match) throw new Error(`${EXPECTED}; cannot read "${code}"`);
  const [, country = '', state] = match;
  const lookup = new Holidays();
  if (!(country in lookup.getCountries())) throw new Error(`${EXPECTED}; "${country}" is not a country date-holidays knows`);
  if (state !== undefined && !(state in (lookup.getStates(country) ?? {}))) {
    throw new Error(`${EXPECTED}; "${code}" is not a state or province date-holidays knows`);
  }
  return state === undefined
    ? new Holidays(country, { types: ['public'] })
    : new Holidays(country, state, { types: ['public'] });
}

/** A zod schema turning a HOLIDAYS string into a holiday calendar. */
export const holidaysSchema = schemaParsedBy(parseHolidays);
