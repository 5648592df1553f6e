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

  it("when Slack checks the certificate (unsigned ssl_check), then it gets 200 and nothing smuggled with it is acted on", async () => {
    const before = t.fake.calls.length;
    const smuggled = new URLSearchParams({ ssl_check: '1', command: '/goodtime-help', text: 'hello there team', user_id: t.ana.id, channel_id: t.teamChannel, trigger_id: 'x' }).toString();
    const check = await t.client.raw(smuggled, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(check.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
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
    expect(text).toContain('Escalate to support'); // the message shortcut
    expect(text).toContain('App Home');
  });

  it('when someone slips on a subcommand (`tickets`), then they are asked whether they meant it instead of getting the ask form', async () => {
    const opened = () => t.fake.calls.filter((call) => call.method === 'views.open').length;
    const before = opened();
    const sam = t.person('sam');
    const slip = await sam.runSlashCommand('tickets');
    expect(JSON.stringify(slip.body)).toContain('Did you mean `/goodtime-help ticket`');
    expect(opened()).toBe(before);
    // A real one-word question still opens the form.
    await sam.runSlashCommand('SSO?');
    await sam.waitForModal({ title: 'Ask the project team' });
  });

  it('when the database fails while carrying out a stored click, then the person is told it goes through in a moment, and it does, once', async () => {
    const card = await t.ask(t.ana, 'Error path: where are offer-call templates?');
    t.db.embedded?.faults.failNext(1, { code: 1, codeName: 'InternalError', errmsg: 'injected' }, { commands: ['find'], collections: ['questions'] });
    await t.ben.clickButton("I'll take it", { channel: t.teamChannel, ts: card.ts });
    await waitFor(() => t.ben.ephemerals().find((e) => e.text?.includes('Saved. Slack or the database is slow right now')));
    await waitFor(() => expect(t.teamMessage(card.ts)).toContain('@ben is on it'), { timeout: 15_000 });
    const notes = () => t.fake.thread(t.teamChannel, card.ts).filter((m) => m.text.includes('is taking this one'));
    await waitFor(() => notes().length > 0); // the card is edited first, then the thread note is posted
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(notes()).toHaveLength(1);
    expect(t.ben.ephemerals().some((e) => e.text?.includes('something went wrong'))).toBe(false);
  });

  it('when the database fails while answering a command, then the person gets an apology with a reference and the log has it', async () => {
    t.db.embedded?.faults.failNext(1, { code: 1, codeName: 'InternalError', errmsg: 'injected' }, { commands: ['find'], collections: ['incidents'] });
    await t.ben.runSlashCommand('status');
    const apology = await waitFor(() => t.ben.ephemerals().find((e) => e.text?.includes('something went wrong on our side')));
    const ref = /ref `([0-9a-f]{8})`/.exec(apology.text ?? '')?.[1];
    expect(ref).toBeTruthy();
    expect(apology.text).not.toMatch(/at \w+ \(|MongoServerError|injected/);
    expect(t.logs.some((line) => line.includes(`"requestId":"${ref}"`) && line.includes('listener failed'))).toBe(true);
  });

  it('when the database is too slow to store a question before Slack gives up, then the form says nothing was sent, and a second Submit posts it once', async () => {
    const text = 'Lost form: can I bulk-cancel interviews for a closed req?';
    await t.ana.runSlashCommand(text);
    const modal = await t.ana.waitForModal({ title: 'Ask the project team' });
    await modal.fill('Category', 'How-to');
    await modal.fill('Position', 'Data Analyst');
    t.db.embedded?.faults.delay(2_500);
    const first = await modal.submit();
    t.db.embedded?.faults.delay(0);
    expect(first.outcome).toBe('errors');
    expect(Object.values(first.errorsByLabel ?? {}).join(' ')).toContain('Could not save your question just now, so nothing was sent');
    await new Promise((resolve) => setTimeout(resolve, 4_000)); // the late write lands, and is left alone
    expect(t.fake.messages(t.teamChannel).filter((m) => m.text.includes('bulk-cancel'))).toHaveLength(0);

    expect((await modal.submit()).outcome).toBe('closed');
    await waitFor(() => t.fake.messages(t.teamChannel).find((m) => m.text.includes('bulk-cancel')));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.fake.messages(t.teamChannel).filter((m) => m.text.includes('bulk-cancel'))).toHaveLength(1);
  });

  it("when the database is too slow to store a click before Slack gives up, then the person is told nothing changed, the late write never runs, and a second click works", async () => {
    const card = await t.ask(t.ana, 'Slow click: who can rebook the panel room?');
    t.db.embedded?.faults.delay(2_500);
    const first = await t.ben.clickButton("I'll take it", { channel: t.teamChannel, ts: card.ts });
    t.db.embedded?.faults.delay(0);
    expect(first.status).toBe(200);
    await waitFor(() => t.ben.ephemerals().some((e) => e.text.includes('Could not save that just now, so nothing changed')));
    await new Promise((resolve) => setTimeout(resolve, 4_000)); // the late write lands, and is forgotten, not run
    expect(t.teamMessage(card.ts)).not.toContain('@ben is on it');

    await t.ben.clickButton("I'll take it", { channel: t.teamChannel, ts: card.ts });
    await waitFor(() => expect(t.teamMessage(card.ts)).toContain('@ben is on it'));
    const notes = () => t.fake.thread(t.teamChannel, card.ts).filter((m) => m.text.includes('is taking this one'));
    await waitFor(() => notes().length > 0); // the card is edited first, then the thread note is posted
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(notes()).toHaveLength(1);
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
