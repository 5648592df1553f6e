// What the app's manifest grants, as Slack enforces it. The Messages tab: off, Slack refuses the app's DMs
// (messages_tab_disabled); read-only, the app may post but people have no composer in its DM; on, both write.
// The bot scopes: a method needing one the app lacks gets missing_scope.
import { afterEach, describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { messagesTabOf, silentLogger, startSlackFake, slashCommandRequest } from '../src';
import type { MessagesTab, SlackFake } from '../src';

let fake: SlackFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function workspace(messagesTab: MessagesTab) {
  fake = await startSlackFake({ messagesTab });
  const dana = fake.addUser({ name: 'dana' }).id;
  const web = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger() });
  const dm = String((await web.conversations.open({ users: dana })).channel?.id);
  return { fake, dana, web, dm };
}

describe('the Messages tab', () => {
  it('reads the tab from a manifest as Slack does (absent means off)', () => {
    expect(messagesTabOf({})).toBe('disabled');
    expect(messagesTabOf({ features: { app_home: { messages_tab_enabled: false, messages_tab_read_only_enabled: true } } })).toBe('disabled');
    expect(messagesTabOf({ features: { app_home: { messages_tab_enabled: true, messages_tab_read_only_enabled: true } } })).toBe('read-only');
    expect(messagesTabOf({ features: { app_home: { messages_tab_enabled: true, messages_tab_read_only_enabled: false } } })).toBe('enabled');
  });

  it('when it is off, then the app cannot post in its DM with a person, but can still post in channels', async () => {
    const { web, dm } = await workspace('disabled');
    await expect(web.chat.postMessage({ channel: dm, text: 'Your ticket moved on' })).rejects.toMatchObject({ data: { error: 'messages_tab_disabled' } });
  });

  it('when it is read-only, then the app posts in the DM but the person cannot write there or type a slash command', async () => {
    const { fake, dana, web, dm } = await workspace('read-only');
    expect((await web.chat.postMessage({ channel: dm, text: 'Your ticket moved on' })).ok).toBe(true);
    await expect(fake.userPostMessage(dana, dm, 'subscribe')).rejects.toThrow(/Messages tab is read-only/);
    expect(() => slashCommandRequest(fake, { user: dana, channel: dm, text: 'subscribe' })).toThrow(/Messages tab is read-only/);
  });

  it('when it is on, then both the app and the person write in the DM', async () => {
    const { fake, dana, web, dm } = await workspace('enabled');
    expect((await web.chat.postMessage({ channel: dm, text: 'Your ticket moved on' })).ok).toBe(true);
    expect((await fake.userPostMessage(dana, dm, 'subscribe')).message.text).toBe('subscribe');
  });
});

describe('scopes', () => {
  it('when the app was not granted the scope a method needs, then Slack answers missing_scope with what was needed', async () => {
    fake = await startSlackFake({ scopes: ['chat:write', 'channels:history'] });
    const dana = fake.addUser({ name: 'dana' }).id;
    const secret = fake.addChannel({ name: 'leads', is_private: true }).id;
    const open = fake.addChannel({ name: 'team' }).id;
    const web = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger() });
    await expect(web.users.info({ user: dana })).rejects.toMatchObject({ data: { error: 'missing_scope', needed: 'users:read', provided: 'chat:write,channels:history' } });
    expect((await web.conversations.history({ channel: open })).ok).toBe(true);
    await expect(web.conversations.history({ channel: secret })).rejects.toMatchObject({ data: { error: 'missing_scope', needed: 'groups:history' } });
    expect((await web.chat.postMessage({ channel: open, text: 'hello' })).ok).toBe(true);
  });
});
