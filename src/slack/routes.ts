// Every Slack entry point goes through here: it records what the code handles (the manifest test and the
// unknown-request fallback read it), and guards each listener with the one error handler.
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

export class SlackRoutes {
  readonly registered: RegisteredRoutes = {
    commands: new Set(),
    actions: new Set(),
    views: new Set(),
    messageShortcuts: new Set(),
    events: new Set(),
  };

  constructor(
    private readonly app: App,
    private readonly reportError: ListenerErrorReporter,
    private readonly work: Pick<WorkQueue, 'slot'>,
  ) {}

  command(name: string, listener: (args: CommandArgs) => Promise<void>): void {
    this.registered.commands.add(name);
    this.app.command(name, this.guard(listener));
  }

  action(actionId: string, listener: (args: ActionArgs) => Promise<void>): void {
    this.registered.actions.add(actionId);
    this.app.action<BlockAction>({ action_id: actionId, type: 'block_actions' }, this.guard(listener));
  }

  view(callbackId: string, listener: (args: ViewSubmitArgs) => Promise<void>): void {
    this.registered.views.add(callbackId);
    this.app.view<ViewSubmitAction>({ callback_id: callbackId, type: 'view_submission' }, this.guard(listener));
  }

  viewClosed(callbackId: string, listener: (args: ViewClosedArgs) => Promise<void>): void {
    this.registered.views.add(callbackId);
    this.app.view<ViewClosedAction>({ callback_id: callbackId, type: 'view_closed' }, this.guard(listener));
  }

  messageShortcut(callbackId: string, listener: (args: MessageShortcutArgs) => Promise<void>): void {
    this.registered.messageShortcuts.add(callbackId);
    this.app.shortcut<MessageShortcut>({ callback_id: callbackId, type: 'message_action' }, this.guard(listener));
  }

  event<E extends string>(name: E, listener: (args: EventArgs<E>) => Promise<void>): void {
    this.registered.events.add(name);
    const guarded = this.guard(listener as unknown as (args: Acknowledged & AllMiddlewareArgs) => Promise<void>);
    (this.app.event as (name: string, listener: unknown) => void)(name, guarded);
  }

  /**
   * Track whether the listener acknowledged, and hand any error to the one reporter. What a listener does after
   * ack() waits for a slot in the work queue (events, which Bolt acknowledged on arrival, wait before starting).
   */
  private guard<A extends Acknowledged & AllMiddlewareArgs>(listener: (args: A) => Promise<void>) {
    return async (args: A): Promise<void> => {
      let acked = args.ack === undefined;
      let release = acked ? await this.work.slot() : undefined;
      const ack = args.ack
        ? (async (...ackArgs: never[]) => {
            acked = true;
            await args.ack?.(...ackArgs);
            release ??= await this.work.slot();
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

