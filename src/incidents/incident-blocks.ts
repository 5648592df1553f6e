// Pure: an incident → what the incident room shows: the declare, update and link forms, thread notes, the stale
// reminder, the answer to a confirmation and the status list (broadcasts: broadcast-blocks.ts). User text goes through mrkdwn.ts.
import type { InputBlock, KnownBlock, ModalView } from '@slack/types';
import { link, mention, safeText, slackTime } from '../slack/mrkdwn';
import { button, option, plain, section, type SlackMessage } from '../slack/block-kit';
import { IMPACT_EMOJI, INCIDENT_IMPACTS, INCIDENT_STATUSES, MAX_MESSAGE_LENGTH, MAX_TITLE_LENGTH, STATUS_EMOJI, allowedNextStatuses, type Incident, type IncidentImpact } from './incident';
import { IncidentIds } from './incident-ids';
import { describeAreas } from '../subscriptions/subscription';

export function confirmationThanks(incident: Incident, works: boolean): SlackMessage {
  const title = safeText(incident.title, 150);
  return works
    ? { text: `:white_check_mark: Thanks! You confirmed “${title}” is fixed for you.` }
    : { text: `:warning: Thanks for telling us. The project team now knows “${title}” still affects you and will follow up with you.` };
}

export const incidentNotes = {
  confirmed: (userId: string, works: boolean) =>
    works ? `:white_check_mark: ${mention(userId)} confirmed it works for them.` : `:warning: ${mention(userId)} says it is *still broken* for them — please follow up.`,
  linked: (userId: string, questions: number, ticketKeys: string[]) => {
    const parts = [questions > 0 ? `${questions} question${questions === 1 ? '' : 's'}` : '', ticketKeys.join(', ')].filter(Boolean);
    return `:link: ${mention(userId)} linked ${parts.join(' and ')} to this incident. The requesters get its updates and are asked to confirm on resolution.`;
  },
  stale: (incident: Incident, quietFor: string) => ({
    text: `:alarm_clock: No update on “${safeText(incident.title, 150)}” for ${quietFor}. People are waiting: post an update, even if nothing changed.`,
    blocks: [
      { ...section(`:alarm_clock: No update on *${safeText(incident.title, 150)}* for ${quietFor}. Subscribers are waiting — post an update, even if nothing changed yet.`), block_id: 'incident_stale' },
      { type: 'actions', block_id: 'incident_stale_actions', elements: [button('Post an update', IncidentIds.postUpdate, incident.id, 'primary')] },
    ] as KnownBlock[],
  }),
};

export function buildStatusList(incidents: Incident[], statusPageUrl?: string): SlackMessage {
  const page = statusPageUrl ? ` · ${link(statusPageUrl, 'status page')}` : '';
  if (incidents.length === 0) return { text: `:large_green_circle: No active incidents right now${page}.` };
  const lines = incidents.slice(0, 10).map(
    (i) => `${IMPACT_EMOJI[i.impact]} *${safeText(i.title, 150)}* — ${STATUS_EMOJI[i.status]} ${INCIDENT_STATUSES[i.status]} · ${INCIDENT_IMPACTS[i.impact]} · ${safeText(describeAreas(i.areas), 300)} · last update ${slackTime(i.lastUpdateAt)}`,
  );
  const heading = `*${incidents.length} active incident${incidents.length === 1 ? '' : 's'}*${page}`;
  return { text: [heading, ...lines].join('\n') };
}

const B = IncidentIds.block;
const messageInput = (label: string, placeholder: string): InputBlock => ({
  type: 'input',
  block_id: B.message,
  label: plain(label),
  element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: MAX_MESSAGE_LENGTH, placeholder: plain(placeholder) },
});

export function buildDeclareModal(areas: readonly string[], privateMetadata: string): ModalView {
  const impactOptions = (Object.entries(INCIDENT_IMPACTS) as [IncidentImpact, string][]).map(([value, label]) => option(label, value));
  const areaOptions = areas.slice(0, 100).map((area) => option(area, area));
  return {
    type: 'modal',
    callback_id: IncidentIds.declareView,
    private_metadata: privateMetadata,
    title: plain('Declare an incident'),
    submit: plain('Declare'),
    close: plain('Cancel'),
    blocks: [
      section(':rotating_light: Everyone subscribed hears about it at once: the team channel, subscribed channels and people. Updates go to the same messages.'),
      { type: 'input', block_id: B.title, label: plain('Title'), element: { type: 'plain_text_input', action_id: 'value', max_length: MAX_TITLE_LENGTH, placeholder: plain('e.g. Calendar sync delayed for Google calendars') } },
      { type: 'input', block_id: B.impact, label: plain('Impact'), element: { type: 'static_select', action_id: 'value', placeholder: plain('How bad is it?'), options: impactOptions } },
      { type: 'input', block_id: B.areas, label: plain('Affected areas'), element: { type: 'multi_static_select', action_id: 'value', placeholder: plain('Pick one or more'), options: areaOptions } },
      messageInput('Message', 'What people see, what to do meanwhile, when the next update comes'),
    ],
  };
}

export function buildUpdateModal(incident: Incident, privateMetadata: string): ModalView {
  const options = allowedNextStatuses(incident.status).map((status) => option(`${STATUS_EMOJI[status]} ${INCIDENT_STATUSES[status]}`, status));
  const current = options.find((o) => o.value === incident.status);
  return {
    type: 'modal',
    callback_id: IncidentIds.updateView,
    private_metadata: privateMetadata,
    title: plain('Post an update'),
    submit: plain('Post update'),
    close: plain('Cancel'),
    blocks: [
      section(`*${safeText(incident.title, 150)}* is ${STATUS_EMOJI[incident.status]} *${INCIDENT_STATUSES[incident.status]}*. The update is threaded under every broadcast and edited into it.`),
      { type: 'input', block_id: B.status, label: plain('Status'), element: { type: 'radio_buttons', action_id: 'value', options, ...(current ? { initial_option: current } : {}) } },
      messageInput('Update', 'What changed, what people should do, when the next update comes'),
    ],
  };
}

export function buildLinkModal(options: {
  incident: Incident;
  openQuestions: { id: string; text: string }[];
  ticketsEnabled: boolean;
  privateMetadata: string;
}): ModalView {
  const { incident } = options;
  const blocks: KnownBlock[] = [section(`Link what *${safeText(incident.title, 150)}* explains. The requesters get its updates by DM and are asked to confirm when it is resolved.`)];
  const questionOptions = options.openQuestions.slice(0, 100).map((q) => option(q.text.replace(/\s+/g, ' '), q.id));
  if (questionOptions.length > 0) {
    blocks.push({ type: 'input', block_id: B.questions, optional: true, label: plain('Open questions'), element: { type: 'multi_static_select', action_id: 'value', placeholder: plain('Pick the questions it explains'), options: questionOptions } });
  } else {
    blocks.push(section('_There are no open questions right now._'));
  }
  if (options.ticketsEnabled) {
    blocks.push({ type: 'input', block_id: B.tickets, optional: true, label: plain('Tickets'), hint: plain('Ticket numbers, separated by commas'), element: { type: 'plain_text_input', action_id: 'value', placeholder: plain('GT-1001, GT-1002') } });
  }
  const linkable = questionOptions.length > 0 || options.ticketsEnabled;
  return {
    type: 'modal',
    callback_id: IncidentIds.linkView,
    private_metadata: options.privateMetadata,
    title: plain('Link to the incident'),
    ...(linkable ? { submit: plain('Link') } : {}),
    close: plain(linkable ? 'Cancel' : 'Close'),
    blocks,
  };
}
