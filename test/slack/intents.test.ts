// The intent journal against a real database: what a person submitted runs once to its end, a run a crash
// interrupted is picked up by the sweep, a refusal ends it, a failure is tried again and then given up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { createManualClock } from '../../src/clock';
import { invalidState } from '../../src/errors';
import { createLogger } from '../../src/logger';
import { createIntentStore } from '../../src/slack/intent-store';
import { createIntentJournal, type IntentJournal } from '../../src/slack/intents';
import { startTestConnection } from '../support/database';

describe('the intent journal', () => {
  let database: Awaited<ReturnType<typeof startTestConnection>>;
  let journal: IntentJournal;
  const clock = createManualClock(DateTime.now());
  const ran: string[] = [];
  const failures = new Map<string, number>();

  beforeAll(async () => {
    database = await startTestConnection();
    journal = createIntentJournal({ store: createIntentStore(database.connection), clock, logger: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => {
    journal.stop();
    await database?.stop();
  });

  const payload = z.object({ id: z.string() });
  const later = (ms = 60_000) => clock.advance(ms);

  it('when a submission is recorded and run, then it runs once, and the same submission again runs nothing', async () => {
    const take = journal.define('test.take', payload, async ({ id }) => (ran.push(`take ${id}`), id));
    expect(await take.record('k1', { id: 'q1' })).toBe(true);
    expect(await take.run('k1', { id: 'q1' })).toBe('q1');
    expect(await take.submit('k1', { id: 'q1' }, { ack: async () => undefined, notSaved: async () => undefined })).toBeUndefined();
    later();
    await journal.resume();
    expect(ran.filter((r) => r === 'take q1')).toHaveLength(1);
  });

  it('when the app dies between the ack and the run, then the sweep runs it once, and only after the run had its chance', async () => {
    const reopen = journal.define('test.reopen', payload, async ({ id }) => void ran.push(`reopen ${id}`));
    expect(await reopen.record('k2', { id: 'q2' })).toBe(true); // acknowledged; the process dies here
    await journal.resume();
    expect(ran).not.toContain('reopen q2'); // too young: the listener may still be running it
    later(6_000);
    await journal.resume();
    await journal.resume();
    expect(ran.filter((r) => r === 'reopen q2')).toHaveLength(1);
  });

  it('when the run is refused, then it ends; when it fails, then the sweep tries again, and gives up after five attempts', async () => {
    const refuse = journal.define('test.refuse', payload, async ({ id }) => {
      ran.push(`refuse ${id}`);
      throw invalidState('That question is closed.');
    });
    await refuse.record('k3', { id: 'q3' });
    await expect(refuse.run('k3', { id: 'q3' })).rejects.toThrow('closed');
    later();
    await journal.resume();
    expect(ran.filter((r) => r === 'refuse q3')).toHaveLength(1);

    const flaky = journal.define('test.flaky', payload, async ({ id }) => {
      failures.set(id, (failures.get(id) ?? 0) + 1);
      throw new Error('Slack is down');
    });
    await flaky.record('k4', { id: 'q4' });
    await expect(flaky.run('k4', { id: 'q4' })).rejects.toThrow('Slack is down');
    for (let i = 0; i < 8; i += 1) {
      later();
      await journal.resume();
    }
    expect(failures.get('q4')).toBe(5);
  });
});
