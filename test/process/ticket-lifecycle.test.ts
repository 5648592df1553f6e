import { describe, expect, it } from 'vitest';
import { careportalProcess } from '../../src/process/presets/careportal';
import { goodtimeProcess } from '../../src/process/presets/goodtime';
import { getTicketType } from '../../src/process/process-lookup';
import type { ProcessDefinition } from '../../src/process/process-schema';
import { canMove, describeStage, resolveStage, stagesOf } from '../../src/process/ticket-lifecycle';

const strict: ProcessDefinition = {
  ...goodtimeProcess,
  transitions: { ...goodtimeProcess.transitions, skipForward: false, backward: 'never' },
};

describe('canMove', () => {
  it('when moving forward one or more phases, then it is allowed', () => {
    expect(canMove(goodtimeProcess, 'bug', 1, 2)).toEqual({ ok: true, direction: 'forward' });
    expect(canMove(goodtimeProcess, 'bug', 1, 4)).toEqual({ ok: true, direction: 'forward' });
  });

  it('when moving back, then a reason is needed', () => {
    expect(canMove(goodtimeProcess, 'bug', 3, 2)).toMatchObject({ ok: false, code: 'reason-required' });
    expect(canMove(goodtimeProcess, 'bug', 3, 2, { reason: '   ' })).toMatchObject({ ok: false, code: 'reason-required' });
    expect(canMove(goodtimeProcess, 'bug', 3, 2, { reason: 'Support needs the interview URL' })).toEqual({ ok: true, direction: 'backward' });
  });

  it('when the refusal is shown, then it says what to do instead', () => {
    const check = canMove(goodtimeProcess, 'bug', 3, 2);
    expect(check.ok === false && check.message).toBe('Moving back from Phase 3 (Bug Identified) to Phase 2 (Under Review by Support Team) needs a reason.');
  });

  it('when moving to the same stage, then nothing changes', () => {
    expect(canMove(goodtimeProcess, 'bug', 2, 2)).toEqual({ ok: true, direction: 'none' });
  });

  it('when the phase or type is unknown, then it is refused', () => {
    expect(canMove(goodtimeProcess, 'bug', 1, 5)).toMatchObject({ ok: false, code: 'unknown-stage' });
    expect(canMove(goodtimeProcess, 'bug', 0, 1)).toMatchObject({ ok: false, code: 'unknown-stage' });
    expect(canMove(goodtimeProcess, 'incident', 1, 2)).toMatchObject({ ok: false, code: 'unknown-type' });
  });

  it('when a fixed bug is closed, then it goes on hold first and closes once the reporter confirms', () => {
    expect(canMove(goodtimeProcess, 'bug', 4, 'on-hold')).toEqual({ ok: true, direction: 'forward' });
    expect(canMove(goodtimeProcess, 'bug', 'on-hold', 'closed')).toEqual({ ok: true, direction: 'forward' });
    expect(canMove(goodtimeProcess, 'bug', 4, 'closed')).toMatchObject({ ok: false, code: 'reason-required' });
    expect(canMove(goodtimeProcess, 'bug', 2, 'closed', { reason: 'duplicate of GT-1001' })).toEqual({ ok: true, direction: 'forward' });
    expect(canMove(goodtimeProcess, 'bug', 'on-hold', 3)).toMatchObject({ ok: false, code: 'reason-required' });
  });

  it('when a question is answered, then it closes directly and cannot be put on hold', () => {
    expect(canMove(goodtimeProcess, 'question', 3, 'closed')).toEqual({ ok: true, direction: 'forward' });
    expect(canMove(goodtimeProcess, 'question', 3, 'on-hold')).toMatchObject({ ok: false, code: 'unknown-stage' });
  });

  it('when a closed ticket is reopened, then it needs a reason', () => {
    expect(canMove(goodtimeProcess, 'question', 'closed', 2)).toMatchObject({ ok: false, code: 'reason-required' });
    expect(canMove(goodtimeProcess, 'question', 'closed', 2, { reason: 'follow-up question' })).toEqual({ ok: true, direction: 'backward' });
  });

  it('when the process forbids skipping and going back, then those moves are refused', () => {
    expect(canMove(strict, 'bug', 1, 3)).toMatchObject({ ok: false, code: 'skip-not-allowed' });
    expect(canMove(strict, 'bug', 1, 2)).toEqual({ ok: true, direction: 'forward' });
    expect(canMove(strict, 'bug', 3, 2, { reason: 'any' })).toMatchObject({ ok: false, code: 'backward-not-allowed' });
  });
});

describe('resolveStage and describeStage', () => {
  it('when the webhook sends a number, a name or a terminal state, then it becomes a stage', () => {
    expect(resolveStage(goodtimeProcess, 'bug', 2)).toBe(2);
    expect(resolveStage(goodtimeProcess, 'bug', '3')).toBe(3);
    expect(resolveStage(goodtimeProcess, 'bug', 'Phase 4')).toBe(4);
    expect(resolveStage(goodtimeProcess, 'bug', 'under review by support team')).toBe(2);
    expect(resolveStage(goodtimeProcess, 'bug', 'On hold')).toBe('on-hold');
    expect(resolveStage(careportalProcess, 'bug', 'Solved')).toBe('closed');
    expect(resolveStage(goodtimeProcess, 'bug', 9)).toBeUndefined();
    expect(resolveStage(goodtimeProcess, 'question', 'on-hold')).toBeUndefined();
  });

  it('when a stage is described, then it says phase N of M with the seed texts', () => {
    const bug = getTicketType(goodtimeProcess, 'bug');
    expect(stagesOf(bug)).toEqual([1, 2, 3, 4, 'on-hold', 'closed']);
    expect(describeStage(goodtimeProcess, bug, 1)).toMatchObject({
      phaseNumber: 1,
      phaseCount: 4,
      name: 'Request Received',
      meaning: 'Your request has been submitted and received by our Support Team.',
    });
    expect(describeStage(goodtimeProcess, bug, 'on-hold')).toMatchObject({ phaseNumber: null, name: 'On hold — awaiting confirmation' });
  });
});
