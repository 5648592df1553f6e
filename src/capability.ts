// The assembly contract every capability follows: create<Thing>Module(deps) builds its parts without side
// effects and hands them to main.ts, which registers listeners, jobs, routes and event handlers, then starts.
import type { DomainEventHandlers } from './events';
import type { Routes } from './http/server';
import type { JobDefinition } from './jobs/scheduler';
import type { SlackListeners } from './slack/listeners';

export interface CapabilityModule<Service> {
  service: Service;
  /** Registered by main.ts on the Slack app. */
  listeners?: SlackListeners;
  /** Defined (and the recurring ones scheduled) by main.ts before the scheduler starts. */
  jobs?: JobDefinition[];
  /** HTTP routes served next to Slack's. */
  routes?: Routes;
  /** What this capability does when another one tells it something happened. */
  events?: DomainEventHandlers;
  /** Background work between start and stop (e.g. the paced broadcast worker). */
  worker?: { start(): void; stop(): Promise<void> };
  /** Details for GET /healthz (e.g. the mailbox reader's state); never secrets or personal data. */
  health?: () => Record<string, unknown>;
  /** For the Events API types it listens to: whether it acts on this event (a message in another channel: no). */
  eventFilters?: Record<string, (event: Record<string, unknown>) => boolean>;
}

/**
 * Whether any capability acts on an Events API event: one of a type that some capability filters, and that every such
 * filter refuses, is dropped before any database write.
 */
export function actsOnEvent(modules: Array<Pick<CapabilityModule<unknown>, 'eventFilters'>>, event: Record<string, unknown>): boolean {
  const filters = modules.flatMap((module) => Object.entries(module.eventFilters ?? {})).filter(([type]) => type === event.type);
  return filters.length === 0 || filters.some(([, acts]) => acts(event));
}
