// The calendar's public API: parse settings, then build a business calendar.
export { createBusinessCalendar, type BusinessCalendar, type BusinessCalendarOptions, type OpenSpan } from './business-calendar';
export {
  DEFAULT_BUSINESS_HOURS,
  businessHoursSchema,
  parseBusinessHours,
  type BusinessHours,
  type OpenInterval,
  type Weekday,
} from './business-hours';
export { durationSchema, parseDuration } from './duration-spec';
export { holidaysSchema, parseHolidays, type HolidayCalendar } from './holidays';
export { DEFAULT_TIME_ZONE, assertTimeZone, timeZoneSchema } from './time-zone';
