// Announcing a question: a saved question is never lost when Slack fails; the sweep finishes it within seconds.
import { createDomainEvents } from '../../src/events';
import { DateTime, Duration } from 'luxon';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../src/calendar';
import { createManualClock } from '../../src/clock';
import type { Scheduler } from '../../src/jobs/scheduler';
import { createKnowledgeService } from '../../src/knowledge/knowledge-service';
import { createKnowledgeStore } from '../../src/knowledge/knowledge-store';
import type { Question } from '../../src/questions/question';
import { createQuestionService, type QuestionNotifier } from '../../src/questions/question-service';
import { createQuestionStore } from '../../src/questions/question-store';
import { startTestConnection } from '../support/database';

const noScheduler: Scheduler = { define: () => {}, scheduleOnce: async () => {}, every: async () => {}, sweep: () => {}, cancel: async () => {}, cancelAll: async () => {}, start: async () => {}, stop: async () => {} };

function recordingNotifier(options: { failPosts: number }) {
  let failuresLeft = options.failPosts;
  const posted: string[] = [];
  const delayed: string[] = [];
  const notifier: QuestionNotifier = {
    async postCard(q) {
      if (failuresLeft-- > 0) throw new Error('an API error occurred: not_in_channel');
      posted.push(q.id);
      return { channel: 'C0TEAM', ts: `${1700000000 + posted.length}.000100` };
    },
    permalink: async () => undefined,
    publishDelayed: async (q) => {
      delayed.push(q.id);
    },
    updateCard: async () => {},
    note: async () => {},
    incidentNote: async () => {},
    askIfAnswered: async () => {},
    askFeedback: async () => {},
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

  it('when Slack refuses the card, then the question is kept, the asker is told it will follow, and the sweep announces it once, seconds later', async () => {
    const { notifier, posted, delayed } = recordingNotifier({ failPosts: 1 });
    const { service, clock } = setup(notifier);
    const { question, created } = await ask(service, 'view:V1');
    expect(created).toBe(true);
    await service.announceAsked(question);
    expect(delayed).toEqual([question.id]);
    expect(await service.publishPending()).toBe(0); // the live attempt gets a few seconds before the sweep steps in

    clock.advance(4_000);
    expect(await service.publishPending()).toBe(1);
    expect(posted).toEqual([question.id]);
    expect((await service.get(question.id)).card).toBeDefined();
    expect(await service.publishPending()).toBe(0);
  });

  it('when the form was answered "not saved" but the write landed late, then the question stays quiet unless the same form comes back', async () => {
    const { notifier, posted } = recordingNotifier({ failPosts: 0 });
    const { service, clock } = setup(notifier);
    const { question } = await ask(service, 'view:V2');
    await service.abandon('view:V2');
    clock.advance(60_000);
    expect(await service.publishPending()).toBe(0);
    expect(posted).not.toContain(question.id);

    const again = await ask(service, 'view:V2');
    expect(again).toMatchObject({ created: false, question: { id: question.id } });
    expect((again.question as Question).abandonedAt).toBeUndefined();
    await service.announceAsked(again.question);
    expect(posted).toEqual([question.id]);
  });
});
