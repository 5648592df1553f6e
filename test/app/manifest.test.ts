import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { messagesTabOf, startSlackFake, type SlackFake } from '@goodtime-help/slack-stand-in';
import { startTestApp, type TestApp } from '../support/app';

/** One Web API call to the stand-in, as the app's WebClient makes it. */
async function postToSlack(fake: SlackFake, method: string, args: Record<string, string>): Promise<unknown> {
  const response = await fetch(`${fake.apiUrl}${method}`, { method: 'POST', headers: { authorization: `Bearer ${fake.botToken}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(args).toString() });
  return response.json();
}

interface Manifest {
  features: {
    slash_commands: { command: string; url: string; usage_hint?: string }[];
    shortcuts?: { callback_id: string; type: string; name: string }[];
    app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean; messages_tab_read_only_enabled?: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[]; request_url: string }; interactivity: { is_enabled: boolean; request_url: string } };
}

// Slack delivers message events per conversation type; Bolt registers them all as "message".
const eventsOf = (botEvents: string[]) => new Set(botEvents.map((e) => (e.startsWith('message.') ? 'message' : e)));

describe('manifest.yml matches what the code handles', () => {
  let t: TestApp;
  const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as Manifest;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('when the app DMs people (confirmations, phase updates, incident notices) and people type in its DM, then the Messages tab is on and writable', async () => {
    expect(messagesTabOf(manifest)).toBe('enabled');
    // And the workspace the tests run in is set up from the manifest: with the tab off, a DM is refused like Slack does.
    const off = await startSlackFake({ messagesTab: messagesTabOf({ features: { app_home: { messages_tab_enabled: false, messages_tab_read_only_enabled: true } } }) });
    try {
      const user = off.addUser({ name: 'dana' }).id;
      const dm = (await postToSlack(off, 'conversations.open', { users: user })) as { channel: { id: string } };
      expect(await postToSlack(off, 'chat.postMessage', { channel: dm.channel.id, text: 'Your question is with the project team' })).toMatchObject({ ok: false, error: 'messages_tab_disabled' });
    } finally {
      await off.close();
    }
  });

  it('when the app registers commands, shortcuts and events, then the manifest declares exactly those', () => {
    const registered = t.app.slack.routes.registered;
    expect(new Set(manifest.features.slash_commands.map((c) => c.command))).toEqual(registered.commands);
    expect(new Set((manifest.features.shortcuts ?? []).map((s) => s.callback_id))).toEqual(registered.messageShortcuts);
    expect(eventsOf(manifest.settings.event_subscriptions.bot_events)).toEqual(registered.events);
  });

  it('when someone starts typing /goodtime-help, then Slack\'s usage hint names every subcommand `help` lists', async () => {
    const hint = manifest.features.slash_commands[0]?.usage_hint ?? '';
    const help = ((await t.ana.runSlashCommand('help')).body as { text?: string }).text ?? '';
    const subcommands = [...help.matchAll(/`\/goodtime-help ([a-z]+)/g)].map((m) => m[1] as string);
    expect(subcommands.length).toBeGreaterThan(5);
    expect(subcommands.filter((name) => !new RegExp(`(^|\\| )${name}( |$)`).test(hint))).toEqual([]);
    expect(hint.length).toBeLessThanOrEqual(1000);
  });

  it('when Slack sends requests, then every request URL is /slack/events and interactivity is on', () => {
    const urls = [
      ...manifest.features.slash_commands.map((c) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('when the message shortcuts are shown, then they read "Escalate to support" and "Reply to Support"', () => {
    expect(manifest.features.shortcuts?.map((s) => [s.type, s.name])).toEqual([['message', 'Escalate to support'], ['message', 'Reply to Support']]);
  });

  it('when events need scopes, then the manifest asks for them and nothing more than the product uses', () => {
    const scopes = new Set(manifest.oauth_config.scopes.bot);
    const needed = ['commands', 'chat:write', 'im:write', 'channels:history', 'groups:history', 'reactions:read', 'usergroups:read'];
    for (const scope of needed) expect(scopes).toContain(scope);
    expect([...scopes].filter((s) => s.includes('admin') || s.endsWith(':write.customize') || s === 'users:read.email')).toEqual([]);
  });
});
