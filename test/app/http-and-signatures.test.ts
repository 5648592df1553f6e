import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, SIGNING_SECRET, type TestApp } from '../support/app';
import { waitFor } from '@goodtime-help/slack-stand-in';

describe('the running app: health, signed requests, unknown requests, errors and logs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { embeddedDatabase: true });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('when the database is up, then GET /healthz answers 200 with its state; when it is unreachable, 503', async () => {
    const up = await fetch(`${t.app.url}/healthz`);
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ status: 'ok', database: { state: 'up' } });

    const faults = t.db.embedded?.faults;
    if (!faults) throw new Error('this test needs the embedded database');
    await faults.refuseConnections(true);
    faults.dropConnections();
    try {
      await waitFor(async () => expect((await fetch(`${t.app.url}/healthz`)).status).toBe(503), { timeout: 8_000 });
      expect(await (await fetch(`${t.app.url}/healthz`)).json()).toMatchObject({ status: 'unavailable', database: { state: 'down' } });
    } finally {
      await faults.refuseConnections(false);
    }
    await waitFor(async () => expect((await fetch(`${t.app.url}/healthz`)).status).toBe(200), { timeout: 15_000 });
  });

  it('when a request has a bad or stale signature, then it gets 401 and nothing changes', async () => {
    const before = t.fake.calls.length;
    const body = new URLSearchParams({ command: '/goodtime-help', text: 'hello there team', user_id: t.ana.id, channel_id: t.teamChannel, trigger_id: 'x' }).toString();
    const now = Math.floor(Date.now() / 1000);
    const forged = await t.client.raw(body, {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(now),
      'x-slack-signature': 'v0=' + '0'.repeat(64),
    });
    expect(forged.status).toBe(401);
    const staleTs = now - 10 * 60;
    const stale = await t.client.raw(body, {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(staleTs),
      'x-slack-signature': t.client.sign(body, staleTs),
    });
    expect(stale.status).toBe(401);
    const unsigned = await t.client.raw(body, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(unsigned.status).toBe(401);
    expect(t.fake.calls.slice(before).filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('when an unknown command, button or form arrives, then the person gets a clear answer at once', async () => {
    const command = await t.ana.runSlashCommand('anything', { command: '/goodtime-helpdesk' });
    expect(command.ok).toBe(true);
    expect(JSON.stringify(command.body)).toContain("I don't know the command /goodtime-helpdesk");

    const message = await t.client.interaction({
      type: 'block_actions',
      user: { id: t.ana.id, username: 'ana', name: 'ana', team_id: t.fake.teamId },
      api_app_id: t.fake.appId,
      token: 'legacy',
      container: { type: 'message', message_ts: '1.2', channel_id: t.teamChannel, is_ephemeral: false },
      trigger_id: t.fake.issueTriggerId(t.ana.id),
      team: { id: t.fake.teamId, domain: 'test' },
      channel: { id: t.teamChannel, name: 'goodtime-project-team' },
      response_url: t.fake.newResponseUrl(t.ana.id, t.teamChannel),
      actions: [{ action_id: 'legacy.button', block_id: 'b', type: 'button', value: 'v', action_ts: '1.3', text: { type: 'plain_text', text: 'Old' } }],
    });
    expect(message.status).toBe(200);
    expect(message.ms).toBeLessThan(3000);
    await waitFor(() => t.ana.ephemerals().find((e) => e.text?.includes('older version of goodtime-help')));
  });

  it('when a subcommand is asked for, then help lists what the app can do', async () => {
    const help = await t.ana.runSlashCommand('help');
    const text = JSON.stringify(help.body);
    expect(text).toContain('/goodtime-help search');
    expect(text).toContain('ask the project team');
  });

  it('when the database fails while handling a click, then the person gets an apology with a reference and the log has it', async () => {
    const card = await t.ask(t.ana, 'Error path: where are offer-call templates?');
    t.db.embedded?.faults.failNext(1, { code: 1, codeName: 'InternalError', errmsg: 'injected' }, { commands: ['find'], collections: ['questions'] });
    await t.ben.clickButton("I'll take it", { channel: t.teamChannel, ts: card.ts });
    const apology = await waitFor(() => t.ben.ephemerals().find((e) => e.text?.includes('something went wrong on our side')));
    const ref = /ref `([0-9a-f]{8})`/.exec(apology.text ?? '')?.[1];
    expect(ref).toBeTruthy();
    expect(apology.text).not.toMatch(/at \w+ \(|MongoServerError|injected/);
    expect(t.logs.some((line) => line.includes(`"requestId":"${ref}"`) && line.includes('listener failed'))).toBe(true);
  });

  it('when the database fails after a form closed, then the person gets an apology and what they typed back', async () => {
    t.db.embedded?.faults.failNext(1, { code: 1, codeName: 'InternalError', errmsg: 'injected' }, { commands: ['findAndModify'], collections: ['questions'] });
    await t.ana.runSlashCommand('Lost form: can I bulk-cancel interviews for a closed req?');
    const modal = await t.ana.waitForModal({ title: 'Ask the project team' });
    await modal.fill('Category', 'How-to');
    await modal.fill('Position', 'Data Analyst');
    expect((await modal.submit()).outcome).toBe('closed');
    const dm = await waitFor(() => t.ana.dms().find((m) => m.text.includes('something went wrong on our side')));
    expect(dm.text).toContain('Here is what you entered');
    expect(dm.text).toContain('>Lost form: can I bulk-cancel interviews for a closed req?');
    expect(dm.text).toContain('>Data Analyst');
  });

  it('when the app logs, then no token, signing secret or personal text appears', async () => {
    const all = t.logs.join('\n');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(t.fake.botToken);
    expect(all).not.toContain(SIGNING_SECRET);
    expect(all).not.toContain('offer-call templates');
    expect(all).not.toContain('bulk-cancel');
    expect(all).not.toContain('ana@example.com');
  });
});
