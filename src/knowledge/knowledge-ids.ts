// Slack names of the knowledge capability: its `/goodtime-help` subcommand.
export const KnowledgeCommands = { search: 'search' } as const;
