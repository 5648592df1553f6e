// Bolt wiring for the ticket form: open it (slash command, message shortcut, a question card's button), switch the
// ticket type in place, and file on submit. Liaisons only; everyone else is told what to do instead.
import { z } from 'zod';
import { getTicketType, type ProcessDefinition } from '../process';
import { notAllowed } from '../errors';
import { messageModal } from '../slack/error-handler';
import { openLoadingModal, viewText } from '../slack/modals';
import { decodeMetadata, encodeMetadata } from '../slack/private-metadata';
import type { SlackListeners } from '../slack/listeners';
import { buttonValue } from '../slack/routes';
import { withinAckBudget } from '../slack/ack-budget';
import { QuestionIds } from '../questions/question-ids';
import { readViewState, validateForm, type ViewStateValues } from '../slack/view-state';
import { primaryFieldId, readableMessageText, titleFrom, type FormPrefill, type TicketOrigin } from './ticket';
import type { CardContext } from './ticket-blocks';
import { prefillFromForm, ticketFormSchema } from './ticket-form';
import { buildTicketModal } from './ticket-form-blocks';
import { TicketCommands, TicketIds } from './ticket-ids';
import { notLiaisonText } from './ticket-message-blocks';
import type { TicketService } from './ticket-service';
import { crashPoint } from '../crash-points';

const ref = z.object({ channel: z.string(), ts: z.string() });
const originSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('question'), questionId: z.string(), permalink: z.string().optional(), card: ref.optional() }),
  z.object({ kind: z.literal('message'), channel: z.string(), ts: z.string(), authorId: z.string().optional(), permalink: z.string().optional() }),
  z.object({ kind: z.literal('command'), channelId: z.string().optional() }),
]);
const formMetadata = z.object({ typeId: z.string(), origin: originSchema });
const MODAL_TITLE = 'File a support ticket';
const NOT_SAVED = 'Could not save the ticket just now, so nothing was filed. Please press Submit again.';

type ViewBlock = { type: string; block_id?: string; element?: Record<string, unknown> };

/** What the form shows now: each input's initial value, overlaid with whatever the person changed. */
function currentValues(blocks: unknown[], state: ViewStateValues): Record<string, string | string[] | undefined> {
  const values: Record<string, string | string[] | undefined> = {};
  for (const block of blocks as ViewBlock[]) {
    const el = block.element;
    if (block.type !== 'input' || !block.block_id || !el) continue;
    const option = (o: unknown) => (o as { value?: string } | undefined)?.value;
    const initial = el.initial_value ?? option(el.initial_option) ?? el.initial_date ?? el.initial_user ?? (Array.isArray(el.initial_options) ? el.initial_options.map(option) : undefined);
    if (typeof initial === 'string' || Array.isArray(initial)) values[block.block_id] = initial as string | string[];
  }
  return { ...values, ...Object.fromEntries(Object.entries(readViewState(state)).filter(([blockId]) => blockId in state)) };
}

export interface TicketFormListenerDeps {
  service: TicketService;
  process: ProcessDefinition;
  context: CardContext;
  isLiaison: (userId: string) => Promise<boolean>;
  listLiaisons: () => Promise<string[]>;
}

export const ticketFormListeners = (deps: TicketFormListenerDeps): SlackListeners => ({ routes, commands }) => {
  const { process, service } = deps;
  const defaultType = process.ticketTypes[0];
  if (!defaultType) throw new Error('the process has no ticket types');

  const refusal = async () => notLiaisonText(deps.context, await deps.listLiaisons());
  const requireLiaison = async (userId: string) => {
    if (!(await deps.isLiaison(userId))) throw notAllowed(await refusal());
  };
  const modal = (prefill: FormPrefill, origin: TicketOrigin) => {
    const type = getTicketType(process, prefill.typeId);
    return buildTicketModal({ process, type, prefill, origin, privateMetadata: encodeMetadata(formMetadata, { typeId: type.id, origin }) });
  };

  commands.add({
    name: TicketCommands.ticket,
    usage: 'ticket',
    description: `File a ticket with ${process.vendor.name} Support (liaisons).`,
    handle: async ({ ack, body, client, respond }) => {
      await ack(); // first: the liaison check may need Slack (a user group), and Slack waits 3 s at most
      if (!(await deps.isLiaison(body.user_id))) return void (await respond({ response_type: 'ephemeral', text: await refusal() }));
      const prefill: FormPrefill = { typeId: defaultType.id, reporterId: body.user_id, fields: {} };
      await client.views.open({ trigger_id: body.trigger_id, view: viewText(modal(prefill, { kind: 'command', channelId: body.channel_id })) });
    },
  });

  // App Home's "File a ticket with Support": the same form, from the liaison's home (no channel to answer in).
  routes.action(TicketIds.openFromHome, async ({ ack, body, client }) => {
    await ack();
    await requireLiaison(body.user.id);
    const prefill: FormPrefill = { typeId: defaultType.id, reporterId: body.user.id, fields: {} };
    await client.views.open({ trigger_id: body.trigger_id, view: viewText(modal(prefill, { kind: 'command' })) });
  });

  routes.messageShortcut(TicketIds.escalateMessageShortcut, async ({ ack, shortcut, client }) => {
    await ack();
    await requireLiaison(shortcut.user.id);
    const loading = await openLoadingModal(client, shortcut.trigger_id, MODAL_TITLE);
    await loading.fill(async () => {
      // The permalink needs a Web API call: only after the modal is open (the trigger lives 3 s).
      const permalink = await client.chat
        .getPermalink({ channel: shortcut.channel.id, message_ts: shortcut.message_ts })
        .then((r) => r.permalink, () => undefined); // without the link the ticket is still worth filing
      const message = shortcut.message as { text?: string; user?: string; bot_id?: string };
      const authorId = message.bot_id ? undefined : message.user;
      const text = readableMessageText(message.text ?? '');
      const primary = primaryFieldId(defaultType);
      const prefill: FormPrefill = { typeId: defaultType.id, title: titleFrom(text), reporterId: authorId ?? shortcut.user.id, fields: primary && text ? { [primary]: text } : {} };
      return modal(prefill, { kind: 'message', channel: shortcut.channel.id, ts: shortcut.message_ts, ...(authorId ? { authorId } : {}), ...(permalink ? { permalink } : {}) });
    });
  });

  for (const type of process.ticketTypes) {
    routes.action(TicketIds.chooseType(type.id), async ({ ack, body, client }) => {
      await ack();
      const view = body.view;
      if (!view) return;
      const { typeId, origin } = decodeMetadata(formMetadata, view.private_metadata);
      if (typeId === type.id) return;
      const prefill = prefillFromForm(process, type.id, currentValues(view.blocks, view.state.values as ViewStateValues));
      // A severity left at the old type's default follows the new type's default.
      if (!prefill.severityId || prefill.severityId === getTicketType(process, typeId).defaultSeverity) prefill.severityId = type.defaultSeverity;
      await client.views.update({ view_id: view.id, hash: view.hash, view: viewText(modal(prefill, origin)) });
    });
  }

  routes.view(TicketIds.fileView, async ({ ack, body, view }) => {
    const { typeId, origin } = decodeMetadata(formMetadata, view.private_metadata);
    const form = validateForm(ticketFormSchema(process, getTicketType(process, typeId)), view.state.values);
    if (!form.ok) return ack({ response_action: 'errors', errors: form.errors });
    const already = origin.kind === 'question' ? await service.ticketForQuestion(origin.questionId) : null;
    if (already) return ack({ response_action: 'update', view: messageModal('Already filed', `This question is already with Support as *${already.key}*. Follow it in the question's thread.`) });
    // Stored before the form closes: what the liaison saw accepted survives a crash right after.
    const saved = await withinAckBudget(service.recordFromForm(view.id, form.value, body.user.id, origin), () => service.abandonForm(view.id, origin));
    if (!saved) return ack({ response_action: 'errors', errors: { [TicketIds.block.title]: NOT_SAVED } });
    await ack();
    crashPoint('ticket.stored'); // stored and acknowledged, no card yet: the sweep posts it
    await service.publishFromForm(saved.ticket, body.user.id);
  });

  // A question card's *Escalate to support*: the form, prefilled from the question.
  routes.action(QuestionIds.escalate, async ({ ack, body, client, action }) => {
    await ack();
    const questionId = buttonValue(action);
    await requireLiaison(body.user.id);
    const loading = await openLoadingModal(client, body.trigger_id, MODAL_TITLE);
    await loading.fill(async () => {
      const { prefill, origin } = await service.prefillForQuestion(questionId);
      return modal(prefill, origin);
    });
  });
};
