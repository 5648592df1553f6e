// The demo's stage: the real app on the embedded database, a local Slack fake, and people acting through
// signed requests. Everything printed is what a person would see in Slack (or in their inbox).
import { renderMessage, renderView } from '@goodtime-help/slack-stand-in';
import type { TestApp } from '../../test/support/app';
import type { Person } from '../../test/support/people';
import type { FakeMessage } from '@goodtime-help/slack-stand-in';

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);
const indent = (text: string, prefix = '    │ ') => text.split('\n').map((line) => prefix + line).join('\n');

export interface Stage {
  t: TestApp;
  /** A numbered scene title. */
  scene(title: string): void;
  /** A narration line: what somebody does. */
  act(who: Person | string, what: string): void;
  /** What `who` sees: a message, a modal, a DM, an email. */
  show(who: Person | string, where: string, content: FakeMessage | string | { blocks?: unknown[]; text?: string }): void;
  showModal(who: Person, view: unknown): void;
  /** The person's App Home as published. */
  showHome(who: Person): void;
  showThread(who: Person | string, root: FakeMessage): void;
  pause(ms: number): Promise<void>;
  /** The same stage (scene numbers go on) for another app, e.g. one started with a different process file. */
  on(other: TestApp): Stage;
}

/** Where the team works (the app's BUSINESS_TIMEZONE default): how "the team" and "everyone" read dates. */
const TEAM_ZONE = 'America/Los_Angeles';

export function createStage(t: TestApp, scenes = { count: 0 }): Stage {
  const name = (who: Person | string) => (typeof who === 'string' ? who : `@${who.name}`);
  // Dates read as Slack shows them to this reader: in their own time zone.
  const options = (who: Person | string) => ({
    userName: (id: string) => t.fake.user(id)?.name ?? id,
    reader: { zone: (typeof who === 'string' ? undefined : t.fake.user(who.id)?.tz) ?? TEAM_ZONE, now: t.fake.ws.now() },
  });
  const render = (who: Person | string, content: FakeMessage | string | { blocks?: unknown[]; text?: string }) =>
    typeof content === 'string' ? content : renderMessage(content as FakeMessage, options(who));
  return {
    t,
    scene(title) {
      scenes.count += 1;
      console.log(`\n${bold(`━━ ${scenes.count}. ${title} ${'━'.repeat(Math.max(3, 70 - title.length))}`)}`);
    },
    act(who, what) {
      console.log(`\n  ▶ ${bold(name(who))} ${what}`);
    },
    show(who, where, content) {
      console.log(`  ${dim(`${name(who)} sees ${where}:`)}`);
      console.log(indent(render(who, content)));
    },
    showModal(who, view) {
      console.log(`  ${dim(`${name(who)} sees a form:`)}`);
      console.log(indent(renderView(view as never, options(who))));
    },
    showHome(who) {
      const view = t.fake.home(who.id);
      console.log(`  ${dim(`${name(who)} sees App Home:`)}`);
      console.log(indent(view ? renderView(view as never, options(who)) : '(nothing published)'));
    },
    showThread(who, root) {
      const replies = t.fake.thread(root.channel, root.ts);
      console.log(`  ${dim(`${name(who)} sees the thread (${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}):`)}`);
      for (const reply of replies) {
        const author = reply.user ? `@${t.fake.user(reply.user)?.name ?? reply.user}` : 'goodtime-help';
        console.log(indent(`${author}: ${render(who, reply)}`, '    ├ '));
      }
    },
    pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    on: (other) => createStage(other, scenes),
  };
}
