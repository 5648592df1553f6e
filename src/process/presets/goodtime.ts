import type { ProcessDefinition, Severity, Transitions } from '../process-schema';
import { goodtimeTicketTypes } from './goodtime-ticket-types';

// Levels, meanings and targets from the table in seeds/README.md; S1=P0 … S5=P4 is our mapping (configurable).
export const goodtimeSeverities: Severity[] = [
  {
    id: 'S1',
    vendorLevel: 'P0',
    label: 'Critical',
    meaning: 'Critical functions unreachable, data corruption',
    acknowledgement: { amount: 30, unit: 'minutes', anyHour: true },
    updates: { every: { amount: 4, unit: 'business hours' }, text: 'Every 4 business hours until the cause is found' },
    workaround: { amount: 1, unit: 'business days' },
  },
  {
    id: 'S2',
    vendorLevel: 'P1',
    label: 'High',
    meaning: 'Major function broken, no workaround; severe slowness; wrong values',
    acknowledgement: { amount: 4, unit: 'business hours', anyHour: false },
    updates: { every: { amount: 1, unit: 'business days' }, text: 'Every business day' },
    workaround: { amount: 3, unit: 'business days' },
  },
  {
    id: 'S3',
    vendorLevel: 'P2',
    label: 'Medium',
    meaning: 'Minor function broken, workaround exists',
    acknowledgement: { amount: 1, unit: 'business days', anyHour: false },
    updates: null,
    workaround: { amount: 10, unit: 'business days' },
  },
  {
    id: 'S4',
    vendorLevel: 'P3',
    label: 'Low',
    meaning: 'Cosmetic; help-system issues',
    acknowledgement: { amount: 3, unit: 'business days', anyHour: false },
    updates: null,
    workaround: null,
  },
  {
    id: 'S5',
    vendorLevel: 'P4',
    label: 'Enhancement',
    meaning: 'Enhancement requests',
    acknowledgement: { amount: 5, unit: 'business days', anyHour: false },
    updates: null,
    workaround: null,
  },
];

export const goodtimeTransitions: Transitions = {
  skipForward: true,
  backward: 'with-reason',
  onHold: {
    label: 'On hold — awaiting confirmation',
    meaning: 'The fix is on production; the ticket stays on hold until the person who reported it confirms it is resolved.',
  },
  closed: { label: 'Closed', meaning: 'The ticket is resolved and closed. It can be re-opened to ask follow-up questions.' },
};

export const goodtimeProcess: ProcessDefinition = {
  id: 'goodtime',
  vendor: {
    name: 'GoodTime',
    supportEmail: 'support@goodtime.io',
    ticketPrefix: 'GT',
    firstTicketNumber: 1001,
    links: {}, // product board and CSM booking links are per customer: PRODUCT_BOARD_URL, CSM_BOOKING_URL
  },
  // Support answers 24/7 but "engineering is not yet 24/7": S2–S5 after 6 PM PT may wait for the next business day (seed 002).
  calendar: { zone: 'America/Los_Angeles', hours: 'Mon-Fri 09:00-18:00', holidays: 'US', cutoff: '18:00' },
  severities: goodtimeSeverities,
  ticketTypes: goodtimeTicketTypes,
  transitions: goodtimeTransitions,
  timeframeNote:
    "All Timeframes are general guidelines and are affected by a number of different factors, including the volume of requests, the severity of concerns, the depth of review, the number of affected customers, available workarounds, etc. Since each Bug, Request or Question is unique and we are limited by our team's bandwidth, we are not able to commit to an exact time frame for all inquiries of a given type, but we also feel it's important to know what our general expectations are. We appreciate your understanding and flexibility!",
  // Seed 001 (26 Feb 2026) wording, which stands over seed 000.
  escalation: {
    internalTeam:
      'Utilize your Internal Project Team (via Slack, Wiki, Email, etc.) to review knowledge-based questions or for support in troubleshooting scheduling blockers. To be used to escalate ongoing issues, address knowledge gaps, or submit larger feature requests for review.',
    support:
      'Reach out to GoodTime Support if your question is unanswered, if you are encountering a bug, or need on-the-fly support unblocking a scheduling issue.',
    productBoard:
      'If you have a Product Suggestion please feel free to add your suggestion directly to the GoodTime Product board so that our product team can take your suggestions into consideration as they plan future GoodTime features and updates.',
    csm: "Work with your CSM to address any knowledge gaps, high-impact bugs, or larger feature requests. If you do not have your CSM's details, the pink 'Speak to a CSM' button in the top right of your GoodTime dashboard leads to their meeting booking link.",
  },
};
