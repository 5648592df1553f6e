// The ask/edit modal's input, validated with zod; each problem is reported under its own field.
import { z } from 'zod';
import { QUESTION_CATEGORIES, MAX_QUESTION_LENGTH, MIN_QUESTION_LENGTH, type QuestionCategory, type QuestionContext } from './question';
import { QuestionIds } from './question-ids';

const B = QuestionIds.block;
const shortText = (label: string, max = 200) => z.string().max(max, `${label} must be at most ${max} characters.`).optional();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Pick a date from the calendar.').optional();

export const askFormSchema = z
  .object({
    [B.text]: z
      .string({ error: 'Please write your question.' })
      .min(MIN_QUESTION_LENGTH, `Please describe your question in at least ${MIN_QUESTION_LENGTH} characters.`)
      .max(MAX_QUESTION_LENGTH, `Please keep your question under ${MAX_QUESTION_LENGTH} characters (add details in the thread).`),
    [B.category]: z.enum(Object.keys(QUESTION_CATEGORIES) as [QuestionCategory, ...QuestionCategory[]], { error: 'Please choose a category.' }),
    [B.blocked]: z.array(z.string()).optional(),
    [B.interviewUrl]: z
      .string()
      .max(500, 'The interview URL must be at most 500 characters.')
      .refine((v) => /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(v), 'That is not a URL. Paste the interview link, e.g. https://app.goodtime.io/…')
      .optional(),
    [B.candidate]: shortText('Candidate'),
    [B.interviewer]: shortText('Interviewer'),
    [B.position]: shortText('Position'),
    [B.interviewTemplate]: shortText('Interview template'),
    [B.dateFrom]: isoDate,
    [B.dateTo]: isoDate,
    [B.errorMessage]: shortText('The error message', 2000),
    [B.incident]: z.string().optional(),
  })
  .superRefine((form, ctx) => {
    const from = form[B.dateFrom];
    const to = form[B.dateTo];
    if (from && to && to < from) ctx.addIssue({ code: 'custom', path: [B.dateTo], message: 'The end date is before the start date.' });
  });

export interface AskInput {
  text: string;
  category: QuestionCategory;
  blocked: boolean;
  context: QuestionContext;
  incidentId?: string;
}

export function toAskInput(form: z.infer<typeof askFormSchema>): AskInput {
  const context: QuestionContext = {
    interviewUrl: form[B.interviewUrl],
    candidate: form[B.candidate],
    interviewer: form[B.interviewer],
    position: form[B.position],
    interviewTemplate: form[B.interviewTemplate],
    dateFrom: form[B.dateFrom],
    dateTo: form[B.dateTo],
    errorMessage: form[B.errorMessage],
  };
  const incident = form[B.incident];
  return {
    text: form[B.text],
    category: form[B.category],
    blocked: (form[B.blocked] ?? []).includes('blocked'),
    context: Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined)) as QuestionContext,
    incidentId: incident && incident !== 'none' ? incident : undefined,
  };
}
