// Gathers what one person's App Home shows, from the questions, tickets and incidents services.
import type { Clock } from '../clock';
import type { IncidentService } from '../incidents/incident-service';
import { INCIDENT_STATUSES } from '../incidents/incident';
import { findTicketType, type ProcessDefinition } from '../process';
import type { QuestionService } from '../questions/question-service';
import { stageLabel, type Ticket } from '../tickets/ticket';
import type { TicketService } from '../tickets/ticket-service';
import { computeInsights, type HomeModel, type HomeTicket } from './home';
import { computeDigest, type Digest } from './digest';
import { insightsCsv, parsePeriod, type Period } from './insights-export';
import { invalidState, notAllowed } from '../errors';

const INSIGHTS_WINDOW_DAYS = 30;

/** `/goodtime-help insights`: the figures of a period and its CSV. */
export interface InsightsExport {
  period: Period;
  digest: Digest;
  csv: string;
  rows: number;
}

export interface HomeServiceDeps {
  questions: QuestionService;
  tickets: TicketService;
  incidents: IncidentService;
  process: ProcessDefinition;
  clock: Clock;
  isLiaison: (userId: string) => Promise<boolean>;
}

export function createHomeService(deps: HomeServiceDeps) {
  const toHomeTicket = (t: Ticket): HomeTicket => {
    const type = findTicketType(deps.process, t.typeId);
    return {
      key: t.key,
      title: t.title,
      stageLabel: type ? stageLabel(deps.process, type, t.stage) : String(t.stage),
      ackDueAt: t.acknowledgementDueAt,
      acknowledged: t.acknowledgedAt !== undefined,
      permalink: t.cardPermalink,
      open: t.stage !== 'closed',
      ...(typeof t.stage === 'number' && t.updateDueAt ? { updateDueAt: t.updateDueAt } : {}),
      updatesMissed: t.updatesMissed ?? 0,
      ...(typeof t.stage === 'number' && t.workaroundDueAt && !t.workaroundMetAt ? { workaroundDueAt: t.workaroundDueAt } : {}),
      workaroundMissed: Boolean(t.workaroundMissedAt),
    };
  };

  return {
    /** A liaison's insights for a CSM review: the period's figures and a CSV of its questions and tickets. */
    async insightsFor(userId: string, arg: string, zone: string): Promise<InsightsExport> {
      if (!(await deps.isLiaison(userId))) throw notAllowed("Only a liaison can export the team's insights. App Home shows the last 30 days to everyone.");
      const now = deps.clock.now();
      const period = parsePeriod(arg, now, zone);
      if ('error' in period) throw invalidState(period.error);
      const inPeriod = <T extends { createdAt: Date }>(items: T[]) => items.filter((i) => i.createdAt >= period.from && i.createdAt <= period.to);
      const [questions, tickets, openQuestions, openTickets] = await Promise.all([
        deps.questions.listCreatedSince(period.from).then(inPeriod),
        deps.tickets.listCreatedSince(period.from).then(inPeriod),
        deps.questions.listOpen(500),
        deps.tickets.listOpen(500),
      ]);
      const digest = computeDigest({ questions, tickets, openQuestions, openTickets, from: period.from, to: period.to });
      return { period, digest, csv: insightsCsv(questions, tickets, now.toJSDate()), rows: questions.length + tickets.length };
    },

    async modelFor(userId: string): Promise<HomeModel> {
      const now = deps.clock.now();
      const since = now.minus({ days: INSIGHTS_WINDOW_DAYS }).toJSDate();
      const [liaison, myQuestions, teamQueue, recent, myTickets, teamTickets, filedRecently, incidents] = await Promise.all([
        deps.isLiaison(userId).catch(() => false), // a user-group look-up that fails hides two buttons, not the home
        deps.questions.listByRequester(userId, 8),
        deps.questions.listOpen(15),
        deps.questions.listCreatedSince(since),
        deps.tickets.listByRequester(userId, 8),
        deps.tickets.listOpen(15),
        deps.tickets.listCreatedSince(since),
        deps.incidents.listActivePublished(),
      ]);
      const outcomes = filedRecently.map((t) => ({ ackDueAt: t.acknowledgementDueAt, acknowledgedAt: t.acknowledgedAt, rating: t.feedback?.rating }));
      return {
        liaison,
        myQuestions,
        myTickets: myTickets.map(toHomeTicket),
        teamQueue,
        teamTickets: teamTickets.map(toHomeTicket),
        incidents: incidents.map((i) => ({ title: i.title, status: INCIDENT_STATUSES[i.status], updatedAt: i.lastUpdateAt })),
        insights: computeInsights(recent, outcomes, since, now.toJSDate()),
      };
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
