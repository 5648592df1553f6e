// Backend resolution: external URI as given; otherwise the embedded server in a worker thread on DATA_DIR, or (in
// memory) a quick decision between a local mongod and the embedded server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { resolveMongoBackend } from '../../src/db/backend';
import { startEmbeddedMongo } from '@goodtime-help/embedded-mongo';
import { withDatabase } from '../support/database';

function recordingLogger() {
  const lines: Array<{ level: string; obj: object; msg?: string }> = [];
  return {
    lines,
    info: (obj: object, msg?: string) => lines.push({ level: 'info', obj, msg }),
    warn: (obj: object, msg?: string) => lines.push({ level: 'warn', obj, msg }),
  };
}

describe('resolveMongoBackend', () => {
  it('uses the given URI as is, without logging credentials', async () => {
    const logger = recordingLogger();
    const backend = await resolveMongoBackend({ uri: 'mongodb://user:secret@db.internal:27017/app', logger });
    expect(backend.kind).toBe('external');
    expect(backend.uri).toBe('mongodb://user:secret@db.internal:27017/app');
    expect(logger.lines).toHaveLength(1);
    expect(JSON.stringify(logger.lines)).not.toContain('secret');
    await backend.stop();
  });

  it('falls back to the embedded server quickly when no mongod binary is around', async () => {
    const logger = recordingLogger();
    const started = Date.now();
    const backend = await resolveMongoBackend({ logger, env: { PATH: '', MONGOMS_DOWNLOAD_DIR: '/nonexistent-mongoms-cache' }, forceEmbedded: false, inProcess: startEmbeddedMongo });
    try {
      expect(['embedded', 'memory-server']).toContain(backend.kind);
      if (backend.kind === 'embedded') {
        expect(Date.now() - started).toBeLessThan(1_000);
        expect(backend.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+$/);
        expect(backend.embedded).toBeDefined();
        expect(logger.lines.filter((line) => line.level === 'info')).toHaveLength(1);
        expect(logger.lines[0]?.msg).toMatch(/in memory only.*not production/);
      }
      const client = await MongoClient.connect(`${backend.uri}/probe`, { serverSelectionTimeoutMS: 2_000 });
      expect(await client.db().command({ ping: 1 })).toMatchObject({ ok: 1 });
      await client.close();
    } finally {
      await backend.stop();
    }
  });

  it('can be told to use the embedded server', async () => {
    const backend = await resolveMongoBackend({ logger: recordingLogger(), forceEmbedded: true });
    expect(backend.kind).toBe('embedded');
    await backend.stop();
  });

  it('by default runs the embedded server in a worker thread that keeps its data in DATA_DIR across restarts, and says where', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'goodtime-backend-')), 'data');
    try {
      const first = recordingLogger();
      let backend = await resolveMongoBackend({ logger: first, dataDir });
      expect(backend.kind).toBe('embedded');
      expect(backend.embedded).toBeUndefined(); // not in this thread
      expect(first.lines.find((line) => line.level === 'info')?.msg).toMatch(new RegExp(`data kept in ${dataDir}.*several.*MONGODB_URI`));
      let client = await MongoClient.connect(`${backend.uri}/app`, { serverSelectionTimeoutMS: 2_000 });
      await client.db().collection('questions').insertOne({ text: 'Why did the panel invite go out twice?' });
      await client.close();
      await backend.stop();

      backend = await resolveMongoBackend({ logger: recordingLogger(), dataDir });
      client = await MongoClient.connect(`${backend.uri}/app`, { serverSelectionTimeoutMS: 2_000 });
      expect(await client.db().collection('questions').findOne({}, { projection: { _id: 0 } })).toEqual({ text: 'Why did the panel invite go out twice?' });
      await client.close();
      await backend.stop();
    } finally {
      rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  });
});

describe('withDatabase', () => {
  it('puts the database name in the path and keeps options', () => {
    expect(withDatabase('mongodb://127.0.0.1:1234', 'x')).toBe('mongodb://127.0.0.1:1234/x');
    expect(withDatabase('mongodb://127.0.0.1:1234/', 'x')).toBe('mongodb://127.0.0.1:1234/x');
    expect(withDatabase('mongodb://u:p@h1,h2/old?replicaSet=rs&w=1', 'x')).toBe('mongodb://u:p@h1,h2/x?replicaSet=rs&w=1');
    expect(withDatabase('mongodb+srv://cluster.example.net/?retryWrites=true', 'x')).toBe('mongodb+srv://cluster.example.net/x?retryWrites=true');
  });
});
