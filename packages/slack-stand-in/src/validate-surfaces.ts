// Surface-level rules: whole views (modals, home tabs) and message payloads. Also fills in the block_id /
// action_id values Slack generates when an app leaves them out.
import { checkBlocks, hasInputBlocks, Problems } from './validate-blocks';
import { checkString, checkTextObject } from './validate-elements';
import { isObject, violation } from './util';
import type { Block, JsonObject, MessageMetadata } from './types';

export const MAX_MESSAGE_TEXT = 40_000;

/** Validates a view payload; throws `invalid_arguments` with Slack-style messages when it breaks a rule. */
export function assertValidView(view: unknown, expected: 'modal' | 'home' | 'any'): JsonObject {
  const p = new Problems();
  if (!isObject(view)) {
    throw violation('invalid_arguments', ['[ERROR] must provide an object [json-pointer:/view]']);
  }
  const type = view.type;
  if (type !== 'modal' && type !== 'home') {
    p.add('/view/type', 'must be "modal" or "home"');
  } else if (expected !== 'any' && type !== expected) {
    p.add('/view/type', `must be "${expected}" for this method`);
  }
  if (type === 'modal') {
    checkTextObject(view.title, '/view/title', p, { plainOnly: true, max: 24 });
    checkTextObject(view.submit, '/view/submit', p, { plainOnly: true, max: 24, required: false });
    checkTextObject(view.close, '/view/close', p, { plainOnly: true, max: 24, required: false });
    if (hasInputBlocks(view.blocks) && !view.submit) {
      p.add('/view/submit', 'is required when the view has input blocks');
    }
  }
  checkString(view.private_metadata, '/view/private_metadata', p, { max: 3000 });
  checkString(view.callback_id, '/view/callback_id', p, { max: 255 });
  checkString(view.external_id, '/view/external_id', p, { max: 255 });
  for (const flag of ['clear_on_close', 'notify_on_close', 'submit_disabled'] as const) {
    if (view[flag] !== undefined && typeof view[flag] !== 'boolean') p.add(`/view/${flag}`, 'must be a boolean');
  }
  if (view.blocks === undefined) p.add('/view/blocks', 'is required');
  else checkBlocks(view.blocks, type === 'home' ? 'home' : 'modal', '/view/blocks', p);
  if (!p.ok) throw violation('invalid_arguments', p.list);
  return view;
}

/** Validates message content (chat.postMessage / update / postEphemeral / response_url). */
export function assertValidMessage(
  content: { text?: string; blocks?: unknown; attachments?: unknown; metadata?: unknown },
  opts: { requireContent: boolean },
): void {
  const { text, blocks, attachments } = content;
  const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  if (opts.requireContent && !text && !hasBlocks && !hasAttachments) {
    throw violation('no_text', ['[ERROR] no text, blocks or attachments provided']);
  }
  if (text !== undefined && text.length > MAX_MESSAGE_TEXT) {
    throw violation('msg_too_long', [`[ERROR] text must be at most ${MAX_MESSAGE_TEXT} characters (got ${text.length})`]);
  }
  if (blocks !== undefined) {
    const p = new Problems();
    checkBlocks(blocks, 'message', '/blocks', p);
    if (!p.ok) throw violation('invalid_blocks', p.list);
  }
  if (attachments !== undefined) {
    if (!Array.isArray(attachments)) throw violation('invalid_attachments', ['[ERROR] attachments must be an array']);
    if (attachments.length > 100) throw violation('too_many_attachments', ['[ERROR] no more than 100 attachments']);
    attachments.forEach((a, i) => {
      if (isObject(a) && a.blocks !== undefined) {
        const p = new Problems();
        checkBlocks(a.blocks, 'message', `/attachments/${i}/blocks`, p);
        if (!p.ok) throw violation('invalid_blocks', p.list);
      }
    });
  }
  if (content.metadata !== undefined) assertValidMetadata(content.metadata);
}

export function assertValidMetadata(metadata: unknown): asserts metadata is MessageMetadata {
  if (
    !isObject(metadata) ||
    typeof metadata.event_type !== 'string' ||
    metadata.event_type === '' ||
    !isObject(metadata.event_payload)
  ) {
    throw violation('invalid_metadata_format', [
      '[ERROR] metadata must be { event_type: string, event_payload: object } [json-pointer:/metadata]',
    ]);
  }
}

let generated = 0;
/** Short random-looking ids like Slack's generated block_ids ("aB3xZ"), unique per process. */
function generatedId(): string {
  generated += 1;
  const chars = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let n = (generated * 7919 + 4099) % chars.length ** 5;
  let out = '';
  for (let i = 0; i < 5; i += 1) {
    out += chars[n % chars.length];
    n = Math.floor(n / chars.length);
  }
  return out;
}

/** Returns a copy with Slack-generated block_id / action_id wherever the app left them out. */
export function withGeneratedIds(blocks: unknown[]): Block[] {
  return blocks.filter(isObject).map((original) => {
    const block = structuredClone(original);
    if (block.block_id === undefined) block.block_id = generatedId();
    const fill = (el: unknown) => {
      if (isObject(el) && el.type !== 'image' && el.action_id === undefined) el.action_id = generatedId();
    };
    if (block.type === 'actions' && Array.isArray(block.elements)) block.elements.forEach(fill);
    if (block.type === 'section' && block.accessory !== undefined) fill(block.accessory);
    if (block.type === 'input' && block.element !== undefined) fill(block.element);
    return block;
  });
}
