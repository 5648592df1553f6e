// Reading a submitted modal's state by block id (each input block here has one element with action_id "value"),
// and turning zod issues into Slack's inline errors keyed by block_id.
import type { z } from 'zod';

export type ViewStateValues = Record<string, Record<string, {
  type?: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_date?: string | null;
  selected_user?: string | null;
  selected_users?: string[];
  selected_conversation?: string | null;
}>>;

const element = (state: ViewStateValues, blockId: string) => {
  const block = state[blockId];
  return block ? Object.values(block)[0] : undefined;
};

/** Whatever the element holds, as the plain value zod will check (undefined when empty). */
export function readViewState(state: ViewStateValues): Record<string, string | string[] | undefined> {
  const values: Record<string, string | string[] | undefined> = {};
  for (const blockId of Object.keys(state)) {
    const el = element(state, blockId);
    if (!el) continue;
    const raw =
      el.value ??
      el.selected_option?.value ??
      el.selected_date ??
      el.selected_user ??
      el.selected_conversation ??
      (el.selected_options ? el.selected_options.map((o) => o.value) : undefined) ??
      el.selected_users;
    values[blockId] = typeof raw === 'string' ? (raw.trim() === '' ? undefined : raw) : (raw ?? undefined);
  }
  return values;
}

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/** Validate modal input; zod paths are block ids, so each message lands under its own field. */
export function validateForm<T>(schema: z.ZodType<T>, state: ViewStateValues): FormResult<T> {
  const result = schema.safeParse(readViewState(state));
  if (result.success) return { ok: true, value: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const blockId = String(issue.path[0] ?? '');
    if (blockId && !errors[blockId]) errors[blockId] = issue.message;
  }
  return { ok: false, errors };
}
