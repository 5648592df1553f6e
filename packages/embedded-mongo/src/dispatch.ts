// Command dispatch: name lookup (case-insensitive like mongod), injected faults, transaction refusal, error replies.
import { MingoError } from 'mingo/util';
import type { Document } from 'bson';
import { adminCommands } from './commands/admin';
import { aggregateCommands } from './commands/aggregate';
import { ddlCommands } from './commands/ddl';
import { findAndModifyCommands } from './commands/find-and-modify';
import { readCommands } from './commands/read';
import { writeCommands } from './commands/write';
import type { CommandContext, CommandHandler } from './context';
import { CommandError } from './errors';
import type { Faults } from './faults';

const handlers = new Map<string, CommandHandler>(
  Object.entries({
    ...adminCommands,
    ...readCommands,
    ...writeCommands,
    ...findAndModifyCommands,
    ...aggregateCommands,
    ...ddlCommands,
  }).map(([name, handler]) => [name.toLowerCase(), handler]),
);

export const SUPPORTED_COMMANDS: readonly string[] = [...handlers.keys()].sort();

const TRANSACTION_ERROR =
  'Transaction numbers are only allowed on a replica set member or mongos';

/** Since MongoDB 6.0 the legacy OP_QUERY opcode only carries the handshake. */
const OP_QUERY_COMMANDS = new Set(['hello', 'ismaster']);

export async function dispatch(command: Document, ctx: CommandContext, faults: Faults, legacy = false): Promise<Document> {
  const name = Object.keys(command)[0] ?? '';
  if (legacy && !OP_QUERY_COMMANDS.has(name.toLowerCase())) {
    return new CommandError(
      'UnsupportedOpQueryCommand',
      `Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade. For more details see https://dochub.mongodb.org/core/legacy-opcode-removal`,
    ).toReply();
  }
  const injected = faults.take(name, command[name]);
  if (injected) return injected;
  if ('txnNumber' in command || 'startTransaction' in command || command.autocommit === false) {
    return new CommandError('IllegalOperation', TRANSACTION_ERROR).toReply();
  }
  const handler = handlers.get(name.toLowerCase());
  if (!handler) {
    ctx.state.unknownCommands.push(name);
    ctx.state.logger?.warn({ command: name, db: ctx.db }, 'embedded mongo: unknown command');
    return new CommandError('CommandNotFound', `no such command: '${name}'`).toReply();
  }
  try {
    const reply = await handler(command, ctx);
    return 'ok' in reply ? reply : { ...reply, ok: 1 };
  } catch (err) {
    if (err instanceof CommandError) return err.toReply();
    const message = err instanceof Error ? err.message : String(err);
    // mingo rejects bad queries / expressions with MingoError: the client's fault. Anything else is ours.
    if (err instanceof MingoError) return new CommandError('BadValue', message).toReply();
    ctx.state.logger?.warn({ command: name, err: message }, 'embedded mongo: command failed');
    return new CommandError('InternalError', message).toReply();
  }
}
