// Slack side of incidents outside the paced broadcast: notes in the team channel's thread and a liaison's
// reminder DM. Low volume, so they use the app's main client.
import type { Messenger } from '../slack/messenger';
import { incidentNotes } from './incident-blocks';
import type { IncidentNotifier } from './incident-service';

export function createIncidentNotifier(messenger: Messenger): IncidentNotifier {
  const inTeamThread = async (incident: { teamRoot?: { channel: string; ts: string } }, text: string) => {
    if (incident.teamRoot) await messenger.post(incident.teamRoot.channel, { text }, { threadTs: incident.teamRoot.ts });
  };
  return {
    linked: (incident, byUserId, questions, ticketKeys) => inTeamThread(incident, incidentNotes.linked(byUserId, questions, ticketKeys)),
    confirmed: (incident, userId, works) => inTeamThread(incident, incidentNotes.confirmed(userId, works)),
    async remindStale(incident, liaisonId, quietFor) {
      await messenger.dm(liaisonId, incidentNotes.stale(incident, quietFor));
    },
  };
}
