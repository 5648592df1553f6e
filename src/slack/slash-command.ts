// /goodtime-help [subcommand] [text]: each capability registers its subcommands here; anything else is a question.
import type { CommandArgs, SlackRoutes } from './routes';

export const SLASH_COMMAND = '/goodtime-help';

export interface Subcommand {
  name: string;
  usage: string;
  description: string;
  /**
   * Without arguments, "status of my interview…" stays a question instead of running `status`. A predicate takes only
   * the arguments it accepts ("insights 30d" runs, "Insights check: how do I…" is a question).
   */
  takesArguments?: boolean | ((rest: string[]) => boolean);
  handle: (args: CommandArgs, rest: string) => Promise<void>;
}

export class SlashCommandRouter {
  private readonly subcommands = new Map<string, Subcommand>();
  private fallback?: (args: CommandArgs, text: string) => Promise<void>;

  constructor(routes: SlackRoutes) {
    routes.command(SLASH_COMMAND, (args) => this.dispatch(args));
    this.add({
      name: 'help',
      usage: 'help',
      description: 'Show this help.',
      handle: async ({ ack }) => ack({ response_type: 'ephemeral', text: this.helpText() }),
    });
  }

  add(subcommand: Subcommand): void {
    this.subcommands.set(subcommand.name, subcommand);
  }

  /** What `/goodtime-help <anything else>` does. */
  otherwise(handler: (args: CommandArgs, text: string) => Promise<void>): void {
    this.fallback = handler;
  }

  helpText(): string {
    const lines = [...this.subcommands.values()].map((s) => `• \`${SLASH_COMMAND} ${s.usage}\` — ${s.description}`);
    return [
      `*${SLASH_COMMAND}* — ask the project team, search answers, follow tickets and incidents.`,
      `• \`${SLASH_COMMAND} [your question]\` — ask the project team (opens a form).`,
      ...lines,
      `• *Escalate to support* — in any message's ⋯ menu (More actions): turn that message into a GoodTime Support ticket (liaisons).`,
      `• *Reply to Support* — on a ticket card, or in the ⋯ menu of a message in its thread: write to GoodTime Support in the ticket's email thread (liaisons).`,
      `• *App Home* — open goodtime-help in the sidebar: your questions and tickets, active incidents, and buttons to ask.`,
    ].join('\n');
  }

  private async dispatch(args: CommandArgs): Promise<void> {
    const text = args.command.text.trim();
    const [first = '', ...rest] = text.split(/\s+/);
    const subcommand = this.subcommands.get(first.toLowerCase());
    const takes = typeof subcommand?.takesArguments === 'function' ? subcommand.takesArguments(rest) : subcommand?.takesArguments;
    if (subcommand && (takes || rest.length === 0)) return subcommand.handle(args, rest.join(' '));
    const meant = rest.length === 0 ? this.closeTo(first.toLowerCase()) : undefined;
    if (meant) {
      return args.ack({
        response_type: 'ephemeral',
        text: `\`${first.slice(0, 40)}\` is not a ${SLASH_COMMAND} command. Did you mean \`${SLASH_COMMAND} ${meant.usage}\` (${lowerFirst(meant.description.replace(/\.$/, ''))})? To ask the team, write your question out: \`${SLASH_COMMAND} How do I …\``,
      });
    }
    if (this.fallback) return this.fallback(args, text);
    await args.ack({ response_type: 'ephemeral', text: this.helpText() });
  }

  /** A subcommand one word is a slip of (`tickets`, `subscirbe`, `hlep`): at most two edits away, not a word of its own. */
  private closeTo(word: string): Subcommand | undefined {
    if (word.length < 3 || !/^[a-z]+$/.test(word)) return undefined;
    let best: { subcommand: Subcommand; distance: number } | undefined;
    for (const subcommand of this.subcommands.values()) {
      const distance = editDistance(word, subcommand.name);
      if (distance <= Math.min(2, Math.floor(subcommand.name.length / 3)) && (!best || distance < best.distance)) best = { subcommand, distance };
    }
    return best?.subcommand;
  }
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** Levenshtein distance (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
