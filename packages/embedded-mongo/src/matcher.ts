// Cheap mingo Query construction over mingo's operators plus ours (query-operators.ts, which win over mingo's).
// mingo copies a context's whole operator table whenever it is handed plain options (~20 µs); its compiled options
// object avoids that. We obtain that object once through a custom query operator (operators receive the compiled
// options), then hand it to every new query.
import { Context } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Query as BaseQuery } from 'mingo/query';
import type { Document } from 'bson';
import { CommandError, toCommandError } from './errors';
import { QUERY_OPERATORS } from './query-operators';

/** Every mingo operator, with ours in place of mingo's where they differ (for queries and aggregations alike). */
export const MINGO_CONTEXT = Context.init({
  accumulator: accumulatorOperators,
  expression: expressionOperators,
  pipeline: pipelineOperators,
  projection: projectionOperators,
  query: { ...queryOperators, ...QUERY_OPERATORS } as never,
  window: windowOperators,
} as never);

let prepared: unknown;

function preparedOptions(): unknown {
  if (prepared) return prepared;
  const capture = (_selector: string, _value: unknown, options: unknown) => {
    prepared = options;
    return () => true;
  };
  const context = Context.from(MINGO_CONTEXT).addQueryOps({ $embeddedCaptureOptions: capture as never });
  new BaseQuery({ probe: { $embeddedCaptureOptions: true } }, { context } as never);
  return prepared;
}

export type Matcher = BaseQuery;

/** A compiled filter (all mingo query, expression and projection operators available). */
export function compileQuery(filter: Document): Matcher {
  try {
    return new BaseQuery(filter, preparedOptions() as never);
  } catch (err) {
    throw queryError(err);
  }
}

/** mingo's wording of an unknown operator, turned into mongod's. */
function queryError(err: unknown): CommandError {
  const message = err instanceof Error ? err.message : String(err);
  const unknown = /^unknown query operator (\S+)$/.exec(message);
  if (unknown) return new CommandError('BadValue', `unknown operator: ${unknown[1]}`);
  const topLevel = /^unknown top level operator: (\S+)$/.exec(message);
  if (topLevel) {
    return new CommandError(
      'BadValue',
      `unknown top level operator: ${topLevel[1]}. If you have a field name that starts with a '$' symbol, consider using $getField or $setField.`,
    );
  }
  return toCommandError(err);
}
