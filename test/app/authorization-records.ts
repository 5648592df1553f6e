// The records the authorization table acts on, one per state, each brought there the way people do it (or as a
// liaison's form would, through the same forged requests the table sends).
import { waitFor, type FakeMessage } from '@goodtime-help/slack-stand-in';
import type { TestApp } from '../support/app';
import { BUG_FIELDS, fileTicket } from '../tickets/ticket-helpers';
import { declareIncident, waitForBroadcastsToDrain } from '../incidents/incident-steps';
import { TicketIds } from '../../src/tickets/ticket-ids';
import { IncidentIds } from '../../src/incidents/incident-ids';
import { submitForm } from './forged-requests';

export const STATES = [
  'open question', 'answered question', 'withdrawn question', 'deflected question',
  'ticket in phase 1', 'closed ticket', 'open proposal', 'declined proposal',
  'active incident', 'resolved incident',
] as const;
export type State = (typeof STATES)[number];
/** The record's id, and the message its buttons are on (a deflected question never got one). */
export type Records = Record<State, { id: string; message: FakeMessage }>;

const FEATURE = (reporter: string) => ({ 'What would you like GoodTime to do?': 'One click to move a whole panel.', 'Why would it help?': 'Rescheduling takes 20 minutes today.', 'Reported by': reporter });

export function database(t: TestApp) {
  const db = t.app.connection.db;
  if (!db) throw new Error('no database handle');
  return db;
}

const stored = async (t: TestApp, collection: string, filter: object) => {
  const found = await waitFor(() => database(t).collection(collection).findOne(filter), { timeout: 15_000, message: `${collection} ${JSON.stringify(filter)}` });
  return String(found._id);
};

export async function createRecords(t: TestApp): Promise<Records> {
  const db = database(t);
  const bug = (summary: string) => fileTicket(t, t.lia, { summary, fields: { ...BUG_FIELDS, 'Reported by': t.ana.id } });

  const open = await t.ask(t.ana, 'Authorization check: who can see debrief notes?');
  // Answered, into the knowledge base: the asker's ✅ on the team's reply.
  const answered = await t.ask(t.ana, 'How do I reschedule a panel when one interviewer declines the invite?');
  const reply = await t.ben.replyInThread(t.teamChannel, answered.ts, 'Open the interview and click Replace interviewer on the declined session.');
  await waitFor(() => db.collection('questions').findOne({ 'card.ts': answered.ts, 'replies.ts': reply.ts }));
  await t.ana.react(t.teamChannel, reply.ts, 'white_check_mark');
  await waitFor(() => db.collection('questions').findOne({ 'card.ts': answered.ts, status: 'answered' }), { timeout: 20_000 });
  await waitFor(() => db.collection('knowledge').countDocuments().then((n) => n > 0 || undefined), { timeout: 20_000 });
  // Deflected: the same question again, and "This solved it" on the answer given before.
  await t.ana.runSlashCommand('An interviewer declined the panel invite, how do I reschedule just that session?');
  const asking = await t.ana.waitForModal({ title: 'Ask the project team' });
  await asking.fillAll({ Category: 'How-to' });
  if ((await asking.submit()).outcome !== 'updated') throw new Error('no answer given before was offered');
  await (await t.ana.waitForModal({ title: 'Answered before' })).clickButton('This solved it');
  const deflected = await stored(t, 'questions', { requesterId: t.ana.id, status: 'deflected' });
  const withdrawn = await t.ask(t.ana, 'Authorization check: where are interviewer time zones set?');
  await t.ana.choose('Withdraw question', { channel: t.teamChannel, ts: withdrawn.ts });

  const ticket = await bug('Authorization check: invites go to the wrong calendar');
  const closed = await bug('Authorization check: a ticket that is closed');
  const closedId = await stored(t, 'tickets', { 'card.ts': closed.ts });
  await submitForm(t, t.lia, TicketIds.changePhaseView, { ticketId: closedId }, { [TicketIds.block.stage]: 'closed', [TicketIds.block.reason]: 'Duplicate of the other one.' });
  const proposal = await fileTicket(t, t.lia, { type: 'Feature request', summary: 'Authorization check: bulk-reschedule a panel', fields: FEATURE(t.ana.id) });
  const declined = await fileTicket(t, t.lia, { type: 'Feature request', summary: 'Authorization check: a declined proposal', fields: FEATURE(t.ana.id) });
  const declinedId = await stored(t, 'tickets', { 'card.ts': declined.ts });
  await submitForm(t, t.lia, TicketIds.declineView, { ticketId: declinedId }, { [TicketIds.block.declineReason]: 'GoodTime shipped this already.' });

  const incident = await declareIncident(t, t.lia, { title: 'Authorization check outage', impact: 'Partial outage', areas: ['Scheduling'], message: 'Checking who may act.' });
  // Resolved, with the asker of a linked question asked to confirm the fix.
  const resolved = await declareIncident(t, t.lia, { title: 'Authorization check resolved outage', impact: 'Partial outage', areas: ['Scheduling'], message: 'Invites are late.' });
  const resolvedId = await stored(t, 'incidents', { title: 'Authorization check resolved outage' });
  const affected = await t.ask(t.ana, 'Authorization check: my candidate invites arrive late');
  const affectedId = await stored(t, 'questions', { 'card.ts': affected.ts });
  await submitForm(t, t.lia, IncidentIds.linkView, { incidentId: resolvedId }, { [IncidentIds.block.questions]: [affectedId] });
  await waitFor(() => db.collection('questions').findOne({ 'card.ts': affected.ts, incidentId: resolvedId }));
  await submitForm(t, t.lia, IncidentIds.updateView, { incidentId: resolvedId }, { [IncidentIds.block.status]: 'resolved', [IncidentIds.block.message]: 'Invites are on time again.' });

  const records: Records = {
    'open question': { id: await stored(t, 'questions', { 'card.ts': open.ts }), message: open },
    'answered question': { id: await stored(t, 'questions', { 'card.ts': answered.ts }), message: answered },
    'withdrawn question': { id: await stored(t, 'questions', { 'card.ts': withdrawn.ts, status: 'withdrawn' }), message: withdrawn },
    'deflected question': { id: deflected, message: open },
    'ticket in phase 1': { id: await stored(t, 'tickets', { 'card.ts': ticket.ts }), message: ticket },
    'closed ticket': { id: await stored(t, 'tickets', { 'card.ts': closed.ts, stage: 'closed' }), message: closed },
    'open proposal': { id: await stored(t, 'tickets', { 'card.ts': proposal.ts }), message: proposal },
    'declined proposal': { id: await stored(t, 'tickets', { 'card.ts': declined.ts, 'proposal.state': 'declined' }), message: declined },
    'active incident': { id: await stored(t, 'incidents', { title: 'Authorization check outage' }), message: incident },
    'resolved incident': { id: await stored(t, 'incidents', { title: 'Authorization check resolved outage', askedToConfirm: t.ana.id, resolutionHandledAt: { $exists: true } }), message: resolved },
  };
  await waitForBroadcastsToDrain(t.app.connection);
  return records;
}
