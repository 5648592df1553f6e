// Collations: the embedded server only compares strings by code point (mongod's "simple" collation). Any other
// collation is refused rather than ignored: matches, sort orders and unique indexes would silently differ from mongod's.
import { CommandError } from './errors';
import { formatValue, isPlainObject } from './values';

export function checkCollation(collation: unknown): void {
  if (collation === undefined || collation === null) return;
  if (!isPlainObject(collation)) throw new CommandError('TypeMismatch', "BSON field 'collation' is the wrong type, expected type 'object'");
  if (typeof collation.locale !== 'string') throw new CommandError('BadValue', 'Missing expected field "locale"');
  if (collation.locale === 'simple') return;
  throw new CommandError(
    'NotImplemented',
    `collation ${formatValue(collation)} is not supported by the embedded MongoDB server, which only compares strings by code point (locale 'simple')`,
  );
}
