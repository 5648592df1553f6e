// Pure: a question → its Block Kit card, thread notes and modals.
import type { ActionsBlock, ContextBlock, InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { link, mention, quote, safeText, slackDate, truncate } from '../slack/mrkdwn';
import { QUESTION_CATEGORIES, teamReplies, type IncidentRef, type Question, type QuestionCategory, type QuestionContext } from './question';
import { QuestionIds } from './question-ids';
import { button, feedbackAsk, plain, section, type SlackMessage } from '../slack/block-kit';

const B = QuestionIds.block;
const epoch = (d: Date) => d.getTime() / 1000;

const CONTEXT_LABELS: Record<keyof QuestionContext, string> = {
  interviewUrl: 'Interview',
  candidate: 'Candidate',
  interviewer: 'Interviewer',
  position: 'Position',
  interviewTemplate: 'Interview template',
  dateFrom: 'From',
  dateTo: 'To',
  errorMessage: 'Error message',
};

export function contextFields(context: QuestionContext): string[] {
  return (Object.keys(CONTEXT_LABELS) as (keyof QuestionContext)[])
    .filter((key) => context[key])
    .map((key) => {
      const value = context[key] as string;
      const shown = key === 'interviewUrl' ? link(value, truncate(value, 80)) : key === 'errorMessage' ? `\`${safeText(value, 300).replace(/`/g, "'")}\`` : safeText(value, 200);
      return `*${CONTEXT_LABELS[key]}*\n${shown}`;
    });
}

export function statusLine(q: Question): string {
  const parts: string[] = [];
  switch (q.status) {
    case 'open':
      parts.push(
        q.slaPause
          ? `:pause_button: Waiting for the incident: no escalation while it is open`
          : q.firstResponse
            ? `:speech_balloon: First response by ${mention(q.firstResponse.userId)} ${slackDate(epoch(q.firstResponse.at), '{ago}')}`
            : `:hourglass_flowing_sand: Waiting for an answer · escalates to GoodTime Support ${slackDate(epoch(q.dueAt))} if unanswered`,
      );
      break;
    case 'answered':
      parts.push(
        q.answer?.incidentId
          ? `:white_check_mark: Works again since the incident was resolved (confirmed by ${mention(q.answer.acceptedBy)})`
          : q.answer?.autoClosed
            ? `:lock: Closed: ${mention(q.answer.userId)} replied; the asker did not confirm`
            : `:white_check_mark: Answered by ${mention(q.answer?.userId ?? '')} · accepted by ${mention(q.answer?.acceptedBy ?? '')}`,
      );
      break;
    case 'escalated':
      if (q.escalation?.proposal) {
        parts.push(`:bulb: Turned into a feature-request proposal ${slackDate(epoch(q.escalation.at), '{date_short_pretty} at {time}')}${q.escalation.by === 'sla' ? ' (no answer in time)' : ` by ${mention(q.escalation.by)}`}: the team votes on it before a liaison sends it to GoodTime Support`);
      } else parts.push(`:arrow_up: Escalated to GoodTime Support ${slackDate(epoch(q.escalation?.at ?? q.dueAt), '{date_short_pretty} at {time}')}${q.escalation?.by === 'sla' ? ' (no answer in time)' : ` by ${mention(q.escalation?.by ?? '')}`}`);
      if (q.escalation?.ticketKey) parts.push(`:ticket: ${q.escalation.ticketPermalink ? link(q.escalation.ticketPermalink, q.escalation.ticketKey) : q.escalation.ticketKey}`);
      break;
    case 'withdrawn':
      parts.push(':no_entry_sign: Withdrawn by the requester');
      break;
    case 'deflected':
      parts.push(':bulb: Solved by an answer given before');
      break;
  }
  if (q.claimedBy && (q.status === 'open' || q.status === 'escalated')) parts.push(`:raising_hand: ${mention(q.claimedBy)} is on it`);
  if (q.incidentId) parts.push(`:rotating_light: Linked to the incident “${safeText(q.incidentTitle ?? 'known issue', 80)}”`);
  if (q.editedAt) parts.push('_edited_');
  return parts.join(' · ');
}

function cardActions(q: Question): ActionsBlock | undefined {
  if (q.status === 'withdrawn') return undefined;
  if (q.status === 'answered') {
    return { type: 'actions', block_id: 'question_actions', elements: [button('Still need help', QuestionIds.reopen, q.id)] };
  }
  const elements: ActionsBlock['elements'] = [];
  if (!q.claimedBy) elements.push(button("I'll take it", QuestionIds.take, q.id));
  elements.push(button('Mark answered', QuestionIds.markAnswered, q.id, 'primary'));
  if (q.status === 'open') elements.push(button('Escalate to support', QuestionIds.escalate, q.id));
  elements.push({
    type: 'overflow',
    action_id: QuestionIds.manage,
    options: [
      { text: plain('Edit question'), value: `${QuestionIds.manageEdit}:${q.id}` },
      { text: plain('Withdraw question'), value: `${QuestionIds.manageWithdraw}:${q.id}` },
    ],
  });
  return { type: 'actions', block_id: 'question_actions', elements };
}

export function buildQuestionCard(q: Question): SlackMessage {
  const heading = [`:question: *Question from ${mention(q.requesterId)}*`, QUESTION_CATEGORIES[q.category]];
  if (q.blocked) heading.push(':rotating_light: *Blocked right now*');
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'question_heading', text: { type: 'mrkdwn', text: heading.join(' · ') } },
    { type: 'section', block_id: 'question_text', text: { type: 'mrkdwn', text: quote(q.text, 2900) } },
  ];
  const fields = contextFields(q.context);
  if (fields.length > 0) {
    blocks.push({ type: 'section', block_id: 'question_context', fields: fields.slice(0, 10).map((text) => ({ type: 'mrkdwn' as const, text })) });
  }
  blocks.push({ type: 'context', block_id: 'question_status', elements: [{ type: 'mrkdwn', text: statusLine(q) }] } satisfies ContextBlock);
  const actions = cardActions(q);
  if (actions) blocks.push(actions);
  return { text: `Question from ${mention(q.requesterId)}: ${safeText(q.text, 200)}`, blocks };
}


export function buildAskModal(options: {
  prefill?: Partial<Question>;
  callbackId: string;
  privateMetadata: string;
  title?: string;
  submit?: string;
  incidents?: { id: string; title: string }[];
}): ModalView {
  const q = options.prefill ?? {};
  const ctx = q.context ?? {};
  const text = (blockId: string, label: string, initial?: string, extra: Partial<InputBlock> = {}, multiline = false, hint?: string): InputBlock => ({
    type: 'input',
    block_id: blockId,
    optional: true,
    label: plain(label),
    ...(hint ? { hint: plain(hint) } : {}),
    element: { type: 'plain_text_input', action_id: 'value', multiline, ...(initial ? { initial_value: truncate(initial, 3000) } : {}) },
    ...extra,
  });
  const date = (blockId: string, label: string, initial?: string): InputBlock => ({
    type: 'input',
    block_id: blockId,
    optional: true,
    label: plain(label),
    element: { type: 'datepicker', action_id: 'value', ...(initial ? { initial_date: initial } : {}) },
  });
  const categoryOptions: PlainTextOption[] = (Object.entries(QUESTION_CATEGORIES) as [QuestionCategory, string][]).map(([value, label]) => ({ text: plain(label), value }));
  const blockedOption: PlainTextOption = { text: plain("I'm blocked right now"), description: plain('Scheduling cannot continue until this is solved'), value: 'blocked' };
  const blocks: KnownBlock[] = [];
  const incidents = (options.incidents ?? []).slice(0, 9);
  if (incidents.length > 0) {
    const incidentOptions: PlainTextOption[] = [
      ...incidents.map((incident) => ({ text: plain(truncate(incident.title, 75)), value: incident.id })),
      { text: plain('No, my question is about something else'), value: 'none' },
    ];
    blocks.push(section(':rotating_light: *Known issues right now.* If your question is about one of these, pick it: you will get its updates, and the team sees your question linked to it.'));
    blocks.push({ type: 'input', block_id: B.incident, optional: true, label: plain('Is it one of these?'), element: { type: 'radio_buttons', action_id: 'value', options: incidentOptions } });
  }
  blocks.push(
    text(B.text, 'Your question', q.text, { optional: false }, true),
    {
      type: 'input',
      block_id: B.category,
      label: plain('Category'),
      element: {
        type: 'static_select',
        action_id: 'value',
        placeholder: plain('Choose one'),
        options: categoryOptions,
        ...(q.category ? { initial_option: categoryOptions.find((o) => o.value === q.category) } : {}),
      },
    },
    {
      type: 'input',
      block_id: B.blocked,
      optional: true,
      label: plain('Urgency'),
      element: { type: 'checkboxes', action_id: 'value', options: [blockedOption], ...(q.blocked ? { initial_options: [blockedOption] } : {}) },
    },
    { type: 'header', text: plain('Context (optional, helps a lot)') },
    text(B.interviewUrl, 'Interview URL', ctx.interviewUrl, {}, false, 'The link to the interview in GoodTime'),
    text(B.candidate, 'Candidate', ctx.candidate),
    text(B.interviewer, 'Interviewer', ctx.interviewer),
    text(B.position, 'Position', ctx.position),
    text(B.interviewTemplate, 'Interview template', ctx.interviewTemplate),
    date(B.dateFrom, 'From date', ctx.dateFrom),
    date(B.dateTo, 'To date', ctx.dateTo),
    text(B.errorMessage, 'Error message', ctx.errorMessage, {}, true),
  );
  return {
    type: 'modal',
    callback_id: options.callbackId,
    private_metadata: options.privateMetadata,
    title: plain(options.title ?? 'Ask the project team'),
    submit: plain(options.submit ?? 'Ask'),
    close: plain('Cancel'),
    blocks,
  };
}

export function buildChooseAnswerModal(q: Question, privateMetadata: string): ModalView {
  const options: PlainTextOption[] = teamReplies(q)
    .slice(-10)
    .map((reply) => {
      const oneLine = reply.text.replace(/\s+/g, ' ');
      const rest = oneLine.length > 75 ? oneLine.slice(74) : '';
      return { text: plain(truncate(oneLine, 75)), value: reply.ts, ...(rest ? { description: plain(truncate(`…${rest}`, 75)) } : {}) };
    });
  return {
    type: 'modal',
    callback_id: QuestionIds.chooseAnswerView,
    private_metadata: privateMetadata,
    title: plain('Which reply answers it?'),
    submit: plain('Mark answered'),
    close: plain('Cancel'),
    blocks: [
      section(`*Question:* ${safeText(q.text, 500)}`),
      { type: 'input', block_id: B.answer, label: plain('Accepted answer'), element: { type: 'radio_buttons', action_id: 'value', options } },
    ],
  };
}

export const threadNotes = {
  reminder: (q: Question) =>
    `:alarm_clock: No answer yet. This question escalates to GoodTime Support ${slackDate(epoch(q.dueAt))}. Can someone take it? Reply in this thread.`,
  answered: (q: Question) =>
    q.answer?.incidentId
      ? `:white_check_mark: ${mention(q.requesterId)} says it works again now that the incident “${safeText(q.incidentTitle ?? 'known issue', 120)}” is resolved. Answered — no ticket needed.`
      : `:white_check_mark: Marked answered by ${mention(q.answer?.acceptedBy ?? '')} — answer by ${mention(q.answer?.userId ?? '')}. Saved to the knowledge base; \`/goodtime-help search\` finds it.`,
  resumed: (q: Question) =>
    `:leftwards_arrow_with_hook: ${mention(q.requesterId)} says it is still broken although the incident “${safeText(q.incidentTitle ?? 'known issue', 120)}” is resolved. It is the team's again: it escalates to GoodTime Support ${slackDate(epoch(q.dueAt))} if nobody answers.`,
  reopened: (q: Question) =>
    `:leftwards_arrow_with_hook: ${mention(q.requesterId)} still needs help: the question is open again and escalates ${slackDate(epoch(q.dueAt))} if unanswered.`,
  withdrawn: (q: Question) => `:no_entry_sign: ${mention(q.requesterId)} withdrew this question.`,
  edited: (q: Question) => `:pencil2: ${mention(q.requesterId)} edited the question.`,
  'not-answered': (q: Question) =>
    `:leftwards_arrow_with_hook: ${mention(q.requesterId)} says the replies so far did not answer it. It is the team's again: it escalates to GoodTime Support ${slackDate(epoch(q.dueAt))} if nobody answers.`,
  'auto-closed': (q: Question) =>
    `:lock: Closed by itself: ${mention(q.requesterId)} was asked whether ${mention(q.answer?.userId ?? '')}'s reply answered it and did not say. Not saved to the knowledge base; *Still need help* on the card reopens it.`,
  claimed: (userId: string) => `:raising_hand: ${mention(userId)} is taking this one.`,
};

/** The incident a question is about, in its thread: where it stands, and that the SLA waits for it. */
export function incidentThreadNote(q: Question, incident: IncidentRef): string {
  const status = incident.status ? ` — *${safeText(incident.status, 40)}*` : '';
  const latest = incident.latest ? `\n${quote(incident.latest, 600)}` : '';
  return [
    `:rotating_light: This is about the active incident “${safeText(incident.title, 120)}”${status}.${latest}`,
    `The SLA is paused: this will not escalate to GoodTime Support while the incident is open. ${mention(q.requesterId)} gets its updates by DM and, once it is resolved, is asked whether it works.`,
  ].join('\n');
}

export function confirmationMessage(q: Question, channelId: string): SlackMessage {
  const where = q.cardPermalink ? link(q.cardPermalink, 'see it in the team channel') : `see it in <#${channelId}>`;
  const sla = q.blocked ? 'Because you are blocked, it escalates sooner' : 'If nobody answers in time, it escalates';
  return {
    text: `Your question is with the project team — ${where}. ${sla} (${slackDate(epoch(q.dueAt))}). I'll DM you when someone replies.`,
  };
}

export function firstResponseMessage(q: Question): SlackMessage {
  const where = q.cardPermalink ? link(q.cardPermalink, 'your question') : 'your question';
  return { text: `:speech_balloon: ${mention(q.firstResponse?.userId ?? '')} replied to ${where}. When it's solved, react with :white_check_mark: on the answer or click *Mark answered*.` };
}

/**
 * While asking, before the question reaches the team: an answer given before. *This solved it* ends it there;
 * submitting (*Ask the team anyway*) sends it on; *Cancel* sends nothing.
 */
export function buildAnsweredBeforeModal(q: Question, entry: { question: string; answer: string; permalink?: string; answeredBy: string }, privateMetadata: string): ModalView {
  const thread = entry.permalink ? ` · ${link(entry.permalink, 'the thread')}` : '';
  return {
    type: 'modal',
    callback_id: QuestionIds.suggestedView,
    private_metadata: privateMetadata,
    title: plain('Answered before'),
    submit: plain('Ask the team anyway'),
    close: plain('Cancel'),
    blocks: [
      section(`Before this goes to the project team: this looks like a question answered before.`),
      { type: 'section', text: { type: 'mrkdwn', text: `*${safeText(entry.question, 300)}*\n${quote(entry.answer, 2400)}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Answered by ${mention(entry.answeredBy)}${thread}` }] },
      { type: 'actions', block_id: B.suggestion, elements: [button('This solved it', QuestionIds.solvedBefore, q.id, 'primary')] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Not it? *Ask the team anyway* sends your question: “${safeText(truncate(q.text, 200), 260)}”` }] },
    ],
  };
}

/** "Did this answer it?" to the asker, once the thread went quiet after the team's latest reply. */
export function answerCheckMessage(q: Question, reply: { userId: string; ts: string; text: string }): SlackMessage {
  const where = q.cardPermalink ? link(q.cardPermalink, 'your question') : 'your question';
  const text = `:thinking_face: ${mention(reply.userId)} replied to ${where} (“${safeText(truncate(q.text, 120), 160)}”). Did this answer it?`;
  const value = `${q.id}:${reply.ts}`;
  return {
    text,
    blocks: [
      section(`${text}\n${quote(reply.text, 1500)}`),
      { type: 'actions', block_id: B.answerCheck, elements: [button('Yes, answered', QuestionIds.answeredYes, value, 'primary'), button('No, I still need help', QuestionIds.answeredNo, value)] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'If you do not say, it closes by itself in a while (you can reopen it).' }] },
    ],
  };
}

/** "Did it help?" to the asker once the question is answered. */
export function feedbackMessage(q: Question): SlackMessage {
  const where = q.cardPermalink ? link(q.cardPermalink, 'Your question') : 'Your question';
  return feedbackAsk(`:white_check_mark: ${where} (“${safeText(truncate(q.text, 120), 160)}”) is answered. Did it help?`, { blockId: B.feedback, up: QuestionIds.feedbackUp, down: QuestionIds.feedbackDown }, q.id);
}
