// Block Kit → readable plain text, for assertions and for printing what a person sees.
//   header → "# Text"; section text/fields; context → "a · b"; buttons → "[Text]"; selects → "[Choose ▾]";
//   inputs → "Label: ____" (or the typed/initial value); divider → "---"; modals framed by title and buttons.
import { isObject } from './util';
import { describeStateValue, initialStateValue } from './view-state';
import type { Block, JsonObject } from './types';
import { formatSlackDate, type DateReader } from './dates';

export interface RenderOptions {
  /** Turns <@U123> into @name. */
  userName?: (id: string) => string | undefined;
  /** Inline errors under inputs, by block_id (a modal after response_action: 'errors'). */
  errors?: Record<string, string>;
  /** view.state.values: show what the person typed/selected in inputs. */
  values?: Record<string, Record<string, JsonObject>>;
  /** The reader: dates (<!date^…>) are shown in their time zone as Slack does; without one, the fallback text. */
  reader?: DateReader;
}

export function mrkdwnToText(text: string, opts: RenderOptions = {}): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]+))?>/g, (_m, id: string, label?: string) => `@${label ?? opts.userName?.(id) ?? id}`)
    .replace(/<#([CGD][A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `#${name || id}`)
    .replace(/<!(here|channel|everyone)>/g, '@$1')
    .replace(/<!subteam\^([A-Z0-9]+)(?:\|([^>]+))?>/g, (_m, id: string, handle?: string) => handle ?? `@${id}`)
    .replace(/<!date\^(\d+)\^([^|>]*)\|([^>]+)>/g, (_m, epoch: string, format: string, fallback: string) => (opts.reader ? formatSlackDate(Number(epoch), format, opts.reader) : fallback))
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function textOf(value: unknown, opts: RenderOptions): string {
  if (!isObject(value)) return '';
  const text = typeof value.text === 'string' ? value.text : '';
  return value.type === 'mrkdwn' ? mrkdwnToText(text, opts) : text;
}

function optionText(option: unknown, opts: RenderOptions): string {
  return isObject(option) ? textOf(option.text, opts) : '';
}

function stateOf(block: Block, element: JsonObject, opts: RenderOptions): JsonObject | undefined {
  return opts.values?.[String(block.block_id)]?.[String(element.action_id)];
}

/** Current value of an input element: typed/selected (state) or initial, or undefined when empty. */
function inputValue(block: Block, el: JsonObject, opts: RenderOptions): string | undefined {
  return describeStateValue(stateOf(block, el, opts) ?? initialStateValue(el), opts.userName);
}

/** One interactive element, inline. */
export function renderElement(el: unknown, opts: RenderOptions = {}, block?: Block): string {
  if (!isObject(el)) return '';
  const placeholder = textOf(el.placeholder, opts);
  switch (el.type) {
    case 'button':
      return `[${textOf(el.text, opts)}]`;
    case 'overflow':
      return `[⋯ ${Array.isArray(el.options) ? el.options.map((o) => optionText(o, opts)).join(' | ') : ''}]`;
    case 'image':
      return `[image: ${String(el.alt_text ?? '')}]`;
    case 'checkboxes':
    case 'radio_buttons': {
      const chosen = new Set<string>();
      const s = block ? stateOf(block, el, opts) : undefined;
      const selected = s ? (s.selected_options ?? (s.selected_option ? [s.selected_option] : [])) : (el.initial_options ?? (el.initial_option ? [el.initial_option] : []));
      if (Array.isArray(selected)) selected.forEach((o) => isObject(o) && chosen.add(String(o.value)));
      const [on, off] = el.type === 'checkboxes' ? ['☑', '☐'] : ['◉', '○'];
      return (Array.isArray(el.options) ? el.options : []).filter(isObject).map((o) => `${chosen.has(String(o.value)) ? on : off} ${optionText(o, opts)}`).join('  ');
    }
    default: {
      const current = block ? inputValue(block, el, opts) : undefined;
      if (String(el.type).endsWith('select')) return `[${current ?? (placeholder || 'Select')} ▾]`;
      if (String(el.type).endsWith('picker')) return `[${current ?? (placeholder || String(el.type))}]`;
      return current ?? '____';
    }
  }
}

function richText(value: unknown): string {
  if (Array.isArray(value)) return value.map(richText).join('');
  if (!isObject(value)) return '';
  if (typeof value.text === 'string') return value.text;
  if (value.type === 'user') return `@${String(value.user_id)}`;
  if (value.type === 'channel') return `#${String(value.channel_id)}`;
  if (value.type === 'link') return String(value.text ?? value.url);
  if (value.type === 'emoji') return `:${String(value.name)}:`;
  const inner = richText(value.elements);
  return value.type === 'rich_text_list' || value.type === 'rich_text_section' ? `${inner}\n` : inner;
}

function renderBlock(block: Block, opts: RenderOptions): string[] {
  switch (block.type) {
    case 'header':
      return [`# ${textOf(block.text, opts)}`];
    case 'divider':
      return ['---'];
    case 'section': {
      const lines = block.text ? textOf(block.text, opts).split('\n') : [];
      if (Array.isArray(block.fields)) lines.push(...block.fields.map((f) => textOf(f, opts)));
      if (block.accessory !== undefined) {
        const acc = renderElement(block.accessory, opts, block);
        if (lines.length) lines[lines.length - 1] += `  ${acc}`;
        else lines.push(acc);
      }
      return lines;
    }
    case 'context':
      return [(Array.isArray(block.elements) ? block.elements : []).map((e) => (isObject(e) && e.type === 'image' ? renderElement(e, opts) : textOf(e, opts))).join(' · ')];
    case 'actions':
      return [(Array.isArray(block.elements) ? block.elements : []).map((e) => renderElement(e, opts, block)).join(' ')];
    case 'input': {
      const label = `${textOf(block.label, opts)}${block.optional ? ' (optional)' : ''}`;
      const lines = [`${label}: ${renderElement(block.element, opts, block)}`];
      if (block.hint) lines.push(`  (${textOf(block.hint, opts)})`);
      const error = opts.errors?.[String(block.block_id)];
      if (error) lines.push(`  ⚠ ${error}`);
      return lines;
    }
    case 'image':
      return [`[image: ${String(block.alt_text ?? '')}]`];
    case 'rich_text':
      return [mrkdwnToText(richText(block.elements).replace(/\n$/, ''), opts)];
    case 'markdown':
      return [String(block.text ?? '')];
    default:
      return [`[${String(block.type)}]`];
  }
}

export function renderBlocks(blocks: unknown, opts: RenderOptions = {}): string {
  if (!Array.isArray(blocks)) return '';
  return blocks.filter(isObject).flatMap((b) => renderBlock(b, opts)).join('\n');
}

/** A message (or ephemeral) as text: its blocks, else its text; attachments' blocks/text after. */
export function renderMessage(message: { text?: string; blocks?: unknown; attachments?: unknown }, opts: RenderOptions = {}): string {
  const parts = [Array.isArray(message.blocks) && message.blocks.length ? renderBlocks(message.blocks, opts) : mrkdwnToText(message.text ?? '', opts)];
  if (Array.isArray(message.attachments)) {
    for (const a of message.attachments.filter(isObject)) {
      parts.push(a.blocks ? renderBlocks(a.blocks, opts) : mrkdwnToText(String(a.text ?? a.fallback ?? ''), opts));
    }
  }
  return parts.filter(Boolean).join('\n');
}

/** A modal or home tab as text; pass the view's own state to see what has been typed. */
export function renderView(view: { type?: unknown; title?: unknown; blocks?: unknown; submit?: unknown; close?: unknown; state?: unknown }, opts: RenderOptions = {}): string {
  const values = opts.values ?? (isObject(view.state) && isObject(view.state.values) ? (view.state.values as RenderOptions['values']) : undefined);
  const title = textOf(view.title, opts) || (view.type === 'home' ? 'Home' : 'Modal');
  const lines = [`=== ${title} ===`, renderBlocks(view.blocks, { ...opts, ...(values ? { values } : {}) })];
  if (view.type === 'modal') {
    const buttons = [`[${textOf(view.close, opts) || 'Cancel'}]`];
    if (view.submit) buttons.push(`[${textOf(view.submit, opts)}]`);
    lines.push(buttons.join(' '));
  }
  return lines.filter((l) => l !== '').join('\n');
}
