// view.state.values as Slack builds it from what a person typed or picked: the value shape per element type,
// initial values, and the checks the Slack client makes before it lets a modal be submitted.
import { allOptions } from './validate-elements';
import { isObject } from './util';
import type { Block, FakeView, JsonObject } from './types';

/** What a test passes to `modal.fill(label, value)`. */
export type FillValue = string | number | string[];

const VALUE_TYPES = new Set(['plain_text_input', 'email_text_input', 'url_text_input', 'number_input']);
const ONE_OPTION = new Set(['static_select', 'external_select', 'radio_buttons']);
const MANY_OPTIONS = new Set(['multi_static_select', 'multi_external_select', 'checkboxes']);
const PICKS: Record<string, [string, 'one' | 'many']> = {
  datepicker: ['date', 'one'], timepicker: ['time', 'one'], users_select: ['user', 'one'],
  multi_users_select: ['users', 'many'], conversations_select: ['conversation', 'one'],
  multi_conversations_select: ['conversations', 'many'], channels_select: ['channel', 'one'],
  multi_channels_select: ['channels', 'many'],
};

function optionState(option: JsonObject): JsonObject {
  const { text, value } = structuredClone(option);
  return { text, value };
}

/** The state value of an element nobody touched: its initial_* value, or empty (null / []). */
export function initialStateValue(el: JsonObject): JsonObject {
  const type = String(el.type);
  if (VALUE_TYPES.has(type)) return { type, value: el.initial_value !== undefined ? String(el.initial_value) : null };
  if (ONE_OPTION.has(type)) return { type, selected_option: isObject(el.initial_option) ? optionState(el.initial_option) : null };
  if (MANY_OPTIONS.has(type)) {
    return { type, selected_options: Array.isArray(el.initial_options) ? el.initial_options.filter(isObject).map(optionState) : [] };
  }
  if (type === 'datetimepicker') return { type, selected_date_time: el.initial_date_time ?? null };
  if (type === 'rich_text_input') return { type, rich_text_value: el.initial_value ?? { type: 'rich_text', elements: [] } };
  if (type === 'file_input') return { type, files: [] };
  const pick = PICKS[type];
  if (!pick) return { type };
  const [noun, arity] = pick;
  const initial = el[`initial_${noun}`];
  return { type, [`selected_${noun}`]: initial ?? (arity === 'many' ? [] : null) };
}

function findOption(el: JsonObject, wanted: string): JsonObject {
  const options = allOptions(el);
  const match = options.find((o) => isObject(o.text) && o.text.text === wanted) ?? options.find((o) => o.value === wanted);
  if (!match) {
    const names = options.map((o) => (isObject(o.text) ? `"${String(o.text.text)}"` : '?')).join(', ');
    throw new Error(`No option "${wanted}" in ${String(el.type)} (options: ${names})`);
  }
  return optionState(match);
}

/** The state value after a person fills an element with `value` (option text, date, user id, ...). */
export function filledStateValue(el: JsonObject, value: FillValue): JsonObject {
  const type = String(el.type);
  const list = Array.isArray(value) ? value : [String(value)];
  if (VALUE_TYPES.has(type)) {
    const text = String(value);
    if (typeof el.max_length === 'number' && text.length > el.max_length) {
      throw new Error(`Cannot type ${text.length} characters into an input with max_length ${el.max_length}`);
    }
    return { type, value: text === '' ? null : text };
  }
  if (ONE_OPTION.has(type)) return { type, selected_option: findOption(el, String(list[0])) };
  if (MANY_OPTIONS.has(type)) return { type, selected_options: list.map((v) => findOption(el, v)) };
  if (type === 'datepicker' && !/^\d{4}-\d{2}-\d{2}$/.test(String(value))) throw new Error(`Dates are filled as YYYY-MM-DD, got ${String(value)}`);
  if (type === 'timepicker' && !/^\d{2}:\d{2}$/.test(String(value))) throw new Error(`Times are filled as HH:mm, got ${String(value)}`);
  if (type === 'datetimepicker') return { type, selected_date_time: Number(value) };
  const pick = PICKS[type];
  if (!pick) throw new Error(`Filling a ${type} is not supported by the harness`);
  const [noun, arity] = pick;
  return { type, [`selected_${noun}`]: arity === 'many' ? list : String(list[0]) };
}

export function isEmptyState(s: JsonObject): boolean {
  return Object.entries(s).every(([k, v]) => k === 'type' || v === null || v === undefined || (Array.isArray(v) && v.length === 0));
}

export function inputBlocks(view: Pick<FakeView, 'blocks'>): { block: Block; element: JsonObject }[] {
  return view.blocks.filter((b) => b.type === 'input' && isObject(b.element)).map((b) => ({ block: b, element: b.element as JsonObject }));
}

/** state.values for a submission: every input element, typed/picked values first, else initial ones. */
export function submissionState(view: FakeView): FakeView['state'] {
  const values: FakeView['state']['values'] = {};
  for (const { block, element } of inputBlocks(view)) {
    const blockId = String(block.block_id);
    const actionId = String(element.action_id);
    values[blockId] = { [actionId]: view.state.values[blockId]?.[actionId] ?? initialStateValue(element) };
  }
  return { values };
}

/** Errors the Slack client shows itself (the submission is never sent): required fields and formats. */
export function clientSideErrors(view: FakeView, state: FakeView['state']): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { block, element } of inputBlocks(view)) {
    const blockId = String(block.block_id);
    const s = state.values[blockId]?.[String(element.action_id)] ?? initialStateValue(element);
    if (isEmptyState(s)) {
      if (!block.optional) errors[blockId] = 'Please complete this required field.';
      continue;
    }
    const text = typeof s.value === 'string' ? s.value : '';
    if (element.type === 'email_text_input' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) errors[blockId] = 'Please enter a valid email address.';
    if (element.type === 'url_text_input' && !/^https?:\/\/\S+$/.test(text)) errors[blockId] = 'Please enter a valid URL.';
    if (element.type === 'plain_text_input' && typeof element.min_length === 'number' && text.length < element.min_length) {
      errors[blockId] = `Please enter at least ${element.min_length} characters.`;
    }
    if (element.type === 'number_input') {
      const n = Number(text);
      if (text.trim() === '' || Number.isNaN(n)) errors[blockId] = 'Please enter a number.';
      else if (!element.is_decimal_allowed && !Number.isInteger(n)) errors[blockId] = 'Please enter a whole number.';
      else if (element.min_value !== undefined && n < Number(element.min_value)) errors[blockId] = `Please enter a number of at least ${String(element.min_value)}.`;
      else if (element.max_value !== undefined && n > Number(element.max_value)) errors[blockId] = `Please enter a number no greater than ${String(element.max_value)}.`;
    }
  }
  return errors;
}

/** A short text for a state value (option texts, date, user id...), or undefined when empty. */
export function describeStateValue(s: JsonObject, userName?: (id: string) => string | undefined): string | undefined {
  if (isEmptyState(s)) return undefined;
  if (typeof s.value === 'string') return s.value;
  const optText = (o: unknown) => (isObject(o) && isObject(o.text) ? String(o.text.text) : '');
  if (isObject(s.selected_option)) return optText(s.selected_option);
  if (Array.isArray(s.selected_options)) return s.selected_options.map(optText).join(', ');
  if (typeof s.selected_user === 'string') return `@${userName?.(s.selected_user) ?? s.selected_user}`;
  if (Array.isArray(s.selected_users)) return s.selected_users.map((u) => `@${userName?.(String(u)) ?? String(u)}`).join(', ');
  for (const [key, v] of Object.entries(s)) {
    if (key === 'type') continue;
    if (Array.isArray(v)) return v.join(', ');
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  return undefined;
}
