// The tests' IMAP server where Dovecot is not installed: Debian's packages fetched and run from node_modules/.cache.
// Forced here (DOVECOT_FETCH=1) so every run proves that path, whatever the machine has installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { findDovecot } from './dovecot';
import { startImapServer, type ImapServer } from './imap-server';

describe('Dovecot fetched from Debian packages', () => {
  let server: ImapServer;

  beforeAll(async () => {
    process.env.DOVECOT_FETCH = '1';
    server = await startImapServer({ user: 'fetched@example.test', password: 'fetched-secret' });
  }, 120_000);

  afterAll(async () => {
    await server?.destroy();
    delete process.env.DOVECOT_FETCH;
  });

  it('when Dovecot is not installed, then the unpacked copy runs from the cache and serves mail across a restart', async () => {
    expect((await findDovecot()).command).toContain('node_modules/.cache/goodtime-help-dovecot/');
    const uid = await server.deliver('From: jane@goodtime.example\r\nSubject: Re: [GT-1042] Panel invites\r\n\r\nWe are on it.\r\n');
    expect(await server.flagged(false)).toEqual([uid]);

    await server.stop();
    await server.start();
    const client = new ImapFlow({ host: server.host, port: server.port, secure: false, auth: { user: server.user, pass: server.password }, logger: false });
    await client.connect();
    try {
      await client.mailboxOpen('INBOX');
      const message = await client.fetchOne(String(uid), { envelope: true }, { uid: true });
      expect(message && message.envelope?.subject).toBe('Re: [GT-1042] Panel invites');
    } finally {
      await client.logout();
    }
  });
});
