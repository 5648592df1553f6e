import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES, checkFolderShape, checkImports, format, type SourceFile, type Violation } from './import-rules';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every .ts file below a repo folder, with its repo-relative posix path; none when the folder is absent. */
function readTree(folder: string): SourceFile[] {
  const absolute = path.join(ROOT, folder);
  if (!fs.existsSync(absolute)) return [];
  return fs
    .readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .map((name) => path.posix.join(folder, name.split(path.sep).join('/')))
    .filter((file) => file.endsWith('.ts') && !file.includes('/node_modules/'))
    .map((file) => ({ path: file, source: fs.readFileSync(path.join(ROOT, file), 'utf8') }));
}

const packageSources = fs.existsSync(path.join(ROOT, 'packages'))
  ? fs.readdirSync(path.join(ROOT, 'packages')).flatMap((name) => readTree(`packages/${name}/src`))
  : [];

describe('import rules', () => {
  const violations = checkImports([...readTree('src'), ...packageSources]);

  it.each(RULES)('%s', (rule) => {
    expect(violations.filter((v) => v.rule === rule).map(format)).toEqual([]);
  });
});

describe('folder shape', () => {
  it('every capability folder has every kind of file, each named for its capability', () => {
    expect(checkFolderShape(readTree('src').map((f) => f.path))).toEqual([]);
  });

  const questions = ['question.ts', 'question-service.ts', 'question-store.ts', 'question-blocks.ts', 'question-listeners.ts', 'question-ids.ts', 'question-module.ts'].map((name) => `src/questions/${name}`);

  it('finds nothing in a folder of every kind, with a file of another kind beside them', () => {
    expect(checkFolderShape([...questions, 'src/questions/question-notifier.ts'])).toEqual([]);
  });

  it('a folder without its ids', () => {
    expect(checkFolderShape(questions.filter((p) => !p.endsWith('-ids.ts')))).toEqual(['folder-shape: src/questions has no question-ids.ts']);
  });

  it('a file not named for its capability', () => {
    expect(checkFolderShape([...questions, 'src/questions/support-conversation.ts'])).toEqual([
      'folder-shape: src/questions/support-conversation.ts is not named for its capability (question-…)',
    ]);
  });

  it('a kind a capability does without, said with its reason', () => {
    const home = ['home.ts', 'home-service.ts', 'home-blocks.ts', 'home-listeners.ts', 'home-ids.ts', 'home-module.ts'].map((name) => `src/home/${name}`);
    expect(checkFolderShape(home)).toEqual([]);
    expect(checkFolderShape(home.filter((p) => !p.endsWith('-service.ts')))).toEqual(['folder-shape: src/home has no home-service.ts']);
  });
});

// A small app that keeps every rule; each case below changes or adds one file to break one rule.
const clean: Record<string, string> = {
  'src/config.ts': `export const config = { token: process.env.SLACK_BOT_TOKEN ?? '' };`,
  'src/events.ts': `export interface DomainEvent { name: string }`,
  'src/slack/app.ts': `
    // Only config.ts reads process.env; this comment and the string 'process.env' do not count.
    import { App } from '@slack/bolt';
    import { config } from '../config';
    export const app = new App({ token: config.token });`,
  'src/main.ts': `
    import { app } from './slack/app';
    import { createQuestionModule } from './questions/question-module';
    import { createTicketsModule } from './tickets/tickets-module';
    import type { QuestionStore } from './questions/question-store';
    export const modules = [createQuestionModule(app), createTicketsModule()];
    export type { QuestionStore };`,
  'src/questions/question.ts': `export interface Question { id: string }`,
  'src/questions/question-ids.ts': `export const ANSWER_ACTION = 'question.answer';`,
  'src/questions/question-store.ts': `
    import mongoose from 'mongoose';
    import type { Question } from './question';
    export const createQuestionStore = () => mongoose.model<Question>('Question');
    export type QuestionStore = ReturnType<typeof createQuestionStore>;`,
  'src/questions/question-service.ts': `
    import type { QuestionStore } from './question-store';
    import { type Question } from './question';
    import type { DomainEvent } from '../events';
    export const createQuestionService = (store: QuestionStore) => ({ store, ask: (q: Question): DomainEvent => ({ name: q.id }) });
    export type QuestionService = ReturnType<typeof createQuestionService>;`,
  'src/questions/question-form.ts': `
    import type { Question } from './question';
    import { ANSWER_ACTION } from './question-ids';
    export const formFor = (q: Question) => ({ id: q.id, action: ANSWER_ACTION });`,
  'src/questions/question-blocks.ts': `
    import type { KnownBlock } from '@slack/types';
    import { formFor } from './question-form';
    import type { Question } from './question';
    export const blocksFor = (q: Question): KnownBlock[] => [{ type: 'section', text: { type: 'mrkdwn', text: formFor(q).id } }];`,
  'src/questions/question-listeners.ts': `
    import type { App } from '@slack/bolt';
    import type { QuestionService } from './question-service';
    import { blocksFor } from './question-blocks';
    import { ANSWER_ACTION } from './question-ids';
    export const registerQuestionListeners = (app: App, service: QuestionService) => app.action(ANSWER_ACTION, async () => { blocksFor({ id: String(service) }); });`,
  'src/questions/question-module.ts': `
    import type { App } from '@slack/bolt';
    import { createQuestionStore } from './question-store';
    import { createQuestionService } from './question-service';
    import { registerQuestionListeners } from './question-listeners';
    export const createQuestionModule = (app: App) => registerQuestionListeners(app, createQuestionService(createQuestionStore()));`,
  'src/tickets/ticket-store.ts': `import { Schema } from 'mongoose'; export const ticketSchema = new Schema({});`,
  'src/tickets/ticket-service.ts': `
    import type { QuestionService } from '../questions/question-service';
    import type { Question } from '../questions/question';
    import { ANSWER_ACTION } from '../questions/question-ids';
    export const createTicketService = (questions: QuestionService) => ({ questions, file: (q: Question) => ANSWER_ACTION + q.id });`,
  'src/tickets/ticket-routes.ts': `import type { createTicketService } from './ticket-service'; export type Routes = typeof createTicketService;`,
  'src/tickets/tickets-module.ts': `
    import { createTicketService } from './ticket-service';
    export const createTicketsModule = () => ({ createTicketService, store: () => import('./ticket-store') });`,
  'packages/slack-stand-in/src/index.ts': `import { WebSocketServer } from 'ws'; import { port } from './port'; export const start = () => new WebSocketServer({ port });`,
  'packages/slack-stand-in/src/port.ts': `export const port = 0;`,
};

/** The clean app with some files replaced or added. */
const check = (changes: Record<string, string>): Violation[] =>
  checkImports(Object.entries({ ...clean, ...changes }).map(([file, source]) => ({ path: file, source })));

const service = 'src/questions/question-service.ts';

describe('the checker', () => {
  it('finds nothing in an app that keeps every rule', () => {
    expect(check({})).toEqual([]);
  });

  describe('domain-purity', () => {
    it('a service importing the Slack SDK', () => {
      expect(check({ [service]: `import { WebClient } from '@slack/web-api'; export const c = WebClient;` })).toEqual([
        { rule: 'domain-purity', file: service, import: '@slack/web-api' },
      ]);
    });

    it('a domain type naming a mongoose type, even type-only', () => {
      const file = 'src/questions/question.ts';
      expect(check({ [file]: `import type { Types } from 'mongoose'; export interface Question { id: Types.ObjectId }` })).toEqual([
        { rule: 'domain-purity', file, import: 'mongoose' },
      ]);
    });

    it('an aspect file importing infrastructure under src/slack, even type-only', () => {
      const file = 'src/questions/question-form.ts';
      expect(check({ [file]: `import type { app } from '../slack/app'; export type A = typeof app;` })).toEqual([
        { rule: 'domain-purity', file, import: 'src/slack/app.ts' },
      ]);
    });

    it('a domain file naming an edge file of its own capability other than the store, even type-only', () => {
      const file = 'src/questions/question-rules.ts';
      expect(check({ [file]: `export type { blocksFor } from './question-blocks';` })).toEqual([
        { rule: 'domain-purity', file, import: 'src/questions/question-blocks.ts' },
      ]);
    });

    it('a service importing its own store as a value (a type-marked specifier beside a value one is a value import)', () => {
      const source = `import { type QuestionStore, createQuestionStore } from './question-store'; export const s: QuestionStore = createQuestionStore();`;
      expect(check({ [service]: source })).toEqual([
        { rule: 'domain-purity', file: service, import: 'src/questions/question-store.ts' },
      ]);
    });

    it('a service reading process.env breaks no-env as well', () => {
      expect(check({ [service]: `export const region = process.env.REGION;` })).toEqual([
        { rule: 'no-env', file: service, import: 'process.env' },
        { rule: 'domain-purity', file: service, import: 'process.env' },
      ]);
    });
  });

  describe('listeners-no-stores', () => {
    it('listeners naming their store, even type-only in an import() type', () => {
      const file = 'src/questions/question-listeners.ts';
      expect(check({ [file]: `export type Store = import('./question-store').QuestionStore;` })).toEqual([
        { rule: 'listeners-no-stores', file, import: 'src/questions/question-store.ts' },
      ]);
    });

    it('routes importing the mongodb driver', () => {
      const file = 'src/tickets/ticket-routes.ts';
      expect(check({ [file]: `import { ObjectId } from 'mongodb'; export const id = new ObjectId();` })).toEqual([
        { rule: 'listeners-no-stores', file, import: 'mongodb' },
      ]);
    });
  });

  describe('capability-boundary', () => {
    it("a module importing another capability's module", () => {
      const file = 'src/tickets/tickets-module.ts';
      expect(check({ [file]: `import { createQuestionModule } from '../questions/question-module'; export const m = createQuestionModule;` })).toEqual([
        { rule: 'capability-boundary', file, import: 'src/questions/question-module.ts' },
      ]);
    });

    it("listeners importing another capability's aspect file", () => {
      const file = 'src/tickets/ticket-listeners.ts';
      expect(check({ [file]: `import { formFor } from '../questions/question-form'; export const f = formFor;` })).toEqual([
        { rule: 'capability-boundary', file, import: 'src/questions/question-form.ts' },
      ]);
    });
  });

  describe('infrastructure-independent', () => {
    it('infrastructure re-exporting a capability type', () => {
      const file = 'src/events.ts';
      expect(check({ [file]: `export type { Question } from './questions/question';` })).toEqual([
        { rule: 'infrastructure-independent', file, import: 'src/questions/question.ts' },
      ]);
    });

    it('infrastructure loading a capability with a dynamic import()', () => {
      const file = 'src/http/server.ts';
      expect(check({ [file]: `export const load = () => import('../tickets/ticket-service');` })).toEqual([
        { rule: 'infrastructure-independent', file, import: 'src/tickets/ticket-service.ts' },
      ]);
    });
  });

  describe('no-cycles', () => {
    it('two files importing each other, if only for types, is one cycle', () => {
      const [ids, type] = ['src/questions/question-ids.ts', 'src/questions/question.ts'];
      const cycle = [ids, type, ids];
      expect(
        check({
          [ids]: `import type { Question } from './question'; export const ANSWER_ACTION = 'question.answer'; export type Q = Question;`,
          [type]: `import type { ANSWER_ACTION } from './question-ids'; export interface Question { id: typeof ANSWER_ACTION }`,
        }),
      ).toEqual([{ rule: 'no-cycles', file: ids, import: type, cycle }]);
    });

    it('two capabilities importing each other through files that form no cycle', () => {
      const cycle = ['src/questions', 'src/tickets', 'src/questions'];
      expect(
        check({
          'src/tickets/ticket.ts': `export interface Ticket { id: string }`,
          [service]: `import type { Ticket } from '../tickets/ticket'; export type QuestionService = { file(t: Ticket): void };`,
        }),
      ).toEqual([{ rule: 'no-cycles', file: 'src/questions', import: 'src/tickets', cycle }]);
    });
  });

  describe('no-env', () => {
    it('infrastructure other than config.ts reading process.env', () => {
      const file = 'src/http/server.ts';
      expect(check({ [file]: `export const port = Number(process.env.PORT);` })).toEqual([
        { rule: 'no-env', file, import: 'process.env' },
      ]);
    });
  });

  describe('packages-independent', () => {
    it("a package importing the app's src and test folders", () => {
      const file = 'packages/slack-stand-in/src/index.ts';
      const source = `import { config } from '../../../src/config'; import { app } from '../../../test/support/app'; export const c = [config, app];`;
      expect(check({ [file]: source })).toEqual([
        { rule: 'packages-independent', file, import: 'src/config.ts' },
        { rule: 'packages-independent', file, import: 'test/support/app' },
      ]);
    });
  });
});
