// Every Slack entry point goes through here: it records what the code handles (the manifest test and the
// unknown-request fallback read it), and guards each listener with the one error handler. Actions, views and
// shortcuts are dispatched by id from one Bolt listener per kind: Bolt runs every registered listener's matchers for
// every request, so dozens of buttons registered one by one would be paid for on every slash command.
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  MessageShortcut,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewClosedAction,
  ViewSubmitAction,
} from '@slack/bolt';
import type { WorkQueue } from './work-queue';
import type { ListenerArgs, ListenerErrorReporter } from './error-handler';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
export type ViewSubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
export type ViewClosedArgs = SlackViewMiddlewareArgs<ViewClosedAction> & AllMiddlewareArgs;
export type MessageShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;
export type EventArgs<E extends string> = SlackEventMiddlewareArgs<E> & AllMiddlewareArgs;

/** The value a button carries (an id); empty for any other kind of action. */
export const buttonValue = (action: ActionArgs['action']): string => (action.type === 'button' ? (action.value ?? '') : '');

export interface RegisteredRoutes {
  commands: Set<string>;
  actions: Set<string>;
  views: Set<string>;
  messageShortcuts: Set<string>;
  events: Set<string>;
}

type Acknowledged = { ack?: (...args: never[]) => Promise<void> };

/** Whether a listener's after-ack work waits its turn in the work queue, or runs at once (a trigger is ticking). */
type Timing = 'queued' | 'now';
const QUEUED: Timing = 'queued';
const NOW: Timing = 'now';

export class SlackRoutes {
  readonly registered: RegisteredRoutes = {
    commands: new Set(),
    actions: new Set(),
    views: new Set(),
    messageShortcuts: new Set(),
    events: new Set(),
  };

  private readonly actions = new Map<string, (args: ActionArgs) => Promise<void>>();
  private readonly submissions = new Map<string, (args: ViewSubmitArgs) => Promise<void>>();
  private readonly closings = new Map<string, (args: ViewClosedArgs) => Promise<void>>();
  private readonly shortcuts = new Map<string, (args: MessageShortcutArgs) => Promise<void>>();

  constructor(
    private readonly app: App,
    private readonly reportError: ListenerErrorReporter,
    private readonly work: Pick<WorkQueue, 'slot'>,
  ) {}

  command(name: string, listener: (args: CommandArgs) => Promise<void>): void {
    this.registered.commands.add(name);
    this.app.command(name, this.guard(listener, NOW));
  }

  action(actionId: string, listener: (args: ActionArgs) => Promise<void>): void {
    this.registered.actions.add(actionId);
    if (this.actions.size === 0) {
      this.app.action<BlockAction>({ type: 'block_actions' }, this.guard((args) => dispatch(this.actions, args.action.action_id, args), NOW));
    }
    addOnce(this.actions, actionId, listener);
  }

  view(callbackId: string, listener: (args: ViewSubmitArgs) => Promise<void>): void {
    this.registered.views.add(callbackId);
    if (this.submissions.size === 0) {
      this.app.view<ViewSubmitAction>({ type: 'view_submission' }, this.guard((args) => dispatch(this.submissions, args.view.callback_id, args)));
    }
    addOnce(this.submissions, callbackId, listener);
  }

  viewClosed(callbackId: string, listener: (args: ViewClosedArgs) => Promise<void>): void {
    this.registered.views.add(callbackId);
    if (this.closings.size === 0) {
      this.app.view<ViewClosedAction>({ type: 'view_closed' }, this.guard((args) => dispatch(this.closings, args.view.callback_id, args)));
    }
    addOnce(this.closings, callbackId, listener);
  }

  messageShortcut(callbackId: string, listener: (args: MessageShortcutArgs) => Promise<void>): void {
    this.registered.messageShortcuts.add(callbackId);
    if (this.shortcuts.size === 0) {
      this.app.shortcut<MessageShortcut>({ type: 'message_action' }, this.guard((args) => dispatch(this.shortcuts, args.shortcut.callback_id, args), NOW));
    }
    addOnce(this.shortcuts, callbackId, listener);
  }

  event<E extends string>(name: E, listener: (args: EventArgs<E>) => Promise<void>): void {
    this.registered.events.add(name);
    const guarded = this.guard(listener as unknown as (args: Acknowledged & AllMiddlewareArgs) => Promise<void>);
    (this.app.event as (name: string, listener: unknown) => void)(name, guarded);
  }

  /**
   * Track whether the listener acknowledged, and hand any error to the one reporter. What a listener does after
   * ack() waits for a slot in the work queue (events, which Bolt acknowledged on arrival, wait before starting),
   * except where Slack's trigger is ticking (`NOW`: commands, buttons, shortcuts open their modal within 3 s of the
   * click, and a trigger that waited in a queue would expire and the person would see nothing).
   */
  private guard<A extends Acknowledged & AllMiddlewareArgs>(listener: (args: A) => Promise<void>, timing: Timing = QUEUED) {
    return async (args: A): Promise<void> => {
      const queued = timing === QUEUED;
      let acked = args.ack === undefined;
      let release = acked && queued ? await this.work.slot() : undefined;
      const ack = args.ack
        ? (async (...ackArgs: never[]) => {
            acked = true;
            await args.ack?.(...ackArgs);
            if (queued) release ??= await this.work.slot();
          })
        : undefined;
      try {
        await listener({ ...args, ack } as A);
      } catch (error) {
        await this.reportError({ error, args: args as unknown as ListenerArgs, ack: acked ? undefined : ack });
      } finally {
        release?.();
      }
    };
  }
}

function addOnce<L>(listeners: Map<string, L>, id: string, listener: L): void {
  if (listeners.has(id)) throw new Error(`two listeners for ${id}`);
  listeners.set(id, listener);
}

/** Run the listener for `id`. An id nobody registered never gets here: the unknown-request fallback answers it. */
async function dispatch<A>(listeners: Map<string, (args: A) => Promise<void>>, id: string, args: A): Promise<void> {
  await listeners.get(id)?.(args);
}
