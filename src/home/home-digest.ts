// Pure: the weekly digest the team (and the CSM) reads — what is open and how old, which vendor targets were met or
// missed, how fast the team answered, how much was escalated or deflected, where knowledge is missing — and when
// it is due (DIGEST_SCHEDULE, e.g. "Mon 09:00" in the team's zone).
import type { DateTime } from 'luxon';
import type { Question } from '../questions/question';
import { rankProposals, sentToVendor, updateOutcomesOf, votesOf, type Ticket } from '../tickets/ticket';
import { computeInsights, vendorOutcomes, type Insights } from './home';

export interface DigestSchedule {
  /** 1 = Monday … 7 = Sunday (luxon's weekday). */
  weekday: number;
  hour: number;
  minute: number;
  zone: string;
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "Mon 09:00" → the weekday and time; undefined for "off". Throws with what is expected otherwise. */
export function parseDigestSchedule(spec: string, zone: string): DigestSchedule | undefined {
  const text = spec.trim().toLowerCase();
  if (text === 'off') return undefined;
  const match = text.match(/^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\s+(\d{1,2}):(\d{2})$/);
  const hour = Number(match?.[2]);
  const minute = Number(match?.[3]);
  if (!match || hour > 23 || minute > 59) throw new Error('expected a weekday and a time, e.g. "Mon 09:00", or "off"');
  return { weekday: WEEKDAYS.indexOf(match[1] as string) + 1, hour, minute, zone };
}

/** The latest scheduled moment at or before `now` (the period a digest posted now belongs to). */
export function latestDigestTime(schedule: DigestSchedule, now: DateTime): DateTime {
  const local = now.setZone(schedule.zone);
  let at = local.set({ weekday: schedule.weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7, hour: schedule.hour, minute: schedule.minute, second: 0, millisecond: 0 });
  if (at > local) at = at.minus({ weeks: 1 });
  return at;
}

export interface AgeBuckets {
  underADay: number;
  oneToThreeDays: number;
  overThreeDays: number;
}

export interface TargetTally {
  acknowledgementMet: number;
  acknowledgementMissed: number;
  updatesMet: number;
  updatesMissed: number;
  workaroundMet: number;
  workaroundMissed: number;
}

export interface Digest {
  from: Date;
  to: Date;
  openQuestions: AgeBuckets;
  openTickets: AgeBuckets;
  targets: TargetTally;
  insights: Insights;
  /** The open feature-request proposals with the most votes (the seeds: vote inside, take the larger ones on). */
  topProposals: { key: string; title: string; votes: number }[];
}

const TOP_PROPOSALS = 3;

function ages(createdAts: Date[], now: Date): AgeBuckets {
  const days = createdAts.map((at) => (now.getTime() - at.getTime()) / 86_400_000);
  return { underADay: days.filter((d) => d < 1).length, oneToThreeDays: days.filter((d) => d >= 1 && d <= 3).length, overThreeDays: days.filter((d) => d > 3).length };
}

/**
 * Targets met or missed in the period, whenever their tickets were filed: an acknowledgement met when it came, missed
 * when it fell due; each update and workaround deadline when it was recorded.
 */
export function tallyTargets(tickets: Ticket[], from: Date, to: Date): TargetTally {
  const within = (d: Date | undefined) => d !== undefined && d >= from && d <= to;
  const updates = tickets.flatMap((t) => updateOutcomesOf(t)).filter((u) => within(u.at));
  return {
    acknowledgementMet: tickets.filter((t) => t.acknowledgedAt && t.acknowledgedAt <= t.acknowledgementDueAt && within(t.acknowledgedAt)).length,
    acknowledgementMissed: tickets.filter((t) => (!t.acknowledgedAt || t.acknowledgedAt > t.acknowledgementDueAt) && within(t.acknowledgementDueAt)).length,
    updatesMet: updates.filter((u) => u.met).length,
    updatesMissed: updates.filter((u) => !u.met).length,
    workaroundMet: tickets.filter((t) => within(t.workaroundMetAt)).length,
    workaroundMissed: tickets.filter((t) => within(t.workaroundMissedAt)).length,
  };
}

/** `tickets`: filed in the period (the insights); `judged`: with a target met or missed in it (the tally). */
export function computeDigest(input: { questions: Question[]; tickets: Ticket[]; judged: Ticket[]; openQuestions: Question[]; openTickets: Ticket[]; proposals?: Ticket[]; from: Date; to: Date }): Digest {
  // A proposal still voted inside has no vendor targets: only tickets with the vendor count here.
  const withVendor = input.tickets.filter(sentToVendor);
  return {
    from: input.from,
    to: input.to,
    openQuestions: ages(input.openQuestions.map((q) => q.createdAt), input.to),
    openTickets: ages(input.openTickets.filter(sentToVendor).map((t) => t.createdAt), input.to),
    targets: tallyTargets(input.judged.filter(sentToVendor), input.from, input.to),
    insights: computeInsights(input.questions, vendorOutcomes(withVendor), input.from, input.to),
    topProposals: rankProposals(input.proposals ?? []).slice(0, TOP_PROPOSALS).map((t) => ({ key: t.key, title: t.title, votes: votesOf(t) })),
  };
}
