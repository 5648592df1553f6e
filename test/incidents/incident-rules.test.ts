import { describe, expect, it } from 'vitest';
import { DateTime, Duration } from 'luxon';
import { allowedNextStatuses, canMoveTo, incidentAsOf, isDueForStaleReminder, moveRefusal, toPublished, type Incident, type IncidentStatus } from '../../src/incidents/incident';
import { describeAreas, matchesAreas, parseAreas } from '../../src/subscriptions/subscription';

const AREAS = ['Scheduling', 'Calendar sync', 'Candidate emails', 'Interviewer availability', 'ATS integration', 'Reporting'];
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

function anIncident(overrides: Partial<Incident> = {}): Incident {
  const declaredAt = at('2026-03-02T10:00:00Z').toJSDate();
  return {
    id: 'inc1',
    title: 'Calendar sync delayed',
    impact: 'major',
    areas: ['Calendar sync'],
    status: 'investigating',
    declaredBy: 'U1',
    declaredAt,
    lastUpdateAt: declaredAt,
    updates: [{ seq: 0, status: 'investigating', message: 'Looking into it', by: 'U1', at: declaredAt, originKey: 'view:1' }],
    plannedSeq: 0,
    publishedSeq: 0,
    confirmations: [],
    ...overrides,
  };
}

function withUpdates(statuses: IncidentStatus[]): Incident {
  const base = anIncident();
  const updates = [...base.updates, ...statuses.map((status, i) => ({ seq: i + 1, status, message: `update ${i + 1}`, by: 'U1', at: at('2026-03-02T10:00:00Z').plus({ minutes: 10 * (i + 1) }).toJSDate(), originKey: `view:${i + 2}` }))];
  const last = updates.at(-1);
  return { ...base, updates, status: last?.status ?? 'investigating', lastUpdateAt: last?.at ?? base.declaredAt, ...(last?.status === 'resolved' ? { resolvedAt: last.at } : {}) };
}

describe('the incident status machine', () => {
  it('when an incident moves forward or stays, then it is allowed', () => {
    expect(canMoveTo('investigating', 'identified')).toBe(true);
    expect(canMoveTo('identified', 'identified')).toBe(true);
    expect(canMoveTo('investigating', 'resolved')).toBe(true);
    expect(canMoveTo('monitoring', 'resolved')).toBe(true);
  });

  it('when a fix did not hold, then it may go back to investigating but not to identified', () => {
    expect(canMoveTo('monitoring', 'investigating')).toBe(true);
    expect(canMoveTo('monitoring', 'identified')).toBe(false);
    expect(moveRefusal('monitoring', 'identified')).toBe('An incident that is Monitoring cannot go back to Identified. Pick Investigating, Monitoring, Resolved.');
  });

  it('when an incident is resolved, then nothing moves it any more and the liaison is told to declare a new one', () => {
    expect(allowedNextStatuses('resolved')).toEqual([]);
    expect(moveRefusal('resolved', 'investigating')).toContain('declare a new incident');
  });

  it('when a place is rendered as of an update, then it shows that update as the latest, not later ones', () => {
    const incident = withUpdates(['identified', 'monitoring', 'resolved']);
    const asOf = incidentAsOf(incident, 1);
    expect(asOf.status).toBe('identified');
    expect(asOf.updates.map((u) => u.seq)).toEqual([0, 1]);
    expect(asOf.resolvedAt).toBeUndefined();
    expect(incidentAsOf(incident, 3).resolvedAt).toEqual(incident.updates[3]?.at);
  });

  it('when the team channel has seen only part of it, then the published view stops there', () => {
    const incident = { ...withUpdates(['identified', 'monitoring']), publishedSeq: 1 };
    const published = toPublished(incident);
    expect(published?.status).toBe('identified');
    expect(published?.updates.map((u) => u.message)).toEqual(['Looking into it', 'update 1']);
    expect(toPublished({ ...incident, publishedSeq: -1 })).toBeUndefined();
    expect(Object.keys(published ?? {})).not.toContain('declaredBy');
  });
});

describe('stale incident reminders', () => {
  const hour = Duration.fromObject({ hours: 1 });

  it('when nobody updated for the stale period, then it is due once; after a reminder, again only a period later', () => {
    const incident = anIncident();
    expect(isDueForStaleReminder(incident, at('2026-03-02T10:59:00Z'), hour)).toBe(false);
    expect(isDueForStaleReminder(incident, at('2026-03-02T11:00:00Z'), hour)).toBe(true);
    const reminded = { ...incident, staleRemindedAt: at('2026-03-02T11:00:00Z').toJSDate() };
    expect(isDueForStaleReminder(reminded, at('2026-03-02T11:30:00Z'), hour)).toBe(false);
    expect(isDueForStaleReminder(reminded, at('2026-03-02T12:00:00Z'), hour)).toBe(true);
  });

  it('when it is resolved, then it is never due', () => {
    expect(isDueForStaleReminder(withUpdates(['resolved']), at('2026-03-03T10:00:00Z'), hour)).toBe(false);
  });
});

describe('subscription areas', () => {
  it('when areas are typed loosely, then they resolve to the configured names', () => {
    expect(parseAreas('scheduling, calendar', AREAS)).toEqual({ ok: true, areas: ['Scheduling', 'Calendar sync'] });
    expect(parseAreas('', AREAS)).toEqual({ ok: true, areas: [] });
    expect(parseAreas('REPORTING, reporting', AREAS)).toEqual({ ok: true, areas: ['Reporting'] });
  });

  it('when an area is unknown or ambiguous, then the answer says which and lists the areas', () => {
    const unknown = parseAreas('payroll', AREAS);
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.message).toContain("I don't know the area “payroll”. Areas: Scheduling, Calendar sync");
    const ambiguous = parseAreas('ca', AREAS);
    expect(!ambiguous.ok && ambiguous.message).toContain('“ca” could be Calendar sync or Candidate emails');
  });

  it('when a subscription filters areas, then it matches incidents touching any of them; no filter matches all', () => {
    expect(matchesAreas([], ['Reporting'])).toBe(true);
    expect(matchesAreas(['Calendar sync'], ['Scheduling', 'Calendar sync'])).toBe(true);
    expect(matchesAreas(['Reporting'], ['Scheduling'])).toBe(false);
    expect(describeAreas([])).toBe('every area');
  });
});
