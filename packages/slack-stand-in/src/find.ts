// Finding what a person sees: a button by its text, a menu option by its text, an input by its label.
import { allOptions } from './validate-elements';
import { isObject } from './util';
import type { Block, JsonObject } from './types';

export interface Located {
  block: Block;
  element: JsonObject;
  option?: JsonObject;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

function textOf(value: unknown): string {
  return isObject(value) && typeof value.text === 'string' ? value.text : '';
}

/** Interactive elements outside input blocks: actions elements and section accessories. */
function interactiveElements(blocks: Block[]): { block: Block; element: JsonObject }[] {
  const out: { block: Block; element: JsonObject }[] = [];
  for (const block of blocks) {
    if (block.type === 'actions' && Array.isArray(block.elements)) {
      for (const element of block.elements.filter(isObject)) out.push({ block, element });
    }
    if (block.type === 'section' && isObject(block.accessory)) out.push({ block, element: block.accessory });
  }
  return out;
}

function pickOne<T>(matches: T[], what: string, where: string, available: string[]): T {
  if (matches.length === 1) return matches[0] as T;
  if (matches.length > 1) throw new Error(`${matches.length} matches for ${what} in ${where}; be more specific`);
  throw new Error(`No ${what} in ${where}. Available: ${available.length ? available.join(', ') : '(none)'}`);
}

/** A button by its visible text (exact, else case-insensitive). */
export function findButton(blocks: Block[], text: string, where: string): Located {
  const buttons = interactiveElements(blocks).filter((e) => e.element.type === 'button');
  const exact = buttons.filter((b) => textOf(b.element.text).trim() === text.trim());
  const loose = exact.length ? exact : buttons.filter((b) => norm(textOf(b.element.text)) === norm(text));
  return pickOne(loose, `button "${text}"`, where, buttons.map((b) => `[${textOf(b.element.text)}]`));
}

/** A menu option by its text in an overflow, select, radio or checkbox group outside inputs. */
export function findMenuOption(blocks: Block[], optionText: string, where: string): Located & { option: JsonObject } {
  const menus = interactiveElements(blocks).filter((e) => e.element.type !== 'button' && allOptions(e.element).length > 0);
  const matches: (Located & { option: JsonObject })[] = [];
  for (const menu of menus) {
    for (const option of allOptions(menu.element)) {
      if (norm(textOf(option.text)) === norm(optionText)) matches.push({ ...menu, option });
    }
  }
  const available = menus.flatMap((m) => allOptions(m.element).map((o) => `"${textOf(o.text)}"`));
  return pickOne(matches, `menu option "${optionText}"`, where, available);
}

/** An input block by its label (exact, else case-insensitive, ignoring a trailing '*' or ':'). */
export function findInput(blocks: Block[], label: string, where: string): { block: Block; element: JsonObject } {
  const inputs = blocks.filter((b) => b.type === 'input' && isObject(b.element)).map((block) => ({ block, element: block.element as JsonObject }));
  const clean = (s: string) => norm(s).replace(/[*:]\s*$/, '').trim();
  const exact = inputs.filter((i) => textOf(i.block.label) === label);
  const loose = exact.length ? exact : inputs.filter((i) => clean(textOf(i.block.label)) === clean(label));
  return pickOne(loose, `input labelled "${label}"`, where, inputs.map((i) => `"${textOf(i.block.label)}"`));
}

export function inputLabel(block: Block): string {
  return textOf(block.label);
}
