// Request signing matches Bolt's verifier; the renderers turn Block Kit into readable text.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySlackRequest } from '@slack/bolt';
import { formatSlackDate, mrkdwnToText, renderMessage, renderView, signSlackRequest, waitFor } from '../src';

describe('signing', () => {
  it('produces signatures that Bolt verifies, and that match the v0 HMAC by hand', () => {
    const body = 'token=x&team_id=T1&command=%2Fgoodtime-help&text=hello';
    const ts = Math.floor(Date.now() / 1000);
    const signature = signSlackRequest('s3cret', body, ts);
    expect(signature).toBe(`v0=${createHmac('sha256', 's3cret').update(`v0:${ts}:${body}`).digest('hex')}`);
    expect(() => verifySlackRequest({ signingSecret: 's3cret', body, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': ts } })).not.toThrow();
    expect(() => verifySlackRequest({ signingSecret: 'other', body, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': ts } })).toThrow();
    const stale = ts - 6 * 60;
    expect(() => verifySlackRequest({ signingSecret: 's3cret', body, headers: { 'x-slack-signature': signSlackRequest('s3cret', body, stale), 'x-slack-request-timestamp': stale } })).toThrow();
  });
});

describe('renderers', () => {
  const plain = (text: string) => ({ type: 'plain_text', text });
  it('renders a message card', () => {
    const text = renderMessage({
      text: 'fallback',
      blocks: [
        { type: 'header', text: plain('New question') },
        { type: 'section', text: { type: 'mrkdwn', text: '*From* <@U1|ana> in <#C1|goodtime-help>' }, accessory: { type: 'button', text: plain('Claim'), action_id: 'c' } },
        { type: 'section', fields: [{ type: 'mrkdwn', text: '*Urgency*\nHigh' }, { type: 'mrkdwn', text: '*Status*\nOpen' }] },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'Asked 5 min ago' }, { type: 'image', image_url: 'https://x/y.png', alt_text: 'logo' }] },
        { type: 'divider' },
        { type: 'actions', elements: [
          { type: 'button', text: plain('I can help'), action_id: 'h' },
          { type: 'static_select', action_id: 's', placeholder: plain('Set phase'), options: [{ text: plain('Done'), value: 'd' }] },
          { type: 'overflow', action_id: 'o', options: [{ text: plain('Escalate'), value: 'e' }] },
        ] },
      ],
    });
    expect(text).toBe([
      '# New question',
      '*From* @ana in #goodtime-help  [Claim]',
      '*Urgency*\nHigh',
      '*Status*\nOpen',
      'Asked 5 min ago · [image: logo]',
      '---',
      '[I can help] [Set phase ▾] [⋯ Escalate]',
    ].join('\n'));
    expect(renderMessage({ text: 'Hi <@U9>, see <https://goodtime.io|GoodTime>', blocks: [] }, { userName: () => 'bo' })).toBe('Hi @bo, see GoodTime (https://goodtime.io)');
  });

  it('shows a date in each reader\'s own time zone, as Slack does, and the fallback when the reader is unknown', () => {
    const at = Date.UTC(2026, 11, 3, 7, 41, 9) / 1000; // 07:41:09 UTC
    const text = `Due <!date^${at}^{date_short_pretty} at {time}|Thu 3 Dec 2026, 07:41 UTC> (<!date^${at}^{time_secs}|07:41>)`;
    const now = Date.UTC(2026, 11, 3, 12, 0, 0);
    expect(mrkdwnToText(text)).toBe('Due Thu 3 Dec 2026, 07:41 UTC (07:41)');
    expect(mrkdwnToText(text, { reader: { zone: 'Europe/Berlin', now } })).toBe('Due today at 8:41 AM (8:41:09 AM)');
    expect(mrkdwnToText(text, { reader: { zone: 'America/Los_Angeles', now } })).toBe('Due yesterday at 11:41 PM (11:41:09 PM)');
    expect(mrkdwnToText(`<!date^${at}^{date_num} {date_long} {ago}|x>`, { reader: { zone: 'UTC', now } })).toBe('2026-12-03 Thursday, December 3, 2026 4 hours ago');
    expect(formatSlackDate(at, '{date_short} {unknown}', { zone: 'Asia/Tokyo', now })).toBe('Dec 3, 2026 {unknown}');
  });

  it('renders a modal with inputs, values and errors', () => {
    const text = renderView({
      type: 'modal', title: plain('Ask GoodTime'), submit: plain('Send'), close: plain('Cancel'),
      blocks: [
        { type: 'input', block_id: 'q', label: plain('Your question'), element: { type: 'plain_text_input', action_id: 'q' } },
        { type: 'input', block_id: 'u', label: plain('Urgency'), element: { type: 'static_select', action_id: 'u', placeholder: plain('Pick one'), options: [{ text: plain('High'), value: 'h' }] } },
        { type: 'input', block_id: 'd', optional: true, label: plain('Needed by'), element: { type: 'datepicker', action_id: 'd', initial_date: '2025-01-31' } },
      ],
      state: { values: { u: { u: { type: 'static_select', selected_option: { text: plain('High'), value: 'h' } } } } },
    }, { errors: { q: 'Please write more.' } });
    expect(text).toBe([
      '=== Ask GoodTime ===',
      'Your question: ____',
      '  ⚠ Please write more.',
      'Urgency: [High ▾]',
      'Needed by (optional): [2025-01-31]',
      '[Cancel] [Send]',
    ].join('\n'));
  });
});

describe('waitFor', () => {
  it('polls until truthy and fails with the last error', async () => {
    let n = 0;
    expect(await waitFor(() => (++n >= 3 ? n : 0), { interval: 1 })).toBe(3);
    await expect(waitFor(() => { throw new Error('still no card'); }, { timeout: 50, interval: 5 })).rejects.toThrow(/timed out after 50 ms: still no card/);
  });
});
