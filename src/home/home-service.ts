// Gathers what one person's App Home shows.
import type { Clock } from '../clock';
import type { QuestionService } from '../questions/question-service';
import { computeInsights, type HomeIncident, type HomeTicket, type TicketTargetOutcome } from './home';
import type { HomeModel } from './home-blocks';

/** What the tickets capability tells the home tab. */
export interface HomeTicketsPort {
  listByRequester(userId: string): Promise<HomeTicket[]>;
  listOpen(): Promise<HomeTicket[]>;
  targetOutcomesSince(since: Date): Promise<TicketTargetOutcome[]>;
}

export interface HomeIncidentsPort {
  active(): Promise<HomeIncident[]>;
}

const INSIGHTS_WINDOW_DAYS = 30;

export function createHomeService(deps: {
  questions: QuestionService;
  clock: Clock;
  tickets?: HomeTicketsPort;
  incidents?: HomeIncidentsPort;
}) {
  return {
    async modelFor(userId: string): Promise<HomeModel> {
      const now = deps.clock.now();
      const since = now.minus({ days: INSIGHTS_WINDOW_DAYS }).toJSDate();
      const [myQuestions, teamQueue, recent, myTickets, teamTickets, outcomes, incidents] = await Promise.all([
        deps.questions.listByRequester(userId, 8),
        deps.questions.listOpen(15),
        deps.questions.listCreatedSince(since),
        deps.tickets?.listByRequester(userId) ?? [],
        deps.tickets?.listOpen() ?? [],
        deps.tickets?.targetOutcomesSince(since) ?? [],
        deps.incidents?.active() ?? [],
      ]);
      return {
        myQuestions,
        myTickets,
        teamQueue,
        teamTickets,
        incidents,
        insights: computeInsights(recent, outcomes, since, now.toJSDate()),
      };
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
