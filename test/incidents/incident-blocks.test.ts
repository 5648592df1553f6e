import { describe, expect, it } from 'vitest';
import { buildDeclareModal, buildLinkModal, buildStatusList, buildUpdateModal, incidentNotes } from '../../src/incidents/incident-blocks';
import { buildConfirmationAsk, buildIncidentRoot, buildIncidentUpdateReply } from '../../src/broadcast/broadcast-blocks';
import { MAX_MESSAGE_LENGTH, MAX_TITLE_LENGTH, type Incident } from '../../src/incidents/incident';
import { assertValidMessage, assertValidView } from '@goodtime-help/slack-stand-in';
import { renderMessage } from '@goodtime-help/slack-stand-in';

const AREAS = ['Scheduling', 'Calendar sync', 'Candidate emails', 'Interviewer availability', 'ATS integration', 'Reporting'];
const nasty = '<!channel> @here <https://evil.example|click me> *bold* & <@U999> ';

function worstCaseIncident(): Incident {
  const at = new Date('2026-03-02T10:00:00Z');
  const title = (nasty + 'x'.repeat(MAX_TITLE_LENGTH)).slice(0, MAX_TITLE_LENGTH);
  const message = (nasty.repeat(40) + 'y'.repeat(MAX_MESSAGE_LENGTH)).slice(0, MAX_MESSAGE_LENGTH);
  const updates = [0, 1, 2, 3].map((seq) => ({ seq, status: (['investigating', 'identified', 'monitoring', 'resolved'] as const)[seq] ?? 'investigating', message, by: 'U1', at, originKey: `v${seq}` }));
  return { id: '0123456789abcdef01234567', title, impact: 'major', areas: AREAS, status: 'identified', declaredBy: 'U1', declaredAt: at, lastUpdateAt: at, updates: updates.slice(0, 2), plannedSeq: 1, publishedSeq: 1, confirmations: [] };
}

/** Every string Slack parses as mrkdwn: the message text and mrkdwn text objects (plain_text shows markup as is). */
function mrkdwnTexts(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => mrkdwnTexts(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
    Object.values(o).forEach((v) => mrkdwnTexts(v, out));
  }
  return out;
}

describe('incident messages and modals stay within what Slack accepts', () => {
  const incident = worstCaseIncident();

  it('when the title and message are as long as allowed and full of markup, then every message is valid and nothing is injected', () => {
    const messages = [
      buildIncidentRoot(incident, { place: 'team', reason: 'team', statusPageUrl: 'https://help.example.com/status' }),
      buildIncidentRoot(incident, { place: 'channel', reason: 'subscribed' }),
      buildIncidentRoot({ ...incident, status: 'resolved', resolvedAt: incident.declaredAt }, { place: 'person', reason: 'linked' }),
      buildIncidentUpdateReply(incident, 1),
      buildConfirmationAsk(incident),
      incidentNotes.stale(incident, '1 hour'),
      buildStatusList([incident, incident, incident]),
    ];
    for (const message of messages) {
      expect(() => assertValidMessage({ ...message, metadata: { event_type: 'goodtime_incident', event_payload: { incident_id: 'x', delivery_id: 'y' } } }, { requireContent: true })).not.toThrow();
      const json = [message.text, ...mrkdwnTexts(message.blocks)].join('\n');
      expect(json).not.toContain('<!channel>');
      expect(json).not.toMatch(/@here\b/);
      expect(json).not.toContain('<@U999>');
      expect(json).not.toContain('<https://evil.example');
    }
  });

  it('when the message is a pasted log of many short lines full of markup, then the root and its update still fit a section', () => {
    const log = Array.from({ length: 400 }, (_, i) => `<job ${i}> & retry`).join('\n').slice(0, MAX_MESSAGE_LENGTH);
    const pasted: Incident = { ...incident, updates: incident.updates.map((u) => ({ ...u, message: log })) };
    for (const message of [buildIncidentRoot(pasted, { place: 'team', reason: 'team' }), buildIncidentUpdateReply(pasted, 1)]) {
      expect(() => assertValidMessage(message, { requireContent: true })).not.toThrow();
    }
  });

  it('when a place is the team channel, then liaisons get buttons; subscribers and resolved incidents do not', () => {
    expect(renderMessage(buildIncidentRoot(incident, { place: 'team', reason: 'team' }))).toContain('[Post an update] [Link questions & tickets]');
    expect(renderMessage(buildIncidentRoot(incident, { place: 'channel', reason: 'subscribed' }))).not.toContain('[Post an update]');
    expect(renderMessage(buildIncidentRoot({ ...incident, status: 'resolved' }, { place: 'team', reason: 'team' }))).not.toContain('[Post an update]');
  });

  it('when the last update time is shown, then Slack renders it in each reader’s own time zone', () => {
    expect(JSON.stringify(buildIncidentRoot(incident, { place: 'channel', reason: 'subscribed' }))).toMatch(/<!date\^\d+\^\{date_short_pretty\} at \{time\}\|/);
  });

  it('when the modals are built with the longest inputs and 100 open questions, then Slack accepts them', () => {
    const questions = Array.from({ length: 120 }, (_, i) => ({ id: `q${i}`, text: `${nasty} question ${i} `.repeat(10) }));
    const views = [
      buildDeclareModal(AREAS, '{}'),
      buildUpdateModal(incident, '{"incidentId":"x"}'),
      buildLinkModal({ incident, openQuestions: questions, ticketsEnabled: true, privateMetadata: '{}' }),
      buildLinkModal({ incident, openQuestions: [], ticketsEnabled: false, privateMetadata: '{}' }),
    ];
    for (const view of views) expect(() => assertValidView(view, 'modal')).not.toThrow();
  });
});
