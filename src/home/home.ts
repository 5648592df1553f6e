// What the App Home shows, as plain data, and the insights the team brings to CSM reviews.
import type { Question, QuestionCategory } from '../questions/question';
import { sentToVendor, type Ticket } from '../tickets/ticket';

/** What one person's App Home shows. */
export interface HomeModel {
  /** A liaison also gets the buttons to file a ticket and declare an incident. */
  liaison: boolean;
  myQuestions: Question[];
  myTickets: HomeTicket[];
  teamQueue: Question[];
  teamTickets: HomeTicket[];
  incidents: HomeIncident[];
  insights: Insights;
}

/** A ticket as the home tab lists it. */
export interface HomeTicket {
  key: string;
  title: string;
  stageLabel: string;
  ackDueAt?: Date;
  acknowledged: boolean;
  permalink?: string;
  open: boolean;
  /** The vendor's next update due (overdue when some were missed), while the ticket is with the vendor. */
  updateDueAt?: Date;
  updatesMissed: number;
  workaroundDueAt?: Date;
  workaroundMissed: boolean;
}

export interface HomeIncident {
  title: string;
  status: string;
  updatedAt: Date;
}

export interface Insights {
  since: Date;
  asked: number;
  answered: number;
  /** Solved while asking by an answer given before: they never reached the team. */
  deflected: number;
  /** Of the questions asked in the period, the share deflected. */
  deflectionRate: number | null;
  escalated: number;
  /** Median minutes from asking to the first team reply, over questions that got one. */
  medianMinutesToFirstAnswer: number | null;
  escalationRate: number | null;
  /** Of tickets whose acknowledgement target has passed or was met, the share acknowledged in time. */
  vendorTargetsMet: number | null;
  /** Of the 👍 / 👎 given on answered questions and closed tickets, the share of 👍. */
  satisfaction: number | null;
  ratings: number;
  /** Categories whose questions most often went unanswered or escalated: where the team lacks knowledge. */
  knowledgeGaps: { category: QuestionCategory; escalatedOrOpen: number; asked: number }[];
}

export interface TicketTargetOutcome {
  ackDueAt: Date;
  acknowledgedAt?: Date;
  rating?: 'up' | 'down';
}

/** What the insights read of tickets: only those with the vendor (a proposal voted inside has no vendor target). */
export const vendorOutcomes = (tickets: Ticket[]): TicketTargetOutcome[] =>
  tickets.filter(sentToVendor).map((t) => ({ ackDueAt: t.acknowledgementDueAt, acknowledgedAt: t.acknowledgedAt, rating: t.feedback?.rating }));

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export function computeInsights(questions: Question[], tickets: TicketTargetOutcome[], since: Date, now: Date): Insights {
  const recent = questions.filter((q) => q.createdAt >= since);
  const minutesToFirst = recent
    .filter((q) => q.firstResponse)
    .map((q) => ((q.firstResponse as { at: Date }).at.getTime() - q.createdAt.getTime()) / 60_000);
  const escalated = recent.filter((q) => q.escalation).length;
  const deflected = recent.filter((q) => q.status === 'deflected').length;
  const judged = tickets.filter((t) => t.acknowledgedAt || t.ackDueAt <= now);
  const met = judged.filter((t) => t.acknowledgedAt && t.acknowledgedAt <= t.ackDueAt).length;
  const ratings = [...recent.map((q) => q.feedback?.rating), ...tickets.map((t) => t.rating)].filter((r) => r !== undefined);
  const byCategory = new Map<QuestionCategory, { asked: number; escalatedOrOpen: number }>();
  for (const q of recent) {
    const entry = byCategory.get(q.category) ?? { asked: 0, escalatedOrOpen: 0 };
    entry.asked += 1;
    if (q.escalation || (q.status === 'open' && !q.firstResponse)) entry.escalatedOrOpen += 1;
    byCategory.set(q.category, entry);
  }
  return {
    since,
    asked: recent.length,
    answered: recent.filter((q) => q.status === 'answered').length,
    deflected,
    deflectionRate: recent.length ? deflected / recent.length : null,
    satisfaction: ratings.length ? ratings.filter((r) => r === 'up').length / ratings.length : null,
    ratings: ratings.length,
    escalated,
    medianMinutesToFirstAnswer: median(minutesToFirst),
    escalationRate: recent.length ? escalated / recent.length : null,
    vendorTargetsMet: judged.length ? met / judged.length : null,
    knowledgeGaps: [...byCategory.entries()]
      .map(([category, v]) => ({ category, ...v }))
      .filter((g) => g.escalatedOrOpen > 0)
      .sort((a, b) => b.escalatedOrOpen - a.escalatedOrOpen)
      .slice(0, 5),
  };
}
