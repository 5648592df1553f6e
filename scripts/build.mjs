// npm start builds first (prestart): the app and its workspace packages bundled into dist/main.js with esbuild, the
// npm dependencies left to node_modules. Production runs compiled JavaScript; tsx is for the demo and development.
// dist/main.js is src/entry.ts: it starts the database thread, then imports the app's own chunk (code splitting), so
// the two load side by side.
import { readFileSync } from 'node:fs';
import { URL } from 'node:url';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@goodtime-help/'));

// The embedded database's worker thread gets its own file: src/db/backend.ts finds it beside main.js.
await build({
  entryPoints: {
    main: new URL('../src/entry.ts', import.meta.url).pathname,
    'embedded-mongo-worker': new URL('../packages/embedded-mongo/src/worker-entry.ts', import.meta.url).pathname,
  },
  outdir: new URL('../dist', import.meta.url).pathname,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  sourcemap: true,
  logLevel: 'warning',
});
