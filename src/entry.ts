// What `npm start` runs (bundled as dist/main.js). The embedded database's thread starts loading its code first, so
// that runs beside the loading of the app's own modules; then the app starts. Development runs src/main.ts directly.
import { prewarmEmbeddedMongoWorker } from '@goodtime-help/embedded-mongo/worker';

// Before the configuration is read (config.ts loads with the app): with MONGODB_URI set, or a local mongod used for
// an in-memory trial, the warm thread is ended unused.
prewarmEmbeddedMongoWorker(new URL('./embedded-mongo-worker.js', import.meta.url));
const { run } = await import('./main');
await run();
