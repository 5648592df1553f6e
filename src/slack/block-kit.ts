// Small constructors for the Block Kit objects every capability builds, with Slack's text limits applied.
import type { Button, KnownBlock, PlainTextOption } from '@slack/types';
import { truncate } from './mrkdwn';

/** A message as chat.postMessage takes it: the text is the notification and screen-reader fallback. */
export interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
}

/** A plain_text object; `max` cuts it to a Slack limit (75 for buttons and options, 24 for modal titles…). */
export const plain = (text: string, max?: number) => ({ type: 'plain_text' as const, text: max ? truncate(text, max) : text, emoji: true });

export const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  text: plain(text, 75),
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

export const option = (text: string, value: string, description?: string): PlainTextOption => ({
  text: plain(text, 75),
  value,
  ...(description ? { description: plain(description, 75) } : {}),
});

export const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } });

export const context = (text: string, blockId?: string): KnownBlock => ({
  type: 'context',
  ...(blockId ? { block_id: blockId } : {}),
  elements: [{ type: 'mrkdwn', text: truncate(text, 3000) }],
});

/** "Did it help?" with one-click 👍 / 👎 (the value names what is rated). */
export function feedbackAsk(text: string, ids: { blockId: string; up: string; down: string }, value: string): SlackMessage {
  return {
    text,
    blocks: [
      section(text),
      { type: 'actions', block_id: ids.blockId, elements: [button('👍 Yes', ids.up, value), button('👎 Not really', ids.down, value)] },
    ],
  };
}
