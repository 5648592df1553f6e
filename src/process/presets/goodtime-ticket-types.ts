import type { TicketType } from '../process-schema';
import { goodtimeBugFields, goodtimeFeatureFields, goodtimeQuestionFields } from './goodtime-fields';

// Phase names, "What it means" and "Next steps" are seed 003's, word for word; timeframes are its averages.

const bug: TicketType = {
  id: 'bug',
  label: 'Bug or data issue',
  description:
    "Bugs and Data issues will go through 4 separate phases as we intake the information you've provided, reach out as needed, identify the issue and determine the next steps for resolving it.",
  fields: goodtimeBugFields,
  defaultSeverity: 'S3',
  closing: 'confirm-with-reporter',
  productBoard: false,
  csmEscalation: true,
  phases: [
    {
      name: 'Request Received',
      meaning: 'Your request has been submitted and received by our Support Team.',
      timeframe: { min: { amount: 2, unit: 'business hours' }, max: { amount: 3, unit: 'business days' }, text: '2hrs - 3 Business Days' },
      nextSteps:
        "You'll get an update from our Support Team with any additional questions or updates once they've begun reviewing and moving to Phase 2.",
    },
    {
      name: 'Under Review by Support Team',
      meaning: 'The Team is reviewing, documenting, and investigating the reported issue.',
      timeframe: { min: { amount: 4, unit: 'business days' }, max: { amount: 10, unit: 'business days' }, text: '4 Business Days - 10 Business Days' },
      nextSteps:
        'You will receive updates with any additional questions needed to clarify, identify or narrow down the reported issue. Once we have what we need, this will move to Phase 3.',
    },
    {
      name: 'Bug Identified',
      meaning: 'The Team is working on identifying any workarounds, fixes, or other resolutions to your issue.',
      timeframe: { min: { amount: 1, unit: 'business days' }, max: { amount: 10, unit: 'business days' }, text: '1 - 10 Business Days' },
      nextSteps:
        "The Team will update you as soon as we've been able to identify a plan for resolution and what that plan is, moving to Phase 4.",
    },
    {
      name: 'Resolution Plan Determined',
      meaning:
        'The Team has assessed and replied back with any workarounds, fixes, or resolutions. When time-frames are available, this will be communicated - but please note that we will not always be able to commit to a specific time frame for a fix.',
      timeframe: null,
      nextSteps:
        "You will receive an email when we confirm the fix on production. Please keep your eyes on the What's New section for updates from the Team on changes to our app!",
    },
  ],
};

const feature: TicketType = {
  id: 'feature',
  label: 'Feature request',
  description:
    "Like Bugs, Feature Requests will also go through 4 separate stages, as we receive the request, evaluate it and determine if it's something we're able to get on our 6-month roadmap. Given the volume of amazing suggestions we receive, keep in mind that if something does not make it on our 6-month roadmap, it still may be something we can implement later when we revisit requests during later quarterly reviews.",
  fields: goodtimeFeatureFields,
  defaultSeverity: 'S5',
  closing: 'close',
  productBoard: true,
  votedFirst: true,
  csmEscalation: true,
  phases: [
    {
      name: "We've Received Your Request",
      meaning: 'Your request has been submitted and received by our Support Team.',
      timeframe: { min: { amount: 1, unit: 'business days' }, max: { amount: 10, unit: 'business days' }, text: '1 Business Day - 10 Business Days' },
      nextSteps: "You'll get an update from our Support Team with any additional questions or updates once they've begun reviewing.",
    },
    {
      name: 'Under Review by Support Team',
      meaning:
        'Our Support Team is reviewing your request to make sure we understand what the ask is, investigating any examples you\'ve provided, and identifying any deeper business needs that may be involved.',
      timeframe: { min: { amount: 5, unit: 'business days' }, max: { amount: 10, unit: 'business days' }, text: '5 - 10 Business Days' },
      nextSteps:
        'You will receive updates with any additional questions needed to clarify, identify or narrow/broaden the scope of the request. Once we have what we need, this will move to Phase 3 or 4.',
    },
    {
      name: 'Flagged as Quarter Roadmap Consideration',
      meaning: 'The team has flagged this as a possible contender for our Quarterly roadmap and is investigating possible scope.',
      timeframe: { min: { amount: 5, unit: 'business days' }, max: { amount: 10, unit: 'business days' }, text: '5 - 10 Business Days' },
      nextSteps: 'Once the team is able to determine the possible Scope, you will receive a follow-up and move to Phase 4.',
    },
    {
      name: 'Review Complete!',
      meaning:
        'A decision has been made by our team regarding whether or not we will be able to scope this Request for our current Quarterly roadmap.',
      timeframe: null,
      nextSteps:
        "You will receive a response indicating the decision made by our team - where available, we'll communicate the general time frame we are currently estimating. Please note that any time-frames we are able to provide are general estimates and can change based on other projects taking priority, unexpected shifts in scope, etc.",
    },
  ],
};

const question: TicketType = {
  id: 'question',
  label: 'Other question',
  description:
    'Any questions submitted that are determined to be unrelated to either a Bug or a Feature Request will go through 3 phases.',
  fields: goodtimeQuestionFields,
  defaultSeverity: 'S4',
  closing: 'close',
  productBoard: false,
  csmEscalation: true,
  phases: [
    {
      name: "We've Received Your Request",
      meaning: 'Your request has been submitted and received by our Support Team.',
      timeframe: { min: { amount: 4, unit: 'business hours' }, max: { amount: 3, unit: 'business days' }, text: '4 Business Hours - 3 Business Day' },
      nextSteps: "You'll get an update from our Support Team with any additional questions or updates once they've begun reviewing.",
    },
    {
      name: 'Under Review by Support Team',
      meaning:
        "Our Support Team is reviewing your inquiry to ensure we're correctly understanding, and identifying any possible follow-up information we might need.",
      timeframe: { min: { amount: 2, unit: 'business days' }, max: { amount: 3, unit: 'business days' }, text: '2 - 3 Business Days' },
      nextSteps:
        'You may receive preliminary responses from the team asking follow-up questions to clarify, identify or narrow down the scope of your question - as well as identify other possible gaps we can fill! Additionally, we may reach out to your CSM in order to identify and suggest any training sessions we think may be helpful.',
    },
    {
      name: 'Response Sent!',
      meaning: 'The team has sent a response to your question.',
      timeframe: null,
      nextSteps:
        'While there are no additional steps, if your inquiry has not been fully addressed, you can always re-open your ticket to ask follow-up questions!',
    },
  ],
};

export const goodtimeTicketTypes: TicketType[] = [bug, feature, question];
