import { describe, expect, it } from 'vitest';
import { processPresets, type ProcessDefinition } from '../../src/process';
import {
  isHighImpact,
  prefillFromQuestion,
  primaryFieldId,
  readableMessageText,
  progressDots,
  shortTypeLabel,
  stageBeforeHold,
  titleFrom,
  typeForCategory,
  type QuestionSnapshot,
  type TicketMove,
} from '../../src/tickets/ticket';
import { badEmailListLines, prefillFromForm, ticketFormSchema } from '../../src/tickets/ticket-form';
import { TicketIds } from '../../src/tickets/ticket-ids';
import { validateForm, type ViewStateValues } from '../../src/slack/view-state';

const goodtime = processPresets.goodtime as ProcessDefinition;
const careportal = processPresets.careportal as ProcessDefinition;
const type = (process: ProcessDefinition, id: string) => process.ticketTypes.find((t) => t.id === id) ?? (process.ticketTypes[0] as never);

const question = (overrides: Partial<QuestionSnapshot> = {}): QuestionSnapshot => ({
  id: 'q1',
  requesterId: 'U0ANA',
  text: 'Invites go out twice\nsince this morning, for every panel',
  category: 'bug',
  blocked: false,
  context: {},
  ...overrides,
});

/** view.state.values as Slack sends them, from block id → value. */
function state(values: Record<string, string | string[] | undefined>): ViewStateValues {
  return Object.fromEntries(
    Object.entries(values).map(([blockId, value]) => [
      blockId,
      { value: Array.isArray(value) ? { type: 'checkboxes', selected_options: value.map((v) => ({ value: v })) } : { type: 'plain_text_input', value: value ?? null } },
    ]),
  );
}

describe('ticket rules', () => {
  it('maps a question category to the ticket type: bug → bug, feature request → feature, anything else → question', () => {
    expect(typeForCategory(goodtime, 'bug').id).toBe('bug');
    expect(typeForCategory(goodtime, 'feature-request').id).toBe('feature');
    expect(typeForCategory(goodtime, 'how-to').id).toBe('question');
    expect(typeForCategory(goodtime, 'scheduling-blocker').id).toBe('question');
    expect(typeForCategory(careportal, 'feature-request').id).toBe('enhancement');
  });

  it('prefills from a question: text into the main field, context into matching fields, blocked → S2, else the type default', () => {
    const prefill = prefillFromQuestion(goodtime, question({
      blocked: true,
      context: { interviewUrl: 'https://app.goodtime.io/i/1', candidate: 'Ada <ada@example.com>', interviewer: 'Grace', dateFrom: '2026-03-01', dateTo: '2026-03-02', errorMessage: 'E42' },
    }));
    expect(prefill).toEqual({
      typeId: 'bug',
      title: 'Invites go out twice',
      severityId: 'S2',
      reporterId: 'U0ANA',
      fields: {
        actual: 'Invites go out twice\nsince this morning, for every panel',
        interviewUrl: 'https://app.goodtime.io/i/1',
        candidates: 'Ada <ada@example.com>',
        interviewers: 'Grace',
        errorMessages: 'E42',
        dateRange: { from: '2026-03-01', to: '2026-03-02' },
      },
    });
    const feature = prefillFromQuestion(goodtime, question({ category: 'feature-request', context: { interviewUrl: 'https://x.test' } }));
    expect(feature).toMatchObject({ typeId: 'feature', severityId: 'S5', fields: { request: expect.any(String) } });
    expect(feature.fields).not.toHaveProperty('interviewUrl'); // a feature request has no such field
    expect(prefillFromQuestion(goodtime, question({ category: 'other' })).fields).toEqual({ question: expect.any(String) });
  });

  it('spells out a Slack message for the form and the email: links, mentions, broadcasts and entities', () => {
    expect(readableMessageText('<!channel> <@U0ANA> see <https://app.goodtime.io/i/1|the interview> in <#C0TEAM|team> &lt;urgent&gt; &amp; <https://x.test>'))
      .toBe('@channel @U0ANA see the interview (https://app.goodtime.io/i/1) in #team <urgent> & https://x.test');
  });

  it('reads types and stages as people see them', () => {
    expect(shortTypeLabel(type(goodtime, 'bug'))).toBe('Bug');
    expect(shortTypeLabel(type(goodtime, 'feature'))).toBe('Feature request');
    expect(primaryFieldId(type(careportal, 'bug'))).toBe('actual');
    expect(titleFrom(`\n  ${'x'.repeat(150)}`)).toHaveLength(100);
    expect(progressDots(2, 4)).toBe('●●○○');
    expect(progressDots('on-hold', 4)).toBe('●●●●');
    const moves: TicketMove[] = [{ from: 3, to: 'on-hold', at: new Date(), by: 'U1', via: 'slack' }];
    expect(stageBeforeHold({ history: moves }, type(goodtime, 'bug'))).toBe(3);
    expect(stageBeforeHold({ history: [] }, type(goodtime, 'bug'))).toBe(4);
    expect(isHighImpact(goodtime, { typeId: 'bug', severityId: 'S2' })).toBe(true);
    expect(isHighImpact(goodtime, { typeId: 'bug', severityId: 'S3' })).toBe(false);
    expect(isHighImpact(careportal, { typeId: 'bug', severityId: 'S1' })).toBe(false); // CarePortal has no CSM path
  });
});

describe('the ticket form', () => {
  const B = TicketIds.block;
  const bug = type(goodtime, 'bug');
  const valid = {
    [B.title]: 'Invites go out twice',
    [B.severity]: 'S3',
    [B.reporter]: 'U0ANA',
    [TicketIds.fieldBlock('tryingToDo')]: 'Send invites',
    [TicketIds.fieldBlock('actual')]: 'Two invites each',
    [TicketIds.fieldBlock('interviewsAffected')]: 'many',
    [TicketIds.fieldBlock('usersAffected')]: 'organisation',
    [TicketIds.fieldBlock('recurrence')]: 'now',
  };

  it('accepts a complete bug and returns typed answers (empty fields left out)', () => {
    const result = validateForm(ticketFormSchema(goodtime, bug), state({ ...valid, [TicketIds.fieldBlock('rolesAffected')]: [], [TicketIds.rangeBlock('dateRange', 'from')]: '2026-03-01' }));
    expect(result).toEqual({
      ok: true,
      value: {
        typeId: 'bug',
        severityId: 'S3',
        title: 'Invites go out twice',
        reporterId: 'U0ANA',
        fields: { tryingToDo: 'Send invites', actual: 'Two invites each', interviewsAffected: 'many', usersAffected: 'organisation', recurrence: 'now', dateRange: { from: '2026-03-01' } },
      },
    });
  });

  it('puts each problem under its own field: required, too long, not a URL, not "Name <email>", end before start, unknown option', () => {
    const result = validateForm(ticketFormSchema(goodtime, bug), state({
      ...valid,
      [B.title]: undefined,
      [TicketIds.fieldBlock('actual')]: undefined,
      [TicketIds.fieldBlock('position')]: 'p'.repeat(201),
      [TicketIds.fieldBlock('interviewUrl')]: 'javascript:alert(1)',
      [TicketIds.fieldBlock('candidates')]: 'ada@example.com\nAda <ada@example.com>\nGrace Hopper\nBob <bob@nowhere>',
      [TicketIds.rangeBlock('dateRange', 'from')]: '2026-03-05',
      [TicketIds.rangeBlock('dateRange', 'to')]: '2026-03-01',
      [TicketIds.fieldBlock('recurrence')]: 'sometimes',
    }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual({
      [B.title]: 'Please write a one-line summary.',
      [TicketIds.fieldBlock('actual')]: 'Please fill in “What actually happened?”.',
      [TicketIds.fieldBlock('position')]: 'Please keep this under 200 characters.',
      [TicketIds.fieldBlock('interviewUrl')]: 'That is not a link. Paste the full address, e.g. https://app.goodtime.io/…',
      [TicketIds.fieldBlock('candidates')]: 'Lines 3, 4: write one person per line as Name <email>, e.g. Ada Lovelace <ada@example.com>.',
      [TicketIds.rangeBlock('dateRange', 'to')]: 'The end date is before the start date.',
      [TicketIds.fieldBlock('recurrence')]: 'Please choose one of the options for “When does it happen?”.',
    });
  });

  it('reads email lists line by line', () => {
    expect(badEmailListLines('Ada Lovelace <ada@example.com>\n\n grace@navy.mil \nnobody')).toEqual([4]);
    expect(badEmailListLines('<ada@example.com>')).toEqual([1]);
  });

  it('carries what was typed into another type: shared fields and the summary stay, the rest is dropped by the new form', () => {
    const prefill = prefillFromForm(goodtime, 'question', {
      [B.title]: 'Why twice?',
      [B.reporter]: 'U0BEN',
      [TicketIds.fieldBlock('interviewUrl')]: 'https://app.goodtime.io/i/9',
      [TicketIds.fieldBlock('usersAffected')]: 'one-user',
    });
    expect(prefill).toEqual({ typeId: 'question', title: 'Why twice?', severityId: undefined, reporterId: 'U0BEN', fields: { interviewUrl: 'https://app.goodtime.io/i/9', usersAffected: 'one-user' } });
  });
});
