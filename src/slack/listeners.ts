// What a capability's listeners are registered on: the guarded routes and the /goodtime-help subcommands.
import type { SlackRoutes } from './routes';
import type { SlashCommandRouter } from './slash-command';

export interface SlackSurface {
  routes: SlackRoutes;
  commands: SlashCommandRouter;
}

/** A capability's Bolt wiring, registered by main.ts. */
export type SlackListeners = (slack: SlackSurface) => void;
