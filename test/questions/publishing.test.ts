// Publishing a question's card: a saved question is never lost, and never posted twice, when Slack fails.
import { createDomainEvents } from '../../src/events';
import { DateTime, Duration } from 'luxon';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../src/calendar';
import { createManualClock } from '../../src/clock';
import type { Scheduler } from '../../src/jobs/scheduler';
import { createKnowledgeService } from '../../src/knowledge/knowledge-service';
import { createKnowledgeStore } from '../../src/knowledge/knowledge-store';
import type { MessageRef, Question } from '../../src/questions/question';
import { createQuestionService, type QuestionNotifier } from '../../src/questions/question-service';
import { createQuestionStore } from '../../src/questions/question-store';
import { startTestConnection } from '../support/database';

const noScheduler: Scheduler = { define: () => {}, scheduleOnce: async () => {}, every: async () => {}, cancel: async () => {}, start: async () => {}, stop: async () => {} };

function recordingNotifier(options: { failPosts: number; alreadyPosted?: MessageRef }) {
  let failuresLeft = options.failPosts;
  const posted: string[] = [];
  const delayed: string[] = [];
  const notifier: QuestionNotifier = {
    async postCard(q) {
      if (failuresLeft-- > 0) throw new Error('an API error occurred: not_in_channel');
      posted.push(q.id);
      return { card: { channel: 'C0TEAM', ts: `${1700000000 + posted.length}.000100` } };
    },
    findPostedCard: async () => options.alreadyPosted,
    publishDelayed: async (q) => {
      delayed.push(q.id);
    },
    updateCard: async () => {},
    note: async () => {},
    claimed: async () => {},
    confirmToRequester: async () => {},
    firstResponseToRequester: async () => {},
  };
  return { notifier, posted, delayed };
}

describe('publishing question cards', () => {
  let database: Awaited<ReturnType<typeof startTestConnection>>;
  let connection: Connection;
  beforeAll(async () => {
    database = await startTestConnection();
    connection = database.connection;
  });
  afterAll(async () => {
    await database?.stop();
  });

  const setup = (notifier: QuestionNotifier) => {
    const clock = createManualClock(DateTime.fromISO('2026-11-23T10:00:00Z'));
    const service = createQuestionService({
      store: createQuestionStore(connection),
      knowledge: createKnowledgeService(createKnowledgeStore(connection)),
      scheduler: noScheduler,
      notifier,
      clock,
      calendar: createBusinessCalendar({ zone: 'UTC', hours: '24x7', holidays: 'none' }),
      sla: { questionEscalateAfter: Duration.fromObject({ hours: 4 }), blockerEscalateAfter: Duration.fromObject({ hours: 1 }) },
      events: createDomainEvents(),
    });
    return { service, clock };
  };
  const ask = (service: ReturnType<typeof setup>['service'], origin: string) =>
    service.ask(origin, 'U0ASKER', { text: 'Where is the scorecard export?', category: 'how-to', blocked: false, context: {} });

  it('when Slack refuses the card, then the question is kept, the asker is told it will follow, and the sweep posts it once', async () => {
    const { notifier, posted, delayed } = recordingNotifier({ failPosts: 1 });
    const { service, clock } = setup(notifier);
    const { question, created } = await ask(service, 'view:V1');
    expect(created).toBe(true);
    expect(delayed).toEqual([question.id]);
    expect(await service.publishPending()).toBe(0); // the first attempt may still be retrying

    clock.advance(36 * 60_000);
    expect(await service.publishPending()).toBe(1);
    expect(posted).toEqual([question.id]);
    expect((await service.get(question.id)).card).toBeDefined();
    expect(await service.publishPending()).toBe(0);
  });

  it('when a crash happened after Slack took the card, then the sweep finds it by its metadata instead of posting again', async () => {
    const existing = { channel: 'C0TEAM', ts: '1699999999.000100' };
    const { notifier, posted } = recordingNotifier({ failPosts: 1, alreadyPosted: existing });
    const { service, clock } = setup(notifier);
    const { question } = await ask(service, 'view:V2');
    clock.advance(36 * 60_000);
    await service.publishPending();
    expect(posted).not.toContain(question.id);
    expect(((await service.get(question.id)) as Question).card).toEqual(existing);
  });
});
