// The knowledge capability assembled: answered questions, stored, searched, and suggested to new ones.
import type { Connection } from 'mongoose';
import type { CapabilityModule } from '../capability';
import type { Messenger } from '../slack/messenger';
import { knowledgeListeners } from './knowledge-listeners';
import { createKnowledgeNotifier } from './knowledge-notifier';
import { createKnowledgeService, type KnowledgeService } from './knowledge-service';
import { createKnowledgeStore } from './knowledge-store';

const SUGGESTIONS = 3;

export function createKnowledgeModule(deps: { connection: Connection; messenger: Messenger }): CapabilityModule<KnowledgeService> {
  const service = createKnowledgeService(createKnowledgeStore(deps.connection));
  const notifier = createKnowledgeNotifier(deps.messenger);
  return {
    service,
    listeners: knowledgeListeners(service),
    events: {
      'question.posted': async ({ question }) => {
        if (!question.card) return;
        const similar = await service.similar(question.id, question.text, SUGGESTIONS);
        if (similar.length > 0) await notifier.suggest(question.card, similar);
      },
    },
  };
}
