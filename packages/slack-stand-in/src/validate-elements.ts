// Block Kit element, composition object and text object rules (limits from Slack's Block Kit reference).
import { isObject } from './util';
import type { Problems } from './validate-blocks';
import type { JsonObject } from './types';

interface StringRule {
  max?: number;
  min?: number;
  required?: boolean;
}

export function checkString(value: unknown, path: string, p: Problems, rule: StringRule = {}): void {
  if (value === undefined || value === null) {
    if (rule.required) p.add(path, 'is required');
    return;
  }
  if (typeof value !== 'string') {
    p.add(path, 'must be a string');
    return;
  }
  const min = rule.min ?? (rule.required ? 1 : 0);
  if (value.length < min) p.add(path, `must be at least ${min} characters`);
  if (rule.max !== undefined && value.length > rule.max) {
    p.add(path, `must be at most ${rule.max} characters (got ${value.length})`);
  }
}

interface TextRule {
  max: number;
  plainOnly?: boolean;
  required?: boolean;
}

/** A text composition object: `{ type: 'plain_text' | 'mrkdwn', text }`. */
export function checkTextObject(value: unknown, path: string, p: Problems, rule: TextRule): void {
  if (value === undefined || value === null) {
    if (rule.required !== false) p.add(path, 'is required (a text object)');
    return;
  }
  if (!isObject(value)) {
    p.add(path, 'must be a text object { type, text }');
    return;
  }
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
    p.add(`${path}/type`, 'must be "plain_text" or "mrkdwn"');
  } else if (rule.plainOnly && value.type !== 'plain_text') {
    p.add(`${path}/type`, 'must be "plain_text" here');
  }
  if (value.type === 'mrkdwn' && value.emoji !== undefined) p.add(`${path}/emoji`, 'is only allowed on plain_text');
  if (value.type === 'plain_text' && value.verbatim !== undefined) {
    p.add(`${path}/verbatim`, 'is only allowed on mrkdwn');
  }
  checkString(value.text, `${path}/text`, p, { required: true, max: rule.max });
}

interface OptionRule {
  max: number;
  min?: number;
  mrkdwn?: boolean;
  url?: boolean;
}

function checkOptions(list: unknown, path: string, p: Problems, rule: OptionRule): void {
  if (!Array.isArray(list)) {
    p.add(path, 'must be an array of option objects');
    return;
  }
  const min = rule.min ?? 1;
  if (list.length < min) p.add(path, `must contain at least ${min} item(s)`);
  if (list.length > rule.max) p.add(path, `no more than ${rule.max} items allowed (got ${list.length})`);
  list.forEach((option, i) => checkOption(option, `${path}/${i}`, p, rule));
}

function checkOption(option: unknown, path: string, p: Problems, rule: OptionRule): void {
  if (!isObject(option)) {
    p.add(path, 'must be an option object { text, value }');
    return;
  }
  checkTextObject(option.text, `${path}/text`, p, { max: 75, plainOnly: !rule.mrkdwn });
  checkString(option.value, `${path}/value`, p, { max: 150, required: true });
  checkTextObject(option.description, `${path}/description`, p, { max: 75, plainOnly: !rule.mrkdwn, required: false });
  if (option.url !== undefined) {
    if (rule.url) checkString(option.url, `${path}/url`, p, { max: 3000 });
    else p.add(`${path}/url`, 'is only allowed in overflow menus');
  }
}

/** Every option of a select (flattening option_groups). */
export function allOptions(el: JsonObject): JsonObject[] {
  const out: JsonObject[] = [];
  if (Array.isArray(el.options)) out.push(...el.options.filter(isObject));
  if (Array.isArray(el.option_groups)) {
    for (const group of el.option_groups) {
      if (isObject(group) && Array.isArray(group.options)) out.push(...group.options.filter(isObject));
    }
  }
  return out;
}

function sameOption(a: unknown, b: JsonObject): boolean {
  return isObject(a) && a.value === b.value && isObject(a.text) && isObject(b.text) && a.text.text === b.text.text;
}

function checkInitialOptions(el: JsonObject, path: string, p: Problems): void {
  const options = allOptions(el);
  if (el.initial_option !== undefined && !options.some((o) => sameOption(el.initial_option, o))) {
    p.add(`${path}/initial_option`, 'must exactly match one of the provided options');
  }
  if (el.initial_options !== undefined) {
    if (!Array.isArray(el.initial_options)) p.add(`${path}/initial_options`, 'must be an array');
    else el.initial_options.forEach((init, i) => {
      if (!options.some((o) => sameOption(init, o))) {
        p.add(`${path}/initial_options/${i}`, 'must exactly match one of the provided options');
      }
    });
  }
}

function checkConfirm(value: unknown, path: string, p: Problems): void {
  if (value === undefined) return;
  if (!isObject(value)) {
    p.add(path, 'must be a confirmation dialog object');
    return;
  }
  checkTextObject(value.title, `${path}/title`, p, { plainOnly: true, max: 100 });
  checkTextObject(value.text, `${path}/text`, p, { plainOnly: true, max: 300 });
  checkTextObject(value.confirm, `${path}/confirm`, p, { plainOnly: true, max: 30 });
  checkTextObject(value.deny, `${path}/deny`, p, { plainOnly: true, max: 30 });
}

const SELECTS = new Set([
  'static_select', 'multi_static_select', 'external_select', 'multi_external_select', 'users_select',
  'multi_users_select', 'conversations_select', 'multi_conversations_select', 'channels_select',
  'multi_channels_select',
]);

/** Checks one interactive or image element (its placement was checked by the caller). */
export function checkElement(el: JsonObject, path: string, p: Problems): void {
  const type = String(el.type);
  if (type !== 'image') checkString(el.action_id, `${path}/action_id`, p, { max: 255, min: 1 });
  checkConfirm(el.confirm, `${path}/confirm`, p);
  if (SELECTS.has(type) || /text_input$|^number_input$|picker$/.test(type)) {
    checkTextObject(el.placeholder, `${path}/placeholder`, p, { plainOnly: true, max: 150, required: false });
  }
  switch (type) {
    case 'button':
      checkTextObject(el.text, `${path}/text`, p, { plainOnly: true, max: 75 });
      checkString(el.value, `${path}/value`, p, { max: 2000 });
      checkString(el.url, `${path}/url`, p, { max: 3000 });
      checkString(el.accessibility_label, `${path}/accessibility_label`, p, { max: 75 });
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
        p.add(`${path}/style`, 'must be "primary" or "danger"');
      }
      return;
    case 'static_select':
    case 'multi_static_select':
      if ((el.options === undefined) === (el.option_groups === undefined)) {
        p.add(path, 'must provide exactly one of options or option_groups');
      }
      if (el.options !== undefined) checkOptions(el.options, `${path}/options`, p, { max: 100 });
      if (Array.isArray(el.option_groups)) {
        if (el.option_groups.length > 100) p.add(`${path}/option_groups`, 'no more than 100 items allowed');
        el.option_groups.forEach((g, i) => {
          const gp = `${path}/option_groups/${i}`;
          if (!isObject(g)) return p.add(gp, 'must be an option group object');
          checkTextObject(g.label, `${gp}/label`, p, { plainOnly: true, max: 75 });
          checkOptions(g.options, `${gp}/options`, p, { max: 100 });
        });
      }
      checkInitialOptions(el, path, p);
      return;
    case 'overflow':
      checkOptions(el.options, `${path}/options`, p, { max: 5, url: true });
      return;
    case 'checkboxes':
    case 'radio_buttons':
      checkOptions(el.options, `${path}/options`, p, { max: 10, mrkdwn: true });
      checkInitialOptions(el, path, p);
      return;
    case 'datepicker':
      if (el.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date))) {
        p.add(`${path}/initial_date`, 'must be in the format YYYY-MM-DD');
      }
      return;
    case 'timepicker':
      if (el.initial_time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(String(el.initial_time))) {
        p.add(`${path}/initial_time`, 'must be in the format HH:mm');
      }
      return;
    case 'plain_text_input':
      checkString(el.initial_value, `${path}/initial_value`, p, { max: 3000 });
      if (el.min_length !== undefined && !(Number(el.min_length) >= 0 && Number(el.min_length) <= 3000)) {
        p.add(`${path}/min_length`, 'must be between 0 and 3000');
      }
      if (el.max_length !== undefined && !(Number(el.max_length) >= 1 && Number(el.max_length) <= 3000)) {
        p.add(`${path}/max_length`, 'must be between 1 and 3000');
      }
      return;
    case 'number_input':
      if (typeof el.is_decimal_allowed !== 'boolean') p.add(`${path}/is_decimal_allowed`, 'is required (boolean)');
      return;
    case 'image':
      if (el.image_url === undefined && el.slack_file === undefined) p.add(path, 'must provide image_url or slack_file');
      checkString(el.alt_text, `${path}/alt_text`, p, { max: 2000, required: true });
      return;
    default:
      return;
  }
}
