import { findTicketType } from './process-lookup';
import type { Phase, ProcessDefinition, TicketType } from './process-schema';

/** Where a ticket is: a 1-based phase number, or one of the states after the last phase. */
export type TicketStage = number | TerminalStage;
/** 'on-hold': fixed, waiting for the reporter to confirm (types with closing 'confirm-with-reporter' only). */
export type TerminalStage = 'on-hold' | 'closed';
export const FIRST_STAGE: TicketStage = 1;

export type MoveDirection = 'forward' | 'backward' | 'none';
export type MoveRefusalCode = 'unknown-type' | 'unknown-stage' | 'skip-not-allowed' | 'reason-required' | 'backward-not-allowed' | 'not-with-vendor';
export type MoveCheck =
  | { ok: true; direction: MoveDirection }
  | { ok: false; code: MoveRefusalCode; message: string };

export interface StageDescription {
  stage: TicketStage;
  /** 1-based phase number; null for on-hold and closed. */
  phaseNumber: number | null;
  phaseCount: number;
  name: string;
  meaning: string;
  timeframe: Phase['timeframe'];
  nextSteps: string | null;
}

/** The stages of a ticket type in order: phases, then on-hold (if the type confirms with the reporter), then closed. */
export function stagesOf(type: TicketType): TicketStage[] {
  const phases = type.phases.map((_, index) => index + 1);
  return type.closing === 'confirm-with-reporter' ? [...phases, 'on-hold', 'closed'] : [...phases, 'closed'];
}

export function isTerminalStage(stage: TicketStage): stage is TerminalStage {
  return stage === 'on-hold' || stage === 'closed';
}

/**
 * Whether a ticket of `typeId` may move from one stage to another. Forward moves may skip phases when the process
 * allows it; backward moves (including reopening and leaving on-hold) follow `transitions.backward`; closing a
 * confirm-with-reporter ticket without its on-hold confirmation needs a reason. A move to the same stage is ok with
 * direction 'none' (a repeat changes nothing).
 */
export function canMove(
  process: ProcessDefinition,
  typeId: string,
  from: TicketStage,
  to: TicketStage,
  options: { reason?: string } = {},
): MoveCheck {
  const type = findTicketType(process, typeId);
  if (!type) return refuse('unknown-type', `"${typeId}" is not a ticket type of ${process.vendor.name}'s process.`);
  const stages = stagesOf(type);
  for (const stage of [from, to]) {
    if (!stages.includes(stage)) return refuse('unknown-stage', unknownStageMessage(type, stage));
  }
  const fromRank = stages.indexOf(from);
  const toRank = stages.indexOf(to);
  const hasReason = (options.reason ?? '').trim() !== '';
  const { transitions } = process;
  const name = (stage: TicketStage) => stageName(process, type, stage);

  if (toRank === fromRank) return { ok: true, direction: 'none' };
  if (toRank < fromRank) {
    if (transitions.backward === 'never') {
      return refuse('backward-not-allowed', `${process.vendor.name} tickets only move forward; ${name(from)} cannot go back to ${name(to)}.`);
    }
    if (transitions.backward === 'with-reason' && !hasReason) {
      return refuse('reason-required', `Moving back from ${name(from)} to ${name(to)} needs a reason.`);
    }
    return { ok: true, direction: 'backward' };
  }
  if (to === 'closed' && type.closing === 'confirm-with-reporter' && from !== 'on-hold' && !hasReason) {
    const waiting = `A ${type.label.toLowerCase()} stays "${transitions.onHold.label}" until the reporter confirms the fix`;
    return refuse('reason-required', `${waiting}; closing it straight from ${name(from)} needs a reason.`);
  }
  // Closing early with a reason is allowed even when phases may not be skipped (duplicates, withdrawn requests).
  if (!transitions.skipForward && toRank - fromRank > 1 && !(to === 'closed' && hasReason)) {
    return refuse('skip-not-allowed', `${name(from)} can only move on to ${name(stages[fromRank + 1] ?? to)}.`);
  }
  return { ok: true, direction: 'forward' };
}

/**
 * Reads a stage as the support webhook or a person gives it: a phase number (2, "2", "Phase 2"), a phase name
 * (any case), "on-hold"/"closed", or a terminal state's label. Undefined when the type has no such stage.
 */
export function resolveStage(process: ProcessDefinition, typeId: string, input: number | string): TicketStage | undefined {
  const type = findTicketType(process, typeId);
  if (!type) return undefined;
  const stages = stagesOf(type);
  const text = String(input).trim().toLowerCase();
  const numbered = /^(?:phase\s*)?(\d+)$/.exec(text)?.[1];
  const candidates: TicketStage[] = numbered
    ? [Number(numbered)]
    : [
        ...type.phases.flatMap((phase, index) => (phase.name.toLowerCase() === text ? [index + 1] : [])),
        ...(['on-hold', 'closed'] as const).filter(
          (stage) => stage === text.replace(/\s+/g, '-') || terminalState(process, stage).label.toLowerCase() === text,
        ),
      ];
  return candidates.find((stage) => stages.includes(stage));
}

/** What to show for a stage: "Phase 2 of 4 — Under Review by Support Team", what it means, timeframe, next steps. */
export function describeStage(process: ProcessDefinition, type: TicketType, stage: TicketStage): StageDescription {
  const phaseCount = type.phases.length;
  if (isTerminalStage(stage)) {
    const { label, meaning } = terminalState(process, stage);
    return { stage, phaseNumber: null, phaseCount, name: label, meaning, timeframe: null, nextSteps: null };
  }
  const phase = type.phases[stage - 1];
  if (!phase) throw new RangeError(unknownStageMessage(type, stage));
  const { name, meaning, timeframe, nextSteps } = phase;
  return { stage, phaseNumber: stage, phaseCount, name, meaning, timeframe, nextSteps };
}

function terminalState(process: ProcessDefinition, stage: TerminalStage) {
  return stage === 'on-hold' ? process.transitions.onHold : process.transitions.closed;
}

function stageName(process: ProcessDefinition, type: TicketType, stage: TicketStage): string {
  const { name, phaseNumber } = describeStage(process, type, stage);
  return phaseNumber === null ? `"${name}"` : `Phase ${phaseNumber} (${name})`;
}

function unknownStageMessage(type: TicketType, stage: TicketStage): string {
  if (stage === 'on-hold') return `A ${type.label.toLowerCase()} is closed when done, never put on hold.`;
  const after = type.closing === 'confirm-with-reporter' ? 'on-hold and closed' : 'closed';
  return `A ${type.label.toLowerCase()} has phases 1 to ${type.phases.length}, then ${after}; "${String(stage)}" is not one of them.`;
}

function refuse(code: MoveRefusalCode, message: string): MoveCheck {
  return { ok: false, code, message };
}
