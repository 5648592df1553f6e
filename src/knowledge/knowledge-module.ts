// The knowledge capability assembled: answered questions, stored, searched, and suggested to new ones.
import type { Connection } from 'mongoose';
import type { CapabilityModule } from '../capability';
import type { Publisher } from '../delivery/publisher';
import { knowledgeListeners } from './knowledge-listeners';
import { createKnowledgeNotifier } from './knowledge-notifier';
import { createKnowledgeService, type KnowledgeService } from './knowledge-service';
import { createKnowledgeStore } from './knowledge-store';

export function createKnowledgeModule(deps: { connection: Connection; publisher: Publisher }): CapabilityModule<KnowledgeService> {
  const service = createKnowledgeService(createKnowledgeStore(deps.connection));
  const notifier = createKnowledgeNotifier(deps.publisher);
  return {
    service,
    listeners: knowledgeListeners(service),
    events: {
      'question.posted': async ({ question }) => {
        if (!question.card) return;
        const similar = await service.similar(question.text, question.id);
        if (similar.length > 0) await notifier.suggest(question.id, question.card, similar);
      },
    },
  };
}
