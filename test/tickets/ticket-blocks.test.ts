import { describe, expect, it } from 'vitest';
import { processPresets, stagesOf, type ProcessDefinition } from '../../src/process';
import { buildTicketCard, type CardContext } from '../../src/tickets/ticket-blocks';
import { buildChangePhaseModal, buildTicketModal } from '../../src/tickets/ticket-form-blocks';
import { confirmFixRequest, nudgeMessage, phaseUpdate } from '../../src/tickets/ticket-message-blocks';
import type { Ticket } from '../../src/tickets/ticket';
import { assertValidMessage, assertValidView } from '@goodtime-help/slack-stand-in';
import { renderMessage, renderView } from '@goodtime-help/slack-stand-in';
import { buildTicket } from './ticket-builder';
import { buildDeclineModal, buildProposalCard, decisionDm, decisionNote, proposalsList } from '../../src/tickets/ticket-proposal-blocks';

const HOSTILE = '<!channel> <@U0BOSS> <https://evil.example|click me> @here & <b>';
const processes = [processPresets.goodtime, processPresets.careportal] as ProcessDefinition[];

// Everything a card can show at once, at its longest, with text that tries to inject mentions and links.
function ticket(overrides: Partial<Ticket> = {}): Ticket {
  const at = new Date('2026-03-02T17:00:00Z');
  return buildTicket({
    title: `${HOSTILE} ${'long title '.repeat(20)}`.slice(0, 150),
    fields: {},
    stageEnteredAt: at,
    createdAt: at,
    acknowledgementDueAt: new Date('2026-03-02T21:00:00Z'),
    card: { channel: 'C0TEAM', ts: '3.4' },
    threadTs: '3.4',
    email: { state: 'retrying', to: 'support@goodtime.io', attempts: 2, nextAttemptAt: at },
    vendorTicketId: 'ZD-1',
    voters: Array.from({ length: 40 }, (_, i) => `U0VOTER${i}`),
    csm: { at, by: 'U0LIA' },
    incident: { id: 'i1', title: HOSTILE },
    nudges: ['ack'],
    confirmation: { askedAt: at, asked: ['U0ANA', 'U0BEN'] },
    ...overrides,
  });
}

const context = (process: ProcessDefinition): CardContext => ({
  process,
  settings: { supportEmail: 'support@goodtime.io', productBoardUrl: 'https://feedback.goodtime.io/board', csmBookingUrl: 'https://calendly.com/csm', csmSlackUserId: 'U0CSM', csmEmail: 'csm@goodtime.io', promoteVotes: 5 },
});

describe('ticket blocks stay within Slack limits and never let typed text mention or link anyone', () => {
  it('renders a valid card for every type and stage of both presets', () => {
    for (const process of processes) {
      for (const type of process.ticketTypes) {
        for (const stage of stagesOf(type)) {
          const card = buildTicketCard(context(process), ticket({ typeId: type.id, stage }));
          expect(() => assertValidMessage(card, { requireContent: true })).not.toThrow();
          const shown = JSON.stringify(card);
          expect(shown).not.toContain('<!channel>');
          expect(shown).not.toContain('<@U0BOSS>');
          expect(shown).not.toContain('<https://evil.example');
        }
      }
    }
  });

  it('shows on the card what people need: key, type, severity, progress, targets, email status and the right actions', () => {
    const text = renderMessage(buildTicketCard(context(processPresets.goodtime as ProcessDefinition), ticket({ stage: 2, voters: ['U0BEN'], csm: undefined, nudges: [], email: { state: 'sent', to: 'support@goodtime.io', at: new Date('2026-03-02T17:01:00Z') } })));
    expect(text).toContain('*GT-1042* · Bug or data issue · *S2 High*');
    expect(text).toContain('*Phase 2 of 4 — Under Review by Support Team*  ●●○○');
    expect(text).toContain('GoodTime should acknowledge it by Mon 2 Mar 2026, 21:00 UTC');
    expect(text).toContain('Emailed to support@goodtime.io Mon 2 Mar 2026, 17:01 UTC');
    expect(text).toContain('2 people have this');
    expect(text).toContain('[Next: Phase 3 — Bug Identified] [Change phase…] [Me too] [Escalate to CSM]');
  });

  it('keeps a proposal valid with hundreds of voters and a hostile reason, and never lets the reason mention or link anyone', () => {
    const ctx = context(processPresets.goodtime as ProcessDefinition);
    const voters = Array.from({ length: 400 }, (_, i) => `U0VOTER${i}`);
    const reason = `${HOSTILE} ${'because '.repeat(200)}`.slice(0, 1000);
    const base = { typeId: 'feature', severityId: 'S5', stage: 1 as const, voters, csm: undefined };
    const proposals = [
      ticket({ ...base, proposal: { state: 'open', flaggedAt: new Date() } }),
      ticket({ ...base, stage: 'closed', proposal: { state: 'declined', decidedBy: 'U0LIA', decidedAt: new Date(), reason } }),
    ];
    for (const t of proposals) {
      const card = buildProposalCard(ctx, t);
      expect(() => assertValidMessage(card, { requireContent: true })).not.toThrow();
      for (const message of [card, decisionNote(ctx, t), decisionDm(ctx, t)]) {
        const shown = JSON.stringify(message);
        expect(shown).not.toContain('<!channel>');
        expect(shown).not.toContain('<@U0BOSS>');
        expect(shown).not.toContain('<https://evil.example');
      }
    }
    expect(renderMessage(buildProposalCard(ctx, proposals[0] as Ticket))).toContain('*401 votes*');
    expect(renderMessage(buildProposalCard(ctx, proposals[0] as Ticket))).toContain('and 386 more');
    expect(() => assertValidView(buildDeclineModal(proposals[0] as Ticket, '{}'), 'modal')).not.toThrow();
    const list = proposalsList(ctx, Array.from({ length: 60 }, () => proposals[0] as Ticket), 5);
    expect(list.length).toBeLessThanOrEqual(3900);
    expect(list).toMatch(/\n…and \d+ more\.$/);
    const shownLines = list.split('\n').filter((l) => /^\d+\. /.test(l)).length;
    expect(list).toContain(`…and ${60 - shownLines} more.`);
  });

  it('builds a valid ticket form for every type, with long prefills cut to fit', () => {
    for (const process of processes) {
      for (const type of process.ticketTypes) {
        const fields = Object.fromEntries(type.fields.map((f) => [f.id, f.kind === 'date-range' ? { from: '2026-03-01', to: '2026-03-02' } : f.kind === 'multiselect' ? [f.options?.[0]?.value ?? ''] : f.kind === 'select' ? (f.options?.[0]?.value ?? '') : 'y'.repeat(5000)]));
        const view = buildTicketModal({ process, type, prefill: { typeId: type.id, title: 'z'.repeat(400), severityId: 'S1', reporterId: 'U0ANA', fields }, origin: ticket().origin, privateMetadata: '{}' });
        expect(() => assertValidView(view, 'modal')).not.toThrow();
        expect(renderView(view)).toContain(`✓ ${type.label}`);
      }
    }
  });

  it('when a process names its ticket types as long as it may (75 characters), then the chosen type’s button still fits', () => {
    const process = structuredClone(processPresets.goodtime) as ProcessDefinition;
    for (const type of process.ticketTypes) type.label = `${type.label} ${'x'.repeat(75)}`.slice(0, 75);
    const type = process.ticketTypes[0] as (typeof process.ticketTypes)[number];
    const view = buildTicketModal({ process, type, prefill: { typeId: type.id, fields: {} }, origin: { kind: 'command' }, privateMetadata: '{}' });
    expect(() => assertValidView(view, 'modal')).not.toThrow();
  });

  it('offers every other stage in "Change phase", and the messages around a ticket are valid too', () => {
    const process = processPresets.goodtime as ProcessDefinition;
    const bug = process.ticketTypes[0] as (typeof process.ticketTypes)[number];
    const view = buildChangePhaseModal(process, bug, ticket({ stage: 2 }), '{"ticketId":"x"}');
    expect(() => assertValidView(view, 'modal')).not.toThrow();
    expect(renderView(view)).toContain('Now: *Phase 2 of 4 — Under Review by Support Team*');
    const options = JSON.stringify(view.blocks).match(/"value":"[^"]+"/g);
    expect(options).toEqual(['"value":"1"', '"value":"3"', '"value":"4"', '"value":"on-hold"', '"value":"closed"']);
    const move = { from: 2, to: 3, at: new Date(), by: 'webhook', via: 'webhook' as const, note: HOSTILE };
    for (const message of [phaseUpdate(context(process), ticket(), move), confirmFixRequest(context(process), ticket()), nudgeMessage(context(process), ticket(), { kind: 'acknowledgement', dueAt: new Date(), highImpact: true }, '<@U0LIA>')]) {
      expect(() => assertValidMessage(message, { requireContent: true })).not.toThrow();
      expect(message.text).not.toContain('<!channel>');
      expect(message.text).not.toContain('<https://evil.example');
    }
  });
});
