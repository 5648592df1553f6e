// What people do with incidents, as steps the tests share, and readers of what each place ends up showing.
import type { Connection } from 'mongoose';
import type { TestApp } from '../support/app';
import { waitFor, type Person } from '../support/people';
import { renderMessage, type SlackFake } from '@goodtime-help/slack-stand-in';
import type { FakeMessage, Modal } from '@goodtime-help/slack-stand-in';

export const INCIDENT_EVENT = 'goodtime_incident';

const payloadOf = (m: FakeMessage) => m.metadata?.event_payload as { delivery_id?: string; incident_id?: string } | undefined;
const isIncidentMessage = (m: FakeMessage) => m.metadata?.event_type === INCIDENT_EVENT;

/** The incident broadcasts (root messages) a channel shows. */
export function incidentRoots(fake: SlackFake, channel: string): FakeMessage[] {
  return fake.messages(channel).filter((m) => isIncidentMessage(m) && payloadOf(m)?.delivery_id?.endsWith(':root'));
}

/** The broadcast messages threaded under a root (one per update). */
export function incidentReplies(fake: SlackFake, channel: string, rootTs: string): FakeMessage[] {
  return fake.thread(channel, rootTs).filter(isIncidentMessage);
}

/** Confirmation asks (top-level DMs with buttons) a person got. */
export function confirmationAsks(person: Person): FakeMessage[] {
  return person.dms().filter((m) => isIncidentMessage(m) && payloadOf(m)?.delivery_id?.endsWith(':confirm'));
}

export const dmChannelOf = (fake: SlackFake, person: Person) => fake.dmChannel(person.id).id;

/** Waits until every planned delivery has finished (sent, failed or skipped). */
export async function waitForBroadcastsToDrain(connection: Connection, timeout = 20_000): Promise<void> {
  await waitFor(async () => {
    const left = await connection.collection('incident_deliveries').countDocuments({ state: { $in: ['blocked', 'pending', 'sending'] } });
    if (left > 0) throw new Error(`${left} deliveries not finished`);
    return true;
  }, { timeout, interval: 100 });
}

export interface DeclareInput {
  title: string;
  impact: string;
  areas: string[];
  message: string;
}

/** `/goodtime-help incident` in the team channel, and the declare form filled in (not submitted). */
export async function fillDeclareForm(t: TestApp, liaison: Person, input: DeclareInput): Promise<Modal> {
  await liaison.runSlashCommand('incident', { channel: t.teamChannel });
  const modal = await liaison.waitForModal({ title: 'Declare an incident' });
  await modal.fill('Title', input.title);
  await modal.fill('Impact', input.impact);
  await modal.fill('Affected areas', input.areas);
  await modal.fill('Message', input.message);
  return modal;
}

export async function declareIncident(t: TestApp, liaison: Person, input: DeclareInput): Promise<FakeMessage> {
  const modal = await fillDeclareForm(t, liaison, input);
  const submitted = await modal.submit();
  if (submitted.outcome !== 'closed') throw new Error(`declare modal: ${submitted.outcome} ${JSON.stringify(submitted.errorsByLabel)}`);
  return waitFor(() => {
    const root = incidentRoots(t.fake, t.teamChannel).find((m) => renderMessage(m).includes(input.title));
    if (!root) throw new Error('no incident root in the team channel yet');
    return root;
  }, { timeout: 10_000 });
}

/** Clicks *Post an update* on `clickedOn` (the team root or a reminder DM), fills the modal, and waits until the
 *  update is threaded in the team channel (it is planned after the modal closes). */
export async function postUpdate(
  ctx: { fake: SlackFake; teamChannel: string },
  liaison: Person,
  clickedOn: { channel: string; ts: string },
  status: string,
  message: string,
  options: { waitForThread?: boolean } = {},
): Promise<void> {
  const click = await liaison.clickButton('Post an update', clickedOn);
  if (!click.ok) throw new Error(`Post an update click failed: ${click.status}`);
  const modal = await waitFor(() => {
    const open = liaison.modal();
    if (!open.isOpen || open.title !== 'Post an update' || !open.text().includes('Status')) throw new Error('update modal not ready');
    return open;
  });
  await modal.fill('Status', status);
  await modal.fill('Update', message);
  const submitted = await modal.submit();
  if (submitted.outcome !== 'closed') throw new Error(`update modal: ${submitted.outcome} ${JSON.stringify(submitted.errorsByLabel)}`);
  if (options.waitForThread === false) return;
  await waitFor(() => ctx.fake.ws.allMessages(ctx.teamChannel).some((m) => m.thread_ts && m.metadata?.event_type === INCIDENT_EVENT && m.text.includes(message.slice(0, 40))), { timeout: 15_000 });
}
