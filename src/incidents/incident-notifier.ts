// Slack side of incidents outside the paced broadcast: notes in the team channel's thread and a liaison's
// reminder DM, each once (through the publisher) under a key naming what it says.
import type { Publisher } from '../delivery/publisher';
import { incidentNotes } from './incident-blocks';
import type { IncidentNotifier } from './incident-service';

export function createIncidentNotifier(publisher: Publisher): IncidentNotifier {
  const inTeamThread = async (incident: { id: string; teamRoot?: { channel: string; ts: string } }, note: string, text: string) => {
    if (incident.teamRoot) await publisher.publish(`incident:${incident.id}:${note}`, { channel: incident.teamRoot.channel, threadTs: incident.teamRoot.ts }, { text });
  };
  return {
    linked: (incident, byUserId, questions, ticketKeys, originKey) => inTeamThread(incident, `linked:${originKey}`, incidentNotes.linked(byUserId, questions, ticketKeys)),
    confirmed: (incident, userId, works) => {
      const answeredAt = incident.confirmations.find((c) => c.userId === userId)?.at.getTime() ?? 0;
      return inTeamThread(incident, `confirmed:${userId}:${answeredAt}`, incidentNotes.confirmed(userId, works));
    },
    async remindStale(incident, liaisonId, quietFor) {
      await publisher.publishDm(`incident:${incident.id}:stale:${incident.staleRemindedAt?.getTime() ?? 0}`, liaisonId, incidentNotes.stale(incident, quietFor));
    },
  };
}
