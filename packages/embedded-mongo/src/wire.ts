// MongoDB wire protocol framing: OP_MSG (sections kind 0 and 1, optional checksum), legacy OP_QUERY in, OP_REPLY out.
import { BSON } from 'bson';
import type { Document } from 'bson';
import { CommandError } from './errors';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

const HEADER_SIZE = 16;
const CHECKSUM_PRESENT = 1 << 0;
const MORE_TO_COME = 1 << 1;
export const MAX_MESSAGE_SIZE = 48_000_000;

/** Keep int64 as Long, binary as Binary: what the driver sent is what it gets back. */
export const DESERIALIZE_OPTIONS: BSON.DeserializeOptions = {
  promoteLongs: false,
  promoteValues: true,
  promoteBuffers: false,
  bsonRegExp: false,
  validation: { utf8: false },
};

export interface IncomingCommand {
  requestId: number;
  opCode: typeof OP_MSG | typeof OP_QUERY;
  /** The command document, with kind-1 document sequences merged in as arrays. */
  command: Document;
  /** OP_QUERY only: "<db>.$cmd". */
  fullCollectionName?: string;
  /** OP_MSG moreToCome: the client wants no reply. */
  moreToCome: boolean;
}

/** Total length announced by a message header (its first 4 bytes). */
export function messageLength(head: Buffer): number {
  const length = head.readInt32LE(0);
  if (length < HEADER_SIZE || length > MAX_MESSAGE_SIZE) {
    throw new CommandError('BadValue', `invalid message length ${length}`);
  }
  return length;
}

function readCString(buffer: Buffer, offset: number): [string, number] {
  const end = buffer.indexOf(0, offset);
  if (end < 0) throw new CommandError('BadValue', 'unterminated cstring in message');
  return [buffer.toString('utf8', offset, end), end + 1];
}

function readDocument(buffer: Buffer, offset: number): [Document, number] {
  const size = buffer.readInt32LE(offset);
  const doc = BSON.deserialize(buffer.subarray(offset, offset + size), DESERIALIZE_OPTIONS);
  return [doc, offset + size];
}

export function parseMessage(message: Buffer): IncomingCommand {
  const requestId = message.readInt32LE(4);
  const opCode = message.readInt32LE(12);
  if (opCode === OP_MSG) return parseOpMsg(message, requestId);
  if (opCode === OP_QUERY) return parseOpQuery(message, requestId);
  throw new CommandError('BadValue', `unsupported opCode ${opCode}`);
}

function parseOpMsg(message: Buffer, requestId: number): IncomingCommand {
  const flags = message.readUInt32LE(HEADER_SIZE);
  const end = flags & CHECKSUM_PRESENT ? message.length - 4 : message.length;
  let offset = HEADER_SIZE + 4;
  let body: Document | undefined;
  const sequences: Array<[string, Document[]]> = [];
  while (offset < end) {
    const kind = message.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      [body, offset] = readDocument(message, offset);
    } else if (kind === 1) {
      const sectionEnd = offset + message.readInt32LE(offset);
      const [identifier, start] = readCString(message, offset + 4);
      let cursor = start;
      const docs: Document[] = [];
      while (cursor < sectionEnd) {
        let doc: Document;
        [doc, cursor] = readDocument(message, cursor);
        docs.push(doc);
      }
      sequences.push([identifier, docs]);
      offset = sectionEnd;
    } else {
      throw new CommandError('BadValue', `unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new CommandError('BadValue', 'OP_MSG without a body section');
  for (const [identifier, docs] of sequences) {
    const existing = body[identifier] as unknown;
    body[identifier] = Array.isArray(existing) ? [...(existing as Document[]), ...docs] : docs;
  }
  return { requestId, opCode: OP_MSG, command: body, moreToCome: (flags & MORE_TO_COME) !== 0 };
}

function parseOpQuery(message: Buffer, requestId: number): IncomingCommand {
  let offset = HEADER_SIZE + 4; // flags
  const [fullCollectionName, afterName] = readCString(message, offset);
  offset = afterName + 8; // numberToSkip, numberToReturn
  let [query] = readDocument(message, offset);
  // Legacy wrapping: { $query: { isMaster: 1 }, $readPreference: … }
  if (query.$query && typeof query.$query === 'object') query = query.$query as Document;
  return { requestId, opCode: OP_QUERY, command: query, fullCollectionName, moreToCome: false };
}

let nextResponseId = 1;

function header(totalLength: number, responseTo: number, opCode: number): Buffer {
  const head = Buffer.alloc(HEADER_SIZE);
  head.writeInt32LE(totalLength, 0);
  head.writeInt32LE(nextResponseId++ & 0x7fffffff, 4);
  head.writeInt32LE(responseTo, 8);
  head.writeInt32LE(opCode, 12);
  return head;
}

export function serializeReply(reply: Document): Buffer {
  return Buffer.from(BSON.serialize(reply, { checkKeys: false, ignoreUndefined: false }));
}

/** OP_MSG reply: flags 0 and one kind-0 section. */
export function encodeOpMsgReply(responseTo: number, body: Buffer): Buffer {
  const flagsAndKind = Buffer.alloc(5); // flagBits = 0, section kind = 0
  const total = HEADER_SIZE + flagsAndKind.length + body.length;
  return Buffer.concat([header(total, responseTo, OP_MSG), flagsAndKind, body], total);
}

/** OP_REPLY to a legacy OP_QUERY: one document, no cursor. */
export function encodeOpReply(responseTo: number, body: Buffer): Buffer {
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(0, 0); // responseFlags
  fields.writeBigInt64LE(0n, 4); // cursorID
  fields.writeInt32LE(0, 12); // startingFrom
  fields.writeInt32LE(1, 16); // numberReturned
  const total = HEADER_SIZE + fields.length + body.length;
  return Buffer.concat([header(total, responseTo, OP_REPLY), fields, body], total);
}

/** The database a command addresses: `$db` for OP_MSG, the "<db>.$cmd" prefix for OP_QUERY. */
export function commandDatabase(incoming: IncomingCommand): string {
  if (typeof incoming.command.$db === 'string') return incoming.command.$db;
  const name = incoming.fullCollectionName ?? 'admin.$cmd';
  return name.slice(0, name.indexOf('.') >= 0 ? name.indexOf('.') : name.length);
}
