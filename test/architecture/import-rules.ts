// The architecture's import rules as a pure function over { path, source } files (paths relative to the repo root).
import path from 'node:path';
import ts from 'typescript';

export const RULES = [
  'domain-purity',
  'listeners-no-stores',
  'capability-boundary',
  'infrastructure-independent',
  'no-cycles',
  'no-env',
  'packages-independent',
] as const;
export type Rule = (typeof RULES)[number];

export interface SourceFile {
  path: string;
  source: string;
}
export interface Violation {
  rule: Rule;
  file: string;
  /** The resolved repo path of the imported file, the bare package name, or `process.env`. */
  import: string;
  /** For no-cycles: the files (or capability folders) round the cycle, first one repeated at the end. */
  cycle?: string[];
}
interface Import {
  target: string;
  typeOnly: boolean;
}

export const CAPABILITIES = ['questions', 'tickets', 'incidents', 'broadcast', 'subscriptions', 'knowledge', 'home'];
const EDGE_KINDS = new Set(['store', 'blocks', 'listeners', 'module', 'notifier', 'routes']);
const DOMAIN_FORBIDDEN_INFRA = ['src/slack/', 'src/http/', 'src/db/'];

export function format(v: Violation): string {
  return v.cycle ? `${v.rule}: ${v.cycle.join(' → ')}` : `${v.rule}: ${v.file} → ${v.import}`;
}

/** The capability a src/ path belongs to, or undefined for infrastructure and anything outside src/. */
export function capabilityOf(file: string): string | undefined {
  const [root, folder, rest] = file.split('/');
  return root === 'src' && rest !== undefined && CAPABILITIES.includes(folder ?? '') ? folder : undefined;
}

/** `<thing>-<kind>.ts` gives kind; a name without a hyphen (`ticket.ts`) is the capability's domain type and has none. */
function kindOf(file: string): string | undefined {
  const name = path.posix.basename(file, '.ts');
  return name.includes('-') ? name.slice(name.lastIndexOf('-') + 1) : undefined;
}

const isEdge = (file: string) => EDGE_KINDS.has(kindOf(file) ?? '');
const isDomain = (file: string) => capabilityOf(file) !== undefined && !isEdge(file);
const isPackage = (target: string, ...names: string[]) => names.some((n) => target === n || target.startsWith(`${n}/`));
const isMongo = (target: string) => isPackage(target, 'mongoose', 'mongodb', 'bson');

/** Whether B's file is one another capability may use: its service, its domain type or its ids. */
function isPublic(file: string): boolean {
  const kind = kindOf(file);
  return kind === undefined || kind === 'service' || kind === 'ids';
}

/** Relative specifiers become repo paths the way Bundler resolution finds them; bare ones stay package names. */
function resolve(from: string, specifier: string, known: Set<string>): string {
  if (!specifier.startsWith('.')) return specifier;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const candidates = [base, `${base}.ts`, `${base}/index.ts`, base.replace(/\.js$/, '.ts')];
  return candidates.find((c) => known.has(c)) ?? base;
}

/** Every import, export-from, dynamic import() and import('x') type of a file, and whether it reads process.env. */
function parse(file: SourceFile, known: Set<string>): { imports: Import[]; readsEnv: boolean } {
  const sf = ts.createSourceFile(file.path, file.source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const imports: Import[] = [];
  let readsEnv = false;
  const add = (specifier: ts.Node | undefined, typeOnly: boolean) => {
    if (specifier && ts.isStringLiteralLike(specifier)) imports.push({ target: resolve(file.path, specifier.text, known), typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      // `import { type A, type B }` names types only, but a bare `import './x'` or `import { type A, B }` runs the file.
      const allTypes = !!clause && !clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier, !!clause && (clause.isTypeOnly || allTypes));
    } else if (ts.isExportDeclaration(node)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      add(node.moduleSpecifier, node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    } else if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'process' &&
      node.name.text === 'env'
    ) {
      readsEnv = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { imports, readsEnv };
}

/** Rules 1–4 and packages-independent: what one file may import. */
function importViolations(file: string, target: string, typeOnly: boolean): Rule[] {
  const rules: Rule[] = [];
  const own = capabilityOf(file);
  const theirs = capabilityOf(target);
  if (isDomain(file)) {
    const sdk = isPackage(target, '@slack') || isMongo(target);
    const infra = DOMAIN_FORBIDDEN_INFRA.some((prefix) => target.startsWith(prefix));
    // A service is handed its store and may name the store's type, but only its own capability's.
    const ownStoreType = typeOnly && theirs === own && kindOf(target) === 'store';
    if (sdk || infra || (theirs !== undefined && isEdge(target) && !ownStoreType)) rules.push('domain-purity');
  }
  if (file.startsWith('src/') && /-(listeners|routes)\.ts$/.test(file) && (/-store\.ts$/.test(target) || isPackage(target, 'mongoose', 'mongodb'))) {
    rules.push('listeners-no-stores');
  }
  if (own !== undefined && theirs !== undefined && own !== theirs && !isPublic(target)) rules.push('capability-boundary');
  if (file.startsWith('src/') && own === undefined && file !== 'src/main.ts' && theirs !== undefined) {
    rules.push('infrastructure-independent');
  }
  if (file.startsWith('packages/') && /^(src|test)(\/|$)/.test(target)) rules.push('packages-independent');
  return rules;
}

/** One cycle per DFS back edge, rotated to start at its smallest node, so each is reported once and in a stable order. */
export function findCycles(graph: Map<string, Set<string>>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found = new Map<string, string[]>();
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (state.get(next) === 'open') {
        const loop = stack.slice(stack.indexOf(next));
        const start = loop.indexOf([...loop].sort()[0] ?? next);
        const rotated = [...loop.slice(start), ...loop.slice(0, start)];
        found.set(rotated.join('\n'), [...rotated, rotated[0] ?? next]);
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return [...found.values()];
}

const cycleViolation = (cycle: string[]): Violation => ({ rule: 'no-cycles', file: cycle[0] ?? '', import: cycle[1] ?? '', cycle });

export function checkImports(files: SourceFile[]): Violation[] {
  const known = new Set(files.map((f) => f.path));
  const violations: Violation[] = [];
  const fileGraph = new Map<string, Set<string>>();
  const capabilityGraph = new Map<string, Set<string>>();
  const edge = (graph: Map<string, Set<string>>, from: string, to: string) => graph.set(from, (graph.get(from) ?? new Set()).add(to));

  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const { imports, readsEnv } = parse(file, known);
    const inSrc = file.path.startsWith('src/');
    if (readsEnv && inSrc && file.path !== 'src/config.ts') violations.push({ rule: 'no-env', file: file.path, import: 'process.env' });
    if (readsEnv && isDomain(file.path)) violations.push({ rule: 'domain-purity', file: file.path, import: 'process.env' });
    for (const { target, typeOnly } of imports) {
      for (const rule of importViolations(file.path, target, typeOnly)) violations.push({ rule, file: file.path, import: target });
      if (!inSrc || !known.has(target) || !target.startsWith('src/')) continue;
      edge(fileGraph, file.path, target);
      const [from, to] = [capabilityOf(file.path), capabilityOf(target)];
      if (from && to && from !== to) edge(capabilityGraph, `src/${from}`, `src/${to}`);
    }
  }
  violations.push(...findCycles(fileGraph).map(cycleViolation), ...findCycles(capabilityGraph).map(cycleViolation));
  // An import written twice (a value and a type line) is one violation.
  return [...new Map(violations.map((v) => [format(v), v])).values()];
}

/** The name every file of a capability folder starts with. */
export const THINGS: Record<string, string> = {
  questions: 'question',
  tickets: 'ticket',
  incidents: 'incident',
  broadcast: 'broadcast',
  subscriptions: 'subscription',
  knowledge: 'knowledge',
  home: 'home',
};
/** The kinds of file every capability folder has ('' is `<thing>.ts`, its types and pure rules). */
export const KINDS = ['', 'service', 'store', 'blocks', 'listeners', 'ids', 'module'];
/** Kinds a capability does without, and why. */
export const WITHOUT: Record<string, Record<string, string>> = {
  home: { store: 'it owns no data: it reads the other capabilities through their services' },
  broadcast: { listeners: 'nobody acts on a broadcast in Slack: incident events start it, incidents own its buttons' },
};

/** The folder shape of STYLE.md: each capability folder has every kind of file, each named for its capability. */
export function checkFolderShape(paths: string[]): string[] {
  const problems: string[] = [];
  for (const [folder, thing] of Object.entries(THINGS)) {
    const names = paths.filter((p) => p.startsWith(`src/${folder}/`)).map((p) => p.slice(`src/${folder}/`.length));
    if (names.length === 0) continue;
    for (const kind of KINDS) {
      const file = kind ? `${thing}-${kind}.ts` : `${thing}.ts`;
      if (!names.includes(file) && !WITHOUT[folder]?.[kind]) problems.push(`folder-shape: src/${folder} has no ${file}`);
    }
    for (const name of names) {
      if (name !== `${thing}.ts` && !name.startsWith(`${thing}-`)) problems.push(`folder-shape: src/${folder}/${name} is not named for its capability (${thing}-…)`);
    }
  }
  return problems;
}
