// A system-wide incident: what it is, the status machine it walks, and the pure rules around it.
import type { DateTime, Duration } from 'luxon';

export const INCIDENT_STATUSES = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
} as const;
export type IncidentStatus = keyof typeof INCIDENT_STATUSES;
const STATUS_ORDER = Object.keys(INCIDENT_STATUSES) as IncidentStatus[];

export const INCIDENT_IMPACTS = {
  degraded: 'Degraded performance',
  partial: 'Partial outage',
  major: 'Major outage',
} as const;
export type IncidentImpact = keyof typeof INCIDENT_IMPACTS;

export interface MessageRef {
  channel: string;
  ts: string;
}

/** One entry of the incident's history; seq 0 is the declaration itself. */
export interface IncidentUpdate {
  seq: number;
  status: IncidentStatus;
  message: string;
  by: string;
  at: Date;
  /** Where it came from (the modal's view id): a double submit finds it already there. */
  originKey: string;
}

export interface IncidentConfirmation {
  userId: string;
  works: boolean;
  at: Date;
}

export interface Incident {
  id: string;
  title: string;
  impact: IncidentImpact;
  areas: string[];
  status: IncidentStatus;
  declaredBy: string;
  declaredAt: Date;
  lastUpdateAt: Date;
  resolvedAt?: Date;
  updates: IncidentUpdate[];
  /** Highest seq whose deliveries have all been planned (-1: none yet). */
  plannedSeq: number;
  /** Highest seq the team channel has seen: what the status page may show (-1: nothing yet). */
  publishedSeq: number;
  teamRoot?: MessageRef;
  staleRemindedAt?: Date;
  /** Set once the resolution's follow-ups (confirmation asks, linked tickets) have been planned. */
  resolutionHandledAt?: Date;
  /** The link forms already applied (a double submit links once). */
  linkOrigins?: string[];
  /** Who was asked "does it work for you now?" on resolution: only they may answer. */
  askedToConfirm?: string[];
  confirmations: IncidentConfirmation[];
}

export const MAX_TITLE_LENGTH = 100;
export const MAX_MESSAGE_LENGTH = 2000;

export const isActive = (incident: Pick<Incident, 'status'>) => incident.status !== 'resolved';

/**
 * Statuses move forward (or stay, for a further update); "investigating" again when a fix did not hold.
 * Resolved is final: a problem that comes back is a new incident.
 */
export function canMoveTo(from: IncidentStatus, to: IncidentStatus): boolean {
  if (from === 'resolved') return false;
  return to === 'investigating' || STATUS_ORDER.indexOf(to) >= STATUS_ORDER.indexOf(from);
}

export function allowedNextStatuses(from: IncidentStatus): IncidentStatus[] {
  return STATUS_ORDER.filter((to) => canMoveTo(from, to));
}

/** Why a move is refused, in words for the liaison; undefined when it is allowed. */
export function moveRefusal(from: IncidentStatus, to: IncidentStatus): string | undefined {
  if (canMoveTo(from, to)) return undefined;
  if (from === 'resolved') return 'This incident is already resolved. If the problem is back, declare a new incident.';
  return `An incident that is ${INCIDENT_STATUSES[from]} cannot go back to ${INCIDENT_STATUSES[to]}. Pick ${allowedNextStatuses(from).map((s) => INCIDENT_STATUSES[s]).join(', ')}.`;
}

/** The incident as a place saw it after update `seq`: each message is rendered from exactly what it announces. */
export function incidentAsOf(incident: Incident, seq: number): Incident {
  const updates = incident.updates.filter((u) => u.seq <= seq);
  const last = updates.at(-1) ?? incident.updates[0];
  if (!last) return incident;
  const resolved = last.status === 'resolved';
  return {
    ...incident,
    updates,
    status: last.status,
    lastUpdateAt: last.at,
    ...(resolved ? { resolvedAt: last.at } : { resolvedAt: undefined }),
  };
}

export const latestSeq = (incident: Pick<Incident, 'updates'>) => (incident.updates.at(-1)?.seq ?? 0);

/** True when nobody has posted an update for `staleAfter` and the last reminder is at least that old too. */
export function isDueForStaleReminder(incident: Incident, now: DateTime, staleAfter: Duration): boolean {
  if (!isActive(incident)) return false;
  const threshold = now.minus(staleAfter).toMillis();
  const quietSince = incident.lastUpdateAt.getTime() <= threshold;
  const remindedLongAgo = !incident.staleRemindedAt || incident.staleRemindedAt.getTime() <= threshold;
  return quietSince && remindedLongAgo;
}

/** What the status page and /status.json may show: only what the team channel has seen. */
export interface PublishedIncident {
  id: string;
  title: string;
  impact: IncidentImpact;
  areas: string[];
  status: IncidentStatus;
  declaredAt: Date;
  lastUpdateAt: Date;
  resolvedAt?: Date;
  updates: { status: IncidentStatus; message: string; at: Date }[];
}

export function toPublished(incident: Incident): PublishedIncident | undefined {
  if (incident.publishedSeq < 0) return undefined;
  const seen = incidentAsOf(incident, incident.publishedSeq);
  return {
    id: seen.id,
    title: seen.title,
    impact: seen.impact,
    areas: seen.areas,
    status: seen.status,
    declaredAt: seen.declaredAt,
    lastUpdateAt: seen.lastUpdateAt,
    ...(seen.resolvedAt ? { resolvedAt: seen.resolvedAt } : {}),
    updates: seen.updates.map((u) => ({ status: u.status, message: u.message, at: u.at })),
  };
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
