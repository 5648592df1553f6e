// Acting on tickets as people do: file one through `/goodtime-help ticket`, find its card, read its thread.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processPresets, type ProcessDefinition } from '../../src/process';
import type { TestApp } from '../support/app';
import type { Person } from '../support/people';
import { waitFor } from '@goodtime-help/slack-stand-in';
import type { FakeMessage } from '@goodtime-help/slack-stand-in';
import type { FillValue } from '@goodtime-help/slack-stand-in';

export const TICKET_FORM = 'File a support ticket';

export interface TicketFormInput {
  /** The type button to click first (default: the form's first type, "Bug or data issue"). */
  type?: string;
  summary: string;
  severity?: string;
  fields?: Record<string, FillValue>;
}

/** Fills the open ticket form; switching type first when asked (the form updates in place). */
export async function fillTicketForm(person: Person, input: TicketFormInput) {
  const modal = await person.waitForModal({ title: TICKET_FORM });
  if (input.type) {
    await modal.clickButton(input.type);
    await waitFor(() => modal.text().includes(`✓ ${input.type}`));
  }
  await modal.fill('Summary', input.summary);
  if (input.severity) await modal.fill('Severity', input.severity);
  for (const [label, value] of Object.entries(input.fields ?? {})) await modal.fill(label, value);
  return modal;
}

/** A liaison files a ticket with the slash command; resolves with its card in the team channel. */
export async function fileTicket(t: TestApp, person: Person, input: TicketFormInput): Promise<FakeMessage> {
  const command = await person.runSlashCommand('ticket');
  if (!command.ok) throw new Error(`/goodtime-help ticket failed: ${command.failure}`);
  const modal = await fillTicketForm(person, input);
  const submitted = await modal.submit();
  if (submitted.outcome !== 'closed') throw new Error(`ticket form not accepted: ${JSON.stringify(submitted.errorsByLabel)}`);
  return waitFor(() => t.fake.messages(t.teamChannel).find((m) => /^[A-Z]+-\d+ /.test(m.text) && m.text.includes(input.summary.slice(0, 40))));
}

/** The card as people see it now (it is edited in place). */
export function cardNow(t: TestApp, card: FakeMessage): string {
  return t.render(t.fake.message(t.teamChannel, card.ts) ?? t.fake.thread(t.teamChannel, card.thread_ts ?? card.ts).find((m) => m.ts === card.ts));
}

/** The replies in the ticket's thread (the card's own, or the question's it was posted in). */
export function ticketThread(t: TestApp, card: FakeMessage): string[] {
  return t.fake.thread(t.teamChannel, card.thread_ts ?? card.ts).filter((m) => m.ts !== card.ts).map((m) => t.render(m));
}

/** Waits for a thread reply containing `needle`. */
export function waitForThreadReply(t: TestApp, card: FakeMessage, needle: string): Promise<string> {
  return waitFor(() => ticketThread(t, card).find((m) => m.includes(needle)), { message: `thread reply with "${needle}"` });
}

/** The current card message (for clicking its buttons). */
export function cardRef(t: TestApp, card: FakeMessage): { channel: string; ts: string } {
  return { channel: t.teamChannel, ts: card.ts };
}

/** GoodTime's process on a 24x7 vendor calendar with targets changed by `adjust` (seconds, for tests), as a file for PROCESS. */
export function fastGoodTimeProcess(name: string, adjust: (process: ProcessDefinition) => void): string {
  const process = structuredClone(processPresets.goodtime);
  process.calendar = { zone: 'America/Los_Angeles', hours: '24x7', holidays: 'none', cutoff: null };
  adjust(process);
  const file = join(mkdtempSync(join(tmpdir(), 'goodtime-process-')), `${name}.json`);
  writeFileSync(file, JSON.stringify(process));
  return file;
}

/** GoodTime's targets in seconds: S1 acknowledged within 3 s, an update every ~4 s, a workaround within ~40 s; S2 slower. */
export const fastTargetsProcess = () =>
  fastGoodTimeProcess('fast-targets', (process) => {
    const [s1, s2] = process.severities;
    if (s1) Object.assign(s1, { acknowledgement: { amount: 0.05, unit: 'minutes', anyHour: true }, updates: { every: { amount: 0.0011, unit: 'business hours' }, text: 'Every 4 seconds (test)' }, workaround: { amount: 0.011, unit: 'business hours' } });
    if (s2) Object.assign(s2, { acknowledgement: { amount: 1, unit: 'business hours', anyHour: false }, updates: { every: { amount: 1, unit: 'business hours' }, text: 'Every hour (test)' }, workaround: { amount: 2, unit: 'business hours' } });
  });

/** A bug report's required answers, for tests that need one filed. */
export const BUG_FIELDS = { 'What were you trying to do?': 'Book a panel', 'What actually happened?': 'No slots', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now' };
