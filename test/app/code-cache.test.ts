// How `npm start` loads the compiled app (src/code-cache.ts): each start is its own process, as in production, on a
// small bundle built the way scripts/build.mjs builds dist/app.cjs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMONJS_WRAPPER } from '../../src/code-cache';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

interface Start {
  cache: 'used' | 'stale' | 'rejected' | 'absent';
  sum: number;
  stack: string;
  saved: boolean;
}

describe('the compiled app, loaded with its code cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'code-cache-'));
  const bundle = join(dir, 'app.cjs');
  const cache = `${bundle}.v8-cache`;

  beforeAll(async () => {
    writeFileSync(
      join(dir, 'app.ts'),
      ['export function add(a: number, b: number): number {', '  return a + b;', '}', '', 'export function fail(): never {', "  throw new Error('fixture failure');", '}', ''].join('\n'),
    );
    const [head, tail] = COMMONJS_WRAPPER;
    await build({ entryPoints: [join(dir, 'app.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', banner: { js: head }, footer: { js: tail }, logLevel: 'warning' });
    writeFileSync(
      join(dir, 'start.mts'),
      [
        `import { loadCompiled } from ${JSON.stringify(join(REPO, 'src', 'code-cache.ts'))};`,
        `const app = loadCompiled<{ add(a: number, b: number): number; fail(): never }>(${JSON.stringify(bundle)});`,
        'let stack = "";',
        'try { app.exports.fail(); } catch (error) { stack = (error as Error).stack ?? ""; }',
        'console.log(JSON.stringify({ cache: app.cache, sum: app.exports.add(2, 3), stack, saved: app.saveCache() }));',
      ].join('\n'),
    );
    // The loader compiled as dist/main.js is, run by plain node as `npm start` runs it.
    await build({ entryPoints: [join(dir, 'start.mts')], outfile: join(dir, 'start.mjs'), bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
  });

  const start = (): Start => JSON.parse(execFileSync(process.execPath, [join(dir, 'start.mjs')], { encoding: 'utf8' })) as Start;

  it('when it starts for the first time, then it runs without a cache and writes one; the next start uses it', () => {
    const first = start();
    expect(first).toMatchObject({ cache: 'absent', sum: 5, saved: true });
    expect(existsSync(cache)).toBe(true);
    expect(start()).toMatchObject({ cache: 'used', sum: 5, saved: true });
  });

  it('when the cache is damaged, then V8 refuses it, the app runs, and a new one is written', () => {
    const good = readFileSync(cache);
    const header = good.indexOf('\n') + 1;
    writeFileSync(cache, Buffer.concat([good.subarray(0, header), Buffer.from('not a code cache')]));
    expect(start()).toMatchObject({ cache: 'rejected', sum: 5, saved: true });
    expect(start()).toMatchObject({ cache: 'used', sum: 5 });
  });

  it('when the bundle is rebuilt (even to the same length), then the old cache is not used and a new one is written', () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(bundle, later, later);
    expect(start()).toMatchObject({ cache: 'stale', sum: 5, saved: true });
    expect(start()).toMatchObject({ cache: 'used', sum: 5 });
  });

  it('when a bundle is not inside the CommonJS wrapper (not built by npm run build), then loading it says to build it', () => {
    const bare = join(dir, 'bare.cjs');
    writeFileSync(bare, 'module.exports = 1;\n');
    writeFileSync(join(dir, 'start-bare.mts'), `import { loadCompiled } from ${JSON.stringify(join(REPO, 'src', 'code-cache.ts'))};\nloadCompiled(${JSON.stringify(bare)});\n`);
    expect(() => execFileSync(process.execPath, [join(REPO, 'node_modules/tsx/dist/cli.mjs'), join(dir, 'start-bare.mts')], { encoding: 'utf8', stdio: 'pipe' })).toThrow(
      /bare\.cjs is not inside Node's CommonJS wrapper: build it with npm run build/,
    );
  });

  it('when the app throws, then the stack trace names the line of the bundle where it did', () => {
    const { stack } = start();
    const line = readFileSync(bundle, 'utf8').split('\n').findIndex((text) => text.includes('fixture failure')) + 1;
    expect(line).toBeGreaterThan(1);
    expect(stack).toContain('Error: fixture failure');
    expect(stack).toContain(`at Object.fail (${bundle}:${line}:`);
  });
});
