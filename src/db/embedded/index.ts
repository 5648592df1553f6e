// Embedded MongoDB-compatible server for tests and offline demos: data in memory only, not for production.
export { startEmbeddedMongo } from './server';
export type { EmbeddedMongo, EmbeddedMongoOptions } from './server';
export type { EmbeddedFaults, FailNextOptions, InjectedError } from './faults';
export type { EmbeddedLogger } from './context';
export { SUPPORTED_COMMANDS } from './dispatch';
