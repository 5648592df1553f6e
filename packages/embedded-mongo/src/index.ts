// @goodtime-help/embedded-mongo: a MongoDB-compatible wire-protocol server on 127.0.0.1, in memory or in a data
// directory (journaled, crash-safe), in the caller's thread or a worker thread of its own. One process at a time.
export { startEmbeddedMongo, IN_MEMORY } from './server';
export type { EmbeddedMongo, EmbeddedMongoOptions } from './server';
export { startEmbeddedMongoWorker } from './worker';
export type { EmbeddedMongoWorker, EmbeddedMongoWorkerOptions } from './worker';
export type { RecoveryReport } from './data-directory';
export type { EmbeddedFaults, FailNextOptions, InjectedError } from './faults';
export type { EmbeddedLogger } from './context';
export { SUPPORTED_COMMANDS } from './dispatch';
