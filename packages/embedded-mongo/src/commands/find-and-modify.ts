// findAndModify: atomic find + update / remove / upsert of one document (the basis of counters and job locking).
import type { Document } from 'bson';
import type { CommandContext, CommandHandler } from '../context';
import { targetName } from '../context';
import { checkCollation } from '../collation';
import { CommandError } from '../errors';
import { matchDocuments, projectDocuments } from '../query';
import type { MatchResult } from '../query';
import { applyUpdate, buildUpsertDocument, validateUpdate } from '../update';
import type { Doc } from '../values';

function project(doc: Doc | null, fields: unknown, match: MatchResult): Doc | null {
  if (!doc) return null;
  return projectDocuments([doc], fields as Document | undefined, match)[0] ?? null;
}

function findAndModify(command: Document, ctx: CommandContext): Document {
  const name = targetName(command, Object.keys(command)[0] ?? 'findAndModify');
  const store = ctx.state.store;
  const remove = command.remove === true;
  const hasUpdate = command.update !== undefined && command.update !== null;
  if (remove && hasUpdate) throw new CommandError('FailedToParse', 'Cannot specify both an update and remove=true');
  if (!remove && !hasUpdate) throw new CommandError('FailedToParse', 'Either an update or remove=true must be specified');
  if (remove && command.upsert === true) throw new CommandError('FailedToParse', 'Cannot specify both upsert=true and remove=true');
  if (remove && command.new === true) throw new CommandError('FailedToParse', 'Cannot specify both new=true and remove=true; \'remove\' always returns the deleted document');

  checkCollation(command.collation);
  const filter = (command.query ?? {}) as Document;
  const match = matchDocuments(store.get(ctx.db, name), filter, { sort: command.sort as Document | undefined, limit: 1 });
  const found = match.docs[0];

  if (remove) {
    if (!found) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
    store.get(ctx.db, name)?.remove(found);
    return { lastErrorObject: { n: 1 }, value: project(found, command.fields, match), ok: 1 };
  }

  const update = validateUpdate(command.update);
  const arrayFilters = command.arrayFilters as Document[] | undefined;
  const returnNew = command.new === true;
  if (found) {
    const next = applyUpdate(found, update, { arrayFilters, filter: match.rest });
    if (next.modified) store.ensure(ctx.db, name).replace(found, next.doc);
    const value = returnNew ? (next.modified ? next.doc : found) : found;
    return { lastErrorObject: { n: 1, updatedExisting: true }, value: project(value, command.fields, match), ok: 1 };
  }
  if (command.upsert === true) {
    const doc = buildUpsertDocument(match.rest, update, arrayFilters);
    store.ensure(ctx.db, name).insert(doc);
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
      value: returnNew ? project(doc, command.fields, match) : null,
      ok: 1,
    };
  }
  return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
}

export const findAndModifyCommands: Record<string, CommandHandler> = {
  findandmodify: findAndModify,
};
