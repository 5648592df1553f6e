import { IANAZone } from 'luxon';
import { z } from 'zod';

export const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

/** Throws unless `zone` is an IANA time zone name such as "America/Los_Angeles" (or "UTC"). */
export function assertTimeZone(zone: string): string {
  if (!IANAZone.isValidZone(zone)) {
    throw new Error(`expected an IANA time zone such as "America/Los_Angeles" or "Europe/Paris"; got "${zone}"`);
  }
  return zone;
}

/** A zod schema for BUSINESS_TIMEZONE. */
export const timeZoneSchema = z
  .string()
  .trim()
  .refine((zone) => IANAZone.isValidZone(zone), {
    error: (issue) => `expected an IANA time zone such as "America/Los_Angeles" or "Europe/Paris"; got "${String(issue.input)}"`,
  });
