// Pure: an incident as each place sees it in a broadcast: the root (edited in place at every update), the threaded
// updates, and the confirmation ask after resolution. User text always goes through mrkdwn.ts.
import type { ActionsBlock, ContextBlock, KnownBlock } from '@slack/types';
import { link, quote, safeText, slackTime, truncate } from '../slack/mrkdwn';
import { button, plain, section, type SlackMessage } from '../slack/block-kit';
import { IMPACT_EMOJI, INCIDENT_IMPACTS, INCIDENT_STATUSES, STATUS_EMOJI, isActive, type Incident } from '../incidents/incident';
import { IncidentIds } from '../incidents/incident-ids';
import { describeAreas } from '../subscriptions/subscription';
import type { DeliveryReason, Place } from './broadcast';

export interface RootOptions {
  place: Place;
  reason: DeliveryReason;
  statusPageUrl?: string;
}

function whyYouSeeThis(options: RootOptions): string | undefined {
  if (options.place === 'person' && options.reason === 'linked') return 'You get this because your question is linked to this incident.';
  if (options.place === 'person') return 'You get this because you subscribed to incident updates. `/goodtime-help unsubscribe` here stops them.';
  if (options.place === 'channel') return 'This channel is subscribed to GoodTime incident updates.';
  return undefined;
}

/** The one message per place: edited in place at every update, with the history threaded under it. */
export function buildIncidentRoot(incident: Incident, options: RootOptions): SlackMessage {
  const latest = incident.updates.at(-1);
  const resolved = incident.status === 'resolved';
  const heading = resolved ? `Resolved: ${incident.title}` : incident.title;
  const statusText = `${STATUS_EMOJI[incident.status]} ${INCIDENT_STATUSES[incident.status]}`;
  const blocks: KnownBlock[] = [
    { type: 'header', block_id: 'incident_heading', text: plain(truncate(`${resolved ? '✅' : '🚨'} ${heading}`, 150)) },
    {
      type: 'section',
      block_id: 'incident_facts',
      fields: [
        { type: 'mrkdwn', text: `*Status*\n${statusText}` },
        { type: 'mrkdwn', text: `*Impact*\n${IMPACT_EMOJI[incident.impact]} ${INCIDENT_IMPACTS[incident.impact]}` },
        { type: 'mrkdwn', text: `*Affected*\n${safeText(describeAreas(incident.areas), 500)}` },
        { type: 'mrkdwn', text: `*Last update*\n${slackTime(incident.lastUpdateAt)}` },
      ],
    },
  ];
  // section() keeps the quote within 3000 characters: quoting adds a ">" per line on top of the escaped text.
  if (latest) blocks.push({ ...section(quote(latest.message, 2900)), block_id: 'incident_latest' });
  const context = [`Started ${slackTime(incident.declaredAt)}`, resolved && incident.resolvedAt ? `resolved ${slackTime(incident.resolvedAt)}` : 'updates in the thread'];
  if (options.statusPageUrl) context.push(link(options.statusPageUrl, 'status page'));
  const elements: ContextBlock['elements'] = [{ type: 'mrkdwn', text: context.join(' · ') }];
  const why = whyYouSeeThis(options);
  if (why) elements.push({ type: 'mrkdwn', text: why });
  blocks.push({ type: 'context', block_id: 'incident_context', elements });
  if (options.place === 'team' && isActive(incident)) {
    blocks.push({
      type: 'actions',
      block_id: 'incident_actions',
      elements: [button('Post an update', IncidentIds.postUpdate, incident.id, 'primary'), button('Link questions & tickets', IncidentIds.link, incident.id)],
    } satisfies ActionsBlock);
  }
  const text = `${resolved ? 'Resolved' : 'Incident'}: ${safeText(incident.title, 150)} — ${INCIDENT_STATUSES[incident.status]}`;
  return { text, blocks };
}

/** The threaded reply for update `seq` (the declaration itself is in the root). */
export function buildIncidentUpdateReply(incident: Incident, seq: number): SlackMessage {
  const update = incident.updates.find((u) => u.seq === seq);
  if (!update) return { text: `${safeText(incident.title, 150)}: update ${seq}` };
  const heading = `${STATUS_EMOJI[update.status]} *${INCIDENT_STATUSES[update.status]}* · ${slackTime(update.at)}`;
  return {
    text: `${INCIDENT_STATUSES[update.status]}: ${safeText(update.message, 200)}`,
    blocks: [{ ...section(`${heading}\n${quote(update.message, 2800)}`), block_id: 'incident_update' }],
  };
}

/** On resolution, everyone whose question or ticket was linked is asked whether it works for them now. */
export function buildConfirmationAsk(incident: Incident): SlackMessage {
  const title = safeText(incident.title, 150);
  const resolvedAt = incident.resolvedAt ? ` ${slackTime(incident.resolvedAt)}` : '';
  return {
    text: `Resolved: ${title}. Does it work for you now?`,
    blocks: [
      { ...section(`:white_check_mark: *Resolved: ${title}*\nThe project team marked this incident resolved${resolvedAt}. You asked about it, so: does it work for you now?`), block_id: 'incident_confirm' },
      { type: 'actions', block_id: 'incident_confirm_actions', elements: [button('Yes, it works', IncidentIds.confirmWorks, incident.id, 'primary'), button('No, still broken', IncidentIds.confirmBroken, incident.id, 'danger')] },
    ],
  };
}

