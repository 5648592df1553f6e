// The incident modals' input, validated with zod; each problem lands under its own field.
import { z } from 'zod';
import { INCIDENT_IMPACTS, INCIDENT_STATUSES, MAX_MESSAGE_LENGTH, MAX_TITLE_LENGTH, type IncidentImpact, type IncidentStatus } from './incident';
import { IncidentIds } from './incident-ids';

const B = IncidentIds.block;

const message = z
  .string({ error: 'Say what people see and what the team is doing about it.' })
  .min(10, 'Please write at least 10 characters: what people see, and what happens next.')
  .max(MAX_MESSAGE_LENGTH, `Please keep it under ${MAX_MESSAGE_LENGTH} characters.`);

export function declareFormSchema(knownAreas: readonly string[]) {
  return z.object({
    [B.title]: z
      .string({ error: 'Give the incident a short title, e.g. “Calendar sync delayed”.' })
      .min(5, 'The title needs at least 5 characters.')
      .max(MAX_TITLE_LENGTH, `Keep the title under ${MAX_TITLE_LENGTH} characters.`),
    [B.impact]: z.enum(Object.keys(INCIDENT_IMPACTS) as [IncidentImpact, ...IncidentImpact[]], { error: 'Choose the impact.' }),
    [B.areas]: z
      .array(z.string(), { error: 'Pick at least one affected area.' })
      .min(1, 'Pick at least one affected area.')
      .refine((areas) => areas.every((a) => knownAreas.includes(a)), 'That area is no longer configured. Close the form and start again.'),
    [B.message]: message,
  });
}

export interface DeclareInput {
  title: string;
  impact: IncidentImpact;
  areas: string[];
  message: string;
}

export function toDeclareInput(form: z.infer<ReturnType<typeof declareFormSchema>>): DeclareInput {
  return { title: form[B.title].trim(), impact: form[B.impact], areas: form[B.areas], message: form[B.message] };
}

export const updateFormSchema = z.object({
  [B.status]: z.enum(Object.keys(INCIDENT_STATUSES) as [IncidentStatus, ...IncidentStatus[]], { error: 'Choose the status.' }),
  [B.message]: message,
});

export const TICKET_KEY = /^[A-Z][A-Z0-9]{0,9}-\d{1,7}$/;

export const linkFormSchema = z
  .object({
    [B.questions]: z.array(z.string()).optional(),
    [B.tickets]: z
      .string()
      .max(500, 'That is a lot of tickets: link at most 20 at a time.')
      .transform((text) => text.split(/[\s,;]+/).map((k) => k.trim().toUpperCase()).filter(Boolean))
      .refine((keys) => keys.every((k) => TICKET_KEY.test(k)), 'Write ticket numbers like GT-1001, separated by commas.')
      .refine((keys) => keys.length <= 20, 'Link at most 20 tickets at a time.')
      .optional(),
  })
  .refine((form) => (form[B.questions]?.length ?? 0) + (form[B.tickets]?.length ?? 0) > 0, {
    path: [B.questions],
    message: 'Pick at least one question (or enter a ticket number).',
  });

export interface LinkInput {
  questionIds: string[];
  ticketKeys: string[];
}

export function toLinkInput(form: z.infer<typeof linkFormSchema>): LinkInput {
  return { questionIds: form[B.questions] ?? [], ticketKeys: [...new Set(form[B.tickets] ?? [])] };
}
