// Payloads Slack would never send (no actions, no state, an unknown type, wrong shapes) are answered at once,
// change nothing, and leave one warning in the log, without a stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';

describe('malformed interaction payloads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const base = () => ({ user: { id: t.ana.id }, team: { id: 'T0GOODTIME1' }, api_app_id: 'A0GOODTIME1', token: 'verification-token', trigger_id: '1.2.3' });
  const interaction = (payload: () => Record<string, unknown>) => () => t.client.interaction(payload());
  const signed = (body: string, contentType: string) => () => t.client.raw(body, { 'content-type': contentType, ...t.client.signedHeaders(body) });
  const command = (fields: Record<string, string>) => signed(new URLSearchParams({ command: '/goodtime-help', text: 'where are panel templates?', team_id: 'T0GOODTIME1', ...fields }).toString(), 'application/x-www-form-urlencoded');
  const event = (envelope: Record<string, unknown>) => signed(JSON.stringify({ token: 'verification-token', team_id: 'T0GOODTIME1', api_app_id: 'A0GOODTIME1', event_id: 'Ev0MALFORMED', event_time: 1, ...envelope }), 'application/json');
  const view = { id: 'V0MALFORMED', hash: '1.abc', callback_id: 'question.ask', private_metadata: '' };
  // Over HTTP they are refused before Bolt (400); over Socket Mode the same check acknowledges them with nothing done.
  const cases: [string, number, () => Promise<{ status: number }>][] = [
    ['block_actions without actions', 400, interaction(() => ({ ...base(), type: 'block_actions', actions: [] }))],
    ['block_actions with a malformed action', 400, interaction(() => ({ ...base(), type: 'block_actions', actions: [{ value: 'x' }] }))],
    ['block_actions without a user', 400, interaction(() => ({ ...base(), user: undefined, type: 'block_actions', actions: [{ action_id: 'question.take', type: 'button', value: 'q', action_ts: '1.2' }] }))],
    ['view_submission without state', 400, interaction(() => ({ ...base(), type: 'view_submission', view: { id: 'V0MALFORMED', callback_id: 'question.ask', private_metadata: '' } }))],
    ['view_submission without a view', 400, interaction(() => ({ ...base(), type: 'view_submission' }))],
    ["view_submission without the view's id and hash", 400, interaction(() => ({ ...base(), type: 'view_submission', view: { ...view, id: undefined, hash: undefined, state: { values: {} } } }))],
    ['view_submission without state', 400, interaction(() => ({ ...base(), type: 'view_submission', view: { ...view, state: { values: [] } } }))],
    ['message_action without its message', 400, interaction(() => ({ ...base(), type: 'message_action', callback_id: 'ticket.escalate_message', channel: { id: t.teamChannel } }))],
    ['unknown type dialog_submission_v9', 400, interaction(() => ({ ...base(), type: 'dialog_submission_v9' }))],
    ['slash command without user_id, trigger_id', 400, command({ channel_id: 'C0MALFORMED' })],
    ['event_callback without an event', 400, event({ type: 'event_callback' })],
  ];

  it.each(cases)('when Slack sends %s, then it is answered (%i) within a second, nothing changes, and one warning is logged', async (malformed, status, send) => {
    const posted = t.fake.messages(t.teamChannel).length;
    const logged = t.logs.length;
    const started = Date.now();
    const response = await send();
    expect(response.status).toBe(status);
    expect(Date.now() - started).toBeLessThan(1_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.fake.messages(t.teamChannel).length).toBe(posted);
    const lines = t.logs.slice(logged).map((line) => JSON.parse(line) as { level: number; msg: string; malformed?: string; err?: unknown });
    const warnings = lines.filter((l) => l.level >= 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ msg: 'malformed Slack request answered; nothing done', malformed });
    expect(JSON.stringify(lines)).not.toContain('    at ');
  });
});
