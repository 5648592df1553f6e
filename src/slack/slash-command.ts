// /goodtime-help [subcommand] [text]: each capability registers its subcommands here; anything else is a question.
import type { CommandArgs, SlackRoutes } from './routes';

export const SLASH_COMMAND = '/goodtime-help';

export interface Subcommand {
  name: string;
  usage: string;
  description: string;
  /** Without arguments, "status of my interview…" stays a question instead of running `status`. */
  takesArguments?: boolean;
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
    return [`*${SLASH_COMMAND}* — ask the project team, search answers, follow tickets and incidents.`, `• \`${SLASH_COMMAND} [your question]\` — ask the project team (opens a form).`, ...lines].join('\n');
  }

  private async dispatch(args: CommandArgs): Promise<void> {
    const text = args.command.text.trim();
    const [first = '', ...rest] = text.split(/\s+/);
    const subcommand = this.subcommands.get(first.toLowerCase());
    if (subcommand && (subcommand.takesArguments || rest.length === 0)) return subcommand.handle(args, rest.join(' '));
    if (this.fallback) return this.fallback(args, text);
    await args.ack({ response_type: 'ephemeral', text: this.helpText() });
  }
}
