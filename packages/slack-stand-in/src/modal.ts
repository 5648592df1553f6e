// A person's open modal: read it, fill inputs by label, click, submit and close — with Slack's client-side
// checks, its 3-second limit, and its handling of the app's response_action.
import { actionFor, blockActionsFromView, viewClosed, viewSubmission } from './payloads';
import { findButton, findInput, findMenuOption, inputLabel } from './find';
import { renderView } from './render';
import { clientSideErrors, describeStateValue, filledStateValue, initialStateValue, inputBlocks, submissionState } from './view-state';
import type { SlackFake } from './fake';
import type { SlackRequestClient, SlackResponse } from './slack-client';
import type { FakeView, JsonObject } from './types';
import type { FillValue } from './view-state';

export const SLACK_TIMEOUT_MS = 3000;
export const TROUBLE_CONNECTING = 'We had some trouble connecting. Try again?';

/** Errors shown under inputs, per view object (a views.update / response_action 'update' clears them). */
const shownErrors = new WeakMap<FakeView, Record<string, string>>();

export interface SubmitResult {
  /** closed: empty 200; cleared/updated/pushed/errors: the response_action; invalid: the Slack client refused
   *  (required field, bad email...) and sent nothing; failed: non-200 or slower than 3 s; rejected: Slack
   *  could not use the app's response (see fake.violations). */
  outcome: 'closed' | 'cleared' | 'updated' | 'pushed' | 'errors' | 'invalid' | 'failed' | 'rejected';
  status: number;
  ms: number;
  /** Inline errors by block_id ('errors' and 'invalid'). */
  errors: Record<string, string>;
  /** The same errors by input label. */
  errorsByLabel: Record<string, string>;
  /** What the person sees for 'failed' / 'rejected'. */
  message?: string;
  /** The modal on top afterwards, if any. */
  view?: FakeView;
}

export class Modal {
  constructor(private readonly fake: SlackFake, private readonly client: SlackRequestClient, readonly userId: string) {}

  get isOpen(): boolean {
    return this.fake.openView(this.userId) !== undefined;
  }

  /** The view on top of the person's modal stack (throws, with a hint, when none is open). */
  get view(): FakeView {
    const view = this.fake.openView(this.userId);
    if (view) return view;
    const opens = this.fake.calls.filter((c) => c.method.startsWith('views.')).map((c) => `${c.method} → ${c.response.ok ? 'ok' : String(c.response.error)}`);
    throw new Error(`${this.userId} has no modal open. views.* calls so far: ${opens.join(', ') || 'none'}`);
  }

  get title(): string {
    return this.view.title?.text ?? '';
  }
  get callbackId(): string {
    return this.view.callback_id;
  }
  get privateMetadata(): string {
    return this.view.private_metadata;
  }
  get errors(): Record<string, string> {
    return shownErrors.get(this.view) ?? {};
  }

  /** The inline error under the input with this label, if any. */
  errorFor(label: string): string | undefined {
    const { block } = findInput(this.view.blocks, label, this.where());
    return this.errors[String(block.block_id)];
  }

  /** What the person sees, as text (typed values and inline errors included). */
  text(): string {
    const view = this.view;
    return renderView(view, { errors: this.errors, userName: (id) => this.fake.user(id)?.name });
  }

  /** The current value of an input, as text (typed, else initial), or undefined if empty. */
  value(label: string): string | undefined {
    const { block, element } = findInput(this.view.blocks, label, this.where());
    const s = this.view.state.values[String(block.block_id)]?.[String(element.action_id)] ?? initialStateValue(element);
    return describeStateValue(s);
  }

  /** Types/picks a value in the input with this label; sends block_actions if the input dispatches actions. */
  async fill(label: string, value: FillValue): Promise<SlackResponse | undefined> {
    const view = this.view;
    const { block, element } = findInput(view.blocks, label, this.where());
    const state = filledStateValue(element, value);
    this.fake.setViewValue(view.id, String(block.block_id), String(element.action_id), state);
    if (block.dispatch_action !== true) return undefined;
    const action: JsonObject = { ...state, block_id: block.block_id, action_id: element.action_id, action_ts: (this.fake.now() / 1000).toFixed(6) };
    return this.sendViewAction(view, action);
  }

  async fillAll(values: Record<string, FillValue>): Promise<void> {
    for (const [label, value] of Object.entries(values)) await this.fill(label, value);
  }

  /** Clicks a button inside the modal (block_actions with container.type 'view'). */
  clickButton(text: string): Promise<SlackResponse> {
    const view = this.view;
    const { block, element } = findButton(view.blocks, text, this.where());
    return this.sendViewAction(view, actionFor(this.fake.ws, block, element));
  }

  /** Picks an option in an overflow / select / radio group outside input blocks. */
  choose(optionText: string): Promise<SlackResponse> {
    const view = this.view;
    const { block, element, option } = findMenuOption(view.blocks, optionText, this.where());
    const many = element.type === 'checkboxes' || String(element.type).startsWith('multi_');
    return this.sendViewAction(view, actionFor(this.fake.ws, block, element, many ? [option] : option));
  }

  async submit(): Promise<SubmitResult> {
    const view = this.view;
    view.state = submissionState(view);
    const byLabel = (errors: Record<string, string>) => this.byLabel(view, errors);
    const invalid = clientSideErrors(view, view.state);
    if (Object.keys(invalid).length) {
      shownErrors.set(view, invalid);
      return { outcome: 'invalid', status: 0, ms: 0, errors: invalid, errorsByLabel: byLabel(invalid), view };
    }
    const payload = viewSubmission(this.fake.ws, {
      user: this.userId, view, triggerId: this.fake.issueTriggerId(this.userId), responseUrls: this.responseUrls(view),
    });
    const res = await this.client.interaction(payload, { timeoutMs: SLACK_TIMEOUT_MS + 500 });
    const base = { status: res.status, ms: res.ms, errors: {}, errorsByLabel: {} };
    if (res.status !== 200 || res.ms > SLACK_TIMEOUT_MS) {
      return { ...base, outcome: 'failed', message: TROUBLE_CONNECTING, view };
    }
    const result = this.fake.applySubmissionResponse(this.userId, view.id, res.text);
    const top = this.fake.openView(this.userId);
    switch (result.outcome) {
      case 'rejected':
        return { ...base, outcome: 'rejected', message: `${TROUBLE_CONNECTING} (${result.error})`, view };
      case 'errors':
        shownErrors.set(view, result.errors);
        return { ...base, outcome: 'errors', errors: result.errors, errorsByLabel: byLabel(result.errors), view };
      default:
        return { ...base, outcome: result.outcome, ...(top ? { view: top } : {}) };
    }
  }

  /** Closes the top view (Cancel) — the whole stack if it has clear_on_close — and sends view_closed when
   *  the view asked for notify_on_close. */
  async close(): Promise<SlackResponse | undefined> {
    const view = this.view;
    this.fake.closeModal(this.userId, view.clear_on_close);
    if (!view.notify_on_close) return undefined;
    return this.client.interaction(viewClosed(this.fake.ws, { user: this.userId, view, isCleared: view.clear_on_close }));
  }

  private sendViewAction(view: FakeView, action: JsonObject): Promise<SlackResponse> {
    const payload = blockActionsFromView(this.fake.ws, { user: this.userId, view, action, triggerId: this.fake.issueTriggerId(this.userId) });
    return this.client.interaction(payload);
  }

  private responseUrls(view: FakeView): JsonObject[] {
    return inputBlocks(view).flatMap(({ block, element }) => {
      if (!element.response_url_enabled) return [];
      const s = view.state.values[String(block.block_id)]?.[String(element.action_id)];
      const channel = s?.selected_conversation ?? s?.selected_channel;
      if (typeof channel !== 'string') return [];
      return [{ block_id: block.block_id, action_id: element.action_id, channel_id: channel, response_url: this.fake.newResponseUrl(this.userId, channel) }];
    });
  }

  private byLabel(view: FakeView, errors: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const block of view.blocks) {
      const error = errors[String(block.block_id)];
      if (error !== undefined) out[block.type === 'input' ? inputLabel(block) : String(block.block_id)] = error;
    }
    return out;
  }

  private where(): string {
    return `modal "${this.fake.openView(this.userId)?.title?.text ?? '?'}"`;
  }
}
