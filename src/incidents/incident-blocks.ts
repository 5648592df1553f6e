// Pure: an incident → the Block Kit messages people see (the root of each place, threaded updates, the
// confirmation ask, thread notes and the /goodtime-help status list). User text always goes through mrkdwn.ts.
import type { ActionsBlock, ContextBlock, KnownBlock } from '@slack/types';
import { link, mention, quote, safeText, slackDate, truncate } from '../slack/mrkdwn';
import { INCIDENT_IMPACTS, INCIDENT_STATUSES, isActive, type Incident, type IncidentImpact, type IncidentStatus } from './incident';
import type { DeliveryReason, Place } from './delivery';
import { IncidentIds } from './incident-ids';
import { describeAreas } from './subscription';
import { button, plain, section } from '../slack/block-kit';

export interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
}

export const STATUS_EMOJI: Record<IncidentStatus, string> = {
  investigating: ':mag:',
  identified: ':dart:',
  monitoring: ':eyes:',
  resolved: ':white_check_mark:',
};
export const IMPACT_EMOJI: Record<IncidentImpact, string> = {
  degraded: ':large_yellow_circle:',
  partial: ':large_orange_circle:',
  major: ':red_circle:',
};

const epoch = (d: Date) => d.getTime() / 1000;
const when = (d: Date) => slackDate(epoch(d), '{date_short_pretty} at {time}');

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
        { type: 'mrkdwn', text: `*Last update*\n${when(incident.lastUpdateAt)}` },
      ],
    },
  ];
  // section() keeps the quote within 3000 characters: quoting adds a ">" per line on top of the escaped text.
  if (latest) blocks.push({ ...section(quote(latest.message, 2900)), block_id: 'incident_latest' });
  const context = [`Started ${when(incident.declaredAt)}`, resolved && incident.resolvedAt ? `resolved ${when(incident.resolvedAt)}` : 'updates in the thread'];
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
  const heading = `${STATUS_EMOJI[update.status]} *${INCIDENT_STATUSES[update.status]}* · ${when(update.at)}`;
  return {
    text: `${INCIDENT_STATUSES[update.status]}: ${safeText(update.message, 200)}`,
    blocks: [{ ...section(`${heading}\n${quote(update.message, 2800)}`), block_id: 'incident_update' }],
  };
}

/** On resolution, everyone whose question or ticket was linked is asked whether it works for them now. */
export function buildConfirmationAsk(incident: Incident): SlackMessage {
  const title = safeText(incident.title, 150);
  const resolvedAt = incident.resolvedAt ? ` ${when(incident.resolvedAt)}` : '';
  return {
    text: `Resolved: ${title}. Does it work for you now?`,
    blocks: [
      { ...section(`:white_check_mark: *Resolved: ${title}*\nThe project team marked this incident resolved${resolvedAt}. You asked about it, so: does it work for you now?`), block_id: 'incident_confirm' },
      { type: 'actions', block_id: 'incident_confirm_actions', elements: [button('Yes, it works', IncidentIds.confirmWorks, incident.id, 'primary'), button('No, still broken', IncidentIds.confirmBroken, incident.id, 'danger')] },
    ],
  };
}

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
    (i) => `${IMPACT_EMOJI[i.impact]} *${safeText(i.title, 150)}* — ${STATUS_EMOJI[i.status]} ${INCIDENT_STATUSES[i.status]} · ${INCIDENT_IMPACTS[i.impact]} · ${safeText(describeAreas(i.areas), 300)} · last update ${when(i.lastUpdateAt)}`,
  );
  const heading = `*${incidents.length} active incident${incidents.length === 1 ? '' : 's'}*${page}`;
  return { text: [heading, ...lines].join('\n') };
}
