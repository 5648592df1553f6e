// A ticket with the vendor's support team: what it is, and the pure rules around it.
import { DateTime } from 'luxon';
import type { QuestionFacts } from '../events';
import type { ProcessDefinition, Severity, TicketStage, TicketType } from '../process';
import { describeStage, findTicketType, isTerminalStage } from '../process';

/** A form answer: text, chosen option values, or a date range (ISO dates). */
export type FieldValue = string | string[] | { from?: string; to?: string };
export type TicketFields = Record<string, FieldValue>;

export interface MessageRef {
  channel: string;
  ts: string;
}

/** Where the ticket came from; shown on the card and in the email. */
export type TicketOrigin =
  | { kind: 'question'; questionId: string; permalink?: string; card?: MessageRef }
  | { kind: 'message'; channel: string; ts: string; authorId?: string; permalink?: string }
  | { kind: 'command'; channelId?: string };

export type MoveVia = 'slack' | 'webhook' | 'reporter' | 'incident';

export interface TicketMove {
  from: TicketStage;
  to: TicketStage;
  at: Date;
  /** A Slack user id, or 'webhook' / 'incident'. */
  by: string;
  via: MoveVia;
  reason?: string;
  note?: string;
  /** When its thread update, DMs and channel line were out (a crash before leaves them to the sweep). */
  announcedAt?: Date;
}

export type EmailState = 'queued' | 'retrying' | 'sent' | 'not-configured' | 'held';

export interface TicketEmailStatus {
  state: EmailState;
  to: string;
  at?: Date;
  attempts?: number;
  nextAttemptAt?: Date;
}

/**
 * A request gathered inside before it goes to the vendor (a ticket type with `votedFirst`): people vote on its card
 * in the team channel, and a liaison promotes it to Support (with the votes) or declines it with a reason.
 */
export interface Proposal {
  state: 'open' | 'promoted' | 'declined';
  /** When it reached REQUEST_PROMOTE_VOTES and the liaisons were told, once. */
  flaggedAt?: Date;
  decidedBy?: string;
  decidedAt?: Date;
  reason?: string;
  /** When the decision's thread note, DMs and card edit were out (a crash before leaves them to the sweep). */
  announcedAt?: Date;
}

/** A mail in the ticket's email thread that came back through the mailbox (IMAP). */
export interface SupportReply {
  messageId: string;
  from: string;
  /** From the vendor's support address (its domain), not someone copied in. */
  vendor: boolean;
  automatic: boolean;
  receivedAt: Date;
  /** When it was in the ticket's thread. */
  postedAt?: Date;
}

/** An update the vendor owed: met when it came by `dueAt` (at its time), missed at `dueAt` otherwise. */
export interface UpdateOutcome {
  dueAt: Date;
  at: Date;
  met: boolean;
}

/** A liaison's message to Support, sent from the ticket (a reply in the same email thread). */
export interface SupportNote {
  /** The form's view id: one note per form, however often it is submitted. */
  id: string;
  by: string;
  text: string;
  messageId: string;
  queuedAt: Date;
  /** Files that went with it, and those left out (too big, not readable). */
  files?: { attached: string[]; skipped: string[] };
}

export interface Ticket {
  id: string;
  number: number;
  /** "GT-1042" */
  key: string;
  typeId: string;
  severityId: string;
  title: string;
  fields: TicketFields;
  /** Who needs the answer: gets phase DMs and confirms a fix. */
  reporterId: string;
  /** A liaison's user id, or SLA_FILER. */
  filedBy: string;
  origin: TicketOrigin;
  stage: TicketStage;
  stageEnteredAt: Date;
  history: TicketMove[];
  createdAt: Date;
  acknowledgementDueAt: Date;
  acknowledgedAt?: Date;
  /** The vendor's update cadence: the next update due (none when the severity promises none, or once on hold/closed). */
  updateDueAt?: Date;
  /** The latest update from the vendor: a phase move, a webhook, an email reply. */
  lastVendorUpdateAt?: Date;
  updatesMissed?: number;
  /** Updates that came (a phase move, a webhook note, a reply) at or before they were due. */
  updatesMet?: number;
  /** Each update met or missed, and when that happened (for tallies by period). */
  updateOutcomes?: UpdateOutcome[];
  /** The vendor's workaround deadline, and whether it was met (on hold, closed or at its last phase in time) or missed. */
  workaroundDueAt?: Date;
  workaroundMetAt?: Date;
  workaroundMissedAt?: Date;
  /** The anchor message, edited in place; its thread (or the question's) holds the history. */
  card?: MessageRef;
  threadTs?: string;
  cardPermalink?: string;
  /** When the support email was written to the outbox (after the card, so it carries the card's link). */
  emailQueuedAt?: Date;
  /** When the filer (and the reporter) were told: the last step of filing. */
  announcedAt?: Date;
  /** Its form was answered "could not save in time": it is not published unless the same form comes back. */
  abandonedAt?: Date;
  email: TicketEmailStatus;
  vendorTicketId?: string;
  /** People who clicked "Me too" (besides the reporter). */
  voters: string[];
  /** Set while (and after) it was a proposal voted inside; unset for tickets filed with the vendor at once. */
  proposal?: Proposal;
  /** The CSM step: who took it (a liaison, or LADDER) and why; `announcedAt` once its note, DM and card edit were out. */
  csm?: { at: Date; by: string; why?: string; announcedAt?: Date };
  incident?: { id: string; title: string };
  /** Keys of nudges already posted ("ack", "overstay:2:<ms>"), so each fires once. */
  nudges: string[];
  confirmation?: { askedAt: Date; asked: string[]; answer?: 'fixed' | 'broken'; by?: string; at?: Date };
  /** The reporter's 👍 / 👎 once it is closed. */
  feedback?: { rating: 'up' | 'down'; at: Date };
  /** Replies read from the mailbox, in the order they arrived. */
  replies: SupportReply[];
  notes: SupportNote[];
}

/** The question a ticket may be filed from (the questions capability's Question satisfies it). */
export type QuestionSnapshot = QuestionFacts & { escalation?: { ticketId?: string; ticketKey?: string; ticketPermalink?: string } };

/** What the form starts with (from a question, a message, or nothing). */
export interface FormPrefill {
  typeId: string;
  title?: string;
  severityId?: string;
  reporterId?: string;
  fields: TicketFields;
}

export const SLA_FILER = 'sla';
/** Who brought the CSM in when nobody clicked: the escalation ladder (two targets missed). */
export const LADDER = 'ladder';
export const TITLE_MIN = 5;
export const TITLE_MAX = 150;

/** "1 person", "2 people". */
export const peopleCount = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;
/** "1 vote", "2 votes". */
export const voteCount = (n: number) => `${n} ${n === 1 ? 'vote' : 'votes'}`;

export const ticketKey = (prefix: string, number: number) => `${prefix}-${number}`;

/** "Bug or data issue" → "Bug", for email subjects. */
export const shortTypeLabel = (type: TicketType) => type.label.split(/\s+or\s+/i)[0] ?? type.label;

/** The field a free text goes into: what happened, the question, or the request. */
export function primaryFieldId(type: TicketType): string | undefined {
  const preferred = ['actual', 'question', 'request'].find((id) => type.fields.some((f) => f.id === id));
  return preferred ?? type.fields.find((f) => f.kind === 'multiline')?.id;
}

/** First line of a text, cut to fit a ticket title. */
export function titleFrom(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  return line.length <= 100 ? line : `${line.slice(0, 99).trimEnd()}…`;
}

/** A Slack message's text as a person reads it: links, mentions and entities spelled out (for the form and email). */
export function readableMessageText(text: string): string {
  return text
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/<mailto:[^|>]+\|([^>]+)>/g, '$1')
    .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]+))?>/g, (_m, id: string, label?: string) => `@${label ?? id}`)
    .replace(/<#([CG][A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `#${name || id}`)
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]+))?>/g, (_m, handle?: string) => handle ?? '@team')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const TYPE_FOR_CATEGORY: Record<string, string[]> = {
  bug: ['bug'],
  'feature-request': ['feature', 'enhancement'],
};

/** The ticket type for a question category: bug → bug, feature request → feature, anything else → question. */
export function typeForCategory(process: ProcessDefinition, category: string): TicketType {
  const candidates = [...(TYPE_FOR_CATEGORY[category] ?? []), 'question'];
  const found = candidates.map((id) => findTicketType(process, id)).find((type) => type !== undefined);
  return found ?? (process.ticketTypes[0] as TicketType);
}

const CONTEXT_TO_FIELD: Record<string, string> = {
  interviewUrl: 'interviewUrl',
  candidate: 'candidates',
  interviewer: 'interviewers',
  position: 'position',
  interviewTemplate: 'interviewTemplate',
  errorMessage: 'errorMessages',
};

/** A question's answers mapped onto the ticket type's fields (only fields the type has). */
export function prefillFromQuestion(process: ProcessDefinition, q: QuestionSnapshot): FormPrefill {
  const type = typeForCategory(process, q.category);
  const has = (id: string) => type.fields.find((f) => f.id === id);
  const fields: TicketFields = {};
  const primary = primaryFieldId(type);
  if (primary) fields[primary] = q.text;
  for (const [contextKey, fieldId] of Object.entries(CONTEXT_TO_FIELD)) {
    const value = q.context[contextKey as keyof QuestionSnapshot['context']];
    if (value && has(fieldId) && fields[fieldId] === undefined) fields[fieldId] = value;
  }
  const range = type.fields.find((f) => f.kind === 'date-range');
  if (range && (q.context.dateFrom || q.context.dateTo)) fields[range.id] = { from: q.context.dateFrom, to: q.context.dateTo };
  // Blocked means scheduling cannot continue: a major function broken with no workaround (S2).
  const blockedSeverity = process.severities[1]?.id;
  return {
    typeId: type.id,
    title: titleFrom(q.text),
    severityId: q.blocked && blockedSeverity ? blockedSeverity : type.defaultSeverity,
    reporterId: q.requesterId,
    fields,
  };
}

/** An open proposal: voted inside, not with the vendor yet. */
export const isOpenProposal = (t: Pick<Ticket, 'proposal'>) => t.proposal?.state === 'open';

/** With the vendor: filed at once, or a proposal a liaison promoted. Only these have vendor targets and an email. */
export const sentToVendor = (t: Pick<Ticket, 'proposal'>) => !t.proposal || t.proposal.state === 'promoted';

/** When the vendor's clock started: filing, or a proposal's promotion. */
export const sentToVendorAt = (t: Pick<Ticket, 'proposal' | 'createdAt'>) => (t.proposal?.state === 'promoted' && t.proposal.decidedAt) || t.createdAt;

/** Votes on a proposal: the reporter and everyone who clicked "Me too" (the people watching it). */
export const votesOf = (t: Pick<Ticket, 'reporterId' | 'voters'>) => watchersOf(t).length;

/** Open proposals, most votes first (then the oldest first). */
export const rankProposals = <T extends Pick<Ticket, 'reporterId' | 'voters' | 'createdAt'>>(proposals: T[]): T[] =>
  [...proposals].sort((a, b) => votesOf(b) - votesOf(a) || a.createdAt.getTime() - b.createdAt.getTime());

/** Everyone who gets asked to confirm a fix: the reporter and whoever joined with "Me too". */
export const watchersOf = (ticket: Pick<Ticket, 'reporterId' | 'voters'>) => [...new Set([ticket.reporterId, ...ticket.voters])];

/** How many of a proposal's voters are named (with their roles) on its card and in `/goodtime-help requests`. */
export const VOTERS_NAMED = 15;

/** A person as emails and proposals name them: display name and what they do (their Slack profile title). */
export interface PersonFacts {
  name: string;
  role?: string;
}

/** Each person once, looked up with `personOf` (the same look-up for the support email and the proposal card). */
export async function lookUpPeople(ids: string[], personOf: (userId: string) => Promise<PersonFacts>): Promise<Map<string, PersonFacts>> {
  const unique = [...new Set(ids)].filter((id) => id !== SLA_FILER);
  return new Map(await Promise.all(unique.map(async (id) => [id, await personOf(id)] as const)));
}

/** Targets missed so far: the acknowledgement, each update, the workaround. The escalation ladder climbs on them. */
export const targetsMissed = (t: Pick<Ticket, 'nudges' | 'updatesMissed' | 'workaroundMissedAt'>) =>
  (t.nudges.includes('ack') ? 1 : 0) + (t.updatesMissed ?? 0) + (t.workaroundMissedAt ? 1 : 0);

/**
 * The ticket's update outcomes with their times; a ticket whose misses were recorded before outcomes had times has
 * them in its nudges ("update:<due ms>").
 */
export function updateOutcomesOf(t: Pick<Ticket, 'updateOutcomes' | 'nudges'>): UpdateOutcome[] {
  if (t.updateOutcomes) return t.updateOutcomes;
  return t.nudges.filter((n) => /^update:\d+$/.test(n)).map((n) => {
    const dueAt = new Date(Number(n.slice('update:'.length)));
    return { dueAt, at: dueAt, met: false };
  });
}

/** One of the process's two most severe levels (S1/S2 for GoodTime). */
export const isSevere = (process: ProcessDefinition, t: Pick<Ticket, 'severityId'>) => {
  const rank = process.severities.findIndex((s) => s.id === t.severityId);
  return rank >= 0 && rank <= 1;
};

/** Still with the vendor: not waiting for the reporter, not closed (no cadence or deadline runs then). */
export const isWithVendor = (t: Pick<Ticket, 'stage'>) => typeof t.stage === 'number';

/** High-impact: one of the process's two most severe levels, on a type the CSM handles. */
export function isHighImpact(process: ProcessDefinition, ticket: Pick<Ticket, 'typeId' | 'severityId'>): boolean {
  const type = findTicketType(process, ticket.typeId);
  const rank = process.severities.findIndex((s) => s.id === ticket.severityId);
  return Boolean(type?.csmEscalation) && rank >= 0 && rank <= 1;
}

/** ●●○○ for phase 2 of 4; all filled once on hold or closed. */
export function progressDots(stage: TicketStage, phaseCount: number): string {
  const done = isTerminalStage(stage) ? phaseCount : Math.min(stage, phaseCount);
  return '●'.repeat(done) + '○'.repeat(Math.max(phaseCount - done, 0));
}

/** The stage a ticket was in before it went on hold (where "still broken" sends it back). */
export function stageBeforeHold(ticket: Pick<Ticket, 'history'>, type: TicketType): TicketStage {
  const entered = [...ticket.history].reverse().find((move) => move.to === 'on-hold');
  const from = entered?.from;
  return typeof from === 'number' ? from : type.phases.length;
}

/**
 * "acknowledged within 4 business hours; filed after 18:00 America/Los_Angeles, it counts from the next business day".
 * Given when a ticket was filed, the cut-off note is there only if it applies to that ticket.
 */
export function acknowledgementText(process: ProcessDefinition, severity: Severity, filedAt?: Date): string {
  const { amount, unit, anyHour } = severity.acknowledgement;
  const within = `acknowledged within ${amount} ${amount === 1 ? unit.replace(/s$/, '') : unit}`;
  if (anyHour) return `${within}, any hour`;
  const cutoff = process.calendar.cutoff;
  if (!cutoff) return within;
  if (!filedAt) return `${within}; filed after ${cutoff} ${process.calendar.zone}, it counts from the next business day`;
  const local = DateTime.fromJSDate(filedAt).setZone(process.calendar.zone).toFormat('HH:mm');
  return local >= cutoff ? `${within}; filed after ${cutoff} ${process.calendar.zone}, it counts from the next business day` : within;
}

/** "Phase 2 of 4 — Under Review by Support Team", or the terminal state's label. */
export function stageLabel(process: ProcessDefinition, type: TicketType, stage: TicketStage): string {
  const d = describeStage(process, type, stage);
  return d.phaseNumber === null ? d.name : `Phase ${d.phaseNumber} of ${d.phaseCount} — ${d.name}`;
}
