// A real IMAP server for the tests: Debian's Dovecot (installed, or fetched by ./dovecot.ts), started on
// 127.0.0.1 with its own configuration, users and maildirs under a temporary directory, and stopped afterwards.
// Mail reaches the mailbox the way a mail server would put it there: IMAP APPEND of the raw RFC 5322 message.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { waitFor } from '@goodtime-help/slack-stand-in';
import { findDovecot, type Dovecot } from './dovecot';

export interface ImapServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** imap://user:password@127.0.0.1:port, as IMAP_URL takes it. */
  url: string;
  /** Puts a raw message into a mailbox (APPEND), as delivery would; returns its UID. */
  deliver(raw: string | Buffer, mailbox?: string): Promise<number>;
  /** UIDs of the messages in a mailbox that carry (or lack) the \Seen flag. */
  flagged(seen: boolean, mailbox?: string): Promise<number[]>;
  /** Stops Dovecot (an outage); `start()` brings it back on the same port with the same mail. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its files. */
  destroy(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function groupName(gid: number): string {
  const line = readFileSync('/etc/group', 'utf8').split('\n').find((entry) => entry.split(':')[2] === String(gid));
  return line?.split(':')[0] ?? String(gid);
}

function dovecotConfig(dovecot: Dovecot, dir: string, port: number): string {
  // As root, Dovecot's own unprivileged users (created by the package; nobody when it was only unpacked) run its
  // processes and own the mail; as an ordinary user, that user runs everything, without chroot (root only).
  const root = process.getuid?.() === 0;
  const me = { user: userInfo().username, group: groupName(userInfo().gid) };
  const packaged = { internal: 'dovecot', login: 'dovenull', mailUser: 'dovenull', mailGroup: 'dovenull' };
  const unpacked = { internal: 'nobody', login: 'nobody', mailUser: 'nobody', mailGroup: 'nogroup' };
  const own = { internal: me.user, login: me.user, mailUser: me.user, mailGroup: me.group };
  const users = root ? (dovecot.packageUsers ? packaged : unpacked) : own;
  const noChroot = root ? '' : '\n  chroot =';
  return `
protocols = imap
import_environment = ${dovecot.importEnvironment}
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = goodtime-help-test-${port}
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${users.internal}
default_login_user = ${users.login}
${root ? '' : `default_internal_group = ${me.group}`}
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${users.mailUser} gid=${users.mailGroup} home=${dir}/mail/%u
}
service anvil {${noChroot}
}
service imap-login {${noChroot}
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
}
`;
}

export async function startImapServer(options: { user?: string; password?: string } = {}): Promise<ImapServer> {
  const dovecot = await findDovecot();
  const user = options.user ?? 'support-replies@example.test';
  const password = options.password ?? 'imap-secret-1';
  const dir = await mkdtemp(join(tmpdir(), 'goodtime-help-imap-'));
  await chmod(dir, 0o755);
  await mkdir(join(dir, 'mail'), { recursive: true });
  await chmod(join(dir, 'mail'), 0o777);
  const port = await freePort();
  await writeFile(join(dir, 'dovecot.conf'), dovecotConfig(dovecot, dir, port));
  await writeFile(join(dir, 'users'), `${user}:{PLAIN}${password}\n`);
  let child: ChildProcess | undefined;

  const client = () => new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
  const reachable = async () => {
    const probe = client();
    try {
      await probe.connect();
      await probe.logout();
      return true;
    } catch {
      return false;
    }
  };

  const start = async () => {
    // Its own process group: stopping it stops the processes serving open connections too (an outage, not a restart).
    const started = spawn(dovecot.command, dovecot.args(join(dir, 'dovecot.conf')), { env: { ...process.env, ...dovecot.env }, stdio: 'ignore', detached: true });
    child = started;
    let exited = false;
    started.once('exit', () => {
      exited = true;
    });
    try {
      await waitFor(async () => {
        if (exited) throw new Error(`Dovecot exited at start: ${await readFile(join(dir, 'dovecot.log'), 'utf8').catch(() => '(no log)')}`);
        return reachable();
      }, { timeout: 15_000, interval: 100, message: 'Dovecot to accept IMAP logins' });
    } catch (error) {
      started.kill('SIGKILL');
      throw error;
    }
  };

  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    try {
      process.kill(-(running.pid as number), 'SIGTERM');
    } catch {
      running.kill('SIGTERM');
    }
    await exited;
  };

  const withClient = async <T>(mailbox: string, work: (c: ImapFlow) => Promise<T>): Promise<T> => {
    const c = client();
    await c.connect();
    try {
      await c.mailboxOpen(mailbox).catch(async () => {
        await c.mailboxCreate(mailbox);
        await c.mailboxOpen(mailbox);
      });
      return await work(c);
    } finally {
      await c.logout().catch(() => undefined);
    }
  };

  await start().catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    url: `imap://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    async deliver(raw, mailbox = 'INBOX') {
      return withClient(mailbox, async (c) => {
        const appended = await c.append(mailbox, raw, []);
        if (!appended || !appended.uid) throw new Error('IMAP APPEND returned no UID');
        return appended.uid;
      });
    },
    async flagged(seen, mailbox = 'INBOX') {
      return withClient(mailbox, async (c) => {
        const uids = await c.search(seen ? { seen: true } : { seen: false }, { uid: true });
        return uids || [];
      });
    },
    stop,
    start,
    async destroy() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
