// What the ticket use cases receive, as interfaces: Slack (notifier), mail (outbox), people's names, the questions
// capability and settings. ticket-module.ts plugs in the real ones; the job names are in ticket-ids.ts.
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Scheduler } from '../jobs/scheduler';
import type { Outbox } from '../delivery/outbox-worker';
import type { ProcessDefinition } from '../process';
import type { InboundMail } from '../delivery/inbound-mail';
import type { MailFiles, SharedFile } from '../delivery/outbox';
import type { MessageRef, PersonFacts, QuestionSnapshot, SupportNote, Ticket, TicketMove } from './ticket';
import type { TicketStore } from './ticket-store';

/** How tickets show up in Slack (ticket-notifier.ts). */
export interface TicketNotifier {
  /** Posts the card: in the team channel, or in the question's thread. */
  postCard(ticket: Ticket): Promise<{ card: MessageRef; threadTs: string; permalink?: string }>;
  updateCard(ticket: Ticket): Promise<void>;
  /** The filer (or, for an SLA escalation, the requester) learns the ticket exists, with its link. */
  confirmFiled(ticket: Ticket): Promise<void>;
  /** The filer learns the ticket is stored although its card or email is not out yet (so they do not file it twice). */
  filingDelayed(ticket: Ticket, userId: string): Promise<void>;
  /** Move number `index` of the ticket's history, announced exactly once per place however often it is repeated. */
  phaseChanged(ticket: Ticket, move: TicketMove, index: number): Promise<void>;
  askToConfirmFix(ticket: Ticket, userIds: string[], index: number): Promise<void>;
  /** "Did it help?" to the reporter once the ticket is closed (move number `index`). */
  askFeedback(ticket: Ticket, index: number): Promise<void>;
  voteAdded(ticket: Ticket, userId: string): Promise<void>;
  csmEscalated(ticket: Ticket, byUserId: string, emailed: boolean): Promise<void>;
  nudge(ticket: Ticket, nudge: Nudge): Promise<void>;
  /** The ladder's second step: the CSM was brought in without a liaison's click (`why`: the targets missed). */
  csmBroughtIn(ticket: Ticket, why: string, emailed: boolean): Promise<void>;
  /** A mail from the mailbox, in the ticket's thread once (a closed ticket's offers "Reopen…"). */
  supportReply(ticket: Ticket, mail: InboundMail, fromVendor: boolean): Promise<void>;
  /** A liaison's note to Support, in the thread: queued, then edited to say when it was delivered. */
  noteSent(ticket: Ticket, note: SupportNote, deliveredAt?: Date): Promise<void>;
  /** A proposal reached REQUEST_PROMOTE_VOTES: the liaisons are asked to promote or decline it (once). */
  proposalFlagged(ticket: Ticket): Promise<void>;
  /** A proposal was promoted or declined: its thread, its reporter and its voters hear it (once each). */
  proposalDecided(ticket: Ticket): Promise<void>;
  /** Which files from the thread went with the support email, and which did not. */
  filesAttached(ticket: Ticket, files: { attached: string[]; skipped: string[] }): Promise<void>;
}

/** Files from Slack for an email: a thread's (screenshots shared before filing) or a message's own. */
export interface TicketFilesPort {
  inThread(where: { channel: string; ts: string }): Promise<MailFiles>;
  download(files: SharedFile[]): Promise<MailFiles>;
}

export type Nudge =
  | { kind: 'acknowledgement'; dueAt: Date; highImpact: boolean }
  | { kind: 'update'; dueAt: Date; highImpact: boolean }
  | { kind: 'workaround'; dueAt: Date; highImpact: boolean }
  | { kind: 'overstay'; stage: number; enteredAt: Date; dueAt: Date; businessDaysIn: number; highImpact: boolean };

/** The questions capability, through its service. */
export interface QuestionsPort {
  get(id: string): Promise<QuestionSnapshot>;
  linkTicket(questionId: string, ticket: { id: string; key: string; permalink?: string; proposal?: boolean }, byUserId: string): Promise<unknown>;
}

export interface TicketSettings {
  supportEmail: string;
  /** The mailbox the app reads (IMAP): Reply-To of every email to Support. Unset: replies are not read. */
  replyTo?: string;
  csmEmail?: string;
  csmSlackUserId?: string;
  csmBookingUrl?: string;
  productBoardUrl?: string;
  /** Votes that flag a proposal to the liaisons (REQUEST_PROMOTE_VOTES). */
  promoteVotes: number;
}

export interface TicketDeps {
  store: TicketStore;
  process: ProcessDefinition;
  clock: Clock;
  scheduler: Scheduler;
  notifier: TicketNotifier;
  outbox: Outbox;
  /** A person's display name and what they do (their Slack profile title), for emails to Support. */
  personOf: (userId: string) => Promise<PersonFacts>;
  isLiaison: (userId: string) => Promise<boolean>;
  questions?: QuestionsPort;
  files?: TicketFilesPort;
  settings: TicketSettings;
  logger: Logger;
}
