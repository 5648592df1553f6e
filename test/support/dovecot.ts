// Where the tests' real IMAP server comes from. Debian's Dovecot when it is installed (package dovecot-imapd);
// otherwise the same Debian packages, fetched once with `apt-get download` (no root needed) and unpacked under
// node_modules/.cache, the way playwright and mongodb-memory-server bring their binaries. So `npm install && npm test`
// needs no system package installed by hand.
//
// An unpacked Dovecot is made to run where it lies:
// - its binaries name their install directory (/usr/lib/dovecot: the libraries' RUNPATH, the services, the modules)
//   at compile time. That path is rewritten in them to a symlink of the same length that points at the unpacked
//   directory, the way conda relocates prebuilt binaries;
// - its master reads its configuration by running /usr/bin/doveconf, so it is started through the unpacked doveconf,
//   which hands the settings over in the environment (`doveconf -c <conf> -e dovecot -F`);
// - shared libraries the packages depend on and the machine lacks are fetched and unpacked beside it.
// DOVECOT_BINARY names another build laid out like Debian's; DOVECOT_FETCH=1 fetches even when one is installed.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, readlink, rm, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Dovecot {
  /** The program to start, and its arguments for a configuration file (Dovecot runs in the foreground). */
  command: string;
  args(configFile: string): string[];
  /** Environment it starts with, beside the test's. */
  env: Record<string, string>;
  /** `import_environment` for the configuration: what Dovecot's own processes need beyond a cleared environment. */
  importEnvironment: string;
  /** Whether the package's own users (dovecot, dovenull) exist; root runs Dovecot as nobody otherwise. */
  packageUsers: boolean;
}

const SYSTEM_BINARY = process.env.DOVECOT_BINARY ?? '/usr/sbin/dovecot';
const PACKAGES = ['dovecot-core', 'dovecot-imapd'];
const INSTALL_DIR = '/usr/lib/dovecot';
const CACHE = resolve(dirname(fileURLToPath(import.meta.url)), '../../node_modules/.cache/goodtime-help-dovecot');
const ROOT = join(CACHE, 'root');
// As long as INSTALL_DIR, so it can be written over it inside the binaries.
const LINK = `/tmp/.gthdc-${createHash('sha1').update(CACHE).digest('hex').slice(0, 4)}`;
const LIB_DIRS = ['usr/lib/x86_64-linux-gnu', 'lib/x86_64-linux-gnu', 'usr/lib/aarch64-linux-gnu', 'lib/aarch64-linux-gnu'];
// What a test's Dovecot runs: the master, its configuration reader and the services an IMAP login uses.
const EXECUTABLES = ['usr/sbin/dovecot', 'usr/bin/doveconf', ...['imap', 'imap-login', 'auth', 'config', 'anvil', 'log', 'stats'].map((s) => `usr/lib/dovecot/${s}`)];

function hasPackageUsers(): boolean {
  try {
    const names = new Set(readFileSync('/etc/passwd', 'utf8').split('\n').map((line) => line.split(':')[0]));
    return names.has('dovecot') && names.has('dovenull');
  } catch {
    return false;
  }
}

function installed(): Dovecot {
  return { command: SYSTEM_BINARY, args: (conf) => ['-F', '-c', conf], env: {}, importEnvironment: 'TZ', packageUsers: hasPackageUsers() };
}

let fetched: Promise<Dovecot> | undefined;

/** The Dovecot to run: the installed one, or Debian's packages fetched and unpacked once per checkout. */
export function findDovecot(): Promise<Dovecot> {
  if (existsSync(SYSTEM_BINARY) && process.env.DOVECOT_FETCH !== '1') return Promise.resolve(installed());
  fetched ??= unpacked().catch((error: unknown) => {
    fetched = undefined;
    throw new Error(
      `The IMAP tests need Dovecot. It is not installed (${SYSTEM_BINARY}) and fetching Debian's ${PACKAGES.join(' and ')} ` +
        `failed: ${error instanceof Error ? error.message : String(error)}. Install it (sudo apt-get install dovecot-imapd) ` +
        'or set DOVECOT_BINARY.',
    );
  });
  return fetched;
}

async function unpacked(): Promise<Dovecot> {
  await underLock(async () => {
    if (!existsSync(join(CACHE, 'ready'))) await fetchAndUnpack();
  });
  await pointLink();
  const libraryPath = libraryDirs().join(':');
  return {
    command: join(ROOT, 'usr/bin/doveconf'),
    args: (conf) => ['-c', conf, '-e', join(ROOT, 'usr/sbin/dovecot'), '-F', '-c', conf],
    env: libraryPath ? { LD_LIBRARY_PATH: libraryPath } : {},
    importEnvironment: libraryPath ? `TZ LD_LIBRARY_PATH=${libraryPath}` : 'TZ',
    packageUsers: hasPackageUsers(),
  };
}

function libraryDirs(): string[] {
  return LIB_DIRS.map((dir) => join(ROOT, dir)).filter((dir) => existsSync(dir));
}

async function fetchAndUnpack(): Promise<void> {
  await rm(CACHE, { recursive: true, force: true });
  const debs = join(CACHE, 'debs');
  await mkdir(debs, { recursive: true });
  const apt = await download(debs, PACKAGES);
  await unpackAll(debs);
  await relocate(join(ROOT, 'usr'));
  await pointLink();

  const missing = await missingLibraries();
  if (missing.length > 0) {
    // The packages' shared-library dependencies the machine lacks, unpacked beside Dovecot.
    const wanted = await libraryDependencies(apt);
    if (wanted.length > 0) {
      const libs = join(CACHE, 'libs');
      await mkdir(libs, { recursive: true });
      await download(libs, wanted, apt);
      await unpackAll(libs);
    }
    const still = await missingLibraries();
    if (still.length > 0) throw new Error(`shared libraries not found: ${still.join(', ')}`);
  }
  await writeFile(join(CACHE, 'ready'), `${new Date().toISOString()}\n`);
}

/** Unpacks every package downloaded into a directory into ROOT, as they would lie in /. */
async function unpackAll(dir: string): Promise<void> {
  for (const deb of await readdir(dir)) await run('dpkg-deb', ['-x', join(dir, deb), ROOT]);
}

/** Downloads packages with the machine's package lists, or with private ones fetched without root. Returns the options used. */
async function download(into: string, packages: string[], options?: string[]): Promise<string[]> {
  if (options) {
    await run('apt-get', [...options, 'download', ...packages], { cwd: into });
    return options;
  }
  try {
    await run('apt-get', ['download', ...packages], { cwd: into });
    return [];
  } catch {
    const lists = join(CACHE, 'apt/lists');
    const cache = join(CACHE, 'apt/cache');
    await mkdir(join(lists, 'partial'), { recursive: true });
    await mkdir(join(cache, 'archives/partial'), { recursive: true });
    const own = ['-o', `Dir::State::Lists=${lists}`, '-o', `Dir::Cache=${cache}`, '-o', 'Debug::NoLocking=true'];
    await run('apt-get', [...own, 'update'], { cwd: into });
    await run('apt-get', [...own, 'download', ...packages], { cwd: into });
    return own;
  }
}

async function relocate(dir: string): Promise<void> {
  const from = Buffer.from(INSTALL_DIR);
  const to = Buffer.from(LINK);
  if (from.length !== to.length) throw new Error(`${LINK} must be as long as ${INSTALL_DIR}`);
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const bytes = await readFile(file);
    if (bytes.subarray(0, 4).toString('latin1') !== '\x7fELF') continue;
    let at = bytes.indexOf(from);
    if (at < 0) continue;
    for (; at >= 0; at = bytes.indexOf(from, at + from.length)) to.copy(bytes, at);
    await writeFile(file, bytes);
  }
}

async function pointLink(): Promise<void> {
  const target = join(ROOT, INSTALL_DIR);
  if ((await readlink(LINK).catch(() => undefined)) === target) return;
  await unlink(LINK).catch(() => undefined);
  await symlink(target, LINK).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
}

async function missingLibraries(): Promise<string[]> {
  const missing = new Set<string>();
  for (const executable of EXECUTABLES) {
    // ldd exits non-zero when a library it lists cannot be loaded; what it printed still names the missing ones.
    const { stdout } = await run('ldd', [join(ROOT, executable)], { env: { ...process.env, LD_LIBRARY_PATH: libraryDirs().join(':') } })
      .catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    for (const [, soname] of stdout.matchAll(/^\s*(\S+) => not found/gm)) if (soname) missing.add(soname);
  }
  return [...missing];
}

/** The lib* packages the Dovecot packages depend on that are not installed. */
async function libraryDependencies(apt: string[]): Promise<string[]> {
  const { stdout } = await run('apt-cache', [...apt, 'depends', ...PACKAGES]);
  const libs = [...new Set([...stdout.matchAll(/^\s+(?:Pre)?Depends: (lib\S+)/gm)].map(([, lib]) => lib ?? ''))].filter(Boolean);
  const absent: string[] = [];
  for (const lib of libs) {
    const { stdout: status } = await run('dpkg-query', ['-W', '-f', '${db:Status-Status}', lib]).catch(() => ({ stdout: '' }));
    if (status.trim() !== 'installed') absent.push(lib);
  }
  return absent;
}

/** One test process fetches; the others wait for it (vitest runs files in parallel processes). */
async function underLock(work: () => Promise<void>): Promise<void> {
  const lock = `${CACHE}.lock`;
  await mkdir(dirname(lock), { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 5 * 60_000) await rm(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited 5 minutes for ${lock}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
