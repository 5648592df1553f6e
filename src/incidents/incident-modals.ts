// Pure: the incident modals (declare, post an update, link questions and tickets).
import type { InputBlock, KnownBlock, ModalView } from '@slack/types';
import { safeText } from '../slack/mrkdwn';
import { INCIDENT_IMPACTS, INCIDENT_STATUSES, MAX_MESSAGE_LENGTH, MAX_TITLE_LENGTH, allowedNextStatuses, type Incident, type IncidentImpact } from './incident';
import { IncidentIds } from './incident-ids';
import { STATUS_EMOJI } from './incident-blocks';
import { option, plain, section } from '../slack/block-kit';

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
