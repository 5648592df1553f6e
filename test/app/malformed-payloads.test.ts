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
  // Over HTTP they are refused before Bolt (400); over Socket Mode the same check acknowledges them with nothing done.
  const cases: [string, number, () => Record<string, unknown>][] = [
    ['block_actions without actions', 400, () => ({ ...base(), type: 'block_actions', actions: [] })],
    ['block_actions with a malformed action', 400, () => ({ ...base(), type: 'block_actions', actions: [{ value: 'x' }] })],
    ['view_submission without state', 400, () => ({ ...base(), type: 'view_submission', view: { id: 'V0MALFORMED', callback_id: 'question.ask', private_metadata: '' } })],
    ['view_submission without a view', 400, () => ({ ...base(), type: 'view_submission' })],
    ['unknown type dialog_submission_v9', 400, () => ({ ...base(), type: 'dialog_submission_v9' })],
  ];

  it.each(cases)('when Slack sends %s, then it is answered (%i) within a second, nothing changes, and one warning is logged', async (malformed, status, payload) => {
    const posted = t.fake.messages(t.teamChannel).length;
    const logged = t.logs.length;
    const started = Date.now();
    const response = await t.client.interaction(payload());
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
