// The process's public API: load a vendor process, then ask it for targets and allowed moves.
export { DEFAULT_PROCESS, loadProcess, parseProcess, ProcessConfigError, processPresets, type ProcessPresetName, type ReadTextFile } from './load-process';
export { findSeverity, findTicketType, getPhase, getSeverity, getTicketType, UnknownProcessItemError } from './process-lookup';
export {
  fieldKinds,
  processSchema,
  type Acknowledgement,
  type BusinessAmount,
  type FieldKind,
  type FieldOption,
  type Phase,
  type PhaseTimeframe,
  type ProcessDefinition,
  type ProcessInput,
  type Severity,
  type TicketField,
  type TicketType,
  type Transitions,
} from './process-schema';
export {
  acknowledgementDue,
  businessCountingStart,
  nextUpdateDue,
  phaseOverstay,
  vendorCalendar,
  workaroundDue,
  type PhaseOverstay,
} from './targets';
export {
  canMove,
  describeStage,
  FIRST_STAGE,
  isTerminalStage,
  resolveStage,
  stagesOf,
  type MoveCheck,
  type MoveDirection,
  type MoveRefusalCode,
  type StageDescription,
  type TerminalStage,
  type TicketStage,
} from './ticket-lifecycle';
