// A ticket for unit tests, with overrides (STYLE: fixtures from builders, not casts).
import type { Ticket } from '../../src/tickets/ticket';

export function buildTicket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: '65f0c0ffee0000000000abcd',
    number: 1042,
    key: 'GT-1042',
    typeId: 'bug',
    severityId: 'S2',
    title: 'Panel invites go out twice',
    fields: {
      interviewUrl: 'https://app.goodtime.io/interviews/4711',
      tryingToDo: 'Send the onsite invites',
      actual: 'Every interviewer got two invites.\nCandidates got one.',
      candidates: 'Ada Lovelace <ada@example.com>',
      dateRange: { from: '2026-03-02', to: '2026-03-03' },
      interviewsAffected: 'many',
      usersAffected: 'organisation',
      rolesAffected: ['coordinator', 'interviewer'],
      recurrence: 'recurring',
    },
    reporterId: 'U0ANA',
    filedBy: 'U0LIA',
    origin: { kind: 'message', channel: 'C0TEAM', ts: '1.2', authorId: 'U0ANA', permalink: 'https://acme.slack.com/archives/C0TEAM/p12' },
    stage: 1,
    stageEnteredAt: new Date('2026-03-02T18:30:00Z'),
    history: [],
    createdAt: new Date('2026-03-02T18:30:00Z'),
    acknowledgementDueAt: new Date('2026-03-02T22:30:00Z'),
    cardPermalink: 'https://acme.slack.com/archives/C0TEAM/p34',
    email: { state: 'queued', to: 'support@goodtime.io' },
    voters: ['U0BEN'],
    nudges: [],
    replies: [],
    notes: [],
    ...overrides,
  };
}
