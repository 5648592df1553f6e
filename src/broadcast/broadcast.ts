// One persisted record per Slack message an incident owes a place: the root post, each update (threaded reply +
// edit of the root), and the confirmation ask on resolution. Written before anything is sent.
import type { MessageRef } from '../incidents/incident';
import { INCIDENT_METADATA_TYPE } from './broadcast-ids';

export type DeliveryKind = 'root' | 'update' | 'confirm';

/**
 * blocked → pending → sending → sent | failed; `skipped` when the root it hangs on never made it.
 * An update waits (blocked) until the place's previous message is out, so every thread reads in order.
 */
export type DeliveryState = 'blocked' | 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

/** team: the project team channel (with liaison buttons); channel: a subscribed channel; person: a DM. */
export type Place = 'team' | 'channel' | 'person';
export type DeliveryReason = 'team' | 'subscribed' | 'linked';

export interface BroadcastTarget {
  /** `channel:C…` or `person:U…` — one root per place per incident. */
  key: string;
  place: Place;
  /** Where to post: a channel id, or the person's user id (Slack posts it in their DM with the app). */
  channel: string;
  userId?: string;
  reason: DeliveryReason;
}

export interface Delivery {
  id: string;
  incidentId: string;
  kind: DeliveryKind;
  /** The incident update this message announces (a root shows the incident as of this seq). */
  seq: number;
  target: BroadcastTarget;
  state: DeliveryState;
  /** Lower goes first: the team channel, then everyone else, then confirmation asks. */
  priority: number;
  attempts: number;
  notBefore: Date;
  createdAt: Date;
  claimedBy?: string;
  claimedAt?: Date;
  firstAttemptAt?: Date;
  /** A send may have reached Slack without us hearing back: look for it before sending again. */
  inDoubt?: boolean;
  /** Updates: the place's root message (known once the root is out). */
  root?: MessageRef;
  /** What was posted: the root, the threaded reply, or the DM. */
  posted?: MessageRef;
  sentAt?: Date;
  lastError?: string;
}

export const PRIORITY = { team: 0, place: 1, confirm: 2 } as const;

export function deliveryId(incidentId: string, targetKey: string, kind: DeliveryKind, seq: number): string {
  if (kind === 'root') return `${incidentId}:${targetKey}:root`;
  if (kind === 'confirm') return `${incidentId}:${targetKey}:confirm`;
  return `${incidentId}:${targetKey}:u${seq}`;
}

export function newDelivery(input: {
  incidentId: string;
  kind: DeliveryKind;
  seq: number;
  target: BroadcastTarget;
  state: 'pending' | 'blocked';
  now: Date;
}): Delivery {
  const priority = input.kind === 'confirm' ? PRIORITY.confirm : input.target.place === 'team' ? PRIORITY.team : PRIORITY.place;
  return {
    id: deliveryId(input.incidentId, input.target.key, input.kind, input.seq),
    incidentId: input.incidentId,
    kind: input.kind,
    seq: input.seq,
    target: input.target,
    state: input.state,
    priority,
    attempts: 0,
    notBefore: input.now,
    createdAt: input.now,
  };
}

/** The metadata every broadcast message carries, so a send in doubt can be found in the channel afterwards. */
export function deliveryMetadata(delivery: Pick<Delivery, 'id' | 'incidentId'>) {
  return { event_type: INCIDENT_METADATA_TYPE, event_payload: { incident_id: delivery.incidentId, delivery_id: delivery.id } };
}

export function isOurMessage(message: { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }, deliveryIdToFind: string): boolean {
  return message.metadata?.event_type === INCIDENT_METADATA_TYPE && message.metadata.event_payload?.delivery_id === deliveryIdToFind;
}
