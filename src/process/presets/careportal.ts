import type { Phase, ProcessDefinition, Severity, TicketField, TicketType } from '../process-schema';
import { goodtimeSeverities } from './goodtime';

// Seed 004: CarePortal's ticket life cycle. Texts are the seed's own sentences, split over the phases they describe.

// The only published promise is "communicate with you within one business day", whatever the level.
const careportalSeverities: Severity[] = goodtimeSeverities.map((severity) => ({
  ...severity,
  acknowledgement: { amount: 1, unit: 'business days', anyHour: false },
  updates: null,
  workaround: null,
}));

const withinOneBusinessDay: Phase['timeframe'] = {
  min: null,
  max: { amount: 1, unit: 'business days' },
  text: 'Within one business day',
};

const received: Phase = {
  name: 'New Ticket Received',
  meaning:
    'Support tickets can be created through email, the mobile app, and the support widget. Sometimes this process takes 5 minutes, other times it takes multiple months depending on the issue/enhancement.',
  timeframe: withinOneBusinessDay,
  nextSteps: 'A Support Team member will claim it and determine what action is required.',
};

const claimed = (whatItIs: string): Phase => ({
  name: 'Claim & Categorize Ticket',
  meaning: `Once a ticket has come into our queue, a Support Team member will claim it and determine what action is required. ${whatItIs}`,
  timeframe: withinOneBusinessDay,
  nextSteps: 'The Support Team member will aim to communicate with you within one business day.',
});

const communicating = (nextSteps: string): Phase => ({
  name: 'Communicate with End User',
  meaning:
    'The Support Team member will aim to communicate with you within one business day. Depending on what is needed, they may require additional details to troubleshoot thoroughly and provide the next steps.',
  timeframe: null,
  nextSteps,
});

const escalated = (meaning: string, nextSteps: string): Phase => ({ name: 'Escalate to Developers', meaning, timeframe: null, nextSteps });
const resolved = (meaning: string, nextSteps: string): Phase => ({ name: 'Resolve Ticket', meaning, timeframe: null, nextSteps });

const references: TicketField = {
  id: 'references',
  label: 'Relevant email addresses, Request IDs, links, screenshots',
  kind: 'multiline',
  required: false,
  hint: 'Anything that helps the Support Team find what you are looking at.',
};
const tryingToDo: TicketField = { id: 'tryingToDo', label: 'What were you trying to do?', kind: 'multiline', required: true };

const bug: TicketType = {
  id: 'bug',
  label: 'Bug',
  description: "The system isn't working the way it was designed to work.",
  fields: [
    tryingToDo,
    { id: 'expected', label: 'What were you expecting to happen?', kind: 'multiline', required: true },
    { id: 'actual', label: 'What actually happened?', kind: 'multiline', required: true },
    references,
  ],
  defaultSeverity: 'S3',
  closing: 'confirm-with-reporter',
  productBoard: false,
  csmEscalation: false,
  phases: [
    received,
    claimed("The user may be encountering a bug, meaning the system isn't working the way it was designed to work."),
    communicating('When necessary, the Support Team member will escalate tickets to the development team.'),
    escalated(
      "If there's a bug in the system, Support will create a prioritized ticket with the developers. For large-scale issues, status.careportal.org will be updated.",
      'Once the bug is fixed, the ticket moves to Resolve Ticket.',
    ),
    resolved(
      'For bugs, the support ticket will stay "On-hold" until a Support Team member can follow up with the user(s) who reported the issue to verify resolution. If the bug was added to status.careportal.org, they will also update that, notifying all subscribers that the issue has been resolved.',
      'Confirm that the fix works for you so the ticket can be closed.',
    ),
  ],
};

const enhancement: TicketType = {
  id: 'enhancement',
  label: 'Enhancement request',
  description: 'Feedback about new features you would like to see.',
  fields: [
    { id: 'request', label: 'What would you like to see?', kind: 'multiline', required: true },
    { id: 'why', label: 'How would it help you?', kind: 'multiline', required: false },
    references,
  ],
  defaultSeverity: 'S5',
  closing: 'close',
  productBoard: false,
  csmEscalation: false,
  phases: [
    received,
    claimed('In some cases, the user has feedback about new features they would like to see.'),
    communicating('When necessary, the Support Team member will pass the feedback to the development team.'),
    escalated('Feedback also undergoes a review and prioritization process.', 'The ticket is resolved once the feedback has been reviewed.'),
    resolved('For enhancements, the support ticket will be closed.', 'We cannot guarantee all enhancement requests will be implemented.'),
  ],
};

const question: TicketType = {
  id: 'question',
  label: 'Question',
  description: 'The user just needs more information.',
  fields: [
    { id: 'question', label: 'Your question', kind: 'multiline', required: true },
    { ...tryingToDo, required: false },
    references,
  ],
  defaultSeverity: 'S4',
  closing: 'close',
  productBoard: false,
  csmEscalation: false,
  // Questions skip "Escalate to Developers": one that turns out to be a bug is filed again as a bug.
  phases: [
    received,
    claimed('In some cases, the user just needs more information.'),
    communicating('Once you have what you need, the ticket is resolved.'),
    resolved('The Support Team has answered your question and the support ticket will be closed.', 'None.'),
  ],
};

export const careportalProcess: ProcessDefinition = {
  id: 'careportal',
  vendor: {
    name: 'CarePortal',
    supportEmail: 'support@careportal.org',
    ticketPrefix: 'CP',
    firstTicketNumber: 1001,
    links: { statusPage: 'https://status.careportal.org' },
  },
  // CarePortal publishes no hours; it is run from Kansas City (Global Orphan Project), so we assume Central
  // time, a 9-to-5 working day and US holidays. A process file overrides this.
  calendar: { zone: 'America/Chicago', hours: 'Mon-Fri 09:00-17:00', holidays: 'US', cutoff: null },
  severities: careportalSeverities,
  ticketTypes: [bug, enhancement, question],
  transitions: {
    skipForward: true,
    backward: 'with-reason',
    onHold: {
      label: 'On-hold — awaiting verification',
      meaning: 'The support ticket stays "On-hold" until a Support Team member can follow up with the user(s) who reported the issue to verify resolution.',
    },
    closed: { label: 'Solved', meaning: 'The ticket has been solved by a CarePortal Support Team member.' },
  },
  timeframeNote: 'Sometimes this process takes 5 minutes, other times it takes multiple months depending on the issue/enhancement.',
  escalation: {
    internalTeam:
      'Use your internal project team to review knowledge-based questions and to troubleshoot together before filing a ticket.',
    support:
      'Submit a ticket to support@careportal.org (email, the mobile app or the support widget) with as many details as possible: what you were trying to do, what you were expecting to happen, what actually happened.',
    productBoard: null,
    csm: null,
  },
};
