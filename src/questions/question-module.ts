// The questions capability assembled: ask, answer in threads, the internal SLA, and the publish sweep.
import type { Connection } from 'mongoose';
import type { BusinessCalendar } from '../calendar/business-calendar';
import type { CapabilityModule } from '../capability';
import type { Clock } from '../clock';
import type { DomainEvents } from '../events';
import { job, type Scheduler } from '../jobs/scheduler';
import type { KnowledgeService } from '../knowledge/knowledge-service';
import type { Logger } from '../logger';
import type { Publisher } from '../delivery/publisher';
import type { Messenger } from '../slack/messenger';
import { isAcceptingReaction, isTeamThreadReply, type AnswerCheckSettings, type IncomingMessage, type SlaSettings } from './question';
import { QUESTION_JOBS } from './question-ids';
import { questionListeners } from './question-listeners';
import { createQuestionNotifier } from './question-notifier';
import { createQuestionService, type QuestionService } from './question-service';
import { createQuestionStore } from './question-store';

export interface QuestionModuleDeps {
  connection: Connection;
  messenger: Messenger;
  publisher: Publisher;
  scheduler: Scheduler;
  events: DomainEvents;
  knowledge: KnowledgeService;
  clock: Clock;
  calendar: BusinessCalendar;
  logger: Logger;
  /** How often interrupted work is looked for, in milliseconds (a sweep in every instance; it also runs at start). */
  sweepEveryMs: number;
  teamChannelId: string;
  sla: SlaSettings;
  answerCheck?: AnswerCheckSettings;
}

export function createQuestionModule(deps: QuestionModuleDeps): CapabilityModule<QuestionService> {
  const service = createQuestionService({
    store: createQuestionStore(deps.connection),
    knowledge: deps.knowledge,
    scheduler: deps.scheduler,
    notifier: createQuestionNotifier(deps.messenger, deps.publisher, deps.teamChannelId),
    clock: deps.clock,
    calendar: deps.calendar,
    sla: deps.sla,
    answerCheck: deps.answerCheck,
    events: deps.events,
    logger: deps.logger,
  });
  return {
    service,
    listeners: questionListeners({ service, teamChannelId: deps.teamChannelId }),
    jobs: [
      job<{ key: string }>({ name: QUESTION_JOBS.remind, handler: ({ key }) => service.remindIfUnanswered(key) }),
      job<{ key: string }>({ name: QUESTION_JOBS.escalate, handler: ({ key }) => service.escalateIfUnanswered(key) }),
      job<{ key: string }>({ name: QUESTION_JOBS.answerCheck, handler: ({ key }) => service.checkAnswered(key) }),
      job<{ key: string }>({ name: QUESTION_JOBS.autoclose, handler: ({ key }) => service.closeUnconfirmed(key) }),
      job({ name: QUESTION_JOBS.publishPending, sweepEveryMs: deps.sweepEveryMs, handler: async () => void (await service.publishPending()) }),
    ],
    eventFilters: {
      message: (event) => isTeamThreadReply(event as Partial<IncomingMessage>, deps.teamChannelId),
      reaction_added: (event) => isAcceptingReaction(event),
    },
    events: {
      'incident.confirmed': ({ incidentId, incidentTitle, userId, works }) => service.incidentConfirmed(incidentId, incidentTitle, userId, works),
    },
  };
}
