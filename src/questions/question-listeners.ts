// Bolt wiring for questions: ack → parse (zod) → one service call → render → send.
import { z } from 'zod';
import type { WebClient } from '@slack/web-api';
import { decodeMetadata, encodeMetadata } from '../slack/private-metadata';
import type { SlackListeners } from '../slack/listeners';
import { buttonValue } from '../slack/routes';
import { submitClick, submitForm } from '../slack/intents';
import { withinAckBudget } from '../slack/ack-budget';
import { validateForm } from '../slack/view-state';
import { openLoadingModal, viewText } from '../slack/modals';
import { ACCEPT_REACTIONS, isTeamThreadReply, type IncomingMessage } from './question';
import { askFormSchema, toAskInput } from './question-form';
import { buildAnsweredBeforeModal, buildAskModal, buildChooseAnswerModal } from './question-blocks';
import { messageModal } from '../slack/error-handler';
import { QuestionIds } from './question-ids';
import type { QuestionService } from './question-service';

const askMetadata = z.object({ channelId: z.string().optional() });
const questionMetadata = z.object({ questionId: z.string() });
const NOT_SAVED = 'Could not save your question just now, so nothing was sent. Please press Submit again.';

export interface QuestionListenerDeps {
  service: QuestionService;
  teamChannelId: string;
}

export const questionListeners = (deps: QuestionListenerDeps): SlackListeners => ({ routes, commands, intents }) => {
  const { service } = deps;
  // What a click or a form asks of a question, stored before Slack is answered (slack/intents.ts).
  const onQuestion = z.object({ questionId: z.string(), userId: z.string() });
  const onReply = onQuestion.extend({ replyTs: z.string() });
  const take = intents.define(QuestionIds.take, onQuestion, (p) => service.take(p.questionId, p.userId));
  const markAnswered = intents.define(QuestionIds.markAnswered, onQuestion, (p) => service.markAnswered(p.questionId, p.userId));
  const reopen = intents.define(QuestionIds.reopen, onQuestion, (p) => service.reopen(p.questionId, p.userId));
  const withdraw = intents.define(`${QuestionIds.manage}.${QuestionIds.manageWithdraw}`, onQuestion, (p) => service.withdraw(p.questionId, p.userId));
  const solvedBefore = intents.define(QuestionIds.solvedBefore, onQuestion, (p) => service.solvedBefore(p.questionId, p.userId));
  const answeredYes = intents.define(QuestionIds.answeredYes, onReply, (p) => service.confirmAnswered(p.questionId, p.replyTs, p.userId));
  const answeredNo = intents.define(QuestionIds.answeredNo, onReply, (p) => service.notAnswered(p.questionId, p.replyTs, p.userId));
  const rate = intents.define('question.feedback', onQuestion.extend({ rating: z.enum(['up', 'down']) }), (p) => service.rate(p.questionId, p.userId, p.rating));
  const edit = intents.define(QuestionIds.editView, onQuestion.extend({ form: askFormSchema, originKey: z.string() }), (p) => service.edit(p.questionId, p.userId, toAskInput(p.form), p.originKey));
  const chooseAnswer = intents.define(QuestionIds.chooseAnswerView, onReply, (p) => service.acceptReply(p.questionId, p.replyTs, p.userId));

  const openAskModal = async (client: WebClient, triggerId: string, userId: string, text: string, channelId?: string) => {
    const askModal = (incidents: { id: string; title: string }[] = []) =>
      buildAskModal({
        prefill: { text: text || undefined },
        callbackId: QuestionIds.askView,
        privateMetadata: encodeMetadata(askMetadata, { channelId }),
        incidents,
      });
    // Open first (the trigger expires in 3 s), then add what needs a database look-up.
    const opened = await client.views.open({ trigger_id: triggerId, view: viewText(askModal()) });
    const incidents = await service.askFormChoices(userId);
    if (incidents.length > 0 && opened.view?.id) {
      await client.views.update({ view_id: opened.view.id, hash: opened.view.hash, view: viewText(askModal(incidents)) });
    }
  };

  commands.otherwise(async ({ ack, client, body }, text) => {
    await ack();
    await openAskModal(client, body.trigger_id, body.user_id, text, body.channel_id);
  });

  // The App Home's "Ask a question" button.
  routes.action(QuestionIds.openAsk, async ({ ack, client, body }) => {
    await ack();
    await openAskModal(client, body.trigger_id, body.user.id, '');
  });

  routes.view(QuestionIds.askView, async ({ ack, body, view }) => {
    const form = validateForm(askFormSchema, view.state.values);
    if (!form.ok) return ack({ response_action: 'errors', errors: form.errors });
    const originKey = `view:${view.id}`;
    // Stored before the form closes: what the asker saw accepted survives a crash right after.
    // An answer given before is looked up in the same budget: offered in the form, the question waits for the choice.
    const saved = await withinAckBudget(
      (async () => {
        const { question } = await service.ask(originKey, body.user.id, toAskInput(form.value));
        return { question, before: await service.answerGivenBefore(question) };
      })(),
      () => service.abandon(originKey),
    );
    if (!saved) return ack({ response_action: 'errors', errors: { [QuestionIds.block.text]: NOT_SAVED } });
    if (saved.before) {
      const privateMetadata = encodeMetadata(questionMetadata, { questionId: saved.question.id });
      return ack({ response_action: 'update', view: buildAnsweredBeforeModal(saved.question, saved.before, privateMetadata) });
    }
    await ack();
    await service.announceAsked(saved.question);
  });

  // "Ask the team anyway": the choice is stored before the form closes, then the question goes to the team.
  routes.view(QuestionIds.suggestedView, async ({ ack, body, view }) => {
    const { questionId } = decodeMetadata(questionMetadata, view.private_metadata);
    const question = await service.askAnyway(questionId, body.user.id);
    await ack();
    await service.announceAsked(question);
  });

  // The asker's answer to "Did this answer it?" (a DM): yes marks the reply answered, no gives it back to the team.
  const answerCheckValue = (raw: string) => {
    const [questionId = '', replyTs = ''] = raw.split(':');
    return { questionId, replyTs };
  };
  routes.action(QuestionIds.answeredYes, async ({ ack, body, action, respond }) => {
    const result = await submitClick(answeredYes, { ack, action, body, respond }, { ...answerCheckValue(buttonValue(action)), userId: body.user.id });
    if (!result) return;
    const text = result.kind === 'answered' ? ':white_check_mark: Thanks — marked answered, and saved for the next person who asks.' : 'This question is no longer open; nothing changed.';
    await respond({ replace_original: true, text });
  });
  routes.action(QuestionIds.answeredNo, async ({ ack, body, action, respond }) => {
    const result = await submitClick(answeredNo, { ack, action, body, respond }, { ...answerCheckValue(buttonValue(action)), userId: body.user.id });
    if (result === undefined) return;
    await respond({ replace_original: true, text: ':leftwards_arrow_with_hook: Thanks — the project team has it again, and it escalates to GoodTime Support if nobody answers in time.' });
  });

  for (const [actionId, rating] of [[QuestionIds.feedbackUp, 'up'], [QuestionIds.feedbackDown, 'down']] as const) {
    routes.action(actionId, async ({ ack, body, action, respond }) => {
      const rated = await submitClick(rate, { ack, action, body, respond }, { questionId: buttonValue(action), userId: body.user.id, rating });
      if (rated === undefined) return;
      await respond({ replace_original: true, text: rating === 'up' ? ':+1: Thanks — glad it helped.' : ':pray: Thanks for saying so — the project team sees it in its insights. *Still need help* on the card reopens the question.' });
    });
  }

  routes.action(QuestionIds.solvedBefore, async ({ ack, body, action, client, respond }) => {
    const solved = await submitClick(solvedBefore, { ack, action, body, respond }, { questionId: buttonValue(action), userId: body.user.id });
    if (solved === undefined) return;
    if (body.view?.id) {
      await client.views.update({ view_id: body.view.id, view: viewText(messageModal('Answered before', ':tada: Glad that solved it. Nothing was sent to the project team.')) });
    }
  });

  routes.view(QuestionIds.editView, async ({ ack, body, view }) => {
    const form = validateForm(askFormSchema, view.state.values);
    if (!form.ok) return ack({ response_action: 'errors', errors: form.errors });
    const { questionId } = decodeMetadata(questionMetadata, view.private_metadata);
    const payload = { questionId, userId: body.user.id, form: form.value, originKey: `view:${view.id}` };
    await submitForm(edit, { ack, view }, QuestionIds.block.text, payload);
  });

  routes.view(QuestionIds.chooseAnswerView, async ({ ack, body, view }) => {
    const form = validateForm(z.object({ [QuestionIds.block.answer]: z.string({ error: 'Pick the reply that answers the question.' }) }), view.state.values);
    if (!form.ok) return ack({ response_action: 'errors', errors: form.errors });
    const { questionId } = decodeMetadata(questionMetadata, view.private_metadata);
    const payload = { questionId, replyTs: form.value[QuestionIds.block.answer], userId: body.user.id };
    await submitForm(chooseAnswer, { ack, view }, QuestionIds.block.answer, payload);
  });

  routes.action(QuestionIds.take, async ({ ack, body, action, respond }) => {
    await submitClick(take, { ack, action, body, respond }, { questionId: buttonValue(action), userId: body.user.id });
  });

  routes.action(QuestionIds.markAnswered, async ({ ack, body, action, client, respond }) => {
    const result = await submitClick(markAnswered, { ack, action, body, respond }, { questionId: buttonValue(action), userId: body.user.id });
    if (result?.kind === 'choose') {
      const privateMetadata = encodeMetadata(questionMetadata, { questionId: result.question.id });
      await client.views.open({ trigger_id: body.trigger_id, view: viewText(buildChooseAnswerModal(result.question, privateMetadata)) });
    }
  });

  routes.action(QuestionIds.reopen, async ({ ack, body, action, respond }) => {
    await submitClick(reopen, { ack, action, body, respond }, { questionId: buttonValue(action), userId: body.user.id });
  });

  routes.action(QuestionIds.manage, async ({ ack, body, action, client, respond }) => {
    const selected = action.type === 'overflow' ? action.selected_option.value : '';
    const [verb, questionId = ''] = selected.split(':');
    if (verb === QuestionIds.manageWithdraw) {
      await submitClick(withdraw, { ack, action, body, respond }, { questionId, userId: body.user.id });
      return;
    }
    await ack();
    const modal = await openLoadingModal(client, body.trigger_id, 'Edit your question');
    await modal.fill(async () =>
      buildAskModal({
        prefill: await service.editable(questionId, body.user.id),
        callbackId: QuestionIds.editView,
        privateMetadata: encodeMetadata(questionMetadata, { questionId }),
        title: 'Edit your question',
        submit: 'Save',
      }),
    );
  });

  routes.event('message', async ({ event }) => {
    const message = event as IncomingMessage;
    if (!isTeamThreadReply(message, deps.teamChannelId)) return;
    await service.recordThreadReply({ channel: message.channel, ts: message.thread_ts }, { userId: message.user, ts: message.ts, text: message.text ?? '' });
  });

  routes.event('reaction_added', async ({ event }) => {
    if (!ACCEPT_REACTIONS.has(event.reaction) || event.item.type !== 'message') return;
    await service.acceptByReaction({ channel: event.item.channel, ts: event.item.ts }, event.user);
  });
};
