// Bolt wiring for the knowledge base: `/goodtime-help search <terms>`.
import type { SlackListeners } from '../slack/listeners';
import { buildSearchResults } from './knowledge-blocks';
import { KnowledgeCommands } from './knowledge-ids';
import type { KnowledgeService } from './knowledge-service';

export function knowledgeListeners(service: KnowledgeService): SlackListeners {
  return ({ commands }) => {
    commands.add({
      name: KnowledgeCommands.search,
      usage: 'search <terms>',
      description: 'Search questions the team has answered.',
      takesArguments: true,
      handle: async ({ ack, respond }, terms) => {
        if (!terms) return ack({ response_type: 'ephemeral', text: 'What should I look for? Try `/goodtime-help search reschedule panel`.' });
        await ack();
        const entries = await service.search(terms, 5);
        await respond({ response_type: 'ephemeral', ...buildSearchResults(terms, entries) });
      },
    });
  };
}
