// Gathers what one person's App Home shows, from the questions, tickets and incidents services.
import type { Clock } from '../clock';
import type { IncidentService } from '../incidents/incident-service';
import { INCIDENT_STATUSES } from '../incidents/incident';
import { findTicketType, type ProcessDefinition } from '../process';
import type { QuestionService } from '../questions/question-service';
import { sentToVendor, stageLabel, voteCount, votesOf, type Ticket } from '../tickets/ticket';
import type { TicketService } from '../tickets/ticket-service';
import { computeInsights, vendorOutcomes, type HomeModel, type HomeTicket } from './home';

const INSIGHTS_WINDOW_DAYS = 30;

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
    if (!sentToVendor(t)) {
      // A proposal still voted inside (or declined): no vendor phase or target to show.
      const label = t.proposal?.state === 'declined' ? 'Declined proposal' : `Proposal voted in the team · ${voteCount(votesOf(t))}`;
      return { key: t.key, title: t.title, stageLabel: label, acknowledged: false, permalink: t.cardPermalink, open: t.stage !== 'closed', updatesMissed: 0, workaroundMissed: false };
    }
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
      const outcomes = vendorOutcomes(filedRecently);
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
