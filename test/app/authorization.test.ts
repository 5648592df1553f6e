// Who may do what to which record in which state: every button, form and message shortcut of the app, sent by each
// role as a signed request (a forged click or form is just as easy), against records in the states where it must be
// refused. A refusal changes no record, posts nothing, and tells the person why, where they acted. A few rows send
// the same requests as the right person in the right state, to show the table refuses no more than it should.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionState, viewSubmission, waitFor } from '@goodtime-help/slack-stand-in';
import { startTestApp, type TestApp } from '../support/app';
import type { Person } from '../support/people';
import { fillTicketForm, TICKET_FORM } from '../tickets/ticket-helpers';
import { fillDeclareForm } from '../incidents/incident-steps';
import { QuestionIds } from '../../src/questions/question-ids';
import { TicketIds } from '../../src/tickets/ticket-ids';
import { IncidentIds } from '../../src/incidents/incident-ids';
import { click, submitForm, useShortcut, type Answer, type FormValues } from './forged-requests';
import { createRecords, database, STATES, type Records, type State } from './authorization-records';

type Role = 'requester' | 'team member' | 'liaison';
type Kind = 'button' | 'overflow' | 'form' | 'shortcut';
type Told = 'ephemeral' | 'modal' | 'dm';
interface Row {
  kind: Kind;
  id: string;
  role: Role;
  /** The record and its state when the request arrives. */
  on: State;
  /** What a button or overflow choice carries: `{id}` is the record's id; `-` nothing. */
  value: string;
  /** Where the person is told: an ephemeral message, the form or modal they are in, or a DM (their form had closed). */
  told: Told;
  refusal: string;
}
interface AllowedRow extends Omit<Row, 'told' | 'refusal'> {
  /** The change that shows it was done. */
  done: (t: TestApp, r: Records) => Promise<unknown>;
}

const Q = QuestionIds;
const T = TicketIds;
const I = IncidentIds;

/**
 * Who is refused what, on which record in which state, and what they are told where. A form carries the input
 * FORM_INPUT gives its id; a message shortcut is used on the record's message.
 */
const REFUSALS = `
  kind     | id                          | by          | on                 | value         | told      | refusal
  button   | question.take               | requester   | open question      | {id}          | ephemeral | This is your own question
  button   | question.reopen             | team member | open question      | {id}          | ephemeral | who asked, can reopen it
  overflow | question.manage             | team member | open question      | withdraw:{id} | ephemeral | who asked, can withdraw it
  button   | question.escalate           | team member | open question      | {id}          | ephemeral | Only a liaison
  button   | question.mark_answered      | team member | open question      | {id}          | ephemeral | no answer in the thread yet
  button   | question.answered_yes       | team member | open question      | {id}:1.000001 | ephemeral | who asked, can say whether it is answered
  button   | question.answered_no        | team member | open question      | {id}:1.000001 | ephemeral | who asked, can say whether it is answered
  button   | question.feedback_up        | team member | open question      | {id}          | ephemeral | who asked, can rate the answer
  button   | question.feedback_down      | team member | open question      | {id}          | ephemeral | who asked, can rate the answer
  button   | question.solved_before      | team member | open question      | {id}          | ephemeral | who asked, can say it is solved
  button   | ticket.feedback_up          | team member | ticket in phase 1  | {id}          | ephemeral | reporter is asked to rate it
  button   | ticket.feedback_down        | team member | ticket in phase 1  | {id}          | ephemeral | reporter is asked to rate it
  button   | ticket.next_phase           | team member | ticket in phase 1  | {id}:2        | ephemeral | Only a liaison can move a ticket
  button   | ticket.next_phase           | requester   | ticket in phase 1  | {id}:2        | ephemeral | Only a liaison can move a ticket
  button   | ticket.open_change_phase    | team member | ticket in phase 1  | {id}          | ephemeral | Only a liaison can move a ticket
  button   | ticket.escalate_csm         | team member | ticket in phase 1  | {id}          | ephemeral | Only a liaison can escalate a ticket to the CSM
  button   | ticket.promote              | team member | open proposal      | {id}          | ephemeral | Only a liaison can promote a proposal
  button   | ticket.decline              | requester   | open proposal      | {id}          | ephemeral | Only a liaison can promote or decline a proposal
  button   | ticket.me_too               | requester   | ticket in phase 1  | {id}          | ephemeral | so you already count
  button   | ticket.confirm_fixed        | requester   | ticket in phase 1  | {id}          | ephemeral | is no longer waiting for a confirmation
  button   | ticket.confirm_broken       | team member | ticket in phase 1  | {id}          | ephemeral | waits for the people who reported it
  button   | ticket.open_from_home       | team member | ticket in phase 1  | -             | ephemeral | Only a liaison
  button   | ticket.chase                | team member | ticket in phase 1  | {id}          | ephemeral | Only a liaison can write to GoodTime Support
  button   | ticket.reply_to_support     | requester   | ticket in phase 1  | {id}          | ephemeral | Only a liaison can write to GoodTime Support
  button   | incident.declare_from_home  | requester   | active incident    | -             | ephemeral | Only a project team liaison can declare
  button   | incident.post_update        | team member | active incident    | {id}          | ephemeral | Only a project team liaison can post incident updates
  button   | incident.link_items         | requester   | active incident    | {id}          | ephemeral | Only a project team liaison can link
  button   | incident.confirm_works      | requester   | active incident    | {id}          | ephemeral | once it is resolved
  button   | incident.confirm_broken     | liaison     | active incident    | {id}          | ephemeral | once it is resolved
  button   | question.take               | team member | withdrawn question | {id}          | ephemeral | This question is no longer open
  button   | question.mark_answered      | team member | withdrawn question | {id}          | ephemeral | This question was withdrawn
  overflow | question.manage             | requester   | answered question  | withdraw:{id} | ephemeral | already answered: there is nothing to withdraw
  button   | question.reopen             | requester   | withdrawn question | {id}          | ephemeral | withdrawn, so it cannot be reopened
  button   | question.feedback_up        | requester   | open question      | {id}          | ephemeral | has no accepted answer to rate yet
  form     | question.choose_answer      | requester   | withdrawn question | -             | dm        | This question was withdrawn
  button   | ticket.next_phase           | liaison     | closed ticket      | {id}:2        | ephemeral | needs a reason
  button   | ticket.me_too               | team member | closed ticket      | {id}          | ephemeral | is closed
  button   | ticket.chase                | liaison     | closed ticket      | {id}          | ephemeral | is closed
  button   | ticket.confirm_fixed        | requester   | closed ticket      | {id}          | ephemeral | is no longer waiting for a confirmation
  button   | ticket.me_too               | team member | declined proposal  | {id}          | ephemeral | is closed
  button   | ticket.promote              | liaison     | declined proposal  | {id}          | ephemeral | was already declined by
  button   | ticket.decline              | liaison     | declined proposal  | {id}          | modal     | was already declined by
  button   | incident.confirm_works      | team member | resolved incident  | {id}          | ephemeral | Only people who asked about this incident
  button   | incident.confirm_broken     | liaison     | resolved incident  | {id}          | ephemeral | Only people who asked about this incident
  button   | incident.post_update        | liaison     | resolved incident  | {id}          | modal     | is already resolved
  button   | incident.link_items         | liaison     | resolved incident  | {id}          | modal     | is already resolved
  form     | question.suggested          | team member | open question      | -             | modal     | who asked, can send it to the team
  form     | question.suggested          | requester   | deflected question | -             | modal     | solved it, so it was not sent to the team
  form     | question.edit               | team member | open question      | -             | dm        | who asked, can edit it
  form     | question.edit               | requester   | answered question  | -             | dm        | Only an open question can be edited
  form     | question.edit               | requester   | withdrawn question | -             | dm        | Only an open question can be edited
  form     | question.choose_answer      | team member | open question      | -             | dm        | That reply is no longer in the thread
  form     | ticket.change_phase         | team member | ticket in phase 1  | -             | modal     | Only a liaison can move a ticket
  form     | ticket.change_phase         | liaison     | closed ticket      | -             | modal     | needs a reason
  form     | ticket.decline_proposal     | team member | open proposal      | -             | modal     | Only a liaison can decline a proposal
  form     | ticket.decline_proposal     | liaison     | declined proposal  | -             | modal     | was already declined by
  form     | incident.update             | team member | active incident    | -             | modal     | Only a project team liaison can post incident updates
  form     | incident.update             | liaison     | resolved incident  | -             | modal     | already resolved
  form     | incident.link               | requester   | active incident    | -             | modal     | Only a project team liaison can link
  form     | incident.link               | liaison     | resolved incident  | -             | dm        | is already resolved
  shortcut | ticket.escalate_message     | team member | open question      | -             | ephemeral | Only a liaison
  shortcut | ticket.reply_message        | requester   | ticket in phase 1  | -             | ephemeral | Only a liaison can write to GoodTime Support
`;

const ROLES: Role[] = ['requester', 'team member', 'liaison'];
const KINDS: Kind[] = ['button', 'overflow', 'form', 'shortcut'];
const TOLD: Told[] = ['ephemeral', 'modal', 'dm'];
function parseTable(table: string): Row[] {
  const member = <T extends string>(allowed: readonly T[], value: string): T => {
    if (!(allowed as readonly string[]).includes(value)) throw new Error(`"${value}" is none of ${allowed.join(', ')}`);
    return value as T;
  };
  return table.trim().split('\n').slice(1).map((line) => {
    const [kind = '', id = '', role = '', on = '', value = '', told = '', refusal = ''] = line.split('|').map((cell) => cell.trim());
    return { kind: member(KINDS, kind), id, role: member(ROLES, role), on: member(STATES, on), value, told: member(TOLD, told), refusal };
  });
}
const rows = parseTable(REFUSALS);

const EDITED = 'Authorization check: who can read the debrief notes?';
const askText = (text: string) => ({ [Q.block.text]: text, [Q.block.category]: 'how-to' });
/** What each form carries, about the record `id`. */
const FORM_INPUT: Record<string, (id: string, r: Records) => { metadata: object; values: FormValues }> = {
  [Q.askView]: () => ({ metadata: {}, values: askText('Authorization check: can coordinators export the weekly schedule?') }),
  [Q.suggestedView]: (id) => ({ metadata: { questionId: id }, values: {} }),
  [Q.editView]: (id) => ({ metadata: { questionId: id }, values: askText(EDITED) }),
  [Q.chooseAnswerView]: (id) => ({ metadata: { questionId: id }, values: { [Q.block.answer]: '1.000001' } }),
  [T.changePhaseView]: (id) => ({ metadata: { ticketId: id }, values: { [T.block.stage]: '2' } }),
  [T.declineView]: (id) => ({ metadata: { ticketId: id }, values: { [T.block.declineReason]: 'Not this year, sorry.' } }),
  [I.updateView]: (id) => ({ metadata: { incidentId: id }, values: { [I.block.status]: 'monitoring', [I.block.message]: 'Monitoring: invites are catching up.' } }),
  [I.linkView]: (id, r) => ({ metadata: { incidentId: id }, values: { [I.block.questions]: [r['open question'].id] } }),
};

/** The right person, the right state: done. Run after every refusal, in this order. */
const allowed: AllowedRow[] = [
  { kind: 'form', id: Q.askView, role: 'team member', on: 'open question', value: '-', done: (t) => database(t).collection('questions').findOne({ requesterId: t.ben.id, 'card.ts': { $exists: true } }) },
  { kind: 'button', id: Q.take, role: 'team member', on: 'open question', value: '{id}', done: (t, r) => database(t).collection('questions').findOne({ 'card.ts': r['open question'].message.ts, claimedBy: t.ben.id }) },
  { kind: 'form', id: Q.editView, role: 'requester', on: 'open question', value: '-', done: (t) => database(t).collection('questions').findOne({ text: EDITED }) },
  { kind: 'button', id: T.nextPhase, role: 'liaison', on: 'ticket in phase 1', value: '{id}:2', done: (t, r) => database(t).collection('tickets').findOne({ 'card.ts': r['ticket in phase 1'].message.ts, stage: 2 }) },
  { kind: 'button', id: T.meToo, role: 'team member', on: 'open proposal', value: '{id}', done: (t, r) => database(t).collection('tickets').findOne({ 'card.ts': r['open proposal'].message.ts, voters: t.ben.id }) },
  { kind: 'form', id: T.declineView, role: 'liaison', on: 'open proposal', value: '-', done: (t, r) => database(t).collection('tickets').findOne({ 'card.ts': r['open proposal'].message.ts, 'proposal.state': 'declined' }) },
  { kind: 'button', id: I.confirmWorks, role: 'requester', on: 'resolved incident', value: '{id}', done: (t) => database(t).collection('incidents').findOne({ 'confirmations.userId': t.ana.id }) },
];

describe('authorization: every action, form and shortcut × role × state', () => {
  let t: TestApp;
  let records: Records;

  beforeAll(async () => {
    t = await startTestApp();
    records = await createRecords(t);
    await settle();
  }, 180_000);
  afterAll(async () => {
    await t?.stop();
  });

  /** Ids that change nothing by themselves, each with why; everything else registered needs a row. */
  const CHANGE_NOTHING: Record<string, string> = {
    [Q.openAsk]: 'App Home\'s "Ask a question" opens the ask form; asking is question.ask, which has rows',
    [`${T.chooseTypePrefix}*`]: 'a ticket-type button in the open ticket form re-renders the form; filing is ticket.file',
  };
  const exempt = (id: string) => Object.keys(CHANGE_NOTHING).some((key) => (key.endsWith('*') ? id.startsWith(key.slice(0, -1)) : id === key));

  it('when a new button, form or message shortcut is registered, then it has a row here', () => {
    const { actions, views, messageShortcuts } = t.app.slack.routes.registered;
    const all = [...rows, ...allowed];
    const covered = (kinds: Kind[], extra: string[] = []) => new Set([...all.filter((r) => kinds.includes(r.kind)).map((r) => r.id), ...extra]);
    const missing = (registered: Set<string>, have: Set<string>) => [...registered].filter((id) => !have.has(id) && !exempt(id));
    expect(missing(actions, covered(['button', 'overflow']))).toEqual([]);
    expect(missing(views, covered(['form'], forms.map((f) => f.callbackId)))).toEqual([]);
    expect(missing(messageShortcuts, covered(['shortcut']))).toEqual([]);
    // And no row for an id nobody registered (a typo would otherwise test nothing).
    const known = new Set([...actions, ...views, ...messageShortcuts]);
    expect(all.filter((r) => !known.has(r.id)).map((r) => r.id)).toEqual([]);
    expect(Object.keys(FORM_INPUT).filter((id) => !views.has(id))).toEqual([]);
  });

  const person = (role: Role): Person => ({ requester: t.ana, 'team member': t.ben, liaison: t.lia })[role];
  /** Every stored record and every message posted or edited, except what went to `told` alone (their DMs). */
  async function snapshot(told?: Person) {
    const db = database(t);
    const stored = await Promise.all(['questions', 'tickets', 'incidents', 'outbox', 'knowledge'].map((c) => db.collection(c).find({}).toArray()));
    const dm = told ? [told.id, t.fake.dmChannel(told.id).id] : [];
    const posted = t.fake.callsTo('chat.postMessage').filter((c) => !dm.includes(String(c.args.channel))).length + t.fake.callsTo('chat.update').length;
    return { records: JSON.stringify(stored), posted };
  }
  /** What asking, filing, declaring or an allowed row set off (announcing, broadcasting) is finished. */
  async function settle() {
    await waitFor(async () => {
      const first = await snapshot();
      await new Promise((resolve) => setTimeout(resolve, 500));
      return JSON.stringify(await snapshot()) === JSON.stringify(first);
    }, { timeout: 20_000 });
  }
  function send(row: AllowedRow | Row, who: Person): Promise<Answer> {
    const { id, message } = records[row.on];
    if (row.kind === 'form') {
      const input = FORM_INPUT[row.id];
      if (!input) throw new Error(`no FORM_INPUT for ${row.id}`);
      const { metadata, values } = input(id, records);
      return submitForm(t, who, row.id, metadata, values);
    }
    if (row.kind === 'shortcut') return useShortcut(t, who, row.id, message);
    return click(t, who, message, row.id, row.value === '-' ? '' : row.value.replace('{id}', id), row.kind === 'overflow');
  }

  it.each(rows.map((r) => [r.id, r.role, r.on, r] as const))('when %s comes from the %s on the %s, then it is refused and nothing changes', async (_id, role, _on, row) => {
    const who = person(role);
    const before = await snapshot(who);
    const seen = { ephemerals: who.ephemerals().length, dms: who.dms().length };
    const answer = await send(row, who);
    expect(answer.status).toBe(200);
    const where = row.told;
    const told = await waitFor(() => {
      if (where === 'ephemeral') return who.ephemerals().slice(seen.ephemerals).find((e) => e.text.includes(row.refusal));
      if (where === 'dm') return who.dms().slice(seen.dms).find((m) => m.text.includes(row.refusal));
      return row.kind === 'form' ? answer.text.includes(row.refusal) || undefined : who.modal().isOpen && who.modal().text().includes(row.refusal) || undefined;
    }, { timeout: 5_000, message: `${who.name} told "${row.refusal}" (${where})` });
    expect(told).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await snapshot(who)).toEqual(before);
    if (where === 'modal' && row.kind !== 'form') await who.modal().close();
  });

  // A form a liaison opened and filled, submitted as someone else (a forged request, or a person whose liaison
  // role ended while the form was open): refused like the buttons, nothing stored, nothing posted.
  const forms = [
    {
      form: 'the ticket form',
      callbackId: T.fileView,
      open: async () => {
        await t.lia.runSlashCommand('ticket', { channel: t.teamChannel });
        await fillTicketForm(t.lia, {
          summary: 'Forged ticket: should never be filed',
          fields: { 'What were you trying to do?': 'x', 'What actually happened?': 'y', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now' },
        });
        return t.lia.waitForModal({ title: TICKET_FORM });
      },
    },
    {
      form: 'the Reply to Support form',
      callbackId: T.replyView,
      open: async () => {
        await t.lia.clickButton('Reply to Support', { channel: t.teamChannel, ts: records['ticket in phase 1'].message.ts });
        const modal = await waitFor(async () => {
          const m = await t.lia.waitForModal({ title: 'Reply to Support' });
          return m.text().includes('Message to GoodTime Support') ? m : undefined;
        });
        await modal.fill('Message to GoodTime Support', 'Forged note: should never reach Support');
        return modal;
      },
    },
    {
      form: 'the declare-incident form',
      callbackId: I.declareView,
      open: () =>
        fillDeclareForm(t, t.lia, { title: 'Forged incident: should never be declared', impact: 'Partial outage', areas: ['Scheduling'], message: 'Forged: scheduling is down for everyone.' }),
    },
  ];

  it.each(forms.map((f) => [f.form, f] as const))('when %s filled by a liaison arrives as submitted by a team member, then it is refused and nothing changes', async (_form, { open }) => {
    const modal = await open();
    const view = modal.view;
    view.state = submissionState(view);
    const before = await snapshot();
    const payload = viewSubmission(t.fake.ws, { user: t.ben.id, view, triggerId: t.fake.issueTriggerId(t.ben.id) });
    const response = await t.client.interaction(payload);
    expect(response.status).toBe(200);
    expect(response.text).toMatch(/Only a (project team )?liaison/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await snapshot()).toEqual(before);
    await modal.close();
  });

  it.each(allowed.map((r) => [r.id, r.role, r.on, r] as const))('when %s comes from the %s on the %s, then it is done', async (_id, role, _on, row) => {
    const answer = await send(row, person(role));
    expect(answer.status).toBe(200);
    expect(answer.text).not.toMatch(/Only |Could not save/);
    expect(await waitFor(() => row.done(t, records), { timeout: 10_000 })).toBeTruthy();
    await settle();
  });
});
