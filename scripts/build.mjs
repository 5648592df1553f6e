// npm start builds first (prestart): the app, its workspace packages and its npm dependencies bundled into dist/ with
// esbuild, so production runs compiled JavaScript (tsx is for the demo and development) and starts without resolving
// and reading hundreds of files under node_modules (about 0.35 s of a start on this project's machine).
// dist/main.js is src/entry.ts: it starts the database thread, then imports the app's own chunk (code splitting), so
// the two load side by side; what loads on first use (the mail libraries) gets chunks of its own.
import { rmSync } from 'node:fs';
import { URL } from 'node:url';
import { build } from 'esbuild';

// Left to node_modules: pino runs its pretty-printer in a worker thread that loads it by name; the MongoDB driver's
// optional add-ons (compression, Kerberos, client-side encryption, cloud credentials) are not installed; a local
// mongod for in-memory trials is found through mongodb-memory-server, loaded only then.
const external = [
  'pino',
  'pino-pretty',
  'kerberos',
  'snappy',
  '@mongodb-js/zstd',
  'mongodb-client-encryption',
  'gcp-metadata',
  'socks',
  'aws4',
  '@aws-sdk/credential-providers',
  'mongodb-memory-server-core',
];

const outdir = new URL('../dist', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true }); // chunk names change with their contents: no stale ones left behind

// The embedded database's worker thread gets its own file: src/db/backend.ts finds it beside main.js.
await build({
  entryPoints: {
    main: new URL('../src/entry.ts', import.meta.url).pathname,
    'embedded-mongo-worker': new URL('../packages/embedded-mongo/src/worker-entry.ts', import.meta.url).pathname,
  },
  outdir,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  // CommonJS dependencies call require() for Node's own modules; an ES module has none of its own.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // Stack traces name the source lines; the sources themselves stay out of the map (it is read at every start).
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
});
