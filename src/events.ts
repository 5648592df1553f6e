// Named domain events: how one capability tells the others what happened without knowing who listens. Handlers
// run in the emitter's call, in registration order, and their failures reach the emitter: an event is as durable
// as the step that emits it (each emitter stores its state first, and its sweep emits again after a crash).
import type { DeliveryOutcome, OutboxPurpose } from './delivery/outbox';

/** What other capabilities may know of a question (tickets prefill a ticket from it). */
export interface QuestionFacts {
  id: string;
  requesterId: string;
  text: string;
  category: string;
  blocked: boolean;
  context: Partial<Record<'interviewUrl' | 'candidate' | 'interviewer' | 'position' | 'interviewTemplate' | 'dateFrom' | 'dateTo' | 'errorMessage', string>>;
  card?: { channel: string; ts: string };
  cardPermalink?: string;
}

/** A question's SLA ran out with nobody answering: tickets files one with GoodTime Support. */
export interface QuestionSlaExpired {
  question: QuestionFacts & { escalation?: { by?: string } };
}

/** A question's card is in the team channel; `incidentId` when the asker picked an incident. */
export interface QuestionPosted {
  question: { id: string; requesterId: string; text: string; card?: { channel: string; ts: string }; incidentId?: string };
}

/** Choices the ask form offers besides the text: every capability may contribute its own. */
export interface AskFormOpening {
  userId: string;
}
export interface AskFormChoices {
  incidents?: { id: string; title: string }[];
}

/** An incident was declared or updated (resolution included): every place that follows it hears of it. */
export interface IncidentChanged {
  incidentId: string;
}

/** A person follows an incident from now on (their question was linked to it). */
export interface IncidentFollowed {
  incidentId: string;
  userId: string;
}

/** An incident was resolved: these people asked about it and are asked whether it works for them now. */
export interface IncidentResolved {
  incidentId: string;
  askToConfirm: string[];
}

/** Someone asked about an incident answered "does it work for you now?" after its resolution. */
export interface IncidentConfirmed {
  incidentId: string;
  incidentTitle: string;
  userId: string;
  works: boolean;
}

/** The mail outbox sent a message, or will try again: whoever queued it (`purpose`) shows it. */
export interface MailOutcome {
  purpose: OutboxPurpose;
  outcome: DeliveryOutcome;
}

export interface DomainEventMap {
  'question.sla_expired': { payload: QuestionSlaExpired; reply: void };
  'question.posted': { payload: QuestionPosted; reply: void };
  'question.ask_form_opening': { payload: AskFormOpening; reply: AskFormChoices };
  'incident.changed': { payload: IncidentChanged; reply: void };
  'incident.followed': { payload: IncidentFollowed; reply: void };
  'incident.resolved': { payload: IncidentResolved; reply: void };
  'incident.confirmed': { payload: IncidentConfirmed; reply: void };
  'mail.outcome': { payload: MailOutcome; reply: void };
}

export type DomainEventName = keyof DomainEventMap;
export type DomainEventHandler<N extends DomainEventName> = (payload: DomainEventMap[N]['payload']) => Promise<DomainEventMap[N]['reply']>;
/** What a module hands main.ts to subscribe: one handler per event it reacts to. */
export type DomainEventHandlers = { [N in DomainEventName]?: DomainEventHandler<N> };

export interface DomainEvents {
  /** Runs every handler of `name` in order; returns their replies. */
  emit<N extends DomainEventName>(name: N, payload: DomainEventMap[N]['payload']): Promise<DomainEventMap[N]['reply'][]>;
  subscribe(handlers: DomainEventHandlers): void;
}

export function createDomainEvents(): DomainEvents {
  const handlers = new Map<DomainEventName, DomainEventHandler<DomainEventName>[]>();
  return {
    async emit(name, payload) {
      const replies = [];
      for (const handler of handlers.get(name) ?? []) replies.push(await (handler as unknown as DomainEventHandler<typeof name>)(payload));
      return replies;
    },
    subscribe(added) {
      for (const [name, handler] of Object.entries(added) as [DomainEventName, DomainEventHandler<DomainEventName>][]) {
        handlers.set(name, [...(handlers.get(name) ?? []), handler]);
      }
    },
  };
}
