// How `npm start` loads the compiled app (src/code-cache.ts): each start is its own process, as in production, on a
// small bundle built the way scripts/build.mjs builds dist/app.cjs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

interface Start {
  cache: 'used' | 'rejected' | 'absent';
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
    await build({ entryPoints: [join(dir, 'app.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', sourcemap: true, sourcesContent: false, minifyWhitespace: true, logLevel: 'warning' });
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
    expect(start()).toMatchObject({ cache: 'used', sum: 5, saved: false });
  });

  it('when the cache is not V8\'s (damaged, or from another build), then it is set aside, the app runs, and a new one is written', () => {
    writeFileSync(cache, 'not a code cache');
    expect(start()).toMatchObject({ cache: 'rejected', sum: 5, saved: true });
    expect(start()).toMatchObject({ cache: 'used', sum: 5 });
  });

  it('when the app throws, then the stack trace names the source file and line, not the bundle', () => {
    const { stack } = start();
    expect(stack).toContain('Error: fixture failure');
    expect(stack).toMatch(new RegExp(`at fail \\(${join(dir, 'app.ts').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:6:\\d+\\)`));
    expect(stack).not.toContain('app.cjs');
  });
});
