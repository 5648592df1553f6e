import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadProcess, ProcessConfigError } from '../../src/process/load-process';
import { careportalProcess } from '../../src/process/presets/careportal';
import { goodtimeProcess } from '../../src/process/presets/goodtime';

const dir = mkdtempSync(join(tmpdir(), 'process-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function errorOf(action: () => unknown): ProcessConfigError {
  try {
    action();
  } catch (error) {
    if (error instanceof ProcessConfigError) return error;
    throw error;
  }
  throw new Error('expected a ProcessConfigError');
}

describe('loadProcess', () => {
  it('when given a preset name, then the preset comes back validated', () => {
    expect(loadProcess('goodtime')).toEqual(goodtimeProcess);
    expect(loadProcess(' CarePortal ')).toEqual(careportalProcess);
  });

  it('when given a YAML file, then it is read and validated', () => {
    const path = write('custom.yaml', stringify({ ...goodtimeProcess, id: 'acme', vendor: { ...goodtimeProcess.vendor, ticketPrefix: 'AC' } }));
    const process = loadProcess(path);
    expect(process.id).toBe('acme');
    expect(process.vendor.ticketPrefix).toBe('AC');
    expect(process.ticketTypes[0]?.phases).toEqual(goodtimeProcess.ticketTypes[0]?.phases);
  });

  it('when given a JSON file, then it is read and validated', () => {
    const path = write('careportal.json', JSON.stringify(careportalProcess));
    expect(loadProcess(path)).toEqual(careportalProcess);
  });

  it('when a phase name has the wrong type, then the error names the file and the key path', () => {
    const broken = structuredClone(goodtimeProcess) as unknown as { ticketTypes: { phases: { name: unknown }[] }[] };
    const phase = broken.ticketTypes[0]?.phases[2];
    if (phase) phase.name = 42;
    const path = write('broken.yaml', stringify(broken));
    const error = errorOf(() => loadProcess(path));
    expect(error.message).toBe(`PROCESS file ${path}: ticketTypes.0.phases.2.name: expected a string, got a number`);
    expect(error.problems).toEqual(['ticketTypes.0.phases.2.name: expected a string, got a number']);
  });

  it('when keys are missing, misspelt or values invalid, then each is named', () => {
    const broken = structuredClone(goodtimeProcess) as unknown as Record<string, unknown> & { calendar: Record<string, unknown> };
    delete broken.escalation;
    broken.calender = {};
    broken.calendar.hours = 'Mon-Fri 22:00-06:00';
    const path = write('many.json', JSON.stringify(broken));
    const { problems } = errorOf(() => loadProcess(path));
    expect(problems).toEqual(
      expect.arrayContaining([
        'escalation: expected an object (missing)',
        'calender: unknown key',
        expect.stringMatching(/^calendar\.hours: .*crossing midnight/),
      ]),
    );
  });

  it('when a ticket type refers to a severity that does not exist, then the error says which ones do', () => {
    const broken = structuredClone(goodtimeProcess);
    const bug = broken.ticketTypes[0];
    if (bug) bug.defaultSeverity = 'S9';
    const path = write('severity.json', JSON.stringify(broken));
    expect(errorOf(() => loadProcess(path)).message).toContain('ticketTypes.0.defaultSeverity: expected one of S1, S2, S3, S4, S5; got "S9"');
  });

  it('when the file is not valid YAML, then the error says so', () => {
    const path = write('bad.yml', 'id: goodtime\nvendor: [unclosed\n');
    expect(errorOf(() => loadProcess(path)).message).toMatch(/^PROCESS file .*bad\.yml: is not valid YAML: /);
  });

  it('when the file cannot be read, then the error says so', () => {
    expect(errorOf(() => loadProcess(join(dir, 'missing.yaml'))).message).toMatch(/missing\.yaml: cannot be read \(ENOENT/);
  });

  it('when given something that is neither a preset nor a process file, then the choices are listed', () => {
    expect(errorOf(() => loadProcess('zendesk')).message).toBe(
      'PROCESS must be goodtime, careportal or a path to a .yaml, .yml or .json file; got "zendesk"',
    );
  });

  it('when a reader is injected, then it is used instead of the file system', () => {
    const process = loadProcess('in-memory.json', () => JSON.stringify(careportalProcess));
    expect(process.id).toBe('careportal');
  });
});
