import type { Phase, ProcessDefinition, Severity, TicketType } from './process-schema';

/** A severity, ticket type or phase the process does not define: a caller passed an id from elsewhere. */
export class UnknownProcessItemError extends Error {
  override readonly name = 'UnknownProcessItemError';
}

export function findTicketType(process: ProcessDefinition, typeId: string): TicketType | undefined {
  return process.ticketTypes.find((type) => type.id === typeId);
}

export function getTicketType(process: ProcessDefinition, typeId: string): TicketType {
  const type = findTicketType(process, typeId);
  if (!type) {
    const known = process.ticketTypes.map((candidate) => candidate.id).join(', ');
    throw new UnknownProcessItemError(`process "${process.id}" has no ticket type "${typeId}" (it has ${known})`);
  }
  return type;
}

export function findSeverity(process: ProcessDefinition, severityId: string): Severity | undefined {
  return process.severities.find((severity) => severity.id === severityId);
}

export function getSeverity(process: ProcessDefinition, severityId: string): Severity {
  const severity = findSeverity(process, severityId);
  if (!severity) {
    const known = process.severities.map((candidate) => candidate.id).join(', ');
    throw new UnknownProcessItemError(`process "${process.id}" has no severity "${severityId}" (it has ${known})`);
  }
  return severity;
}

/** Phase by its 1-based number, as people and the support webhook count them ("Phase 2"). */
export function getPhase(type: TicketType, phaseNumber: number): Phase {
  const phase = Number.isInteger(phaseNumber) ? type.phases[phaseNumber - 1] : undefined;
  if (!phase) {
    throw new UnknownProcessItemError(`"${type.label}" has phases 1 to ${type.phases.length}; got ${phaseNumber}`);
  }
  return phase;
}
