// Slack side of incidents outside the paced broadcast: notes in the team channel's thread, a liaison's reminder
// DM, and a subscription's announcement in its channel. Low volume, so they use the app's main client.
import type { Messenger } from '../slack/messenger';
import { incidentNotes } from './incident-blocks';
import type { IncidentNotifier } from './incident-service';
import type { SubscriptionNotifier } from './subscription-service';

const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action', 'restricted_action_read_only_channel']);

export function createIncidentNotifier(messenger: Messenger): IncidentNotifier & SubscriptionNotifier {
  const inTeamThread = async (incident: { teamRoot?: { channel: string; ts: string } }, text: string) => {
    if (incident.teamRoot) await messenger.post(incident.teamRoot.channel, { text }, { threadTs: incident.teamRoot.ts });
  };
  return {
    linked: (incident, byUserId, questions, ticketKeys) => inTeamThread(incident, incidentNotes.linked(byUserId, questions, ticketKeys)),
    confirmed: (incident, userId, works) => inTeamThread(incident, incidentNotes.confirmed(userId, works)),
    async remindStale(incident, liaisonId, quietFor) {
      await messenger.dm(liaisonId, incidentNotes.stale(incident, quietFor));
    },
    async announce(channelId, text) {
      try {
        await messenger.post(channelId, { text });
        return 'posted';
      } catch (error) {
        const code = (error as { data?: { error?: string } }).data?.error;
        if (code && CANNOT_POST.has(code)) return 'cannot_post';
        throw error;
      }
    },
  };
}
