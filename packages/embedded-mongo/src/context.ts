// What every command handler receives.
import type { Document } from 'bson';
import type { CursorRegistry } from './cursors';
import { CommandError } from './errors';
import type { Store } from './store';

export interface EmbeddedLogger {
  warn(obj: object, msg?: string): void;
  info?(obj: object, msg?: string): void;
}

export interface ServerState {
  readonly store: Store;
  readonly cursors: CursorRegistry;
  readonly logger?: EmbeddedLogger;
  readonly unknownCommands: string[];
  readonly startedAt: Date;
  readonly port: () => number;
  connectionCount: () => number;
}

export interface CommandContext {
  readonly state: ServerState;
  /** The database the command runs against ($db). */
  readonly db: string;
  readonly connectionId: number;
}

export type CommandHandler = (command: Document, ctx: CommandContext) => Document | Promise<Document>;

/** The collection name a command targets (its first field's value). */
export function targetName(command: Document, field: string): string {
  const value = command[field] as unknown;
  if (typeof value !== 'string' || !value) {
    throw new CommandError('InvalidNamespace', `collection name has invalid type ${typeof value}`);
  }
  return value;
}
