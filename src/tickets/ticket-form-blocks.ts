// Pure: the ticket form (one modal per ticket type, fields from the process) and the "Change phase" modal.
import type { ActionsBlock, InputBlock, KnownBlock, ModalView } from '@slack/types';
import { stagesOf, type ProcessDefinition, type TicketField, type TicketType } from '../process';
import { safeText, truncate } from '../slack/mrkdwn';
import { acknowledgementText, stageLabel, TITLE_MAX, type FieldValue, type FormPrefill, type Ticket, type TicketOrigin } from './ticket';
import { originText } from './ticket-blocks';
import { fieldMaxLength } from './ticket-form';
import { TicketIds } from './ticket-ids';
import { button, context, option, plain } from '../slack/block-kit';

const B = TicketIds.block;

function severityBlocks(process: ProcessDefinition, selected: string): KnownBlock[] {
  const options = process.severities.map((s) => option(`${s.id} · ${s.label}`, s.id, s.meaning));
  const meanings = process.severities.map((s) => `*${s.id} ${s.label}* (${s.vendorLevel}) — ${s.meaning}. ${acknowledgementText(process, s)}.`);
  return [
    {
      type: 'input',
      block_id: B.severity,
      label: plain('Severity'),
      element: { type: 'radio_buttons', action_id: 'value', options, ...(options.find((o) => o.value === selected) ? { initial_option: options.find((o) => o.value === selected) } : {}) },
    },
    context(meanings.join('\n')),
  ];
}

function textElement(field: TicketField, initial: FieldValue | undefined): InputBlock['element'] {
  const max = fieldMaxLength(field);
  const multiline = field.kind === 'multiline' || field.kind === 'email-list';
  return {
    type: 'plain_text_input',
    action_id: 'value',
    multiline,
    max_length: max,
    ...(field.kind === 'url' ? { placeholder: plain('https://…') } : {}),
    ...(field.kind === 'email-list' ? { placeholder: plain('Ada Lovelace <ada@example.com>') } : {}),
    ...(typeof initial === 'string' && initial.trim() ? { initial_value: truncate(initial, max) } : {}),
  };
}

function optionsElement(field: TicketField, initial: FieldValue | undefined): InputBlock['element'] {
  const options = (field.options ?? []).map((o) => option(o.label, o.value));
  const chosen = Array.isArray(initial) ? initial : typeof initial === 'string' ? [initial] : [];
  const initialOptions = options.filter((o) => chosen.includes(o.value ?? ''));
  if (field.kind === 'select') {
    return { type: 'static_select', action_id: 'value', placeholder: plain('Choose one'), options, ...(initialOptions[0] ? { initial_option: initialOptions[0] } : {}) };
  }
  const many = initialOptions.length > 0 ? { initial_options: initialOptions } : {};
  if (options.length <= 10) return { type: 'checkboxes', action_id: 'value', options, ...many };
  return { type: 'multi_static_select', action_id: 'value', placeholder: plain('Choose'), options, ...many };
}

function fieldBlocks(field: TicketField, initial: FieldValue | undefined): InputBlock[] {
  const hint = field.hint ? { hint: plain(truncate(field.hint, 2000)) } : {};
  const input = (blockId: string, label: string, element: InputBlock['element'], optional = !field.required): InputBlock => ({
    type: 'input',
    block_id: blockId,
    optional,
    label: plain(truncate(label, 2000)),
    element,
    ...hint,
  });
  if (field.kind === 'date-range') {
    const range = initial && typeof initial === 'object' && !Array.isArray(initial) ? initial : {};
    const date = (value?: string) => ({ type: 'datepicker' as const, action_id: 'value', ...(value ? { initial_date: value } : {}) });
    return [
      input(TicketIds.rangeBlock(field.id, 'from'), `${field.label}: from`, date(range.from)),
      input(TicketIds.rangeBlock(field.id, 'to'), `${field.label}: to`, date(range.to), true),
    ];
  }
  const element = field.kind === 'select' || field.kind === 'multiselect' ? optionsElement(field, initial) : textElement(field, initial);
  return [input(TicketIds.fieldBlock(field.id), field.label, element)];
}

function typeButtons(process: ProcessDefinition, selected: string): ActionsBlock {
  const elements = process.ticketTypes.map((type) =>
    type.id === selected ? button(`✓ ${type.label}`, TicketIds.chooseType(type.id), type.id, 'primary') : button(type.label, TicketIds.chooseType(type.id), type.id),
  );
  return { type: 'actions', block_id: B.types, elements };
}

export function buildTicketModal(options: { process: ProcessDefinition; type: TicketType; prefill: FormPrefill; origin: TicketOrigin; privateMetadata: string }): ModalView {
  const { process, type, prefill } = options;
  const origin = originText(options.origin);
  const blocks: KnownBlock[] = [typeButtons(process, type.id)];
  if (type.description) blocks.push(context(safeText(type.description, 600)));
  if (origin) blocks.push(context(`:link: ${origin}`));
  blocks.push(
    {
      type: 'input',
      block_id: B.title,
      label: plain('Summary'),
      hint: plain('One line Support will see as the email subject.'),
      element: { type: 'plain_text_input', action_id: 'value', max_length: TITLE_MAX, ...(prefill.title ? { initial_value: truncate(prefill.title, TITLE_MAX) } : {}) },
    },
    ...severityBlocks(process, prefill.severityId ?? type.defaultSeverity),
    {
      type: 'input',
      block_id: B.reporter,
      label: plain('Reported by'),
      hint: plain('They get each phase update and confirm the fix.'),
      element: { type: 'users_select', action_id: 'value', ...(prefill.reporterId ? { initial_user: prefill.reporterId } : {}) },
    },
    { type: 'header', text: plain(truncate(`What ${process.vendor.name} Support needs`, 150)) },
    ...type.fields.flatMap((field) => fieldBlocks(field, prefill.fields[field.id])),
  );
  return {
    type: 'modal',
    callback_id: TicketIds.fileView,
    private_metadata: options.privateMetadata,
    title: plain('File a support ticket'),
    submit: plain('File ticket'),
    close: plain('Cancel'),
    blocks,
  };
}

export function buildChangePhaseModal(process: ProcessDefinition, type: TicketType, ticket: Ticket, privateMetadata: string): ModalView {
  const options = stagesOf(type)
    .filter((stage) => stage !== ticket.stage)
    .map((stage) => option(stageLabel(process, type, stage), String(stage)));
  return {
    type: 'modal',
    callback_id: TicketIds.changePhaseView,
    private_metadata: privateMetadata,
    title: plain(truncate(`Move ${ticket.key}`, 24)),
    submit: plain('Move'),
    close: plain('Cancel'),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${ticket.key}* · ${safeText(ticket.title, 200)}\nNow: *${safeText(stageLabel(process, type, ticket.stage), 200)}*` } },
      { type: 'input', block_id: B.stage, label: plain('Move to'), element: { type: 'static_select', action_id: 'value', placeholder: plain('Choose a phase'), options } },
      {
        type: 'input',
        block_id: B.reason,
        optional: true,
        label: plain('Reason'),
        hint: plain('Required when moving back (e.g. Support asked for more details). Posted in the ticket thread.'),
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 1000 },
      },
    ],
  };
}

/** "Reply to Support": a short message to the vendor, prefilled with the thread message it was opened from. */
export function buildReplyModal(ctx: { process: ProcessDefinition; supportEmail: string; readsReplies: boolean }, ticket: Ticket, input: { prefill?: string; fileNames: string[]; leftOut?: string[]; privateMetadata: string }): ModalView {
  const vendor = ctx.process.vendor.name;
  const about = `Goes to *${safeText(ctx.supportEmail, 200)}* as a reply in ${ticket.key}'s email thread${ticket.vendorTicketId ? ` (their ticket ${safeText(ticket.vendorTicketId, 60)})` : ''}, and is noted in the ticket's thread.`;
  const back = ctx.readsReplies ? ` ${vendor}'s answer comes back to the thread.` : '';
  const blocks: ModalView['blocks'] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${ticket.key}* · ${safeText(ticket.title, 200)}` } },
    {
      type: 'input',
      block_id: B.note,
      label: plain(`Message to ${vendor} Support`, 150),
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: true,
        max_length: 3000,
        ...(input.prefill?.trim() ? { initial_value: truncate(input.prefill.trim(), 3000) } : {}),
      },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `${about}${back}` }] },
  ];
  if (input.fileNames.length) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `:paperclip: The message’s files go with it: ${input.fileNames.map((f) => safeText(f, 120)).join(', ')}` }] });
  }
  if (input.leftOut?.length) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: safeText(`Not going with it (more files than one note carries): ${input.leftOut.join(', ')}`, 2000) }] });
  }
  return {
    type: 'modal',
    callback_id: TicketIds.replyView,
    private_metadata: input.privateMetadata,
    title: plain('Reply to Support'),
    submit: plain('Send'),
    close: plain('Cancel'),
    blocks,
  };
}
