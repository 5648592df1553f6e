// The app uploads a file Slack's current way: files.getUploadURLExternal reserves a file id and an upload URL, the
// bytes are POSTed there (raw or multipart; 200 "OK - <bytes>"), and files.completeUploadExternal makes the file,
// shared in `channel_id` as a message with `initial_comment` as its text, or private without one. Both methods need
// files:write. Errors are the ones Slack documents (missing_argument for a length of 0, alt_txt_too_large,
// file_not_found "from the upload ticket", channel_not_found, not_in_channel, invalid_channel,
// channels_limit_exceeded) and the regex Slack checks `channel_id` against (a user id is refused).
import { afterEach, describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { silentLogger, startSlackFake } from '../src';
import type { SlackFake, SlackFakeOptions, SlackFile } from '../src';

const BINARY = Buffer.concat([Buffer.from([...Array(256).keys()]), Buffer.from('\r\n--not-a-boundary\r\n\xff\xfe end', 'latin1')]);

let fake: SlackFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: SlackFakeOptions = {}) {
  fake = await startSlackFake(options);
  const web = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger() });
  const lia = fake.addUser({ name: 'lia' }).id;
  const channel = fake.addChannel({ name: 'goodtime-help', members: [lia] }).id;
  return { fake, web, lia, channel };
}

/** Steps 1 and 2 by hand: reserve, then POST the bytes raw. */
async function reserveAndPost(web: WebClient, filename: string, bytes: Buffer, length = bytes.length) {
  const reserved = await web.files.getUploadURLExternal({ filename, length });
  const posted = await fetch(reserved.upload_url as string, { method: 'POST', body: new Uint8Array(bytes) });
  return { id: reserved.file_id as string, url: reserved.upload_url as string, status: posted.status, text: await posted.text(), type: posted.headers.get('content-type') };
}

describe('files.getUploadURLExternal → upload URL → files.completeUploadExternal', () => {
  it("when the app sends a CSV to a person's DM with the SDK's filesUploadV2, then the person gets a message with the file and its bytes", async () => {
    const { fake, web, lia } = await start({ scopes: ['files:write', 'files:read', 'im:write', 'chat:write'] });
    const dm = (await web.conversations.open({ users: lia })).channel?.id as string;
    const csv = 'kind,id,status\nquestion,q1,answered\nticket,GT-1,open\n';

    const result = await web.filesUploadV2({ channel_id: dm, filename: 'insights.csv', title: 'Insights', file: Buffer.from(csv), initial_comment: 'Your CSV' });

    const shared = fake.dms(lia).find((m) => (m.files ?? []).length > 0);
    expect(shared).toMatchObject({ text: 'Your CSV', user: fake.botUserId, bot_id: fake.botId, upload: true });
    const file = shared?.files?.[0] as SlackFile;
    expect(file).toMatchObject({ name: 'insights.csv', title: 'Insights', mimetype: 'text/csv', filetype: 'csv', size: Buffer.byteLength(csv), user: fake.botUserId, is_public: false });
    expect(fake.file(file.id)?.content.toString('utf8')).toBe(csv);
    // filesUploadV2 answers with each files.completeUploadExternal response.
    const completion = (result.files as { files?: { id: string; title: string }[] }[])[0]?.files?.[0];
    expect(completion).toMatchObject({ id: file.id, title: 'Insights' });
    // The SDK POSTs a multipart form (its file part is named `body`); the announced length was right.
    expect(fake.uploads).toEqual([expect.objectContaining({ fileId: file.id, filename: 'insights.csv', length: Buffer.byteLength(csv), encoding: 'multipart', completed: expect.objectContaining({ title: 'Insights', channels: [dm] }) })]);
    // The bot may read it back (files.info, url_private) as Slack lets the uploader.
    const info = await web.files.info({ file: file.id });
    expect(info.file).toMatchObject({ id: file.id, ims: [dm], channels: [] });
    const download = await fetch(file.url_private_download as string, { headers: { Authorization: `Bearer ${fake.botToken}` } });
    expect(await download.text()).toBe(csv);
    fake.expectNoViolations();
  });

  it('when the bytes are POSTed raw, then the upload URL answers "OK - <bytes>" and keeps them byte for byte, and the file is shared in a thread', async () => {
    const { fake, web, channel } = await start({ scopes: ['files:write', 'chat:write'] });
    const root = await web.chat.postMessage({ channel, text: 'Weekly numbers' });
    const upload = await reserveAndPost(web, 'numbers.bin', BINARY);
    expect(upload).toMatchObject({ status: 200, text: `OK - ${BINARY.length}` });
    expect(upload.type).toMatch(/^text\/plain/);
    expect(new URL(upload.url).origin).toBe(fake.baseUrl);

    const done = await web.files.completeUploadExternal({ files: [{ id: upload.id }], channel_id: channel, thread_ts: root.ts as string, initial_comment: 'The raw numbers' });

    // Full file objects, the title defaulting to the name; the share is not in them yet (Slack shares asynchronously).
    expect(done.files).toEqual([expect.objectContaining({ id: upload.id, title: 'numbers.bin', name: 'numbers.bin', mimetype: 'application/octet-stream', size: BINARY.length, channels: [], shares: {} })]);
    const [reply] = fake.thread(channel, root.ts as string);
    expect(reply).toMatchObject({ text: 'The raw numbers', thread_ts: root.ts, files: [expect.objectContaining({ id: upload.id, is_public: true })] });
    expect(fake.messages(channel)).toHaveLength(1); // only the root: the file went to the thread
    expect(fake.file(upload.id)?.content.equals(BINARY)).toBe(true);
    expect(fake.file(upload.id)?.shares).toEqual([{ channel, ts: reply?.ts, thread_ts: root.ts, user: fake.botUserId }]);
  });

  it('when the bytes come as a multipart form (a file part, or a field named file), then that part is the file', async () => {
    const { fake, web } = await start({ scopes: ['files:write'] });
    const first = await web.files.getUploadURLExternal({ filename: 'a.bin', length: BINARY.length });
    const form = new FormData();
    form.append('channels', 'ignored');
    form.append('filename', new Blob([new Uint8Array(BINARY)]), 'a.bin'); // Slack's example: -F filename="@a.bin"
    const posted = await fetch(first.upload_url as string, { method: 'POST', body: form });
    expect([posted.status, await posted.text()]).toEqual([200, `OK - ${BINARY.length}`]);
    expect(fake.uploads[0]).toMatchObject({ encoding: 'multipart' });
    expect(fake.uploads[0]?.content?.equals(BINARY)).toBe(true);

    const second = await web.files.getUploadURLExternal({ filename: 'b.txt', length: 5 });
    const field = new FormData();
    field.append('file', 'hello');
    expect(await (await fetch(second.upload_url as string, { method: 'POST', body: field })).text()).toBe('OK - 5');

    const empty = await web.files.getUploadURLExternal({ filename: 'c.txt', length: 1 });
    const none = new FormData();
    none.append('one', 'x');
    none.append('two', 'y');
    expect((await fetch(empty.upload_url as string, { method: 'POST', body: none })).status).toBe(400);
    expect(fake.violations.map((v) => `${v.method} ${v.error}`)).toEqual(['upload_url no_file_part']);
  });

  it('when no channel is given, then the file stays private to the app: no message anywhere, but it exists', async () => {
    const { fake, web, lia, channel } = await start();
    const upload = await reserveAndPost(web, 'draft.csv', Buffer.from('a,b\n'));

    await web.files.completeUploadExternal({ files: [{ id: upload.id, title: 'Draft' }], initial_comment: 'nobody sees this' });

    expect(fake.messages(channel)).toEqual([]);
    expect(fake.dms(lia)).toEqual([]);
    expect(fake.file(upload.id)).toMatchObject({ file: { title: 'Draft', is_public: false }, shares: [] });
    expect(fake.uploads[0]?.completed).toMatchObject({ channels: [], ts: [] });
    expect((await web.files.info({ file: upload.id })).file).toMatchObject({ channels: [], groups: [], ims: [] });
    fake.reset();
    expect([fake.uploads, fake.file(upload.id)]).toEqual([[], undefined]);
  });

  it('when files:write is not granted, then both methods answer missing_scope, and filesUploadV2 fails', async () => {
    const { web, lia } = await start({ scopes: ['chat:write', 'im:write'] });
    const refusal = { data: { error: 'missing_scope', needed: 'files:write', provided: 'chat:write,im:write' } };
    await expect(web.files.getUploadURLExternal({ filename: 'a.csv', length: 3 })).rejects.toMatchObject(refusal);
    await expect(web.files.completeUploadExternal({ files: [{ id: 'F0000000001' }] })).rejects.toMatchObject(refusal);
    const dm = (await web.conversations.open({ users: lia })).channel?.id as string;
    await expect(web.filesUploadV2({ channel_id: dm, filename: 'a.csv', file: Buffer.from('a,b') })).rejects.toMatchObject(refusal);
  });

  it('when the arguments for an upload URL are missing or out of bounds, then Slack refuses with its documented errors', async () => {
    const { fake, web } = await start({ scopes: ['files:write'] });
    const error = (args: Record<string, unknown>) => web.apiCall('files.getUploadURLExternal', args).then(() => 'ok', (e: { data: { error: string } }) => e.data.error);
    expect(await error({ length: 3 })).toBe('invalid_arguments');
    expect(await error({ filename: 'a.csv' })).toBe('invalid_arguments');
    expect(await error({ filename: 'a.csv', length: 'three' })).toBe('invalid_arguments');
    expect(await error({ filename: 'a.csv', length: 0 })).toBe('missing_argument'); // "Typically only occurs when the length provided is 0"
    expect(await error({ filename: 'a.png', length: 3, alt_txt: 'x'.repeat(1001) })).toBe('alt_txt_too_large');
    expect(await error({ filename: 'a.png', length: 3, alt_txt: 'x'.repeat(1000) })).toBe('ok');
    expect(await error({ filename: 'a.py', length: 1024 * 1024 + 1, snippet_type: 'python' })).toBe('snippet_too_large');
    expect(fake.violations.map((v) => v.error)).toEqual(['invalid_arguments', 'invalid_arguments', 'invalid_arguments', 'missing_argument', 'alt_txt_too_large', 'snippet_too_large']);
  });

  it('when a file was never reserved, its bytes never arrived or it was already completed, then completing it is file_not_found', async () => {
    const { fake, web } = await start({ scopes: ['files:write'] });
    const complete = (id: string) => web.files.completeUploadExternal({ files: [{ id }] });
    await expect(complete('F0NOSUCHFILE')).rejects.toMatchObject({ data: { error: 'file_not_found' } });
    const reserved = await web.files.getUploadURLExternal({ filename: 'a.csv', length: 3 });
    await expect(complete(reserved.file_id as string)).rejects.toMatchObject({ data: { error: 'file_not_found' } });
    expect(fake.file(reserved.file_id as string)).toBeUndefined();

    expect(await (await fetch(reserved.upload_url as string, { method: 'POST', body: 'abc' })).text()).toBe('OK - 3');
    expect((await complete(reserved.file_id as string)).ok).toBe(true);
    await expect(complete(reserved.file_id as string)).rejects.toMatchObject({ data: { error: 'file_not_found' } }); // "can only be called once"
    // The upload URL is spent; one never given out, or a GET, is a 404.
    expect((await fetch(reserved.upload_url as string, { method: 'POST', body: 'abc' })).status).toBe(404);
    expect((await fetch(`${fake.baseUrl}/upload/v1/not-a-ticket`, { method: 'POST', body: 'abc' })).status).toBe(404);
    const other = await web.files.getUploadURLExternal({ filename: 'b.csv', length: 3 });
    expect((await fetch(other.upload_url as string)).status).toBe(404);
    await expect(web.apiCall('files.completeUploadExternal', { files: 'not json' })).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
    await expect(web.apiCall('files.completeUploadExternal', {})).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
  });

  it('when the bytes are not the length announced, then the upload is answered but kept as a violation', async () => {
    const { fake, web } = await start({ scopes: ['files:write'] });
    const upload = await reserveAndPost(web, 'short.csv', Buffer.from('ab'), 3);
    expect(upload).toMatchObject({ status: 200, text: 'OK - 2' });
    expect(fake.violations).toEqual([expect.objectContaining({ method: 'upload_url', error: 'length_mismatch' })]);
    expect(() => fake.expectNoViolations()).toThrow(/announced length 3 for short\.csv; 2 bytes/);
  });

  it('when the app shares where it cannot, then Slack refuses by name and nothing is posted', async () => {
    const { fake, web, lia } = await start({ scopes: ['files:write'] });
    const outside = fake.addChannel({ name: 'elsewhere', members: [lia], botMember: false }).id;
    const secret = fake.addChannel({ name: 'secret', is_private: true, members: [lia], botMember: false }).id;
    const share = async (target: Record<string, string>) => {
      const upload = await reserveAndPost(web, 'a.csv', Buffer.from('a'));
      return web.apiCall('files.completeUploadExternal', { files: JSON.stringify([{ id: upload.id }]), ...target }).then(
        () => 'ok',
        (e: { data: { error: string; response_metadata?: { messages?: string[] } } }) => [e.data.error, ...(e.data.response_metadata?.messages ?? [])].join(' '),
      );
    };
    // channel_id takes a conversation id only: a user id is refused with the pattern Slack names.
    expect(await share({ channel_id: lia })).toBe('invalid_arguments [ERROR] input must match regex pattern: ^[CGDZ][A-Z0-9]{8,}$ [json-pointer:/channel_id]');
    expect(await share({ channel_id: 'C0NOSUCHCHAN' })).toBe('channel_not_found');
    expect(await share({ channel_id: outside })).toBe('not_in_channel');
    expect(await share({ channel_id: secret })).toBe('channel_not_found');
    expect(await share({ channels: 'C0NOSUCHCHAN' })).toBe('invalid_channel');
    expect(await share({ channels: Array.from({ length: 101 }, (_, i) => `C${String(i).padStart(10, '0')}`).join(',') })).toBe('channels_limit_exceeded');
    expect(fake.messages(outside)).toEqual([]);
    // `channels` does take user ids: the file goes to the bot's DM with them.
    expect(await share({ channels: lia, initial_comment: 'for you' })).toBe('ok');
    expect(fake.dms(lia)).toEqual([expect.objectContaining({ text: 'for you', files: [expect.objectContaining({ name: 'a.csv' })] })]);
  });

  it("when the app's Messages tab is off, then it cannot share in a person's DM", async () => {
    const { fake, web, lia } = await start({ messagesTab: 'disabled' });
    const upload = await reserveAndPost(web, 'a.csv', Buffer.from('a'));
    await expect(web.files.completeUploadExternal({ files: [{ id: upload.id }], channel_id: fake.dmChannel(lia).id })).rejects.toMatchObject({ data: { error: 'messages_tab_disabled' } });
  });

  it('when there is no initial_comment, then blocks are the message; with one, blocks are ignored', async () => {
    const { fake, web, channel } = await start();
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Numbers*' } }];
    const first = await reserveAndPost(web, 'a.csv', Buffer.from('a'));
    await web.files.completeUploadExternal({ files: [{ id: first.id }], channel_id: channel, blocks });
    const second = await reserveAndPost(web, 'b.csv', Buffer.from('b'));
    await web.files.completeUploadExternal({ files: [{ id: second.id }], channel_id: channel, blocks, initial_comment: 'Plain' });
    const [withBlocks, withComment] = fake.messages(channel);
    expect(withBlocks).toMatchObject({ text: '', blocks: [expect.objectContaining({ type: 'section' })] });
    expect(withComment?.text).toBe('Plain');
    expect(withComment?.blocks).toBeUndefined();
  });
});
