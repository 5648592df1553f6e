import { Duration, type DateTime } from 'luxon';
import { createBusinessCalendar, type BusinessCalendar } from '../calendar/business-calendar';
import { getPhase, getSeverity, getTicketType } from './process-lookup';
import type { Acknowledgement, BusinessAmount, ProcessDefinition } from './process-schema';

// Parsing holidays is the slow part of a calendar; one per process object is enough.
const calendars = new WeakMap<ProcessDefinition, BusinessCalendar>();

/** The vendor's business calendar (its zone, hours and holidays); results of the functions below are in its zone. */
export function vendorCalendar(process: ProcessDefinition): BusinessCalendar {
  let calendar = calendars.get(process);
  if (!calendar) {
    const { zone, hours, holidays } = process.calendar;
    calendar = createBusinessCalendar({ zone, hours, holidays });
    calendars.set(process, calendar);
  }
  return calendar;
}

/**
 * When business-time targets start counting for something filed at `filedAt`: the next business opening, or the
 * next business day's opening when filed at or after the vendor's cutoff ("after 6PM PT … the following business day").
 */
export function businessCountingStart(process: ProcessDefinition, filedAt: DateTime): DateTime {
  const calendar = vendorCalendar(process);
  const local = filedAt.setZone(calendar.zone);
  const cutoff = process.calendar.cutoff;
  if (cutoff !== null && local.hour * 60 + local.minute >= minuteOfDay(cutoff)) {
    return calendar.nextOpening(local.plus({ days: 1 }).startOf('day'));
  }
  return calendar.nextOpening(local);
}

/** When the vendor should acknowledge a ticket of this severity filed at `filedAt` (S1: 30 min, any hour). */
export function acknowledgementDue(process: ProcessDefinition, severityId: string, filedAt: DateTime): DateTime {
  const { acknowledgement } = getSeverity(process, severityId);
  const calendar = vendorCalendar(process);
  if (acknowledgement.anyHour) return filedAt.setZone(calendar.zone).plus({ minutes: acknowledgement.amount });
  return addBusinessAmount(calendar, businessCountingStart(process, filedAt), acknowledgement);
}

/** When the next vendor update is due after one given at `lastUpdateAt` (null: the severity promises none). */
export function nextUpdateDue(process: ProcessDefinition, severityId: string, lastUpdateAt: DateTime): DateTime | null {
  const { updates } = getSeverity(process, severityId);
  return updates ? addBusinessAmount(vendorCalendar(process), lastUpdateAt, updates.every) : null;
}

/** When a workaround is due for a ticket filed at `filedAt` (null: the severity promises none). */
export function workaroundDue(process: ProcessDefinition, severityId: string, filedAt: DateTime): DateTime | null {
  const { workaround } = getSeverity(process, severityId);
  return workaround ? addBusinessAmount(vendorCalendar(process), businessCountingStart(process, filedAt), workaround) : null;
}

export interface PhaseOverstay {
  /** True once `now` is past `dueAt`. */
  overdue: boolean;
  /** Whole business days in the phase (see BusinessCalendar.businessDaysBetween). */
  businessDaysIn: number;
  /** The phase's maximum average timeframe in business days; null when it is given in business hours. */
  maxBusinessDays: number | null;
  max: BusinessAmount;
  /** Close of business on the last allowed business day (or, for hours, the moment they run out). */
  dueAt: DateTime;
}

/**
 * How long a ticket has been in a phase against the phase's maximum average timeframe; null for phases without one.
 * Entered Monday 10:00 with a 3-business-day maximum: Thursday 11:00 is 3 days in and on time; overdue from
 * Thursday's close.
 */
export function phaseOverstay(
  process: ProcessDefinition,
  typeId: string,
  phaseNumber: number,
  enteredAt: DateTime,
  now: DateTime,
): PhaseOverstay | null {
  const phase = getPhase(getTicketType(process, typeId), phaseNumber);
  if (!phase.timeframe) return null;
  const calendar = vendorCalendar(process);
  const { max } = phase.timeframe;
  const dueAt =
    max.unit === 'business days'
      ? calendar.closeOfBusinessDay(calendar.addBusinessDays(enteredAt, max.amount))
      : calendar.addBusinessTime(enteredAt, Duration.fromObject({ hours: max.amount }));
  return {
    overdue: now > dueAt,
    businessDaysIn: calendar.businessDaysBetween(enteredAt, now),
    maxBusinessDays: max.unit === 'business days' ? max.amount : null,
    max,
    dueAt,
  };
}

function addBusinessAmount(calendar: BusinessCalendar, start: DateTime, amount: BusinessAmount | Acknowledgement): DateTime {
  switch (amount.unit) {
    case 'business days':
      return calendar.addBusinessDays(start, amount.amount);
    case 'business hours':
      return calendar.addBusinessTime(start, Duration.fromObject({ hours: amount.amount }));
    case 'minutes':
      return calendar.addBusinessTime(start, Duration.fromObject({ minutes: amount.amount }));
  }
}

function minuteOfDay(time: string): number {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return hour * 60 + minute;
}
