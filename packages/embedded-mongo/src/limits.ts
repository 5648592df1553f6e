// mongod's document size limits: 16 MiB per stored document, and a little more for a command read off the wire.
import { BSON } from 'bson';
import type { Document } from 'bson';
import { MAX_BSON_OBJECT_SIZE } from './commands/admin';
import { CommandError } from './errors';
import { formatValue } from './values';

/** BSONObjMaxInternalSize: the largest BSON object mongod accepts in a message (user documents plus command overhead). */
const MAX_COMMAND_SIZE = MAX_BSON_OBJECT_SIZE + 16 * 1024;

/**
 * Refuse an insert the way mongod does. A command whose body is over the internal limit is refused as a whole before
 * anything runs (BSONObjectTooLarge); a single oversized document inside an acceptable command is a write error
 * (checkInsertedSize). Returns whether documents need that per-document check: not when the whole command fits
 * in 16 MiB, which keeps ordinary inserts to one measuring pass.
 */
export function checkInsertCommandSize(command: Document, documents: Document[]): boolean {
  const size = BSON.calculateObjectSize(command);
  if (size <= MAX_BSON_OBJECT_SIZE) return false;
  if (size > MAX_COMMAND_SIZE && documents.some((doc) => BSON.calculateObjectSize(doc) > MAX_BSON_OBJECT_SIZE)) {
    const [field, value] = Object.entries(command)[0] ?? ['', undefined];
    throw new CommandError(
      'BSONObjectTooLarge',
      `BSONObj size: ${size} (0x${size.toString(16).toUpperCase()}) is invalid. Size must be between 0 and ${MAX_COMMAND_SIZE}(16MB) First element: ${field}: ${formatValue(value)}`,
    );
  }
  return true;
}

/** The write error mongod gives a document over 16 MiB in an insert. */
export function checkInsertedSize(doc: Document): void {
  const size = BSON.calculateObjectSize(doc);
  if (size > MAX_BSON_OBJECT_SIZE) {
    throw new CommandError('BadValue', `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_OBJECT_SIZE}`);
  }
}

/** An update (or the document an upsert builds) must not grow a document past 16 MiB. */
export function checkUpdatedSize(doc: Document, upserting = false): void {
  if (BSON.calculateObjectSize(doc) <= MAX_BSON_OBJECT_SIZE) return;
  const what = upserting ? 'Document to upsert' : 'Resulting document after update';
  throw new CommandError('BSONObjectTooLarge', `${what} is larger than ${MAX_BSON_OBJECT_SIZE}`);
}
