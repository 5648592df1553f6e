// The weekly digest at work: built from the questions and tickets services, published once per period (its key is
// the period, so instances and restarts publish it once); a liaison can post one now.
import type { Clock } from '../clock';
import { invalidState, notAllowed } from '../errors';
import { insightsCsv, parsePeriod, type Period } from './home-insights-export';
import type { QuestionService } from '../questions/question-service';
import type { TicketService } from '../tickets/ticket-service';
import { computeDigest, latestDigestTime, type Digest, type DigestSchedule } from './home-digest';

/** Where the digest goes (digest-notifier.ts): the team channel and the CSM's inbox, once per key. */
export interface DigestNotifier {
  publish(key: string, digest: Digest): Promise<void>;
}
const PERIOD_DAYS = 7;
/** A digest whose time passed while the app was down is still posted within this long; later, the next one waits. */
const LATE_POST_MS = 24 * 3_600_000;
const OPEN_LISTED = 500;

export interface DigestServiceDeps {
  questions: Pick<QuestionService, 'listCreatedSince' | 'listOpen'>;
  tickets: Pick<TicketService, 'listCreatedSince' | 'listJudgedBetween' | 'listOpen' | 'listOpenProposals'>;
  notifier: DigestNotifier;
  clock: Clock;
  schedule?: DigestSchedule;
  isLiaison: (userId: string) => Promise<boolean>;
}

/** `/goodtime-help insights`: the figures of a period and its CSV. */
export interface InsightsExport {
  period: Period;
  digest: Digest;
  csv: string;
  rows: number;
}

export type DigestService = ReturnType<typeof createDigestService>;

export function createDigestService(deps: DigestServiceDeps) {
  /**
   * The questions and tickets created since `from` (and what is open now), the tickets whose targets were met or
   * missed in the period, and the figures over them. An export names its end (`until`); the weekly digest counts up to
   * the moment it is built.
   */
  async function gather(from: Date, to: Date, until?: Date) {
    const inPeriod = <T extends { createdAt: Date }>(items: T[]) => items.filter((i) => i.createdAt >= from && (!until || i.createdAt <= until));
    const [questions, tickets, judged, openQuestions, openTickets, proposals] = await Promise.all([
      deps.questions.listCreatedSince(from).then(inPeriod),
      deps.tickets.listCreatedSince(from).then(inPeriod),
      deps.tickets.listJudgedBetween(from, to),
      deps.questions.listOpen(OPEN_LISTED),
      deps.tickets.listOpen(OPEN_LISTED),
      deps.tickets.listOpenProposals(),
    ]);
    return { questions, tickets, digest: computeDigest({ questions, tickets, judged, openQuestions, openTickets, proposals, from, to }) };
  }

  async function post(key: string, to: Date): Promise<Digest> {
    const { digest } = await gather(new Date(to.getTime() - PERIOD_DAYS * 86_400_000), to);
    await deps.notifier.publish(key, digest);
    return digest;
  }

  return {
    /** A liaison's insights for a CSM review: the period's figures and a CSV of its questions and tickets. */
    async insightsFor(userId: string, arg: string, zone: string): Promise<InsightsExport> {
      if (!(await deps.isLiaison(userId))) throw notAllowed("Only a liaison can export the team's insights. App Home shows the last 30 days to everyone.");
      const now = deps.clock.now();
      const period = parsePeriod(arg, now, zone);
      if ('error' in period) throw invalidState(period.error);
      const { questions, tickets, digest } = await gather(period.from, period.to, period.to);
      return { period, digest, csv: insightsCsv(questions, tickets, now.toJSDate()), rows: questions.length + tickets.length };
    },

    /** Job (every few minutes): the period's digest, once its time has come (and not days late). */
    async postScheduled(): Promise<void> {
      if (!deps.schedule) return;
      const now = deps.clock.now();
      const at = latestDigestTime(deps.schedule, now);
      if (now.toMillis() - at.toMillis() > LATE_POST_MS) return;
      await post(`digest:${at.toFormat("yyyy-LL-dd'T'HH:mm")}`, at.toJSDate());
    },

    /** `/goodtime-help digest`: a liaison posts one now (besides the weekly one). */
    async postNow(userId: string): Promise<Digest> {
      if (!(await deps.isLiaison(userId))) throw notAllowed('Only a liaison can post the digest. It is posted every week on its own.');
      const now = deps.clock.now();
      return post(`digest:now:${now.toMillis()}:${userId}`, now.toJSDate());
    },
  };
}
