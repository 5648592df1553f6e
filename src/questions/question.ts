// A question to the internal project team: what it is, and the pure rules of its life.
import type { DateTime, Duration } from 'luxon';
import type { BusinessCalendar } from '../calendar/business-calendar';

export const QUESTION_CATEGORIES = {
  'how-to': 'How-to',
  'scheduling-blocker': 'Scheduling blocker',
  bug: 'Bug or data issue',
  'feature-request': 'Feature request',
  other: 'Other',
} as const;
export type QuestionCategory = keyof typeof QUESTION_CATEGORIES;

/** `deflected`: an answer given before solved it while asking; it never reached the team. */
export type QuestionStatus = 'open' | 'answered' | 'escalated' | 'withdrawn' | 'deflected';

export interface QuestionContext {
  interviewUrl?: string;
  candidate?: string;
  interviewer?: string;
  position?: string;
  interviewTemplate?: string;
  dateFrom?: string; // ISO date, as picked
  dateTo?: string;
  errorMessage?: string;
}

export interface MessageRef {
  channel: string;
  ts: string;
}

export interface ThreadReply {
  userId: string;
  ts: string;
  text: string;
  at: Date;
}

export interface Question {
  id: string;
  requesterId: string;
  text: string;
  category: QuestionCategory;
  blocked: boolean;
  context: QuestionContext;
  status: QuestionStatus;
  createdAt: Date;
  /** When the internal SLA clock started (the next business opening after asking, or reopening). */
  slaStartedAt: Date;
  remindAt: Date;
  dueAt: Date;
  remindedAt?: Date;
  card?: MessageRef;
  cardPermalink?: string;
  claimedBy?: string;
  firstResponse?: { userId: string; ts: string; at: Date };
  replies: ThreadReply[];
  answer?: {
    userId: string;
    ts: string;
    text: string;
    acceptedBy: string;
    at: Date;
    /** It works again: the incident it was about was resolved. */
    incidentId?: string;
    /** Closed by itself: the asker never said whether the team's reply answered it. */
    autoClosed?: boolean;
  };
  /** The asker's 👍 / 👎 once it was answered. */
  feedback?: { rating: 'up' | 'down'; at: Date };
  /** "Did this answer it?", asked about the latest team reply (`replyTs`) once the thread went quiet. */
  answerCheck?: { replyTs: string; askedAt: Date; answer?: 'no'; answeredAt?: Date };
  /** `proposal`: the ticket is a feature-request proposal the team votes on before it goes to the vendor. */
  escalation?: { at: Date; by: 'sla' | string; ticketId?: string; ticketKey?: string; ticketPermalink?: string; proposal?: boolean };
  withdrawnAt?: Date;
  editedAt?: Date;
  /** The edit forms already applied (a double submit edits once). */
  editOrigins?: string[];
  /** When everything asking it entails was done: timers, card, the asker's confirmation, the others told. */
  announcedAt?: Date;
  /** Its form was answered "could not save in time": it is not announced unless the same form is submitted again. */
  abandonedAt?: Date;
  reopenCount: number;
  incidentId?: string;
  incidentTitle?: string;
  /** An answered question offered while asking, before this one reached the team, and what the asker did. */
  suggestion?: { questionId: string; question: string; offeredAt: Date; outcome?: 'solved' | 'asked'; at?: Date };
  /** Linked to an active incident: the SLA waits (no reminder, no escalation) with this much business time left. */
  slaPause?: { at: Date; remainingMs: number };
}

/** An incident as a question linked to it shows it. */
export interface IncidentRef {
  id: string;
  title: string;
  /** "Investigating", "Identified", … */
  status?: string;
  latest?: string;
}

export interface SlaSettings {
  questionEscalateAfter: Duration;
  blockerEscalateAfter: Duration;
}

/** Questions that close: when the asker is asked whether the team's reply answered it, and when it closes by itself. */
export interface AnswerCheckSettings {
  /** A question with replies but no accepted answer: "Did this answer it?" after this quiet time. */
  confirmAfter: Duration;
  /** …and it closes by itself this long after that, if they never say. */
  autocloseAfter: Duration;
}

/** Business time after `start`; whole days count business days ("1d" is the next business day, same time). */
export function afterBusinessSpan(calendar: BusinessCalendar, start: DateTime, span: Duration): DateTime {
  const parts = span.shiftTo('days', 'hours', 'minutes', 'seconds', 'milliseconds').toObject();
  const wholeDays = !parts.hours && !parts.minutes && !parts.seconds && !parts.milliseconds && (parts.days ?? 0) > 0;
  return wholeDays ? calendar.addBusinessDays(start, parts.days as number) : calendar.addBusinessTime(start, span);
}

/** The team's latest reply in the thread (not the asker's). */
export const latestTeamReply = (q: Pick<Question, 'requesterId' | 'replies'>) => teamReplies(q).at(-1);

const REMINDER_SHARE = 0.75;

/** `allowance` of business time from `startedAt`: a reminder at 75 % of it, escalation at 100 %. */
export function slaTimersFor(calendar: BusinessCalendar, startedAt: DateTime, allowance: Duration) {
  return {
    slaStartedAt: calendar.nextOpening(startedAt),
    remindAt: calendar.addBusinessTime(startedAt, allowance.mapUnits((v) => v * REMINDER_SHARE)),
    dueAt: calendar.addBusinessTime(startedAt, allowance),
  };
}

/** The internal SLA in business time, by the question's urgency. */
export function slaTimers(calendar: BusinessCalendar, startedAt: DateTime, blocked: boolean, settings: SlaSettings) {
  return slaTimersFor(calendar, startedAt, blocked ? settings.blockerEscalateAfter : settings.questionEscalateAfter);
}

export const isWaitingForAnswer = (q: Pick<Question, 'status' | 'firstResponse'>) =>
  q.status === 'open' && q.firstResponse === undefined;

/** Replies by anyone but the requester (and not the bot) are candidate answers. */
export const teamReplies = (q: Pick<Question, 'requesterId' | 'replies'>) => q.replies.filter((r) => r.userId !== q.requesterId);

export const MIN_QUESTION_LENGTH = 10;
export const MAX_QUESTION_LENGTH = 3000;
export const MAX_REPLIES_KEPT = 20;

/** Reactions by which a requester accepts a reply as the answer. */
export const ACCEPT_REACTIONS = new Set(['white_check_mark', 'heavy_check_mark', 'ballot_box_with_check']);

export interface IncomingMessage {
  channel?: string;
  thread_ts?: string;
  ts: string;
  user?: string;
  text?: string;
  subtype?: string;
  bot_id?: string;
}

/** A person's reply in a thread of the team channel: the only messages questions keep (a candidate answer). */
export function isTeamThreadReply(message: Partial<IncomingMessage>, teamChannelId: string): message is IncomingMessage & { channel: string; thread_ts: string; user: string } {
  const isThreadReply = Boolean(message.thread_ts) && message.thread_ts !== message.ts;
  if (message.channel !== teamChannelId || !isThreadReply || !message.user || message.bot_id) return false;
  return !message.subtype || message.subtype === 'thread_broadcast';
}

/** A reaction that accepts a reply as the answer (the others are never stored or answered). */
export function isAcceptingReaction(event: { reaction?: string; item?: { type?: string } }): boolean {
  return ACCEPT_REACTIONS.has(event.reaction ?? '') && event.item?.type === 'message';
}
