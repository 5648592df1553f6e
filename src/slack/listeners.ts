// What a capability's listeners are registered on: the guarded routes, the /goodtime-help subcommands, and the
// journal that stores a submission or a click before it is acknowledged.
import type { IntentJournal } from './intents';
import type { SlackRoutes } from './routes';
import type { SlashCommandRouter } from './slash-command';

export interface SlackSurface {
  routes: SlackRoutes;
  commands: SlashCommandRouter;
  intents: Pick<IntentJournal, 'define'>;
}

/** A capability's Bolt wiring, registered by main.ts. */
export type SlackListeners = (slack: SlackSurface) => void;
