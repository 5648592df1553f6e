// Block Kit validation with Slack's hard limits. Problems are reported the way Slack reports them in
// `response_metadata.messages`: "[ERROR] <rule> [json-pointer:/blocks/3/text/text]".
import { checkElement, checkTextObject, checkString } from './validate-elements';
import { isObject } from './util';
import type { JsonObject } from './types';

export type Surface = 'message' | 'modal' | 'home';

export class Problems {
  readonly list: string[] = [];
  add(path: string, rule: string): void {
    this.list.push(`[ERROR] ${rule} [json-pointer:${path}]`);
  }
  get ok(): boolean {
    return this.list.length === 0;
  }
}

export const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };

const ACCESSORY_TYPES = new Set([
  'button', 'checkboxes', 'datepicker', 'image', 'multi_static_select', 'multi_external_select',
  'multi_users_select', 'multi_conversations_select', 'multi_channels_select', 'overflow', 'radio_buttons',
  'static_select', 'external_select', 'users_select', 'conversations_select', 'channels_select', 'timepicker',
]);
const ACTIONS_TYPES = new Set([
  ...ACCESSORY_TYPES, 'datetimepicker', 'rich_text_input', 'workflow_button',
]);
ACTIONS_TYPES.delete('image');
const INPUT_TYPES = new Set([
  'checkboxes', 'datepicker', 'datetimepicker', 'email_text_input', 'file_input', 'multi_static_select',
  'multi_external_select', 'multi_users_select', 'multi_conversations_select', 'multi_channels_select',
  'number_input', 'plain_text_input', 'radio_buttons', 'rich_text_input', 'static_select', 'external_select',
  'users_select', 'conversations_select', 'channels_select', 'timepicker', 'url_text_input',
]);

/** Validates a `blocks` array for a message, modal or home tab. */
export function checkBlocks(blocks: unknown, surface: Surface, path: string, p: Problems): void {
  if (!Array.isArray(blocks)) {
    p.add(path, 'must be an array of blocks');
    return;
  }
  const max = MAX_BLOCKS[surface];
  if (blocks.length > max) p.add(path, `no more than ${max} items allowed (got ${blocks.length})`);
  const seen = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `${path}/${i}`;
    if (!isObject(block)) {
      p.add(at, 'must provide an object');
      return;
    }
    if (block.block_id !== undefined) {
      checkString(block.block_id, `${at}/block_id`, p, { max: 255, required: true });
      if (typeof block.block_id === 'string') {
        if (seen.has(block.block_id)) p.add(`${at}/block_id`, `duplicate block_id "${block.block_id}"`);
        seen.add(block.block_id);
      }
    }
    checkBlock(block, surface, at, p);
  });
}

function checkBlock(block: JsonObject, surface: Surface, at: string, p: Problems): void {
  switch (block.type) {
    case 'section':
      return checkSection(block, at, p);
    case 'header':
      checkTextObject(block.text, `${at}/text`, p, { plainOnly: true, max: 150 });
      return;
    case 'divider':
      return;
    case 'context':
      return checkContext(block, at, p);
    case 'actions':
      return checkActions(block, at, p);
    case 'input':
      return checkInput(block, at, p);
    case 'image':
      if (block.image_url === undefined && block.slack_file === undefined) {
        p.add(at, 'must provide image_url or slack_file');
      }
      checkString(block.image_url, `${at}/image_url`, p, { max: 3000 });
      checkString(block.alt_text, `${at}/alt_text`, p, { max: 2000, required: true });
      checkTextObject(block.title, `${at}/title`, p, { plainOnly: true, max: 2000, required: false });
      return;
    case 'rich_text':
      if (!Array.isArray(block.elements)) p.add(`${at}/elements`, 'must be an array');
      return;
    case 'markdown':
      if (surface !== 'message') p.add(`${at}/type`, 'markdown blocks are only supported in messages');
      checkString(block.text, `${at}/text`, p, { max: 12000, required: true });
      return;
    case 'video':
      checkString(block.video_url, `${at}/video_url`, p, { required: true });
      checkString(block.alt_text, `${at}/alt_text`, p, { required: true });
      checkTextObject(block.title, `${at}/title`, p, { plainOnly: true, max: 200 });
      return;
    case 'file':
      checkString(block.external_id, `${at}/external_id`, p, { required: true });
      return;
    default:
      p.add(`${at}/type`, `unsupported block type "${String(block.type)}"`);
  }
}

function checkSection(block: JsonObject, at: string, p: Problems): void {
  if (block.text === undefined && block.fields === undefined) {
    p.add(at, 'must provide "text" or "fields"');
  }
  checkTextObject(block.text, `${at}/text`, p, { max: 3000, required: false });
  if (block.fields !== undefined) {
    if (!Array.isArray(block.fields)) {
      p.add(`${at}/fields`, 'must be an array of text objects');
    } else {
      if (block.fields.length > 10) p.add(`${at}/fields`, `no more than 10 items allowed (got ${block.fields.length})`);
      if (block.fields.length === 0) p.add(`${at}/fields`, 'must contain at least 1 item');
      block.fields.forEach((field, i) => checkTextObject(field, `${at}/fields/${i}`, p, { max: 2000 }));
    }
  }
  if (block.accessory !== undefined) {
    checkPlacedElement(block.accessory, ACCESSORY_TYPES, 'a section accessory', `${at}/accessory`, p);
  }
}

function checkContext(block: JsonObject, at: string, p: Problems): void {
  if (!Array.isArray(block.elements) || block.elements.length === 0) {
    p.add(`${at}/elements`, 'must be a non-empty array');
    return;
  }
  if (block.elements.length > 10) p.add(`${at}/elements`, `no more than 10 items allowed (got ${block.elements.length})`);
  block.elements.forEach((el, i) => {
    const path = `${at}/elements/${i}`;
    if (isObject(el) && el.type === 'image') checkElement(el, path, p);
    else checkTextObject(el, path, p, { max: 3000 });
  });
}

function checkActions(block: JsonObject, at: string, p: Problems): void {
  if (!Array.isArray(block.elements) || block.elements.length === 0) {
    p.add(`${at}/elements`, 'must be a non-empty array');
    return;
  }
  if (block.elements.length > 25) p.add(`${at}/elements`, `no more than 25 items allowed (got ${block.elements.length})`);
  const actionIds = new Set<string>();
  block.elements.forEach((el, i) => {
    const path = `${at}/elements/${i}`;
    checkPlacedElement(el, ACTIONS_TYPES, 'an actions block', path, p);
    if (isObject(el) && typeof el.action_id === 'string') {
      if (actionIds.has(el.action_id)) p.add(`${path}/action_id`, `duplicate action_id "${el.action_id}" in block`);
      actionIds.add(el.action_id);
    }
  });
}

function checkInput(block: JsonObject, at: string, p: Problems): void {
  checkTextObject(block.label, `${at}/label`, p, { plainOnly: true, max: 2000 });
  checkTextObject(block.hint, `${at}/hint`, p, { plainOnly: true, max: 2000, required: false });
  if (block.optional !== undefined && typeof block.optional !== 'boolean') p.add(`${at}/optional`, 'must be a boolean');
  if (block.dispatch_action !== undefined && typeof block.dispatch_action !== 'boolean') {
    p.add(`${at}/dispatch_action`, 'must be a boolean');
  }
  if (block.element === undefined) {
    p.add(`${at}/element`, 'is required');
    return;
  }
  checkPlacedElement(block.element, INPUT_TYPES, 'an input block', `${at}/element`, p);
}

function checkPlacedElement(el: unknown, allowed: Set<string>, where: string, path: string, p: Problems): void {
  if (!isObject(el)) {
    p.add(path, 'must provide an object');
    return;
  }
  if (typeof el.type !== 'string' || !allowed.has(el.type)) {
    p.add(`${path}/type`, `element type "${String(el.type)}" is not allowed in ${where}`);
    return;
  }
  checkElement(el, path, p);
}

/** Does any block of the list need a submit button (modals with input blocks do)? */
export function hasInputBlocks(blocks: unknown): boolean {
  return Array.isArray(blocks) && blocks.some((b) => isObject(b) && b.type === 'input');
}
