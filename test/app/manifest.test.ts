import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startTestApp, type TestApp } from '../support/app';

interface Manifest {
  features: {
    slash_commands: { command: string; url: string }[];
    shortcuts?: { callback_id: string; type: string; name: string }[];
    app_home?: { home_tab_enabled?: boolean };
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

  it('when the app registers commands, shortcuts and events, then the manifest declares exactly those', () => {
    const registered = t.app.slack.routes.registered;
    expect(new Set(manifest.features.slash_commands.map((c) => c.command))).toEqual(registered.commands);
    expect(new Set((manifest.features.shortcuts ?? []).map((s) => s.callback_id))).toEqual(registered.messageShortcuts);
    expect(eventsOf(manifest.settings.event_subscriptions.bot_events)).toEqual(registered.events);
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

  it('when the message shortcut is shown, then it reads "Escalate to support"', () => {
    expect(manifest.features.shortcuts?.map((s) => [s.type, s.name])).toEqual([['message', 'Escalate to support']]);
  });

  it('when events need scopes, then the manifest asks for them and nothing more than the product uses', () => {
    const scopes = new Set(manifest.oauth_config.scopes.bot);
    const needed = ['commands', 'chat:write', 'im:write', 'channels:history', 'groups:history', 'reactions:read', 'usergroups:read'];
    for (const scope of needed) expect(scopes).toContain(scope);
    expect([...scopes].filter((s) => s.includes('admin') || s.endsWith(':write.customize') || s === 'users:read.email')).toEqual([]);
  });
});
