// Who may do what to which record in which state: every button of the app, sent by each role as a signed request
// (a forged click is just as easy), against records in a state where it must be refused. A refusal changes no
// record, posts nothing, and tells the person why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockActionsFromMessage, submissionState, viewSubmission, waitFor, type FakeMessage } from '@goodtime-help/slack-stand-in';
import { startTestApp, type TestApp } from '../support/app';
import type { Person } from '../support/people';
import { fileTicket, fillTicketForm, TICKET_FORM } from '../tickets/ticket-helpers';
import { declareIncident, fillDeclareForm, waitForBroadcastsToDrain } from '../incidents/incident-steps';
import { QuestionIds } from '../../src/questions/question-ids';
import { TicketIds } from '../../src/tickets/ticket-ids';
import { IncidentIds } from '../../src/incidents/incident-ids';

type Role = 'requester' | 'team member' | 'liaison';
interface Row {
  action: string;
  role: Role;
  /** The record and its state when the click arrives. */
  on: 'open question' | 'ticket in phase 1' | 'active incident';
  value: () => string;
  /** An overflow menu's choice instead of a button's value. */
  overflow?: boolean;
  /** What the person is told. */
  refusal: string;
}

describe('authorization: every action × role × state that must be refused', () => {
  let t: TestApp;
  let question: FakeMessage;
  let ticket: FakeMessage;
  let incident: FakeMessage;
  let ids: { question: string; ticket: string; incident: string };

  beforeAll(async () => {
    t = await startTestApp();
    question = await t.ask(t.ana, 'Authorization check: who can see debrief notes?');
    ticket = await fileTicket(t, t.lia, {
      summary: 'Authorization check: invites go to the wrong calendar',
      fields: { 'What were you trying to do?': 'Send invites', 'What actually happened?': 'Wrong calendar', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now', 'Reported by': t.ana.id },
    });
    incident = await declareIncident(t, t.lia, { title: 'Authorization check outage', impact: 'Partial outage', areas: ['Scheduling'], message: 'Checking who may act.' });
    const db = t.app.connection.db;
    if (!db) throw new Error('no database handle');
    const q = await db.collection('questions').findOne({ 'card.ts': question.ts });
    const tk = await db.collection('tickets').findOne({ title: 'Authorization check: invites go to the wrong calendar' });
    const inc = await db.collection('incidents').findOne({ title: 'Authorization check outage' });
    ids = { question: String(q?._id), ticket: String(tk?._id), incident: String(inc?._id) };
    // What asking, filing and declaring set off (announcing, broadcasting) is finished before any row runs.
    await waitForBroadcastsToDrain(t.app.connection);
    await waitFor(async () => {
      const first = await snapshot();
      await new Promise((resolve) => setTimeout(resolve, 500));
      return JSON.stringify(await snapshot()) === JSON.stringify(first);
    }, { timeout: 20_000 });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  const rows: Row[] = [
    { action: QuestionIds.take, role: 'requester', on: 'open question', value: () => ids.question, refusal: 'This is your own question' },
    { action: QuestionIds.reopen, role: 'team member', on: 'open question', value: () => ids.question, refusal: 'who asked, can reopen it' },
    { action: QuestionIds.manage, role: 'team member', on: 'open question', value: () => `${QuestionIds.manageWithdraw}:${ids.question}`, overflow: true, refusal: 'who asked, can withdraw it' },
    { action: QuestionIds.escalate, role: 'team member', on: 'open question', value: () => ids.question, refusal: 'Only' },
    { action: QuestionIds.markAnswered, role: 'team member', on: 'open question', value: () => ids.question, refusal: 'no answer in the thread yet' },
    { action: QuestionIds.answeredYes, role: 'team member', on: 'open question', value: () => `${ids.question}:1.000001`, refusal: 'who asked, can say whether it is answered' },
    { action: QuestionIds.answeredNo, role: 'team member', on: 'open question', value: () => `${ids.question}:1.000001`, refusal: 'who asked, can say whether it is answered' },
    { action: QuestionIds.feedbackUp, role: 'team member', on: 'open question', value: () => ids.question, refusal: 'who asked, can rate the answer' },
    { action: QuestionIds.feedbackDown, role: 'team member', on: 'open question', value: () => ids.question, refusal: 'who asked, can rate the answer' },
    { action: TicketIds.feedbackUp, role: 'team member', on: 'ticket in phase 1', value: () => ids.ticket, refusal: 'reporter is asked to rate it' },
    { action: TicketIds.feedbackDown, role: 'team member', on: 'ticket in phase 1', value: () => ids.ticket, refusal: 'reporter is asked to rate it' },
    { action: QuestionIds.solvedBefore, role: 'team member', on: 'open question', value: () => ids.question, refusal: 'who asked, can say it is solved' },
    { action: TicketIds.nextPhase, role: 'team member', on: 'ticket in phase 1', value: () => `${ids.ticket}:2`, refusal: 'Only a liaison can move a ticket' },
    { action: TicketIds.nextPhase, role: 'requester', on: 'ticket in phase 1', value: () => `${ids.ticket}:2`, refusal: 'Only a liaison can move a ticket' },
    { action: TicketIds.changePhase, role: 'team member', on: 'ticket in phase 1', value: () => ids.ticket, refusal: 'Only a liaison can move a ticket' },
    { action: TicketIds.escalateCsm, role: 'team member', on: 'ticket in phase 1', value: () => ids.ticket, refusal: 'Only a liaison can escalate a ticket to the CSM' },
    { action: TicketIds.promote, role: 'team member', on: 'ticket in phase 1', value: () => ids.ticket, refusal: 'Only a liaison can promote a proposal' },
    { action: TicketIds.decline, role: 'requester', on: 'ticket in phase 1', value: () => ids.ticket, refusal: 'Only a liaison can promote or decline a proposal' },
    { action: TicketIds.meToo, role: 'requester', on: 'ticket in phase 1', value: () => ids.ticket, refusal: 'so you already count' },
    { action: TicketIds.confirmFixed, role: 'requester', on: 'ticket in phase 1', value: () => ids.ticket, refusal: 'is no longer waiting for a confirmation' },
    { action: TicketIds.confirmBroken, role: 'team member', on: 'ticket in phase 1', value: () => ids.ticket, refusal: 'waits for the people who reported it' },
    { action: TicketIds.openFromHome, role: 'team member', on: 'ticket in phase 1', value: () => '', refusal: 'Only a liaison' },
    { action: TicketIds.chase, role: 'team member', on: 'ticket in phase 1', value: () => ids.ticket, refusal: 'Only a liaison can write to GoodTime Support' },
    { action: TicketIds.replyToSupport, role: 'requester', on: 'ticket in phase 1', value: () => ids.ticket, refusal: 'Only a liaison can write to GoodTime Support' },
    { action: IncidentIds.declareFromHome, role: 'requester', on: 'active incident', value: () => '', refusal: 'Only a project team liaison can declare' },
    { action: IncidentIds.postUpdate, role: 'team member', on: 'active incident', value: () => ids.incident, refusal: 'Only a project team liaison can post incident updates' },
    { action: IncidentIds.link, role: 'requester', on: 'active incident', value: () => ids.incident, refusal: 'Only a project team liaison can link' },
    { action: IncidentIds.confirmWorks, role: 'requester', on: 'active incident', value: () => ids.incident, refusal: 'once it is resolved' },
    { action: IncidentIds.confirmBroken, role: 'liaison', on: 'active incident', value: () => ids.incident, refusal: 'once it is resolved' },
  ];
  /** Buttons that change nothing by themselves (they open a form, or switch the form's ticket type). */
  const OPEN_ONLY = [QuestionIds.openAsk];

  it('when a new button is added, then it has a row here', () => {
    const covered = new Set([...rows.map((r) => r.action), ...OPEN_ONLY]);
    const registered = [...t.app.slack.routes.registered.actions].filter((id) => !id.startsWith(TicketIds.chooseTypePrefix));
    expect(registered.filter((id) => !covered.has(id))).toEqual([]);
  });

  const person = (role: Role): Person => ({ requester: t.ana, 'team member': t.ben, liaison: t.lia })[role];
  const where = (on: Row['on']) => ({ 'open question': question, 'ticket in phase 1': ticket, 'active incident': incident })[on];
  async function snapshot() {
    const db = t.app.connection.db;
    if (!db) throw new Error('no database handle');
    const records = await Promise.all(['questions', 'tickets', 'incidents', 'outbox'].map((c) => db.collection(c).find({}).toArray()));
    const posted = t.fake.callsTo('chat.postMessage').length + t.fake.callsTo('chat.update').length;
    return { records: JSON.stringify(records), posted };
  }

  it.each(rows.map((r) => [r.action, r.role, r.on, r] as const))('when %s comes from the %s on an %s, then it is refused and nothing changes', async (action, role, on, row) => {
    const who = person(role);
    const message = where(on);
    const before = await snapshot();
    const payload = blockActionsFromMessage(t.fake.ws, {
      user: who.id,
      channel: t.teamChannel,
      message,
      action: {
        action_id: action,
        block_id: 'authorization',
        action_ts: (Date.now() / 1000).toFixed(6),
        ...(row.overflow
          ? { type: 'overflow', selected_option: { text: { type: 'plain_text', text: 'Withdraw question' }, value: row.value() } }
          : { type: 'button', value: row.value(), text: { type: 'plain_text', text: action } }),
      },
      triggerId: t.fake.issueTriggerId(who.id),
      responseUrl: t.fake.newResponseUrl(who.id, t.teamChannel, { messageTs: message.ts }),
    });
    const seen = who.ephemerals().length;
    expect((await t.client.interaction(payload)).status).toBe(200);
    const told = await waitFor(() => who.ephemerals().slice(seen).find((e) => e.text.includes(row.refusal)), { timeout: 5_000 });
    expect(told).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await snapshot()).toEqual(before);
  });

  // A form a liaison opened and filled, submitted as someone else (a forged request, or a person whose liaison
  // role ended while the form was open): refused like the buttons, nothing stored, nothing posted.
  const forms = [
    {
      form: 'the ticket form',
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
      open: async () => {
        await t.lia.clickButton('Reply to Support', { channel: t.teamChannel, ts: ticket.ts });
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
});
