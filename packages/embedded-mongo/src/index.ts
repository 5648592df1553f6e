// @goodtime-help/embedded-mongo: a MongoDB-compatible wire-protocol server on 127.0.0.1 with data in memory only.
// For tests, demos and trials; not for production.
export { startEmbeddedMongo } from './server';
export type { EmbeddedMongo, EmbeddedMongoOptions } from './server';
export type { EmbeddedFaults, FailNextOptions, InjectedError } from './faults';
export type { EmbeddedLogger } from './context';
export { SUPPORTED_COMMANDS } from './dispatch';
