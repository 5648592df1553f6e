// Use cases of the questions capability: ask, answer, accept, reopen, edit, withdraw, and the internal SLA.
import { DateTime, Duration } from 'luxon';
import type { BusinessCalendar } from '../calendar/business-calendar';
import type { Clock } from '../clock';
import { found, invalidState, notAllowed, notFound } from '../errors';
import type { KnowledgeService } from '../knowledge/knowledge-service';
import type { KnowledgeEntry } from '../knowledge/knowledge';
import type { Scheduler } from '../jobs/scheduler';
import type { DomainEvents } from '../events';
import { afterBusinessSpan, latestTeamReply, slaTimers, slaTimersFor, teamReplies, isWaitingForAnswer, type AnswerCheckSettings, type IncidentRef, type MessageRef, type Question, type QuestionStatus, type SlaSettings } from './question';
import type { AskInput } from './question-form';
import { crashPoint } from '../crash-points';
import { PublicationPending } from '../delivery/publisher';
import { QUESTION_JOBS } from './question-ids';
import type { QuestionStore } from './question-store';

/** How the questions capability shows things in Slack (question-notifier.ts). */
export interface QuestionNotifier {
  postCard(q: Question): Promise<MessageRef>;
  permalink(card: MessageRef): Promise<string | undefined>;
  publishDelayed(q: Question): Promise<void>;
  updateCard(q: Question): Promise<void>;
  note(q: Question, kind: 'reminder' | 'answered' | 'reopened' | 'withdrawn' | 'edited' | 'resumed' | 'not-answered' | 'auto-closed'): Promise<void>;
  /** "Did it help?" to the asker of an answered question. */
  askFeedback(q: Question): Promise<void>;
  /** "Did this answer it?" to the asker, about the team's latest reply. */
  askIfAnswered(q: Question, reply: { userId: string; ts: string; text: string }): Promise<void>;
  /** The incident the question is about, in its thread: its status, and that the SLA waits for it. */
  incidentNote(q: Question, incident: IncidentRef): Promise<void>;
  claimed(q: Question, userId: string): Promise<void>;
  confirmToRequester(q: Question): Promise<void>;
  firstResponseToRequester(q: Question): Promise<void>;
}

/** A question this old and not yet announced was interrupted (the live path finishes within seconds; the publisher keeps a race single). */
const ANNOUNCE_GRACE_MS = 3_000;

export interface QuestionServiceDeps {
  store: QuestionStore;
  knowledge: KnowledgeService;
  scheduler: Scheduler;
  notifier: QuestionNotifier;
  clock: Clock;
  calendar: BusinessCalendar;
  sla: SlaSettings;
  /** Unset: questions with unaccepted replies stay open until someone marks them (tests of other flows). */
  answerCheck?: AnswerCheckSettings;
  /** Tells the others an SLA ran out (tickets) or a card was posted (knowledge's suggestions, a picked incident). */
  events: Pick<DomainEvents, 'emit'>;
  logger?: { warn(obj: object, msg: string): void };
}

export type MarkAnsweredResult = { kind: 'answered'; question: Question } | { kind: 'choose'; question: Question } | { kind: 'unchanged'; question: Question };

export type QuestionService = ReturnType<typeof createQuestionService>;

/** A question's state, as a refusal says it. */
const STATUS_WORDS: Record<QuestionStatus, string> = {
  open: 'open',
  escalated: 'with Support',
  answered: 'already answered',
  withdrawn: 'withdrawn',
  deflected: 'already solved by an earlier answer',
};

export function createQuestionService(deps: QuestionServiceDeps) {
  const { store, notifier, clock } = deps;
  const now = () => clock.now();

  // A reply can arrive between Slack accepting the card and us storing its ts (more so under load): look again for a few seconds.
  const findCardSoon = async (card: MessageRef) => {
    for (const waitMs of [0, 250, 750, 1_500, 3_000]) {
      if (waitMs) await new Promise((resolve) => setTimeout(resolve, waitMs));
      const q = await store.findByCard(card);
      if (q) return q;
    }
    return null;
  };

  const mustGet = (id: string) => found(store.get(id), 'That question no longer exists.');
  const requireRequester = (q: Question, userId: string, what: string) => {
    if (q.requesterId !== userId) throw notAllowed(`Only {asker}, who asked, can ${what}.`, { asker: q.requesterId });
  };
  const scheduleTimers = async (q: Pick<Question, 'id' | 'remindAt' | 'dueAt'>) => {
    await deps.scheduler.scheduleOnce(QUESTION_JOBS.remind, DateTime.fromJSDate(q.remindAt), { key: q.id });
    await deps.scheduler.scheduleOnce(QUESTION_JOBS.escalate, DateTime.fromJSDate(q.dueAt), { key: q.id });
  };
  const cancelTimers = async (id: string) => {
    await deps.scheduler.cancel(QUESTION_JOBS.remind, id);
    await deps.scheduler.cancel(QUESTION_JOBS.escalate, id);
  };
  const timersFrom = (start: DateTime, blocked: boolean) => {
    const t = slaTimers(deps.calendar, start, blocked, deps.sla);
    return { slaStartedAt: t.slaStartedAt.toJSDate(), remindAt: t.remindAt.toJSDate(), dueAt: t.dueAt.toJSDate() };
  };

  const accept = async (q: Question, replyTs: string, acceptedBy: string): Promise<MarkAnsweredResult> => {
    const reply = q.replies.find((r) => r.ts === replyTs);
    if (!reply) throw notFound('That reply is no longer in the thread.');
    const answered = await store.markAnswered(q.id, { userId: reply.userId, ts: reply.ts, text: reply.text, acceptedBy, at: now().toJSDate() });
    if (!answered) return { kind: 'unchanged', question: (await store.get(q.id)) ?? q };
    await cancelTimers(q.id);
    await deps.knowledge.record({
      questionId: q.id,
      question: q.text,
      answer: reply.text,
      category: q.category,
      askedBy: q.requesterId,
      answeredBy: reply.userId,
      acceptedAt: now().toJSDate(),
      permalink: q.cardPermalink,
    });
    await notifier.updateCard(answered);
    await notifier.note(answered, 'answered');
    await notifier.askFeedback(answered);
    return { kind: 'answered', question: answered };
  };

  /** Stored before the form closes (a double submit finds the same question); announcing follows. */
  async function ask(originKey: string, requesterId: string, input: AskInput): Promise<{ question: Question; created: boolean }> {
    const createdAt = now();
    const recorded = await store.create(originKey, {
      requesterId,
      text: input.text,
      category: input.category,
      blocked: input.blocked,
      context: input.context,
      createdAt: createdAt.toJSDate(),
      incidentId: input.incidentId,
      ...timersFrom(createdAt, input.blocked),
    });
    if (recorded.created || !recorded.question.abandonedAt) return recorded;
    return { question: (await store.revive(recorded.question.id, now().toJSDate())) ?? recorded.question, created: false };
  }

  /** The form was answered "could not save in time": if the write lands after all, the question stays quiet. */
  async function abandon(originKey: string): Promise<void> {
    await store.abandon(originKey, now().toJSDate());
  }

  /**
   * Everything asking entails, each step repeatable (a crash or an outage may interrupt it, and the sweep runs it
   * again): the SLA timers, the card (exactly once), the asker's confirmation (exactly once), and telling the others
   * (answers given before, a picked incident).
   */
  async function announce(question: Question): Promise<Question> {
    await scheduleTimers(question);
    crashPoint('question.timers_scheduled');
    const card = await notifier.postCard(question);
    crashPoint('question.card_posted');
    // Recorded at once: a click or a reply on the card may already be on its way.
    let withCard = (await store.setCard(question.id, card)) ?? (await mustGet(question.id));
    crashPoint('question.card_recorded');
    const permalink = withCard.cardPermalink ?? (await notifier.permalink(card));
    if (permalink && !withCard.cardPermalink) withCard = (await store.setPermalink(question.id, permalink)) ?? withCard;
    // Someone acted on the card before it was recorded: show it now.
    if (withCard.claimedBy || withCard.firstResponse || withCard.escalation || withCard.status !== 'open') await notifier.updateCard(withCard);
    await notifier.confirmToRequester(withCard);
    crashPoint('question.asker_confirmed');
    await deps.events.emit('question.posted', { question: withCard });
    crashPoint('question.others_told');
    return (await store.markAnnounced(question.id, now().toJSDate())) ?? withCard;
  }

  /**
   * While asking, before the question reaches the team: the answered question it is clearly about, if any (offered
   * once; the question then waits for the asker's choice).
   */
  async function answerGivenBefore(q: Question): Promise<KnowledgeEntry | undefined> {
    if (q.announcedAt || q.status !== 'open' || q.suggestion?.outcome) return undefined;
    const [entry] = await deps.knowledge.similar(q.text, q.id);
    if (!entry) return undefined;
    if (!q.suggestion) await store.offerSuggestion(q.id, { questionId: entry.questionId, question: entry.question, offeredAt: now().toJSDate() });
    return entry;
  }

  /** "This solved it": the question never reaches the team (a deflection, counted in the insights). */
  async function solvedBefore(id: string, userId: string): Promise<Question> {
    const q = await mustGet(id);
    requireRequester(q, userId, 'say it is solved');
    const decided = await store.decideSuggestion(id, 'solved', now().toJSDate());
    if (decided) return decided;
    if (q.status === 'deflected') return q;
    throw invalidState('This question went to the project team already; follow it in the team channel.');
  }

  /** "Ask the team anyway": recorded before the form closes; announcing follows (announceAsked). */
  async function askAnyway(id: string, userId: string): Promise<Question> {
    const q = await mustGet(id);
    requireRequester(q, userId, 'send it to the team');
    const decided = (await store.decideSuggestion(id, 'asked', now().toJSDate())) ?? (await mustGet(id));
    // "This solved it" came first (a second click, or a forged form): announcing it now would post a solved question.
    if (decided.status === 'deflected') throw invalidState('You said the answer given before solved it, so it was not sent to the team. If you still need help, ask again with `/goodtime-help`.');
    return decided;
  }

  /** Right after the form closed: if Slack is not having it now, the asker hears it is saved and will follow. */
  async function announceAsked(question: Question): Promise<void> {
    if (question.announcedAt) return;
    try {
      await announce(question);
    } catch (error) {
      if (error instanceof PublicationPending) return; // another attempt (a double submit) is announcing it
      deps.logger?.warn({ questionId: question.id, err: error }, 'question saved but not announced yet; the sweep will finish it');
      await notifier.publishDelayed(question).catch(() => undefined);
    }
  }

  /** Job: finish announcing what a crash or an outage interrupted, within seconds of it. */
  async function publishPending(): Promise<number> {
    let announced = 0;
    for (const q of await store.listUnannounced(now().minus({ milliseconds: ANNOUNCE_GRACE_MS }).toJSDate())) {
      try {
        await announce(q);
        announced += 1;
      } catch (error) {
        if (!(error instanceof PublicationPending)) deps.logger?.warn({ questionId: q.id, err: error }, 'could not finish announcing a question; will try again');
      }
    }
    return announced;
  }

  /** A message in a card's thread: kept as a candidate answer; the first one from the team stops the SLA. */
  async function recordThreadReply(card: MessageRef, reply: { userId: string; ts: string; text: string }): Promise<void> {
    const q = await findCardSoon(card);
    if (!q || q.status === 'withdrawn') return;
    const at = now().toJSDate();
    await store.addReply(q.id, { ...reply, at });
    if (reply.userId === q.requesterId) return;
    // The thread goes quiet after the team's latest reply: the asker is asked whether it answered it (re-armed per reply).
    if (deps.answerCheck) await deps.scheduler.scheduleOnce(QUESTION_JOBS.answerCheck, afterBusinessSpan(deps.calendar, now(), deps.answerCheck.confirmAfter), { key: q.id });
    if (q.firstResponse) return;
    const responded = await store.setFirstResponse(q.id, { userId: reply.userId, ts: reply.ts, at });
    if (!responded) return;
    await notifier.updateCard(responded);
    await notifier.firstResponseToRequester(responded);
  }

  async function take(id: string, userId: string): Promise<Question> {
    const q = await mustGet(id);
    if (q.requesterId === userId) throw notAllowed('This is your own question — someone from the project team will take it.');
    const claimed = await store.claim(id, userId);
    if (!claimed) {
      const current = (await store.get(id)) ?? q; // a click racing ours may have won: say who, truly
      if (current.claimedBy === userId) return current;
      if (current.claimedBy) throw invalidState(current.claimedBy === q.claimedBy ? '{taker} is already on it.' : '{taker} took it a moment ago.', { taker: current.claimedBy });
      throw invalidState('This question is no longer open.');
    }
    await notifier.updateCard(claimed);
    await notifier.claimed(claimed, userId);
    return claimed;
  }

  /** With one candidate reply it is accepted at once; with several the person chooses. */
  async function markAnswered(id: string, userId: string): Promise<MarkAnsweredResult> {
    const q = await mustGet(id);
    if (q.status === 'answered') return { kind: 'unchanged', question: q };
    if (q.status === 'withdrawn') throw invalidState('This question was withdrawn.');
    const candidates = teamReplies(q);
    if (candidates.length === 0) throw invalidState('There is no answer in the thread yet. Reply in the thread first, then mark it answered.');
    if (candidates.length > 1) return { kind: 'choose', question: q };
    return accept(q, (candidates[0] as { ts: string }).ts, userId);
  }

  async function acceptReply(id: string, replyTs: string, userId: string): Promise<MarkAnsweredResult> {
    const q = await mustGet(id);
    if (q.status === 'withdrawn') throw invalidState('This question was withdrawn.');
    return accept(q, replyTs, userId);
  }

  /** The requester's ✅ on a team reply accepts that reply; on the card, the latest team reply. */
  async function acceptByReaction(item: MessageRef, userId: string): Promise<void> {
    const q = await store.findByMessage(item);
    if (!q || q.requesterId !== userId || q.status === 'answered' || q.status === 'withdrawn') return;
    const candidates = teamReplies(q);
    const chosen = candidates.find((r) => r.ts === item.ts) ?? (item.ts === q.card?.ts ? candidates.at(-1) : undefined);
    if (chosen) await accept(q, chosen.ts, userId);
  }

  async function reopen(id: string, userId: string): Promise<Question> {
    const q = await mustGet(id);
    requireRequester(q, userId, 'reopen it');
    const reopened = await store.reopen(id, timersFrom(now(), q.blocked));
    if (!reopened) {
      const current = (await store.get(id)) ?? q;
      if (current.status === 'open' || current.status === 'escalated') return current; // a second click: already done
      throw invalidState(`This question is ${STATUS_WORDS[current.status]}, so it cannot be reopened. Ask again with \`/goodtime-help\`.`);
    }
    await deps.knowledge.retract(id);
    await scheduleTimers(reopened);
    await notifier.updateCard(reopened);
    await notifier.note(reopened, 'reopened');
    return reopened;
  }

  /** The question, if this person may edit it now. */
  async function editable(id: string, userId: string): Promise<Question> {
    const q = await mustGet(id);
    requireRequester(q, userId, 'edit it');
    if (q.status !== 'open' && q.status !== 'escalated') throw invalidState('Only an open question can be edited.');
    return q;
  }

  /** One edit per form (`originKey`): the same form submitted twice edits, and notes, once. */
  async function edit(id: string, userId: string, input: AskInput, originKey: string): Promise<Question> {
    const q = await editable(id, userId);
    if (q.editOrigins?.includes(originKey)) return q;
    const edited = await store.edit(id, { text: input.text, category: input.category, blocked: input.blocked, context: input.context }, now().toJSDate(), originKey);
    if (!edited) {
      const current = await mustGet(id);
      if (current.editOrigins?.includes(originKey)) return current;
      throw invalidState('Only an open question can be edited.');
    }
    let current = edited;
    if (edited.blocked !== q.blocked && isWaitingForAnswer(edited)) {
      const timers = slaTimers(deps.calendar, DateTime.fromJSDate(edited.slaStartedAt), edited.blocked, deps.sla);
      current = (await store.retime(id, { remindAt: timers.remindAt.toJSDate(), dueAt: timers.dueAt.toJSDate() })) ?? edited;
      await scheduleTimers(current);
    }
    await notifier.updateCard(current);
    await notifier.note(current, 'edited');
    return current;
  }

  async function withdraw(id: string, userId: string): Promise<Question> {
    const q = await mustGet(id);
    requireRequester(q, userId, 'withdraw it');
    const withdrawn = await store.withdraw(id, now().toJSDate());
    if (!withdrawn) {
      const current = (await store.get(id)) ?? q;
      if (current.status === 'withdrawn') return current; // a second click: already done
      throw invalidState(`This question is ${STATUS_WORDS[current.status]}: there is nothing to withdraw.`);
    }
    await cancelTimers(id);
    await notifier.updateCard(withdrawn);
    await notifier.note(withdrawn, 'withdrawn');
    return withdrawn;
  }

  /** Job: the thread has been quiet since the team's latest reply: ask the asker whether it answered the question. */
  async function checkAnswered(id: string): Promise<void> {
    const q = await store.get(id);
    const reply = q && latestTeamReply(q);
    if (!q || !reply || !deps.answerCheck || q.status !== 'open' || q.answer || q.slaPause) return;
    if (now() < afterBusinessSpan(deps.calendar, DateTime.fromJSDate(reply.at), deps.answerCheck.confirmAfter)) return; // a later reply re-armed it
    const asked = await store.askAnswerCheck(id, reply.ts, now().toJSDate());
    if (!asked) return;
    await notifier.askIfAnswered(asked, reply);
    await deps.scheduler.scheduleOnce(QUESTION_JOBS.autoclose, afterBusinessSpan(deps.calendar, now(), deps.answerCheck.autocloseAfter), { key: id });
  }

  /** The asker's "Yes": the reply they were asked about is the answer (into the knowledge base, like ✅). */
  async function confirmAnswered(id: string, replyTs: string, userId: string): Promise<MarkAnsweredResult> {
    const q = await mustGet(id);
    requireRequester(q, userId, 'say whether it is answered');
    if (q.status !== 'open') return { kind: 'unchanged', question: q };
    return accept(q, replyTs, userId);
  }

  /** The asker's "No": the team has it again, with a fresh SLA (it escalates if nobody answers now). */
  async function notAnswered(id: string, replyTs: string, userId: string): Promise<Question> {
    const q = await mustGet(id);
    requireRequester(q, userId, 'say whether it is answered');
    const back = await store.answerCheckNo(id, replyTs, now().toJSDate(), timersFrom(now(), q.blocked));
    if (!back) return q;
    await deps.scheduler.cancel(QUESTION_JOBS.autoclose, id);
    await scheduleTimers(back);
    await notifier.updateCard(back);
    await notifier.note(back, 'not-answered');
    return back;
  }

  /** Job: asked "Did this answer it?" and no word since: it closes by itself (not into the knowledge base). */
  async function closeUnconfirmed(id: string): Promise<void> {
    const q = await store.get(id);
    if (!q || !deps.answerCheck || q.status !== 'open' || !q.answerCheck || q.answerCheck.answer) return;
    if (now() < afterBusinessSpan(deps.calendar, DateTime.fromJSDate(q.answerCheck.askedAt), deps.answerCheck.autocloseAfter)) return;
    const reply = q.replies.find((r) => r.ts === q.answerCheck?.replyTs);
    if (!reply) return;
    const closed = await store.autoClose(id, reply.ts, { userId: reply.userId, ts: reply.ts, text: reply.text, acceptedBy: q.requesterId, at: now().toJSDate(), autoClosed: true });
    if (!closed) return;
    await cancelTimers(id);
    await notifier.updateCard(closed);
    await notifier.note(closed, 'auto-closed');
  }

  /** The asker's 👍 / 👎 on the answer (App Home's satisfaction rate). */
  async function rate(id: string, userId: string, rating: 'up' | 'down'): Promise<Question> {
    const q = await mustGet(id);
    requireRequester(q, userId, 'rate the answer');
    if (q.status !== 'answered') throw invalidState('This question has no accepted answer to rate yet.');
    return (await store.rate(id, rating, now().toJSDate())) ?? q;
  }

  /** Job: 75 % of the SLA has passed. Fires its note once, and only while nobody has answered. */
  async function remindIfUnanswered(id: string): Promise<void> {
    const reminded = await store.markReminded(id, now().toJSDate());
    if (reminded) await notifier.note(reminded, 'reminder');
  }

  /** Job: the SLA is over. Escalates once, and only while nobody has answered. */
  async function escalateIfUnanswered(id: string): Promise<void> {
    const escalated = await store.escalateUnanswered(id, { at: now().toJSDate(), by: 'sla' });
    if (!escalated) return;
    // This job must not cancel itself while it runs; only the reminder is left to cancel.
    await deps.scheduler.cancel(QUESTION_JOBS.remind, id);
    await notifier.updateCard(escalated);
    await deps.events.emit('question.sla_expired', { question: escalated });
  }

  /** What the ask form offers besides the text, from the other capabilities (the active incidents). */
  async function askFormChoices(userId: string): Promise<Array<{ id: string; title: string }>> {
    return (await deps.events.emit('question.ask_form_opening', { userId })).flatMap((choices) => choices.incidents ?? []);
  }

  /** A ticket was filed for this question: it is escalated (if it was not) and shows the ticket. */
  async function linkTicket(id: string, ticket: { id: string; key: string; permalink?: string; proposal?: boolean }, byUserId: string): Promise<Question | null> {
    const linked = await store.linkTicket(id, ticket, byUserId, now().toJSDate());
    if (!linked) return null;
    await cancelTimers(id);
    await notifier.updateCard(linked);
    return linked;
  }

  /**
   * A liaison links a question to an incident (or the requester picked it when asking). An open question waits for
   * the incident: its SLA pauses (no reminder, no escalation, no ticket for a problem Support already announced)
   * with what was left of it, and its thread says so, with the incident's status.
   */
  async function linkIncident(id: string, incident: IncidentRef): Promise<Question | null> {
    const q = await store.get(id);
    if (!q) return null;
    if (q.status === 'open' && !q.slaPause) {
      const remainingMs = Math.max(0, deps.calendar.businessTimeBetween(now(), DateTime.fromJSDate(q.dueAt)).toMillis());
      const paused = await store.pauseSla(id, incident, { at: now().toJSDate(), remainingMs });
      if (paused) {
        await cancelTimers(id);
        await notifier.updateCard(paused);
        await notifier.incidentNote(paused, incident);
        return paused;
      }
    }
    const linked = await store.linkIncident(id, incident);
    if (linked) await notifier.updateCard(linked);
    return linked;
  }

  /**
   * The asker answered "does it work for you now?" after the incident was resolved: yes answers the question (no
   * ticket); still broken gives the SLA back what was left of it, and the team hears it is theirs again.
   */
  async function incidentConfirmed(incidentId: string, incidentTitle: string, userId: string, works: boolean): Promise<void> {
    const waiting = (await store.listByIncident(incidentId)).filter((q) => q.requesterId === userId && q.status === 'open' && q.slaPause);
    for (const q of waiting) {
      if (works) {
        const text = `It works again: the incident “${incidentTitle}” was resolved.`;
        const answered = await store.answerByIncident(q.id, { userId, ts: '', text, acceptedBy: userId, at: now().toJSDate(), incidentId });
        if (!answered) continue;
        await cancelTimers(q.id);
        await notifier.updateCard(answered);
        await notifier.note(answered, 'answered');
        await notifier.askFeedback(answered);
        continue;
      }
      const resumedTimers = slaTimersFor(deps.calendar, now(), Duration.fromMillis(q.slaPause?.remainingMs ?? 0));
      const timers = { remindAt: resumedTimers.remindAt.toJSDate(), dueAt: resumedTimers.dueAt.toJSDate() };
      const resumed = await store.resumeSla(q.id, timers);
      if (!resumed) continue;
      await scheduleTimers(resumed);
      await notifier.updateCard(resumed);
      await notifier.note(resumed, 'resumed');
    }
  }

  return {
    get: mustGet,
    askFormChoices,
    ask,
    abandon,
    announceAsked,
    answerGivenBefore,
    solvedBefore,
    askAnyway,
    publishPending,
    recordThreadReply,
    take,
    markAnswered,
    acceptReply,
    acceptByReaction,
    reopen,
    editable,
    edit,
    withdraw,
    remindIfUnanswered,
    escalateIfUnanswered,
    rate,
    checkAnswered,
    confirmAnswered,
    notAnswered,
    closeUnconfirmed,
    linkTicket,
    linkIncident,
    incidentConfirmed,
    listByIncident: (incidentId: string) => store.listByIncident(incidentId),
    listByRequester: (requesterId: string, limit?: number) => store.listByRequester(requesterId, limit),
    listOpen: (limit?: number) => store.listOpen(limit),
    listCreatedSince: (since: Date) => store.listCreatedSince(since),
  };
}
