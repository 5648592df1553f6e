import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { processSchema, type ProcessDefinition } from './process-schema';
import { careportalProcess } from './presets/careportal';
import { goodtimeProcess } from './presets/goodtime';

export const processPresets = { goodtime: goodtimeProcess, careportal: careportalProcess } as const;
export type ProcessPresetName = keyof typeof processPresets;
export const DEFAULT_PROCESS: ProcessPresetName = 'goodtime';

/** The PROCESS setting could not be turned into a valid process; the message names the file and the bad key path. */
export class ProcessConfigError extends Error {
  override readonly name = 'ProcessConfigError';
  constructor(
    message: string,
    /** One line per problem, "path: what is wrong". */
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}

export type ReadTextFile = (path: string, encoding: 'utf8') => string;

const PROCESS_FILE = /\.(ya?ml|json)$/i;
const MAX_PROBLEMS_IN_MESSAGE = 5;

/** Loads PROCESS: `goodtime`, `careportal`, or a path to a .yaml, .yml or .json process file. */
export function loadProcess(spec: string, readFile: ReadTextFile = (path, encoding) => readFileSync(path, encoding)): ProcessDefinition {
  const name = spec.trim();
  const preset = name.toLowerCase();
  if (preset === 'goodtime' || preset === 'careportal') return parseProcess(processPresets[preset], `PROCESS preset ${preset}`);
  if (!PROCESS_FILE.test(name)) {
    throw new ProcessConfigError(`PROCESS must be goodtime, careportal or a path to a .yaml, .yml or .json file; got "${spec}"`);
  }

  const source = `PROCESS file ${name}`;
  let text: string;
  try {
    text = readFile(name, 'utf8');
  } catch (error) {
    throw new ProcessConfigError(`${source}: cannot be read (${(error as Error).message})`);
  }
  let data: unknown;
  try {
    data = /\.json$/i.test(name) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const format = /\.json$/i.test(name) ? 'JSON' : 'YAML';
    throw new ProcessConfigError(`${source}: is not valid ${format}: ${(error as Error).message.split('\n')[0]}`);
  }
  return parseProcess(data, source);
}

/** Validates a process definition from any source; `source` prefixes error messages ("PROCESS file ./x.yaml"). */
export function parseProcess(data: unknown, source: string): ProcessDefinition {
  const result = processSchema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map(describeIssue);
  const shown = problems.slice(0, MAX_PROBLEMS_IN_MESSAGE).join('; ');
  const more = problems.length > MAX_PROBLEMS_IN_MESSAGE ? ` (and ${problems.length - MAX_PROBLEMS_IN_MESSAGE} more)` : '';
  throw new ProcessConfigError(`${source}: ${shown}${more}`, problems);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${[...path, key].join('.')}: unknown key`).join('; ');
  }
  const where = path.length > 0 ? path.join('.') : '(top level)';
  if (issue.code === 'invalid_type') {
    const received = /received (\w+)/.exec(issue.message)?.[1];
    const expected = `expected ${withArticle(issue.expected)}`;
    if (received === 'undefined') return `${where}: ${expected} (missing)`;
    return `${where}: ${expected}${received ? `, got ${withArticle(received)}` : ''}`;
  }
  return `${where}: ${issue.message}`;
}

function withArticle(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}
