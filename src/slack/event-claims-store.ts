// Requests that must be handled once: Slack retries an event it thinks we missed (same event_id, which Bolt does not
// deduplicate), and a signed support-webhook request may be replayed while its timestamp is still accepted.
import { Schema, type Connection } from 'mongoose';

const CLAIM_LIFETIME_SECONDS = 24 * 60 * 60;

interface EventClaim {
  _id: string;
  claimedAt: Date;
}

const eventClaimSchema = new Schema<EventClaim>(
  {
    _id: { type: String, required: true },
    claimedAt: { type: Date, required: true, expires: CLAIM_LIFETIME_SECONDS },
  },
  { versionKey: false },
);

export function createEventClaimStore(connection: Connection, now: () => Date) {
  const EventClaims = connection.model<EventClaim>('EventClaim', eventClaimSchema, 'slack_event_claims');
  return {
    /** True for the first delivery of an event id, false for every retry of it. */
    async claim(eventId: string): Promise<boolean> {
      try {
        await EventClaims.create({ _id: eventId, claimedAt: now() });
        return true;
      } catch (error) {
        if ((error as { code?: number }).code === 11000) return false;
        throw error;
      }
    },
    async release(eventId: string): Promise<void> {
      await EventClaims.deleteOne({ _id: eventId });
    },
  };
}
