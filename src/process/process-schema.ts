import { z } from 'zod';
import { parseBusinessHours } from '../calendar/business-hours';
import { parseHolidays } from '../calendar/holidays';
import { timeZoneSchema } from '../calendar/time-zone';

// Slack's limits for input labels, hints, option texts and values, and plain-text inputs.
const LABEL_MAX = 2000;
const OPTION_LABEL_MAX = 75;
const OPTION_VALUE_MAX = 150;
const INPUT_MAX = 3000;

const text = z.string().trim().min(1);
const slug = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lowercase id such as "bug" or "feature-request"');
const specParsedBy = (parse: (spec: string) => unknown) =>
  z.string().superRefine((spec, ctx) => {
    try {
      parse(spec);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

const wholeBusinessDays = (value: { amount: number; unit: string }) =>
  value.unit !== 'business days' || Number.isInteger(value.amount);
const WHOLE_DAYS = { message: 'business days are counted in whole days', path: ['amount'] };

export const businessAmountSchema = z
  .strictObject({
    amount: z.number().positive(),
    unit: z.enum(['business hours', 'business days']),
  })
  .refine(wholeBusinessDays, WHOLE_DAYS);

export const acknowledgementSchema = z
  .strictObject({
    amount: z.number().positive(),
    unit: z.enum(['minutes', 'business hours', 'business days']),
    /** true: counted around the clock from filing (S1); false: counted on the vendor's business calendar. */
    anyHour: z.boolean(),
  })
  .refine(wholeBusinessDays, WHOLE_DAYS)
  .refine((ack) => !ack.anyHour || ack.unit === 'minutes', {
    message: 'anyHour applies to minutes only (business hours and days never run around the clock)',
    path: ['anyHour'],
  });

export const severitySchema = z.strictObject({
  id: z.string().regex(/^[A-Z][A-Z0-9]{0,9}$/, 'expected a short uppercase id such as "S1"'),
  /** The vendor's own name for the level (GoodTime's P0–P4 today); ours to configure. */
  vendorLevel: text.max(20),
  label: text.max(OPTION_LABEL_MAX),
  meaning: text.max(LABEL_MAX),
  acknowledgement: acknowledgementSchema,
  updates: z.strictObject({ every: businessAmountSchema, text: text.max(LABEL_MAX) }).nullable(),
  workaround: businessAmountSchema.nullable(),
});

export const fieldKinds = ['text', 'multiline', 'url', 'email-list', 'date-range', 'select', 'multiselect'] as const;

export const fieldOptionSchema = z.strictObject({
  value: z.string().min(1).max(OPTION_VALUE_MAX),
  label: text.max(OPTION_LABEL_MAX),
});

export const ticketFieldSchema = z
  .strictObject({
    /** Stable id (camelCase); used as the Slack block/action id and as the key of the stored answer. */
    id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'expected a camelCase id such as "interviewUrl"'),
    label: text.max(LABEL_MAX),
    kind: z.enum(fieldKinds),
    required: z.boolean(),
    hint: text.max(LABEL_MAX).optional(),
    options: z.array(fieldOptionSchema).min(1).max(100).optional(),
    maxLength: z.number().int().positive().max(INPUT_MAX).optional(),
  })
  .superRefine((field, ctx) => {
    const choosable = field.kind === 'select' || field.kind === 'multiselect';
    if (choosable && !field.options) ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${field.kind} field needs options` });
    if (!choosable && field.options) ctx.addIssue({ code: 'custom', path: ['options'], message: `only select and multiselect fields take options` });
  });

export const phaseSchema = z.strictObject({
  name: text.max(OPTION_LABEL_MAX),
  meaning: text.max(LABEL_MAX),
  /** The published average timeframe; null when the vendor gives none. */
  timeframe: z
    .strictObject({
      min: businessAmountSchema.nullable(),
      max: businessAmountSchema,
      /** The vendor's own wording, e.g. "2hrs - 3 Business Days". */
      text: text.max(OPTION_LABEL_MAX).optional(),
    })
    .nullable(),
  nextSteps: text.max(LABEL_MAX),
});

export const ticketTypeSchema = z.strictObject({
  id: slug,
  label: text.max(OPTION_LABEL_MAX),
  description: text.max(LABEL_MAX).optional(),
  /** Form fields in the order the vendor wants them. */
  fields: z.array(ticketFieldSchema).max(40),
  defaultSeverity: z.string(),
  phases: z.array(phaseSchema).min(1),
  /** After the last phase: wait on hold for the reporter to confirm the fix, or close. */
  closing: z.enum(['confirm-with-reporter', 'close']),
  /** Point the requester to the product board (suggestions). */
  productBoard: z.boolean(),
  /**
   * Gathered inside first: a proposal in the team channel that people vote on, sent to the vendor only when a
   * liaison promotes it (the vendor asks for feature requests to be collected and voted internally).
   */
  votedFirst: z.boolean().optional(),
  /** Offer escalation to the CSM (high-impact bugs, larger feature requests). */
  csmEscalation: z.boolean(),
});

const terminalStateSchema = z.strictObject({ label: text.max(OPTION_LABEL_MAX), meaning: text.max(LABEL_MAX) });

export const transitionsSchema = z.strictObject({
  /** Forward moves may jump over phases (Phase 1 → Phase 3) when true; otherwise one phase at a time. */
  skipForward: z.boolean(),
  /** Moving back a phase, reopening a closed ticket, or leaving "on hold" for a phase. */
  backward: z.enum(['with-reason', 'never', 'free']),
  onHold: terminalStateSchema,
  closed: terminalStateSchema,
});

export const processSchema = z
  .strictObject({
    id: slug,
    vendor: z.strictObject({
      name: text.max(OPTION_LABEL_MAX),
      supportEmail: z.email(),
      /** Ticket numbers read "<prefix>-<number>", e.g. GT-1042. */
      ticketPrefix: z.string().regex(/^[A-Z][A-Z0-9]{0,9}$/, 'expected uppercase letters such as "GT"'),
      firstTicketNumber: z.number().int().positive(),
      links: z.strictObject({
        helpCenter: z.url().optional(),
        statusPage: z.url().optional(),
        productBoard: z.url().optional(),
        csmBooking: z.url().optional(),
      }),
    }),
    calendar: z.strictObject({
      zone: timeZoneSchema,
      hours: specParsedBy(parseBusinessHours),
      holidays: specParsedBy(parseHolidays),
      /** Local time after which non-any-hour targets start counting on the next business day; null for none. */
      cutoff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time such as "18:00"').nullable(),
    }),
    severities: z.array(severitySchema).min(1),
    ticketTypes: z.array(ticketTypeSchema).min(1),
    transitions: transitionsSchema,
    /** The vendor's caveat about what its timeframes mean, shown with phase updates. */
    timeframeNote: text.max(LABEL_MAX).nullable(),
    escalation: z.strictObject({
      internalTeam: text.max(LABEL_MAX),
      support: text.max(LABEL_MAX),
      productBoard: text.max(LABEL_MAX).nullable(),
      csm: text.max(LABEL_MAX).nullable(),
    }),
  })
  .superRefine((process, ctx) => {
    const duplicate = (ids: string[]) => ids.find((id, index) => ids.indexOf(id) !== index);
    const severityIds = process.severities.map((severity) => severity.id);
    const twice = duplicate(severityIds);
    if (twice) ctx.addIssue({ code: 'custom', path: ['severities'], message: `severity "${twice}" is listed twice` });
    const typeTwice = duplicate(process.ticketTypes.map((type) => type.id));
    if (typeTwice) ctx.addIssue({ code: 'custom', path: ['ticketTypes'], message: `ticket type "${typeTwice}" is listed twice` });
    process.ticketTypes.forEach((type, index) => {
      if (!severityIds.includes(type.defaultSeverity)) {
        ctx.addIssue({
          code: 'custom',
          path: ['ticketTypes', index, 'defaultSeverity'],
          message: `expected one of ${severityIds.join(', ')}; got "${type.defaultSeverity}"`,
        });
      }
      const fieldTwice = duplicate(type.fields.map((field) => field.id));
      if (fieldTwice) ctx.addIssue({ code: 'custom', path: ['ticketTypes', index, 'fields'], message: `field "${fieldTwice}" is listed twice` });
      const phaseTwice = duplicate(type.phases.map((phase) => phase.name.toLowerCase()));
      if (phaseTwice) ctx.addIssue({ code: 'custom', path: ['ticketTypes', index, 'phases'], message: `phase "${phaseTwice}" is listed twice` });
    });
  });

export type BusinessAmount = z.infer<typeof businessAmountSchema>;
export type Acknowledgement = z.infer<typeof acknowledgementSchema>;
export type Severity = z.infer<typeof severitySchema>;
export type FieldKind = (typeof fieldKinds)[number];
export type FieldOption = z.infer<typeof fieldOptionSchema>;
export type TicketField = z.infer<typeof ticketFieldSchema>;
export type Phase = z.infer<typeof phaseSchema>;
export type PhaseTimeframe = NonNullable<Phase['timeframe']>;
export type TicketType = z.infer<typeof ticketTypeSchema>;
export type Transitions = z.infer<typeof transitionsSchema>;
export type ProcessDefinition = z.infer<typeof processSchema>;
/** What a process file may contain before validation (same shape; used to type the presets). */
export type ProcessInput = z.input<typeof processSchema>;
