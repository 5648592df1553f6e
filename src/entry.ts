// What `npm start` runs (bundled as dist/main.js). The embedded database's thread starts loading its code first, so
// that runs beside the loading of the app (dist/app.cjs, compiled with V8's code cache: src/code-cache.ts); then the
// app starts. The cache is written once it serves, when there was none for this bundle, and again when it stops on a
// signal: by then it holds the code that served requests too, so the next start serves its first burst without
// compiling that first. Development runs src/main.ts directly.
import { fileURLToPath } from 'node:url';
import { prewarmEmbeddedMongoWorker } from '@goodtime-help/embedded-mongo/worker';
import { loadCompiled } from './code-cache';
import type * as App from './main';

// Before the configuration is read (config.ts loads with the app): with MONGODB_URI set, or a local mongod used for
// an in-memory trial, the warm thread is ended unused.
prewarmEmbeddedMongoWorker(new URL('./embedded-mongo-worker.js', import.meta.url));
const app = loadCompiled<typeof App>(fileURLToPath(new URL('./app.cjs', import.meta.url)));
await app.exports.run({ stopped: () => app.saveCache() });
if (app.cache !== 'used') app.saveCache();
