// Pure: the email to the vendor's support team (and to the CSM): subject, readable plain-text body with every
// field, and a stable Message-ID so the vendor's replies thread.
import { DateTime } from 'luxon';
import { getSeverity, type ProcessDefinition, type TicketField, type TicketType } from '../process';
import { formatSize, type MailFiles, type OutboxMail } from '../delivery/outbox';
import { acknowledgementText, LADDER, sentToVendorAt, shortTypeLabel, SLA_FILER, stageLabel, watchersOf, type FieldValue, type Ticket } from './ticket';

export interface EmailContext {
  process: ProcessDefinition;
  type: TicketType;
  ticket: Ticket;
  /** A person's display name for a Slack user id. */
  nameOf: (userId: string) => string;
  /** What a person does (Slack profile title), when known: a promoted proposal lists its voters with it. */
  roleOf?: (userId: string) => string | undefined;
  /** The vendor's product board (PRODUCT_BOARD_URL or the process's link), for requests that point to it. */
  productBoardUrl?: string;
}

const NOT_GIVEN = '(not given)';

export const supportMessageId = (ticket: Pick<Ticket, 'key' | 'id'>) => `<${ticket.key.toLowerCase()}.${ticket.id}@goodtime-help>`;
const csmMessageId = (ticket: Pick<Ticket, 'key' | 'id'>) => `<${ticket.key.toLowerCase()}.${ticket.id}.csm@goodtime-help>`;
export const noteMessageId = (ticket: Pick<Ticket, 'key' | 'id'>, noteId: string) =>
  `<${ticket.key.toLowerCase()}.${ticket.id}.note.${noteId.toLowerCase().replace(/[^a-z0-9]/g, '')}@goodtime-help>`;

/** Which ticket a reply belongs to: one of our Message-IDs in In-Reply-To/References, else "[GT-1042]" in the subject. */
export function replyTarget(mail: { inReplyTo?: string; references: string[]; subject: string }, ticketPrefix: string): { ticketId: string } | { key: string } | undefined {
  for (const id of [mail.inReplyTo, ...[...mail.references].reverse()]) {
    const match = id?.match(/^<[a-z0-9-]+\.([0-9a-f]{24})(?:\.[a-z0-9.]+)?@goodtime-help>$/i);
    if (match?.[1]) return { ticketId: match[1].toLowerCase() };
  }
  const prefix = ticketPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const inSubject = mail.subject.match(new RegExp(`\\[(${prefix}-\\d+)\\]`, 'i'));
  return inSubject?.[1] ? { key: inSubject[1].toUpperCase() } : undefined;
}

/** The vendor's own ticket number in a reply's subject: Zendesk's "[#12345]" (or "#12345" after "Ticket"/"Request"). */
export function vendorTicketIdIn(subject: string): string | undefined {
  const match = subject.match(/\[#(\d{2,12})\]/) ?? subject.match(/\b(?:ticket|request|case)\s*#\s*(\d{2,12})\b/i);
  return match?.[1] ? `#${match[1]}` : undefined;
}

/** "support@goodtime.io" → a reply from anyone at goodtime.io is from the vendor. */
export function isFromVendor(address: string, supportEmail: string): boolean {
  const domain = (email: string) => email.toLowerCase().split('@')[1] ?? '';
  return address.includes('@') && domain(address) === domain(supportEmail);
}

/** "[GT-1042][P1] Bug: Panel invites go out twice": the vendor's own priority (one line, whatever was typed). */
export function supportSubject(process: ProcessDefinition, ticket: Pick<Ticket, 'key' | 'severityId' | 'title'>, type: TicketType): string {
  return `[${ticket.key}][${getSeverity(process, ticket.severityId).vendorLevel}] ${shortTypeLabel(type)}: ${oneLine(ticket.title)}`;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export function formatVendorTime(process: ProcessDefinition, at: Date): string {
  return DateTime.fromJSDate(at).setZone(process.calendar.zone).toFormat('ccc d LLL yyyy, HH:mm ZZZZ');
}

/** A field's answer as text: option labels for choices, "from … to …" for ranges. */
export function fieldText(field: TicketField, value: FieldValue | undefined): string {
  if (value === undefined) return NOT_GIVEN;
  const label = (v: string) => field.options?.find((o) => o.value === v)?.label ?? v;
  if (Array.isArray(value)) return value.length ? value.map(label).join(', ') : NOT_GIVEN;
  if (typeof value === 'object') {
    if (value.from && value.to) return `${value.from} to ${value.to}`;
    return value.from ? `from ${value.from}` : value.to ? `until ${value.to}` : NOT_GIVEN;
  }
  const text = field.kind === 'select' ? label(value) : value;
  return text.trim() === '' ? NOT_GIVEN : text;
}

const indent = (text: string) => text.split('\n').map((line) => `  ${line}`).join('\n');
const heading = (title: string) => `${title}\n${'-'.repeat(title.length)}`;

function filedByText(ctx: EmailContext): string {
  const { ticket } = ctx;
  if (ticket.filedBy === SLA_FILER) return 'the internal SLA (nobody on the project team answered in time)';
  return `${ctx.nameOf(ticket.filedBy)} (project team liaison)`;
}

function linkLines(ctx: EmailContext): string[] {
  const { ticket } = ctx;
  const lines: string[] = [];
  if (ticket.cardPermalink) lines.push(`Ticket thread in Slack: ${ticket.cardPermalink}`);
  if (ticket.origin.kind === 'question' && ticket.origin.permalink) lines.push(`Original question in Slack: ${ticket.origin.permalink}`);
  if (ticket.origin.kind === 'message') {
    const by = ticket.origin.authorId ? ` (by ${ctx.nameOf(ticket.origin.authorId)})` : '';
    lines.push(`Original Slack message: ${ticket.origin.permalink ?? '(link unavailable)'}${by}`);
  }
  return lines;
}

function fileLines(files: MailFiles | undefined): string[] {
  if (!files || (!files.attached.length && !files.skipped.length)) return [];
  const lines = ['', heading('Files from the Slack thread')];
  if (files.attached.length) lines.push(`Attached: ${files.attached.map((f) => `${f.filename} (${formatSize(f.content.length)})`).join(', ')}`);
  if (files.skipped.length) lines.push(`Not attached: ${files.skipped.join('; ')}`);
  return lines;
}

/** A promoted proposal: how many on the project team want it, who they are and what they do, and the product board. */
function voteLines(ctx: EmailContext): string[] {
  const { ticket, type } = ctx;
  if (ticket.proposal?.state !== 'promoted') return [];
  const voters = watchersOf(ticket);
  const person = (id: string) => {
    const role = ctx.roleOf?.(id);
    return `- ${ctx.nameOf(id)}${role ? ` (${role})` : ''}`;
  };
  const proposedAt = formatVendorTime(ctx.process, ticket.createdAt);
  const by = ticket.proposal.decidedBy ? ` by ${ctx.nameOf(ticket.proposal.decidedBy)}` : '';
  return [
    '',
    heading(`Votes: ${voters.length} ${voters.length === 1 ? 'person wants' : 'people want'} this`),
    `Proposed in our project team's channel ${proposedAt}, voted on there and sent to you${by} (project team liaison).`,
    ...voters.map(person),
    ...(type.productBoard && ctx.productBoardUrl ? [`We have also added it to your product board: ${ctx.productBoardUrl}`] : []),
  ];
}

export function supportBody(ctx: EmailContext, files?: MailFiles): string {
  const { process, type, ticket } = ctx;
  const severity = getSeverity(process, ticket.severityId);
  const summary = [
    `${ticket.key} — ${shortTypeLabel(type)}: ${ticket.title}`,
    '',
    `Type: ${type.label}`,
    // One scale for the vendor: theirs. Our own severity id follows in brackets for our records.
    `Priority: ${severity.vendorLevel} — ${severity.meaning} (our severity ${severity.id} ${severity.label})`,
    `Reported by: ${ctx.nameOf(ticket.reporterId)}`,
    `Filed by: ${filedByText(ctx)}`,
    `Filed at: ${formatVendorTime(process, sentToVendorAt(ticket))}`,
    `Acknowledgement target: ${formatVendorTime(process, ticket.acknowledgementDueAt)} (${severity.vendorLevel}: ${acknowledgementText(process, severity, sentToVendorAt(ticket))})`,
    `Current phase: ${stageLabel(process, type, ticket.stage)}`,
  ];
  // Only what was answered; the questions left blank are named once, not repeated as "(not given)".
  const answered = type.fields.filter((field) => fieldText(field, ticket.fields[field.id]) !== NOT_GIVEN);
  const blank = type.fields.filter((field) => !answered.includes(field));
  const details = answered.map((field) => `${field.label}\n${indent(fieldText(field, ticket.fields[field.id]))}`);
  const links = linkLines(ctx);
  return [
    ...summary,
    '',
    heading('Details'),
    details.join('\n\n'),
    ...(blank.length ? ['', `Not answered: ${blank.map((field) => field.label).join('; ')}`] : []),
    ...voteLines(ctx),
    ...(links.length ? ['', heading('Links'), ...links] : []),
    ...fileLines(files),
    '',
    `Please keep "${ticket.key}" in the subject when you reply.`,
    '',
  ].join('\n');
}

export function supportMail(ctx: EmailContext, to: string, options: { replyTo?: string; files?: MailFiles } = {}): OutboxMail {
  return {
    to: [to],
    subject: supportSubject(ctx.process, ctx.ticket, ctx.type),
    text: supportBody(ctx, options.files),
    messageId: supportMessageId(ctx.ticket),
    ...(options.replyTo ? { replyTo: options.replyTo } : {}),
    ...(options.files?.attached.length ? { attachments: options.files.attached } : {}),
  };
}

/**
 * A liaison's message to Support: a reply in the ticket's email thread (the same subject, In-Reply-To the latest
 * mail of the thread, References back to the first), so the vendor's helpdesk files it under its ticket.
 */
export function noteMail(ctx: EmailContext, input: { to: string; noteId: string; text: string; by: string; replyTo?: string; files?: MailFiles }): OutboxMail {
  const { ticket } = ctx;
  const first = supportMessageId(ticket);
  const thread = [first, ...ticket.replies.map((r) => r.messageId), ...ticket.notes.map((n) => n.messageId)];
  const latest = ticket.replies.at(-1)?.messageId ?? first;
  const text = [
    input.text.trim(),
    '',
    '--',
    `${ctx.nameOf(input.by)}, project team liaison, about ${ticket.key}${ticket.vendorTicketId ? ` (your ticket ${ticket.vendorTicketId})` : ''}`,
    ...fileLines(input.files),
    '',
  ].join('\n');
  return {
    to: [input.to],
    // The vendor's number too, so its helpdesk files the mail under its own ticket ("[#12345]" for Zendesk).
    subject: `Re: ${supportSubject(ctx.process, ticket, ctx.type)}${ticket.vendorTicketId ? ` [${ticket.vendorTicketId}]` : ''}`,
    text,
    messageId: noteMessageId(ticket, input.noteId),
    inReplyTo: latest,
    // The first and the latest matter most to threading; the list stays short.
    references: [...new Set([first, ...thread.slice(-9)])],
    ...(input.replyTo ? { replyTo: input.replyTo } : {}),
    ...(input.files?.attached.length ? { attachments: input.files.attached } : {}),
  };
}

/** The CSM escalation: why it matters, who is affected, and the ticket (threaded under the support email). */
export function csmMail(ctx: EmailContext, to: string, escalatedBy: string, why?: string): OutboxMail {
  const { ticket, type, process } = ctx;
  const people = 1 + ticket.voters.length;
  const opening =
    escalatedBy === LADDER
      ? `${why ?? `${process.vendor.name} missed its targets on ${ticket.key}`}, so the project team's helpdesk is bringing it to you as ${process.vendor.name} CSM.`
      : `${ctx.nameOf(escalatedBy)} from the project team is escalating ${ticket.key} to you as ${process.vendor.name} CSM.`;
  const text = [
    opening,
    '',
    `${ticket.key} — ${shortTypeLabel(type)}: ${ticket.title}`,
    `Priority: ${getSeverity(process, ticket.severityId).vendorLevel} · ${stageLabel(process, type, ticket.stage)}`,
    `People affected in our team: ${people}`,
    `Filed with Support: ${formatVendorTime(process, sentToVendorAt(ticket))}${ticket.vendorTicketId ? ` (Support ticket ${ticket.vendorTicketId})` : ''}`,
    ...(ticket.cardPermalink ? [`Ticket thread in Slack: ${ticket.cardPermalink}`] : []),
    '',
    heading('What Support received'),
    supportBody(ctx),
  ].join('\n');
  return {
    to: [to],
    subject: `[${ticket.key}][${getSeverity(process, ticket.severityId).vendorLevel}] Escalation to CSM — ${shortTypeLabel(type)}: ${oneLine(ticket.title)}`,
    text,
    messageId: csmMessageId(ticket),
    inReplyTo: supportMessageId(ticket),
    references: [supportMessageId(ticket)],
  };
}

/** A liaison's one-click *Chase Support*: a polite reminder of what is due, in the vendor's own terms. */
export function chaseText(process: ProcessDefinition, ticket: Ticket): string {
  const severity = getSeverity(process, ticket.severityId);
  const due: string[] = [];
  if (!ticket.acknowledgedAt) due.push(`an acknowledgement by ${formatVendorTime(process, ticket.acknowledgementDueAt)} (${severity.vendorLevel}: ${acknowledgementText(process, severity, sentToVendorAt(ticket))})`);
  if (ticket.updateDueAt && severity.updates) due.push(`an update by ${formatVendorTime(process, ticket.updateDueAt)} (${severity.vendorLevel}: ${severity.updates.text})`);
  if (ticket.workaroundDueAt && !ticket.workaroundMetAt) due.push(`a workaround by ${formatVendorTime(process, ticket.workaroundDueAt)}`);
  return [
    `Hello ${process.vendor.name} Support,`,
    '',
    `We are following up on ${ticket.key}: ${oneLine(ticket.title)}.`,
    due.length ? `Going by your published targets, we expected ${due.join(', and ')}.` : 'Could you tell us where it stands?',
    'Could you share where it stands and what comes next? Thank you!',
  ].join('\n');
}
