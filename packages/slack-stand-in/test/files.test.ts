// Files people share in messages, as Slack models them: file objects in the message, the event (file_share),
// conversations.history/replies and message shortcuts; the private URLs serve the bytes only to the bot token with
// files:read (otherwise Slack's HTML sign-in page, HTTP 200); files.info.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { messageShortcut, silentLogger, startSlackFake } from '../src';
import type { JsonObject, SlackFake, SlackFakeOptions, SlackFile } from '../src';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const signingSecret = 'files-secret';
let app: Server;
let appUrl: string;
const events: JsonObject[] = [];

beforeAll(async () => {
  app = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      events.push((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { event: JsonObject }).event);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`;
});
afterAll(async () => {
  await new Promise((resolve) => app.close(resolve));
});

let fake: SlackFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  events.length = 0;
});

async function workspace(options: SlackFakeOptions = {}) {
  fake = await startSlackFake(options);
  fake.connectApp({ url: appUrl, signingSecret });
  const ana = fake.addUser({ name: 'ana' }).id;
  const channel = fake.addChannel({ name: 'goodtime-help', members: [ana] }).id;
  const web = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger() });
  return { fake, ana, channel, web };
}

async function shareScreenshot(f: SlackFake, ana: string, channel: string, opts: { threadTs?: string } = {}) {
  return f.userPostMessage(ana, channel, 'here is what I see', {
    ...opts, files: [{ name: 'screen shot.png', mimetype: 'image/png', content: PNG }],
  });
}

describe('a person shares a file', () => {
  it('then the app gets a file_share message event with the file objects', async () => {
    const { fake, ana, channel } = await workspace();
    const { message } = await shareScreenshot(fake, ana, channel);
    const file = message.files?.[0] as SlackFile;
    expect(file).toMatchObject({
      name: 'screen shot.png', title: 'screen shot.png', mimetype: 'image/png', filetype: 'png', pretty_type: 'PNG',
      user: ana, size: PNG.length, mode: 'hosted', is_external: false, is_public: true,
    });
    expect(file.id).toMatch(/^F[A-Z0-9]{10}$/);
    expect(file.url_private).toBe(`${fake.baseUrl}/files-pri/${fake.teamId}-${file.id}/screen%20shot.png`);
    expect(file.url_private_download).toBe(`${fake.baseUrl}/files-pri/${fake.teamId}-${file.id}/download/screen%20shot.png`);
    expect(message).toMatchObject({ upload: true, display_as_bot: false });
    expect(message.subtype).toBeUndefined();

    const [event] = events;
    expect(event).toMatchObject({ type: 'message', subtype: 'file_share', user: ana, channel, text: 'here is what I see', upload: true, display_as_bot: false });
    expect(event?.files).toEqual([file]);
    expect(event?.team).toBeUndefined(); // Slack leaves it out of file_share events
    expect(fake.file(file.id)?.content.equals(PNG)).toBe(true);
  });

  it('with no text, then the message has files and no blocks', async () => {
    const { fake, ana, channel } = await workspace();
    const { message } = await fake.userPostMessage(ana, channel, '', { files: [{ name: 'log.txt', mimetype: 'text/plain', content: 'boom' }] });
    expect(message.blocks).toBeUndefined();
    expect(message.files?.[0]).toMatchObject({ filetype: 'text', pretty_type: 'Plain Text', size: 4 });
    expect(events[0]).toMatchObject({ subtype: 'file_share', text: '' });
    expect(events[0]?.blocks).toBeUndefined();
  });

  it('in a thread, then conversations.replies and history return the files, and a message shortcut carries them', async () => {
    const { fake, ana, channel, web } = await workspace();
    const parent = (await fake.userPostMessage(ana, channel, 'The scheduler is down')).message;
    const { message } = await shareScreenshot(fake, ana, channel, { threadTs: parent.ts });
    const file = message.files?.[0] as SlackFile;
    expect(events[1]).toMatchObject({ subtype: 'file_share', thread_ts: parent.ts, files: [{ id: file.id }] });

    const replies = await web.conversations.replies({ channel, ts: parent.ts });
    expect(replies.messages?.[1]).toMatchObject({ ts: message.ts, upload: true, files: [{ id: file.id, url_private_download: file.url_private_download }] });
    const top = await fake.userPostMessage(ana, channel, 'and this', { files: [{ name: 'b.jpg', mimetype: 'image/jpeg', content: PNG }] });
    const history = await web.conversations.history({ channel });
    expect(history.messages?.[0]).toMatchObject({ ts: top.message.ts, files: [{ name: 'b.jpg', filetype: 'jpg' }] });

    const payload = messageShortcut(fake.ws, { user: ana, callbackId: 'email_thread', channel, message, triggerId: fake.issueTriggerId(ana), responseUrl: fake.newResponseUrl(ana, channel) });
    expect(payload.message).toMatchObject({ files: [{ id: file.id, url_private: file.url_private }] });
  });

  it('then Slack refuses more than 10 files on one message', async () => {
    const { fake, ana, channel } = await workspace();
    const files = Array.from({ length: 11 }, (_, i) => ({ name: `${i}.png`, mimetype: 'image/png', content: PNG }));
    await expect(fake.userPostMessage(ana, channel, 'many', { files })).rejects.toThrow(/at most 10 files/);
  });
});

describe('downloading a shared file', () => {
  it('with the bot token (files:read granted), then the bytes with the file content-type; otherwise the sign-in page', async () => {
    const { fake, ana, channel } = await workspace({ scopes: ['chat:write', 'channels:history', 'files:read'] });
    const file = (await shareScreenshot(fake, ana, channel)).message.files?.[0] as SlackFile;

    for (const url of [file.url_private, file.url_private_download]) {
      const res = await fetch(url, { headers: { Authorization: `Bearer ${fake.botToken}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('content-length')).toBe(String(PNG.length));
      expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    }

    const anonymous = await fetch(file.url_private_download);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await anonymous.text()).toMatch(/Sign in to/);
    const wrong = await fetch(file.url_private_download, { headers: { Authorization: 'Bearer xoxb-not-the-token' } });
    expect(wrong.headers.get('content-type')).toMatch(/^text\/html/);
    const appToken = await fetch(file.url_private_download, { headers: { Authorization: `Bearer ${fake.appToken}` } });
    expect(appToken.headers.get('content-type')).toMatch(/^text\/html/);

    expect(fake.file(file.id)?.downloads).toBe(2);
    expect(fake.fileDownloads.map((d) => [d.outcome, d.reason])).toEqual([
      ['file', undefined], ['file', undefined], ['sign_in', 'no_token'], ['sign_in', 'invalid_auth'], ['sign_in', 'invalid_auth'],
    ]);
  });

  it('when the app was not granted files:read, then even the bot token gets the sign-in page', async () => {
    const { fake, ana, channel } = await workspace({ scopes: ['chat:write', 'channels:history'] });
    const file = (await shareScreenshot(fake, ana, channel)).message.files?.[0] as SlackFile;
    const res = await fetch(file.url_private_download, { headers: { Authorization: `Bearer ${fake.botToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(fake.file(file.id)?.downloads).toBe(0);
    expect(fake.fileDownloads.at(-1)).toMatchObject({ file: file.id, outcome: 'sign_in', reason: 'missing_scope' });
  });

  it('when the file was shared where the bot is not, then the sign-in page; an unknown file is 404', async () => {
    const { fake, ana } = await workspace();
    const elsewhere = fake.addChannel({ name: 'random', members: [ana], botMember: false }).id;
    const file = (await shareScreenshot(fake, ana, elsewhere)).message.files?.[0] as SlackFile;
    expect(events).toEqual([]);
    const res = await fetch(file.url_private, { headers: { Authorization: `Bearer ${fake.botToken}` } });
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(fake.fileDownloads.at(-1)).toMatchObject({ outcome: 'sign_in', reason: 'not_visible' });

    const missing = await fetch(`${fake.baseUrl}/files-pri/${fake.teamId}-F0000000000/x.png`, { headers: { Authorization: `Bearer ${fake.botToken}` } });
    expect(missing.status).toBe(404);
  });
});

describe('files.info', () => {
  it('returns the file and where it was shared; file_not_found for an unknown id', async () => {
    const { fake, ana, channel, web } = await workspace();
    const { message } = await shareScreenshot(fake, ana, channel);
    const file = message.files?.[0] as SlackFile;
    const info = await web.files.info({ file: file.id });
    expect(info.file).toMatchObject({ id: file.id, name: 'screen shot.png', url_private: file.url_private, channels: [channel] });
    expect(info.file?.shares?.public?.[channel]?.[0]).toMatchObject({ ts: message.ts, share_user_id: ana, channel_name: 'goodtime-help' });
    await expect(web.files.info({ file: 'F0000000000' })).rejects.toMatchObject({ data: { error: 'file_not_found' } });
  });

  it('needs files:read', async () => {
    const { fake, ana, channel, web } = await workspace({ scopes: ['chat:write', 'channels:history'] });
    const file = (await shareScreenshot(fake, ana, channel)).message.files?.[0] as SlackFile;
    await expect(web.files.info({ file: file.id })).rejects.toMatchObject({ data: { error: 'missing_scope', needed: 'files:read' } });
  });

  it('fake.reset() forgets files and downloads', async () => {
    const { fake, ana, channel } = await workspace();
    const file = (await shareScreenshot(fake, ana, channel)).message.files?.[0] as SlackFile;
    await fetch(file.url_private);
    fake.reset();
    expect(fake.file(file.id)).toBeUndefined();
    expect(fake.fileDownloads).toEqual([]);
  });
});
