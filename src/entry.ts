// What `npm start` runs (bundled as dist/main.js). The embedded database's thread starts loading its code first, so
// that runs beside the loading of the app (dist/app.cjs, compiled with V8's code cache: src/code-cache.ts); then the
// app starts, and once it serves, the cache is written for the next start. Development runs src/main.ts directly.
import { fileURLToPath } from 'node:url';
import { prewarmEmbeddedMongoWorker } from '@goodtime-help/embedded-mongo/worker';
import { loadCompiled } from './code-cache';
import type * as App from './main';

// Before the configuration is read (config.ts loads with the app): with MONGODB_URI set, or a local mongod used for
// an in-memory trial, the warm thread is ended unused.
prewarmEmbeddedMongoWorker(new URL('./embedded-mongo-worker.js', import.meta.url));
const app = loadCompiled<typeof App>(fileURLToPath(new URL('./app.cjs', import.meta.url)));
await app.exports.run();
app.saveCache();
