import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '@goodtime-help/slack-stand-in';
import type { Person } from '../support/people';

describe('asking the project team and answering in the thread', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const cardText = (ts: string) => t.teamMessage(ts);
  const ask = (person: Person, question: string, fields: Record<string, string> = {}) => t.ask(person, question, fields);

  it('when ana asks, then a card appears in the team channel and she gets a confirmation with a link', async () => {
    const card = await ask(t.ana, 'How do I reschedule a panel interview?', { 'Interview URL': 'https://app.goodtime.io/interviews/123', Position: 'Staff Engineer' });
    const text = cardText(card.ts);
    expect(text).toContain('Question from @ana');
    expect(text).toContain('How-to');
    expect(text).toContain('How do I reschedule a panel interview?');
    expect(text).toContain('Staff Engineer');
    expect(text).toContain('escalates to GoodTime Support');
    expect(text).toContain("[I'll take it]");
    expect(text).toContain('[Mark answered]');
    expect(text).toContain('[Escalate to support]');
    const dm = await waitFor(() => t.ana.dms().find((m) => m.text?.includes('Your question is with the project team')));
    expect(dm.text).toContain(`<https://`);
    expect(dm.text).toContain('|see it in the team channel>');
    t.fake.expectNoViolations();
  });

  it('when ben replies in the thread and ana accepts with ✅, then the card shows it answered and search finds it', async () => {
    const card = await ask(t.ana, 'Why does the candidate see no availability for Friday?');
    await t.ben.replyInThread(t.teamChannel, card.ts, 'Friday is blocked by the hiring manager working-hours rule; adjust it in Settings → Availability.');
    await waitFor(() => expect(cardText(card.ts)).toContain('First response by @ben'));
    await waitFor(() => t.ana.dms().find((m) => m.text.includes('replied to')));

    const reply = t.fake.thread(t.teamChannel, card.ts).find((m) => m.user === t.ben.id);
    await t.ana.react(t.teamChannel, reply?.ts ?? '', 'white_check_mark');
    await waitFor(() => expect(cardText(card.ts)).toContain('Answered by @ben · accepted by @ana'));
    expect(cardText(card.ts)).toContain('[Still need help]');
    await waitFor(() => t.fake.thread(t.teamChannel, card.ts).find((m) => m.text.includes('Saved to the knowledge base')));

    await t.ben.runSlashCommand('search friday availability');
    const results = await waitFor(() => t.ben.ephemerals().find((e) => e.text?.includes('answered question')));
    const rendered = t.render(results as never);
    expect(rendered).toContain('Why does the candidate see no availability for Friday?');
    expect(rendered).toContain('hiring manager working-hours rule');
    t.fake.expectNoViolations();
  });

  it('when the next person asks something similar and asks the team anyway, then the answered question is offered in the thread too', async () => {
    const carl = t.person('carl');
    expect((await carl.runSlashCommand('Candidate sees no availability on Friday, what blocks it?')).ok).toBe(true);
    const form = await carl.waitForModal({ title: 'Ask the project team' });
    await form.fillAll({ Category: 'How-to' });
    expect((await form.submit()).outcome).toBe('updated'); // the answer given before comes first
    const before = await carl.waitForModal({ title: 'Answered before' });
    expect(before.text()).toContain('Why does the candidate see no availability for Friday?');
    expect((await before.submit()).outcome).toBe('closed'); // Ask the team anyway
    const card = await waitFor(() => t.fake.messages(t.teamChannel).find((m) => m.text.includes('Candidate sees no availability on Friday')));
    const suggestion = await waitFor(() => t.fake.thread(t.teamChannel, card.ts).find((m) => m.text.includes('Similar questions')));
    expect(t.render(suggestion)).toContain('Why does the candidate see no availability for Friday?');
  });

  it('when several people reply, then Mark answered asks which reply is the answer and stores that one', async () => {
    const card = await ask(t.ana, 'Can coordinators edit a sent interview invite template?');
    await t.ben.replyInThread(t.teamChannel, card.ts, 'I think only admins can.');
    await t.lia.replyInThread(t.teamChannel, card.ts, 'Coordinators can edit it under Templates → Invites if they have the Editor role.');
    await waitFor(() => expect(cardText(card.ts)).toContain('First response by @ben'));
    await t.lia.clickButton('Mark answered', { channel: t.teamChannel, ts: card.ts });
    const choose = await t.lia.waitForModal({ title: 'Which reply answers it?' });
    expect((await choose.submit()).outcome).toBe('invalid'); // Slack itself requires a choice
    await choose.fill('Accepted answer', 'Coordinators can edit it under Templates → Invites if they have the Editor…'); // 75 characters shown
    expect((await choose.submit()).outcome).toBe('closed');
    await waitFor(() => expect(cardText(card.ts)).toContain('Answered by @lia · accepted by @lia'));

    await t.ana.clickButton('Still need help', { channel: t.teamChannel, ts: card.ts });
    await waitFor(() => expect(cardText(card.ts)).toContain('Waiting for an answer'));
    await waitFor(() => t.fake.thread(t.teamChannel, card.ts).find((m) => m.text.includes('still needs help')));
    await t.ana.runSlashCommand('search coordinators invite template');
    await waitFor(() => t.ana.ephemerals().find((e) => e.text?.includes('No answered questions match')));
  });

  it('when Mark answered is clicked before anyone replied, then the clicker is told to reply first and nothing changes', async () => {
    const card = await ask(t.ana, 'Is there a bulk reschedule option for onsite loops?');
    await t.ben.clickButton('Mark answered', { channel: t.teamChannel, ts: card.ts });
    const refusal = await waitFor(() => t.ben.ephemerals().find((e) => e.text?.includes('no answer in the thread yet')));
    expect(refusal).toBeTruthy();
    expect(cardText(card.ts)).toContain('Waiting for an answer');
  });

  it('when someone takes it, then the card says who is on it, once', async () => {
    const card = await ask(t.ana, 'How do I add a co-host to a Zoom interview?');
    await t.ben.clickButton("I'll take it", { channel: t.teamChannel, ts: card.ts });
    await waitFor(() => expect(cardText(card.ts)).toContain('@ben is on it'));
    expect(cardText(card.ts)).not.toContain("[I'll take it]");
    await waitFor(() => expect(t.fake.thread(t.teamChannel, card.ts).filter((m) => m.text.includes('is taking this one'))).toHaveLength(1));
    await t.lia.clickButton('Mark answered', { channel: t.teamChannel, ts: card.ts }); // buttons still work for others
    await waitFor(() => t.lia.ephemerals().find((e) => e.text?.includes('no answer in the thread yet')));
  });

  it('when the requester edits or withdraws, then the card changes in place; others may not', async () => {
    const card = await ask(t.ana, 'Where do I find the interviewer training report?');
    await t.ben.choose('Edit question', { channel: t.teamChannel, ts: card.ts });
    const refused = await t.ben.waitForModal({ title: 'Edit your question' });
    await waitFor(() => expect(refused.text()).toContain('Only @ana, who asked, can edit it'));

    await t.ana.choose('Edit question', { channel: t.teamChannel, ts: card.ts });
    const edit = await t.ana.waitForModal({ title: 'Edit your question' });
    await waitFor(() => expect(edit.value('Your question')).toContain('interviewer training report'));
    await edit.fill('Your question', 'Where do I find the interviewer training progress report?');
    expect((await edit.submit()).outcome).toBe('closed');
    await waitFor(() => expect(cardText(card.ts)).toContain('training progress report'));
    expect(cardText(card.ts)).toContain('edited');
    expect(t.fake.messages(t.teamChannel).filter((m) => m.text.includes('training'))).toHaveLength(1);

    await t.ana.choose('Withdraw question', { channel: t.teamChannel, ts: card.ts });
    await waitFor(() => expect(cardText(card.ts)).toContain('Withdrawn by the requester'));
    expect(cardText(card.ts)).not.toContain('[Mark answered]');
  });
});
