// Slack's current file upload: files.getUploadURLExternal reserves an id and a URL, the bytes are POSTed there, and
// files.completeUploadExternal makes the file (shared in channel_id as a message with it, when given). Both methods
// need files:write; completing a file whose bytes never arrived is refused (file_not_found: our reading of Slack's
// reference, not seen on the wire). Without channel_id the file stays private.
import { afterEach, describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { silentLogger, startSlackFake } from '../src';
import type { SlackFake, SlackFakeOptions } from '../src';

let fake: SlackFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: SlackFakeOptions = {}) {
  fake = await startSlackFake(options);
  const web = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger() });
  return { fake, web };
}

describe('files.getUploadURLExternal + files.completeUploadExternal', () => {
  it("when the app uploads with the SDK's filesUploadV2 to a DM, then the person gets a message with the file and its bytes", async () => {
    const { fake, web } = await start({ scopes: ['files:write', 'im:write', 'chat:write'] });
    const user = fake.addUser({ name: 'lia' }).id;
    const dm = (await web.conversations.open({ users: user })).channel?.id as string;
    const csv = 'kind,id\nquestion,1\n';
    await web.filesUploadV2({ channel_id: dm, filename: 'report.csv', title: 'Report', file: Buffer.from(csv), initial_comment: 'Here it is' });
    const shared = fake.dms(user).find((m) => (m.files ?? []).length > 0);
    expect(shared?.text).toBe('Here it is');
    expect(shared?.files?.[0]).toMatchObject({ name: 'report.csv', title: 'Report', mimetype: 'text/csv', size: csv.length });
    expect(fake.file(shared?.files?.[0]?.id ?? '')?.content.toString('utf8')).toBe(csv);
  });

  it('when files:write is not granted, then both steps answer missing_scope', async () => {
    const { web } = await start({ scopes: ['chat:write'] });
    await expect(web.files.getUploadURLExternal({ filename: 'a.csv', length: 3 })).rejects.toMatchObject({ data: { error: 'missing_scope', needed: 'files:write' } });
  });

  it('when the bytes never arrived, or the arguments are missing, then Slack refuses', async () => {
    const { web } = await start({ scopes: ['files:write'] });
    await expect(web.files.getUploadURLExternal({ filename: 'a.csv' } as never)).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
    const reserved = await web.files.getUploadURLExternal({ filename: 'a.csv', length: 3 });
    await expect(web.files.completeUploadExternal({ files: [{ id: reserved.file_id as string }] })).rejects.toMatchObject({ data: { error: 'file_not_found' } });
    const posted = await fetch(reserved.upload_url as string, { method: 'POST', body: 'abc' });
    expect(await posted.text()).toBe('OK - 3');
    expect((await web.files.completeUploadExternal({ files: [{ id: reserved.file_id as string, title: 'A' }] })).files).toEqual([{ id: reserved.file_id, title: 'A' }]);
    expect((await fetch(`${new URL(reserved.upload_url as string).origin}/upload/v1/F0NOPE`, { method: 'POST', body: 'x' })).status).toBe(404);
  });
});
