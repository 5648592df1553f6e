// npm start builds first (prestart): the app, its workspace packages and its npm dependencies bundled into dist/ with
// esbuild, so production runs compiled JavaScript (tsx is for the demo and development) and starts without resolving
// and reading hundreds of files under node_modules (about 0.35 s of a start on this project's machine).
// - dist/app.cjs: the app (src/main.ts), one CommonJS file, because that is what V8's code cache can be used with on
//   Node 20 (src/code-cache.ts). Not minified and without a source map, so that stack traces name readable lines
//   (src/code-cache.ts says why). What loads on first use (the mail libraries) is only parsed at start, and its
//   cached code makes even that cheap.
// - dist/main.js: src/entry.ts, which starts the database thread, then loads app.cjs, so the two load side by side.
// - dist/embedded-mongo-worker.js: the embedded database's thread.
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
rmSync(outdir, { recursive: true, force: true }); // no file of an earlier build left behind, its code cache included

const common = { bundle: true, platform: 'node', target: 'node20', external, outdir, logLevel: 'warning' };

await Promise.all([
  build({
    ...common,
    entryPoints: { app: new URL('../src/main.ts', import.meta.url).pathname },
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    // The app finds the database thread's file beside its own through import.meta.url (src/db/backend.ts).
    define: { 'import.meta.url': '__import_meta_url' },
    banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  }),
  build({
    ...common,
    entryPoints: {
      main: new URL('../src/entry.ts', import.meta.url).pathname,
      'embedded-mongo-worker': new URL('../packages/embedded-mongo/src/worker-entry.ts', import.meta.url).pathname,
    },
    format: 'esm',
    // CommonJS dependencies call require() for Node's own modules; an ES module has none of its own.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    // Node maps these two small files' stack traces itself only with --enable-source-maps; the maps cost nothing else.
    sourcemap: true,
    sourcesContent: false,
  }),
]);
