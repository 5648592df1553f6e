// Errors shaped like mongod's: { ok: 0, errmsg, code, codeName } plus optional extra fields.
import type { Document } from 'bson';
import { formatValue } from './values';

export const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  InvalidIdField: 53,
  CommandNotFound: 59,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  Unauthorized: 13,
  NoReplicationEnabled: 76,
  NotImplemented: 238,
  UnsupportedOpQueryCommand: 352,
  BSONObjectTooLarge: 10334,
  DuplicateKey: 11000,
} as const;

export type ErrorCodeName = keyof typeof ErrorCodes;

/** A command failure: thrown by handlers, turned into an `{ ok: 0 }` reply by the dispatcher. */
export class CommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly extra: Document;

  constructor(codeName: ErrorCodeName | string, message: string, extra: Document = {}, code?: number) {
    super(message);
    this.name = 'CommandError';
    this.codeName = codeName;
    this.code = code ?? (ErrorCodes as Record<string, number>)[codeName] ?? ErrorCodes.InternalError;
    this.extra = extra;
  }

  toReply(): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }

  /** The shape used inside `writeErrors` (no ok / codeName, like mongod). */
  toWriteError(index: number): Document {
    return { index, code: this.code, errmsg: this.message, ...this.extra };
  }
}

export function fail(codeName: ErrorCodeName, message: string, extra?: Document): never {
  throw new CommandError(codeName, message, extra);
}

/** Turn any thrown value (mingo errors included) into a CommandError. */
export function toCommandError(err: unknown): CommandError {
  if (err instanceof CommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new CommandError('BadValue', message);
}

/** E11000 exactly as mongod words it, with keyPattern / keyValue for the drivers. */
export function duplicateKeyError(
  ns: string,
  indexName: string,
  keyPattern: Document,
  keyValue: Document,
): CommandError {
  const shown = Object.entries(keyValue)
    .map(([field, value]) => `${field}: ${formatValue(value)}`)
    .join(', ');
  return new CommandError(
    'DuplicateKey',
    `E11000 duplicate key error collection: ${ns} index: ${indexName} dup key: { ${shown} }`,
    { keyPattern, keyValue },
  );
}

export function namespaceNotFound(ns: string): CommandError {
  return new CommandError('NamespaceNotFound', `ns does not exist: ${ns}`);
}
