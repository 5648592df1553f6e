// Handshake, server information and session commands: a standalone mongod 7.0 without auth or transactions.
import os from 'node:os';
import { UUID } from 'bson';
import type { Document } from 'bson';
import type { CommandContext, CommandHandler } from '../context';
import { CommandError } from '../errors';
import { toNumber } from '../values';

export const SERVER_VERSION = '7.0.0';
export const MAX_WIRE_VERSION = 21;
export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
export const MAX_MESSAGE_SIZE_BYTES = 48_000_000;
export const MAX_WRITE_BATCH_SIZE = 100_000;

function hello(command: Document, ctx: CommandContext, legacy: boolean): Document {
  return {
    ...(command.helloOk ? { helloOk: true } : {}),
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE_BYTES,
    maxWriteBatchSize: MAX_WRITE_BATCH_SIZE,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

const parameters: Document = {
  featureCompatibilityVersion: { version: '7.0' },
  authenticationMechanisms: ['SCRAM-SHA-1', 'SCRAM-SHA-256'],
  ttlMonitorEnabled: true,
  transactionLifetimeLimitSeconds: 60,
  internalQueryMaxBlockingSortMemoryUsageBytes: 104857600,
};

function getParameter(command: Document, ctx: CommandContext): Document {
  const all: Document = { ...parameters, ttlMonitorSleepSecs: Math.max(1, Math.round(ctx.state.store.ttlMonitorIntervalMs / 1000)) };
  if (command.getParameter === '*' || (typeof command.getParameter === 'object' && command.getParameter !== null && (command.getParameter as Document).allParameters)) {
    return { ...all, ok: 1 };
  }
  const out: Document = {};
  for (const key of Object.keys(command)) {
    if (key === 'getParameter' || key.startsWith('$') || key === 'lsid') continue;
    if (!(key in all)) throw new CommandError('InvalidOptions', 'no option found to get');
    out[key] = all[key];
  }
  return { ...out, ok: 1 };
}

function setParameter(command: Document, ctx: CommandContext): Document {
  const out: Document = {};
  for (const [key, value] of Object.entries(command)) {
    if (key === 'setParameter' || key.startsWith('$') || key === 'lsid') continue;
    if (key === 'ttlMonitorSleepSecs') {
      out.was = Math.max(1, Math.round(ctx.state.store.ttlMonitorIntervalMs / 1000));
      ctx.state.store.startTtlMonitor(Math.max(1, toNumber(value, 60)) * 1000);
    } else if (key in parameters) {
      out.was = parameters[key];
      parameters[key] = value;
    } else {
      throw new CommandError('InvalidOptions', `attempted to set unrecognized parameter [${key}], use help:true to see options `);
    }
  }
  return { ...out, ok: 1 };
}

function buildInfo(): Document {
  return {
    version: SERVER_VERSION,
    gitVersion: 'embedded',
    modules: [],
    allocator: 'system',
    javascriptEngine: 'none',
    sysInfo: 'deprecated',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    storageEngines: ['embedded-memory'],
    openssl: { running: 'disabled', compiled: 'disabled' },
    buildEnvironment: {},
    ok: 1,
  };
}

function serverStatus(_command: Document, ctx: CommandContext): Document {
  const uptimeMs = Date.now() - ctx.state.startedAt.getTime();
  return {
    host: `${os.hostname()}:${ctx.state.port()}`,
    version: SERVER_VERSION,
    process: 'mongod',
    pid: process.pid,
    uptime: Math.floor(uptimeMs / 1000),
    uptimeMillis: uptimeMs,
    uptimeEstimate: Math.floor(uptimeMs / 1000),
    localTime: new Date(),
    connections: { current: ctx.state.connectionCount(), available: 1_000_000, totalCreated: ctx.connectionId },
    storageEngine: { name: 'embedded-memory', supportsCommittedReads: false, persistent: false },
    metrics: { cursor: { open: { total: ctx.state.cursors.size } } },
    mem: { bits: 64, resident: Math.round(process.memoryUsage().rss / 1048576), virtual: 0, supported: true },
    ok: 1,
  };
}

function hostInfo(): Document {
  return {
    system: { currentTime: new Date(), hostname: os.hostname(), cpuAddrSize: 64, memSizeMB: Math.round(os.totalmem() / 1048576), numCores: os.cpus().length, cpuArch: os.arch(), numaEnabled: false },
    os: { type: os.type(), name: os.platform(), version: os.release() },
    extra: {},
    ok: 1,
  };
}

const ok = (): Document => ({ ok: 1 });

export const adminCommands: Record<string, CommandHandler> = {
  hello: (command, ctx) => hello(command, ctx, false),
  ismaster: (command, ctx) => hello(command, ctx, true),
  ping: ok,
  buildinfo: buildInfo,
  getparameter: getParameter,
  setparameter: setParameter,
  serverstatus: serverStatus,
  hostinfo: hostInfo,
  endsessions: ok,
  killsessions: ok,
  killallsessions: ok,
  refreshsessions: ok,
  startsession: () => ({ id: { id: new UUID() }, timeoutMinutes: 30, ok: 1 }),
  whatsmyuri: (_command, ctx) => ({ you: `127.0.0.1:${ctx.connectionId}`, ok: 1 }),
  connectionstatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
  getcmdlineopts: () => ({ argv: ['mongod', '--embedded'], parsed: {}, ok: 1 }),
  getlog: (command) => (command.getLog === '*' ? { names: ['global', 'startupWarnings'], ok: 1 } : { totalLinesWritten: 0, log: [], ok: 1 }),
  logout: ok,
  getfreemonitoringstatus: () => ({ state: 'disabled', ok: 1 }),
  currentop: () => ({ inprog: [], ok: 1 }),
  killop: () => ({ info: 'attempting to kill op', ok: 1 }),
  fsync: () => ({ numFiles: 0, ok: 1 }),
  lockinfo: () => ({ lockInfo: [], ok: 1 }),
  features: () => ({ oidMachine: 0, ok: 1 }),
  getdefaultrwconcern: () => ({ defaultReadConcern: { level: 'local' }, defaultWriteConcern: { w: 1, wtimeout: 0 }, ok: 1 }),
  replsetgetstatus: () => {
    throw new CommandError('NoReplicationEnabled', 'not running with --replSet');
  },
};
