// Use cases of the tickets capability: file (from a form, a question or the SLA), publish the card and the support
// email, show delivery status, "Me too", the CSM, and what other capabilities ask of tickets.
import { crashPoint } from '../crash-points';
import { PublicationPending } from '../delivery/publisher';
import { found, invalidState, notAllowed, notFound } from '../errors';
import { getTicketType } from '../process';
import type { DeliveryOutcome } from '../delivery/outbox';
import { LADDER, lookUpPeople, sentToVendor, VOTERS_NAMED, targetsMissed, peopleCount, prefillFromQuestion, SLA_FILER, ticketKey, watchersOf, type FormPrefill, type QuestionSnapshot, type Ticket, type TicketEmailStatus, type TicketOrigin } from './ticket';
import type { MailFiles } from '../delivery/outbox';
import { chaseText, csmMail, supportMail, type EmailContext } from './ticket-email';
import type { TicketInput } from './ticket-form';
import { createTicketMoves } from './ticket-moves';
import type { TicketDeps } from './ticket-ports';
import { createTicketTargets, vendorTargetsFrom, scheduleAcknowledgementCheck, scheduleOverstayCheck, scheduleUpdateCheck, scheduleWorkaroundCheck } from './ticket-targets';
import { createSupportConversation } from './ticket-conversation';
import { createTicketProposals } from './ticket-proposals';

export type TicketService = ReturnType<typeof createTicketService>;

export const OUTBOX_PURPOSE = { support: 'ticket-support', csm: 'ticket-csm' } as const;
/** The filing request finishes within this, or the sweep takes over (the publisher keeps card and DMs single). */
const PUBLISH_LEASE_MS = 5_000;
/** A ticket still not fully filed after this long was interrupted half-way; the sweep finishes it. */
const PUBLISH_GRACE_MS = 3_000;

const formOriginKey = (viewId: string, origin: TicketOrigin) => (origin.kind === 'question' ? `question:${origin.questionId}` : `view:${viewId}`);

export function createTicketService(deps: TicketDeps & { ownAddress?: string }) {
  const { store, process, clock, notifier, outbox, settings } = deps;
  const log = deps.logger.child({ component: 'tickets' });
  const now = () => clock.now();
  const mustGet = (id: string) => found(store.get(id), 'That ticket no longer exists.');
  const targets = createTicketTargets({ ...deps, bringInCsm: (ticket, why) => bringInCsm(ticket, why) });
  const moves = createTicketMoves(deps, mustGet, targets.vendorUpdated);

  /**
   * The email's facts, with the names of everyone it mentions (`also`: e.g. who writes a note); a promoted proposal's
   * also says who voted and what they do (their Slack profile title), and who promoted it.
   */
  const emailContext = async (ticket: Ticket, also: string[] = []): Promise<EmailContext> => {
    const voters = ticket.proposal?.state === 'promoted' ? watchersOf(ticket) : [];
    const ids = [ticket.reporterId, ticket.filedBy, ...(ticket.origin.kind === 'message' && ticket.origin.authorId ? [ticket.origin.authorId] : []), ...also, ...voters];
    if (ticket.proposal?.decidedBy) ids.push(ticket.proposal.decidedBy);
    const people = await lookUpPeople(ids, deps.personOf);
    return { process, type: getTicketType(process, ticket.typeId), ticket, nameOf: (id) => people.get(id)?.name ?? id, roleOf: (id) => people.get(id)?.role, productBoardUrl: settings.productBoardUrl ?? process.vendor.links.productBoard };
  };
  const proposals = createTicketProposals(deps, { mustGet, sendToVendor: (t) => sendToVendor(t) });
  const conversation = createSupportConversation(deps, { mustGet, emailContext, onVendorUpdate: (t, at) => targets.vendorUpdated(t, at) });

  /**
   * The CSM step, once per ticket (by a liaison, or by the ladder): the email is queued (once, by its key) before the
   * escalation is recorded, so a failure in between leaves it to be done again instead of recorded with no email sent.
   * Null when it was recorded already; its announcing (`announceCsm`) is left to the caller, and to the sweep.
   */
  async function escalateToCsmOnce(ticket: Ticket, by: string, why?: string): Promise<Ticket | null> {
    if (settings.csmEmail) {
      await outbox.enqueue(`ticket:${ticket.id}:csm`, { kind: OUTBOX_PURPOSE.csm, id: ticket.id }, csmMail(await emailContext(ticket), settings.csmEmail, by, why));
    }
    const escalated = await store.markCsmEscalated(ticket.id, by, now().toJSDate(), why);
    if (escalated) crashPoint('ticket.csm_recorded');
    return escalated;
  }

  /** The CSM step in Slack: the card, the thread note and the CSM's DM, each once however often this runs. */
  async function announceCsm(ticket: Ticket): Promise<Ticket> {
    const csm = ticket.csm;
    if (!csm) return ticket;
    const emailed = Boolean(settings.csmEmail);
    await notifier.updateCard(ticket);
    if (csm.by === LADDER) await notifier.csmBroughtIn(ticket, csm.why ?? `${process.vendor.name} missed its targets on ${ticket.key}`, emailed);
    else await notifier.csmEscalated(ticket, csm.by, emailed);
    return (await store.markCsmAnnounced(ticket.id, now().toJSDate())) ?? ticket;
  }

  /** The ladder's second step, without a click: the thread (and the CSM's DM) says why. A CSM already in is not asked again. */
  async function bringInCsm(ticket: Ticket, why: string): Promise<void> {
    if (ticket.csm) return;
    const escalated = await escalateToCsmOnce(ticket, LADDER, why);
    if (escalated) await announceCsm(escalated);
  }

  /** A vote's card edit, thread note and threshold check; repeatable (the note is published once by its key). */
  async function announceVote(ticket: Ticket, userId: string): Promise<Ticket> {
    await notifier.updateCard(ticket);
    await notifier.voteAdded(ticket, userId);
    const checked = await proposals.afterVote(ticket);
    await store.voteAnnounced(ticket.id, userId);
    return checked;
  }

  /** Files shared in the question's or the message's thread before filing: they go with the support email. */
  async function threadFiles(ticket: Ticket): Promise<MailFiles> {
    const where = ticket.origin.kind === 'question' ? ticket.origin.card : ticket.origin.kind === 'message' ? { channel: ticket.origin.channel, ts: ticket.origin.ts } : undefined;
    if (!where || !deps.files) return { attached: [], skipped: [] };
    try {
      return await deps.files.inThread(where);
    } catch (error) {
      // The ticket matters more than its screenshots: it goes without them, and says so.
      log.warn({ ticketId: ticket.id, err: error }, 'could not read the files of the thread');
      return { attached: [], skipped: ['the files in the Slack thread (Slack did not list them)'] };
    }
  }

  /**
   * Card first (the email carries its link), then the email into the outbox, the target timers and the question's
   * link, then the filer's confirmation. Each step is repeatable (the card and DMs go out exactly once through the
   * publisher), so the sweep finishes whatever a crash or an outage interrupted.
   */
  async function publish(ticket: Ticket): Promise<Ticket> {
    let current = ticket;
    if (!current.card) {
      const posted = await notifier.postCard(current);
      crashPoint('ticket.card_posted');
      current = (await store.setCard(current.id, posted.card, posted.threadTs, posted.permalink)) ?? (await mustGet(current.id));
      crashPoint('ticket.card_recorded');
    }
    if (!current.emailQueuedAt) {
      if (sentToVendor(current)) current = await sendToVendor(current);
      else await linkQuestion(current); // a proposal: the email waits for a liaison to promote it
    }
    if (!current.announcedAt) {
      await notifier.confirmFiled(current);
      crashPoint('ticket.filer_told');
      current = (await store.markAnnounced(current.id, now().toJSDate())) ?? current;
    }
    return current;
  }

  /** The email into the outbox (once, by its key), the target timers and the question's link: with the vendor from now. */
  async function sendToVendor(ticket: Ticket): Promise<Ticket> {
    const key = `ticket:${ticket.id}:support`;
    // Queued before a crash: it stays as it was (its files and their note included).
    if (!(await outbox.find(key))) {
      const files = await threadFiles(ticket);
      if (files.attached.length || files.skipped.length) await notifier.filesAttached(ticket, { attached: files.attached.map((f) => f.filename), skipped: files.skipped });
      await outbox.enqueue(key, { kind: OUTBOX_PURPOSE.support, id: ticket.id }, supportMail(await emailContext(ticket), settings.supportEmail, { replyTo: settings.replyTo, files }));
      crashPoint('ticket.email_queued');
    }
    await scheduleAcknowledgementCheck(deps, ticket);
    await scheduleUpdateCheck(deps, ticket);
    await scheduleWorkaroundCheck(deps, ticket);
    await scheduleOverstayCheck(deps, ticket);
    await linkQuestion(ticket);
    return (await store.markEmailQueued(ticket.id, now().toJSDate())) ?? ticket;
  }

  async function linkQuestion(ticket: Ticket): Promise<void> {
    if (ticket.origin.kind !== 'question' || !deps.questions) return;
    await deps.questions.linkTicket(ticket.origin.questionId, { id: ticket.id, key: ticket.key, permalink: ticket.cardPermalink, proposal: !sentToVendor(ticket) }, ticket.filedBy);
  }

  /** Stores the ticket once per origin (a double submit or a second filer finds the first one). */
  async function record(originKey: string, input: TicketInput, filedBy: string, origin: TicketOrigin): Promise<{ ticket: Ticket; created: boolean }> {
    const existing = await store.findByOrigin(originKey);
    if (existing) return { ticket: existing.abandonedAt ? ((await store.revive(existing.id, now().toJSDate())) ?? existing) : existing, created: false };
    const filedAt = now();
    const number = process.vendor.firstTicketNumber - 1 + (await store.nextNumber(`tickets:${process.vendor.ticketPrefix}`));
    const votedFirst = getTicketType(process, input.typeId).votedFirst === true;
    const email: TicketEmailStatus = { state: votedFirst ? 'held' : outbox.configured ? 'queued' : 'not-configured', to: settings.supportEmail };
    const recorded = await store.create(originKey, number, ticketKey(process.vendor.ticketPrefix, number), {
      typeId: input.typeId,
      severityId: input.severityId,
      title: input.title,
      fields: input.fields,
      reporterId: input.reporterId,
      filedBy,
      origin,
      stage: 1,
      stageEnteredAt: filedAt.toJSDate(),
      createdAt: filedAt.toJSDate(),
      ...vendorTargetsFrom(process, input.severityId, filedAt),
      email,
      ...(votedFirst ? { proposal: { state: 'open' as const } } : {}),
    }, filedAt.plus({ milliseconds: PUBLISH_LEASE_MS }).toJSDate());
    if (recorded.created) log.info({ ticketId: recorded.ticket.id, key: recorded.ticket.key, type: recorded.ticket.typeId, severity: recorded.ticket.severityId, origin: origin.kind }, 'ticket filed');
    return recorded;
  }

  /** Publishes right after storing; `published` is false when Slack or mail were not having it (the sweep finishes it). */
  async function publishFiled(ticket: Ticket): Promise<{ ticket: Ticket; published: boolean }> {
    if (ticket.announcedAt) return { ticket, published: true };
    try {
      return { ticket: await publish(ticket), published: true };
    } catch (error) {
      if (error instanceof PublicationPending) return { ticket, published: true }; // another attempt (a double submit) is on it
      // Stored already: the sweep finishes the card and email. An error here would tell the filer to try again.
      log.warn({ ticketId: ticket.id, key: ticket.key, err: error }, 'ticket stored but not fully published; the sweep will finish it');
      return { ticket, published: false };
    }
  }

  async function file(originKey: string, input: TicketInput, filedBy: string, origin: TicketOrigin): Promise<{ ticket: Ticket; created: boolean; published: boolean }> {
    const { ticket, created } = await record(originKey, input, filedBy, origin);
    return { ...(await publishFiled(ticket)), created };
  }

  const questionOrigin = (q: QuestionSnapshot): TicketOrigin => ({ kind: 'question', questionId: q.id, permalink: q.cardPermalink, ...(q.card ? { card: q.card } : {}) });

  return {
    get: mustGet,
    findByKey: (key: string) => store.findByKey(key),
    ticketForQuestion: (questionId: string) => store.findByOrigin(`question:${questionId}`),
    file,
    move: moves.move,
    moveByLiaison: moves.moveByLiaison,
    requireLiaison: moves.requireLiaison,
    checkMove: moves.checkMove,
    moveByWebhook: moves.moveByWebhook,
    confirmFix: moves.confirmFix,
    resolveByIncident: moves.resolveByIncident,
    checkAcknowledgement: targets.checkAcknowledgement,
    checkUpdate: targets.checkUpdate,
    checkWorkaround: targets.checkWorkaround,

    /** A nudge's *Chase Support*: a polite reminder, as a note in the ticket's email thread (once per missed target). */
    async chase(ticketId: string, userId: string) {
      const ticket = await mustGet(ticketId);
      if (ticket.stage === 'closed') throw invalidState(`${ticket.key} is closed.`);
      const text = chaseText(process, ticket);
      return conversation.queueNote(ticketId, `chase-${targetsMissed(ticket)}-${ticket.nudges.length}`, text, userId);
    },
    receiveReply: conversation.receiveReply,
    queueNote: conversation.queueNote,
    announceNote: conversation.announceNote,
    noteDelivered: conversation.noteDelivered,
    findByThread: (channel: string, threadTs: string) => store.findByThread(channel, threadTs),
    checkOverstay: targets.checkOverstay,
    promote: proposals.promote,
    decline: proposals.decline,
    finishDecision: proposals.finishDecision,
    requireDecider: proposals.requireDecider,
    listOpenProposals: proposals.listOpen,
    /** `/goodtime-help requests`: the open proposals, most votes first, and what their named voters do. */
    async listOpenProposalsWithRoles(listed: number): Promise<{ proposals: Ticket[]; roleOf: (userId: string) => string | undefined }> {
      const open = (await proposals.listOpen()).slice(0, listed);
      const people = await lookUpPeople(open.flatMap((t) => watchersOf(t).slice(0, VOTERS_NAMED)), deps.personOf);
      return { proposals: open, roleOf: (userId) => people.get(userId)?.role };
    },

    /** A liaison's form, stored before it closes: one ticket per form (double submits) or per question (two liaisons, or the SLA, at once). */
    async recordFromForm(viewId: string, input: TicketInput, userId: string, origin: TicketOrigin) {
      if (!(await deps.isLiaison(userId))) {
        throw notAllowed(`Only a liaison can file a ticket with ${process.vendor.name} Support. Ask the project team with \`/goodtime-help your question\` — if nobody answers in time, it goes to Support on its own.`);
      }
      return record(formOriginKey(viewId, origin), input, userId, origin);
    },

    /** The form said "could not save in time": a ticket whose write lands after all stays unpublished. */
    async abandonForm(viewId: string, origin: TicketOrigin): Promise<void> {
      await store.abandon(formOriginKey(viewId, origin), now().toJSDate());
    },

    /** After the form closed: card, email and confirmations; the filer hears if Slack or mail hold it up. */
    async publishFromForm(ticket: Ticket, userId: string) {
      const filed = await publishFiled(ticket);
      if (!filed.published) await notifier.filingDelayed(filed.ticket, userId);
      return filed;
    },

    /** A question's internal SLA ran out: the ticket is filed from it, by the SLA. */
    async escalateQuestion(q: QuestionSnapshot & { escalation?: { by?: string } }): Promise<void> {
      const prefill = prefillFromQuestion(process, q);
      const input: TicketInput = { typeId: prefill.typeId, severityId: prefill.severityId as string, title: prefill.title ?? 'Question from the project team', reporterId: q.requesterId, fields: prefill.fields };
      const by = q.escalation?.by && q.escalation.by !== 'sla' ? q.escalation.by : SLA_FILER;
      await file(`question:${q.id}`, input, by, questionOrigin(q));
    },

    /** The form's starting point for a question, unless it already has a ticket. */
    async prefillForQuestion(questionId: string): Promise<{ prefill: FormPrefill; origin: TicketOrigin }> {
      if (!deps.questions) throw invalidState('Tickets cannot be filed from questions here.');
      const q = await deps.questions.get(questionId);
      const existing = await store.findByOrigin(`question:${q.id}`);
      const key = existing?.key ?? q.escalation?.ticketKey;
      if (key) throw invalidState(`This question is already with Support as ${key}. Follow it in the question's thread.`);
      return { prefill: prefillFromQuestion(process, q), origin: questionOrigin(q) };
    },

    /** Where an earlier run stopped half-way (Slack or this process went down), finish publishing. */
    async publishPending(): Promise<void> {
      const at = now();
      const before = at.minus({ milliseconds: PUBLISH_GRACE_MS }).toJSDate();
      /** One ticket's unfinished step: a failure waits for the next sweep without holding up the other tickets. */
      const finish = async (ticket: Ticket, what: string, step: () => Promise<unknown>) => {
        try {
          await step();
        } catch (error) {
          if (!(error instanceof PublicationPending)) log.warn({ ticketId: ticket.id, err: error }, `could not finish ${what}; will try again`);
        }
      };
      for (const ticket of await store.listUnannouncedMoves(before)) {
        await finish(ticket, 'announcing a phase move', async () => {
          for (const index of ticket.history.keys()) await moves.announceMove(ticket, index);
        });
      }
      for (const ticket of await store.listUnannouncedCsm(before)) await finish(ticket, 'announcing the CSM step', () => announceCsm(ticket));
      for (const { ticket, userIds } of await store.listPendingVotes(before)) {
        await finish(ticket, 'announcing a vote', async () => {
          for (const userId of userIds) await announceVote((await store.get(ticket.id)) ?? ticket, userId);
        });
      }
      for (const ticket of await store.listUnannouncedDecisions(before)) await finish(ticket, 'a proposal decision', () => proposals.finishDecision(ticket));
      for (const ticket of await store.listUnpublished(before)) {
        const mine = await store.claimPublishing(ticket.id, at.toJSDate(), at.plus({ milliseconds: PUBLISH_LEASE_MS }).toJSDate());
        if (mine) await finish(mine, 'publishing a ticket', () => publish(mine));
      }
    },

    /** The outbox reports on the support email: the card says queued/retrying, or when it was sent. */
    async recordEmailOutcome(ticketId: string, outcome: DeliveryOutcome): Promise<void> {
      const ticket = await store.get(ticketId);
      if (!ticket) return;
      const email: TicketEmailStatus =
        outcome.kind === 'sent'
          ? { state: 'sent', to: ticket.email.to, at: outcome.at }
          : { state: 'retrying', to: ticket.email.to, attempts: outcome.attempts, nextAttemptAt: outcome.nextAttemptAt };
      const updated = await store.setEmailStatus(ticketId, email);
      if (updated) await notifier.updateCard(updated);
    },

    /** The reporter's 👍 / 👎 on a closed ticket (App Home's satisfaction rate). */
    async rate(ticketId: string, userId: string, rating: 'up' | 'down'): Promise<Ticket> {
      const ticket = await mustGet(ticketId);
      if (ticket.reporterId !== userId) throw notAllowed(`Only ${ticket.key}'s reporter is asked to rate it.`);
      return (await store.rate(ticketId, rating, now().toJSDate())) ?? ticket;
    },

    async addVoter(ticketId: string, userId: string): Promise<Ticket> {
      const ticket = await mustGet(ticketId);
      if (ticket.stage === 'closed') throw invalidState(`${ticket.key} is closed. If it is happening again, ask the project team with \`/goodtime-help\`.`);
      if (ticket.reporterId === userId) throw invalidState(`You reported ${ticket.key}, so you already count.`);
      const voted = await store.addVoter(ticketId, userId, now().toJSDate());
      if (!voted) {
        const current = (await store.get(ticketId)) ?? ticket; // a click racing this one may have added them already
        throw invalidState(`You're already on ${ticket.key} (${peopleCount(1 + current.voters.length)}). I'll keep you posted.`);
      }
      crashPoint('ticket.vote_recorded');
      return announceVote(voted, userId);
    },

    async escalateToCsm(ticketId: string, userId: string): Promise<{ changed: boolean; ticket: Ticket }> {
      if (!(await deps.isLiaison(userId))) throw notAllowed('Only a liaison can escalate a ticket to the CSM. Ask one in the team channel.');
      const ticket = await mustGet(ticketId);
      if (!getTicketType(process, ticket.typeId).csmEscalation) throw invalidState(`${process.vendor.name}'s process does not take this kind of ticket to the CSM.`);
      if (ticket.csm) return { changed: false, ticket };
      const escalated = await escalateToCsmOnce(ticket, userId);
      if (!escalated) return { changed: false, ticket: await mustGet(ticketId) };
      return { changed: true, ticket: await announceCsm(escalated) };
    },

    async linkIncident(ticketId: string, incident: { id: string; title: string }): Promise<Ticket> {
      const linked = await store.linkIncident(ticketId, incident);
      if (!linked) throw notFound('That ticket no longer exists.');
      await notifier.updateCard(linked);
      return linked;
    },

    listByIncident: (incidentId: string) => store.listByIncident(incidentId),
    listByRequester: (userId: string, limit?: number) => store.listByRequester(userId, limit),
    listOpen: (limit?: number) => store.listOpen(limit),
    listCreatedSince: (since: Date) => store.listCreatedSince(since),
    /** Tickets with a vendor target met or missed in the period (the digest's tally counts outcomes when they happened). */
    listJudgedBetween: (from: Date, to: Date) => store.listJudgedBetween(from, to),
  };
}
