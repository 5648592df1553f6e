// The ticket form's input, validated with zod against the ticket type's fields (process data); every problem is
// reported under its own field (zod paths are block ids).
import { z } from 'zod';
import type { ProcessDefinition, TicketField, TicketType } from '../process';
import { TITLE_MAX, TITLE_MIN, type FieldValue, type FormPrefill, type TicketFields } from './ticket';
import { TicketIds } from './ticket-ids';

export interface TicketInput {
  typeId: string;
  severityId: string;
  title: string;
  reporterId: string;
  fields: TicketFields;
}

type RawForm = Record<string, string | string[] | undefined>;

export const DEFAULT_TEXT_MAX = 500;
export const DEFAULT_MULTILINE_MAX = 3000;
export const URL_MAX = 2000;

/** The most a person can type into the field (also the element's max_length). */
export function fieldMaxLength(field: TicketField): number {
  if (field.maxLength) return field.maxLength;
  if (field.kind === 'url') return URL_MAX;
  return field.kind === 'text' ? DEFAULT_TEXT_MAX : DEFAULT_MULTILINE_MAX;
}

const URL_PATTERN = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const NAMED_EMAIL = /^(.+?)\s*<([^<>]+)>$/;

/** The lines of an email list that are neither "Name <email>" nor a bare email (1-based line numbers). */
export function badEmailListLines(text: string): number[] {
  const bad: number[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const named = NAMED_EMAIL.exec(line);
    const ok = named ? EMAIL.test((named[2] ?? '').trim()) : EMAIL.test(line);
    if (!ok) bad.push(index + 1);
  });
  return bad;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Pick a date from the calendar.');

function textRule(field: TicketField): z.ZodType<string> {
  const max = fieldMaxLength(field);
  let rule = z.string({ error: `Please fill in “${field.label}”.` }).max(max, `Please keep this under ${max} characters.`);
  if (field.kind === 'url') rule = rule.regex(URL_PATTERN, 'That is not a link. Paste the full address, e.g. https://app.goodtime.io/…');
  if (field.kind === 'email-list') {
    return rule.superRefine((text, ctx) => {
      const bad = badEmailListLines(text);
      if (bad.length > 0) {
        const lines = bad.length === 1 ? `Line ${bad[0]}` : `Lines ${bad.join(', ')}`;
        ctx.addIssue({ code: 'custom', message: `${lines}: write one person per line as Name <email>, e.g. Ada Lovelace <ada@example.com>.` });
      }
    });
  }
  return rule;
}

function optionRule(field: TicketField): z.ZodType<string | string[]> {
  const values = (field.options ?? []).map((o) => o.value) as [string, ...string[]];
  const one = z.enum(values, { error: `Please choose one of the options for “${field.label}”.` });
  if (field.kind === 'select') return one;
  return z.array(one).min(1, `Please choose at least one option for “${field.label}”.`);
}

function fieldShape(field: TicketField): Record<string, z.ZodType> {
  // An untouched checkbox group arrives as [] — for an optional field that is "not answered".
  const optional = <T extends z.ZodType>(rule: T) => (field.required ? rule : z.preprocess((v) => (Array.isArray(v) && v.length === 0 ? undefined : v), rule.optional()));
  switch (field.kind) {
    case 'date-range':
      return {
        [TicketIds.rangeBlock(field.id, 'from')]: field.required ? isoDate : isoDate.optional(),
        [TicketIds.rangeBlock(field.id, 'to')]: isoDate.optional(),
      };
    case 'select':
    case 'multiselect':
      return { [TicketIds.fieldBlock(field.id)]: optional(optionRule(field)) };
    default:
      return { [TicketIds.fieldBlock(field.id)]: optional(textRule(field)) };
  }
}

/** The schema of the form for one ticket type: title, severity, reporter and the type's fields. */
export function ticketFormSchema(process: ProcessDefinition, type: TicketType): z.ZodType<TicketInput> {
  const B = TicketIds.block;
  const severityIds = process.severities.map((s) => s.id) as [string, ...string[]];
  const shape: Record<string, z.ZodType> = {
    [B.title]: z
      .string({ error: 'Please write a one-line summary.' })
      .min(TITLE_MIN, `Please write a summary of at least ${TITLE_MIN} characters, e.g. “Panel invites go out twice”.`)
      .max(TITLE_MAX, `Please keep the summary under ${TITLE_MAX} characters; details go in the fields below.`),
    [B.severity]: z.enum(severityIds, { error: 'Please choose how severe it is.' }),
    [B.reporter]: z.string({ error: 'Please choose who reported it (they get the updates).' }).regex(/^[UW][A-Z0-9]+$/, 'Please choose a person.'),
    ...Object.assign({}, ...type.fields.map(fieldShape)),
  };
  return z
    .object(shape)
    .superRefine((form, ctx) => {
      for (const field of type.fields.filter((f) => f.kind === 'date-range')) {
        const from = form[TicketIds.rangeBlock(field.id, 'from')];
        const to = form[TicketIds.rangeBlock(field.id, 'to')];
        if (typeof from === 'string' && typeof to === 'string' && to < from) ctx.addIssue({ code: 'custom', path: [TicketIds.rangeBlock(field.id, 'to')], message: 'The end date is before the start date.' });
        if (typeof to === 'string' && !from) ctx.addIssue({ code: 'custom', path: [TicketIds.rangeBlock(field.id, 'from')], message: 'Please pick the start date too.' });
      }
    }, { when: () => true }) // report the date range with every other problem, not after they are fixed
    .transform((form) => ({
      typeId: type.id,
      severityId: form[B.severity] as string,
      title: (form[B.title] as string).trim(),
      reporterId: form[B.reporter] as string,
      fields: readFields(type, form as RawForm),
    }));
}

/** The type's answers from raw form values, leaving out empty ones. */
function readFields(type: TicketType, form: RawForm): TicketFields {
  const fields: TicketFields = {};
  for (const field of type.fields) {
    if (field.kind === 'date-range') {
      const from = form[TicketIds.rangeBlock(field.id, 'from')];
      const to = form[TicketIds.rangeBlock(field.id, 'to')];
      if (typeof from === 'string' || typeof to === 'string') {
        fields[field.id] = { ...(typeof from === 'string' ? { from } : {}), ...(typeof to === 'string' ? { to } : {}) };
      }
      continue;
    }
    const value = form[TicketIds.fieldBlock(field.id)];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) fields[field.id] = value;
  }
  return fields;
}

/** What the person has typed so far, as a prefill for the same form with another type (shared fields carry over). */
export function prefillFromForm(process: ProcessDefinition, typeId: string, form: RawForm): FormPrefill {
  const B = TicketIds.block;
  const fields: TicketFields = {};
  const allFields = new Map(process.ticketTypes.flatMap((type) => type.fields.map((field) => [field.id, field] as const)));
  for (const field of allFields.values()) {
    const value: FieldValue | undefined =
      field.kind === 'date-range'
        ? readFields({ fields: [field] } as TicketType, form)[field.id]
        : form[TicketIds.fieldBlock(field.id)];
    if (value !== undefined) fields[field.id] = value;
  }
  const text = (blockId: string) => (typeof form[blockId] === 'string' ? (form[blockId] as string) : undefined);
  return { typeId, title: text(B.title), severityId: text(B.severity), reporterId: text(B.reporter), fields };
}
