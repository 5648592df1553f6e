// npm start builds first (prestart): the app, its workspace packages and its npm dependencies bundled into dist/ with
// esbuild, so production runs compiled JavaScript (tsx is for the demo and development) and starts without resolving
// and reading hundreds of files under node_modules (about 0.35 s of a start on this project's machine).
// - dist/app.cjs: the app (src/main.ts), one CommonJS file, because that is what V8's code cache can be used with on
//   Node 20 (src/code-cache.ts). Not minified and without a source map, so that stack traces name readable lines
//   (src/code-cache.ts says why). What loads on first use (the mail libraries) is only parsed at start, and its
//   cached code makes even that cheap.
// - dist/main.js: src/entry.ts, which starts the database thread, then loads app.cjs, so the two load side by side.
// - dist/embedded-mongo-worker.js: the embedded database's thread.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
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
// Node's own CommonJS wrapper, "(function (exports, require, module, __filename, __dirname) { " and "\n});".
const [wrapperHead, wrapperTail] = Module.wrap('\0').split('\0');

await Promise.all([
  build({
    ...common,
    entryPoints: { app: new URL('../src/main.ts', import.meta.url).pathname },
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    // The app finds the database thread's file beside its own through import.meta.url (src/db/backend.ts).
    define: { 'import.meta.url': '__import_meta_url' },
    // The file is the app inside Node's CommonJS wrapper, so the loader compiles it as read: wrapping it then would
    // make V8 copy the whole source once more (about 12 MB, until a full garbage collection, which an idle app
    // may not have for a long time). Its first line, so line numbers in stack traces are the file's.
    banner: { js: `${wrapperHead}const __import_meta_url = require('node:url').pathToFileURL(__filename).href;` },
    footer: { js: wrapperTail },
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

// V8 keeps the app's source in memory for as long as the process lives, and one character beyond ASCII makes all of
// it two bytes a character (about 12 MB more). esbuild escapes such characters in the code (charset ascii) but leaves
// the comments it keeps as they were; escaped there too, as \uXXXX (the same character in a string or a pattern, and
// only text in a comment), the bundle is ASCII.
const app = new URL('app.cjs', `file://${outdir}/`);
const source = readFileSync(app, 'utf8');
// (After a backslash an escape would be read differently; esbuild's output has none there.)
if (/\\[^\p{ASCII}]/u.test(source)) throw new Error('dist/app.cjs: a backslash before a character beyond ASCII');
const escape = (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
const ascii = source.replace(/[^\p{ASCII}]/gu, (char) => char.split('').map(escape).join('')); // UTF-16 units
if (ascii !== source) writeFileSync(app, ascii);
