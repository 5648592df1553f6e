// Cheap mingo Query construction. mingo's public `Query` copies its whole operator table on every construction
// (~20 µs); the base Query reuses a prepared options object instead. We obtain that object once through a custom
// query operator (operators receive the compiled options), then hand it to every new query.
import { Context, Query as FullQuery } from 'mingo';
import { Query as BaseQuery } from 'mingo/query';
import type { Document } from 'bson';
import { toCommandError } from './errors';

let prepared: unknown;

function preparedOptions(): unknown {
  if (prepared) return prepared;
  const capture = (_selector: string, _value: unknown, options: unknown) => {
    prepared = options;
    return () => true;
  };
  const context = Context.init({ query: { $embeddedCaptureOptions: capture as never } });
  new FullQuery({ probe: { $embeddedCaptureOptions: true } }, { context });
  return prepared;
}

export type Matcher = BaseQuery;

/** A compiled filter (all mingo query, expression and projection operators available). */
export function compileQuery(filter: Document): Matcher {
  try {
    const options = preparedOptions();
    return options ? new BaseQuery(filter, options as never) : (new FullQuery(filter, {}) as unknown as BaseQuery);
  } catch (err) {
    throw toCommandError(err);
  }
}
