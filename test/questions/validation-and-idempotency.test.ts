import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '@goodtime-help/slack-stand-in';

describe('the ask form refuses bad input under each field, and repeats leave one effect', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.stop();
  });

  // First in the file: failNext hits the next chat.postMessage, so nothing else may be posting yet.
  it('when Slack refuses the card, then the asker hears it is saved and will follow, not to ask again', async () => {
    await t.ana.runSlashCommand('Refused card: how do I merge duplicate candidates?');
    const modal = await t.ana.waitForModal({ title: 'Ask the project team' });
    await modal.fill('Category', 'How-to');
    t.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    expect((await modal.submit()).outcome).toBe('closed');
    await waitFor(() => t.ana.dms().find((m) => m.text.includes('Your question is saved')));
    expect(t.ana.dms().some((m) => m.text.includes('something went wrong'))).toBe(false);
    expect(t.fake.messages(t.teamChannel).some((m) => m.text.includes('Refused card'))).toBe(false);
  });

  it('when the form has problems, then each error appears under its own field and nothing is posted', async () => {
    const before = t.fake.messages(t.teamChannel).length;
    await t.ana.runSlashCommand('');
    const modal = await t.ana.waitForModal({ title: 'Ask the project team' });
    await modal.fill('Your question', 'Help?');
    await modal.fill('Category', 'Bug or data issue');
    await modal.fill('Interview URL', 'app.goodtime/123 please');
    await modal.fill('Candidate', 'x'.repeat(201));
    await modal.fill('From date', '2026-11-20');
    await modal.fill('To date', '2026-11-18');
    const result = await modal.submit();
    expect(result.outcome).toBe('errors');
    expect(result.errorsByLabel).toEqual({
      'Your question': 'Please describe your question in at least 10 characters.',
      'Interview URL': 'That is not a URL. Paste the interview link, e.g. https://app.goodtime.io/…',
      Candidate: 'Candidate must be at most 200 characters.',
      'To date': 'The end date is before the start date.',
    });
    await modal.fill('Your question', 'y'.repeat(3001));
    expect((await modal.submit()).errorsByLabel['Your question']).toMatch(/under 3000 characters/);

    await modal.fill('Your question', 'The interview shows the wrong time zone for the candidate');
    await modal.fill('Interview URL', 'https://app.goodtime.io/interviews/9');
    await modal.fill('Candidate', 'Jo Doe');
    await modal.fill('To date', '2026-11-21');
    expect((await modal.submit()).outcome).toBe('closed');
    await waitFor(() => expect(t.fake.messages(t.teamChannel).length).toBe(before + 1));
    t.fake.expectNoViolations();
  });

  it('when the text tries to mention people or disguise links, then the card shows it inert', async () => {
    await t.ana.runSlashCommand('<!channel> ping <@U0BOSS> see <https://evil.example|https://goodtime.io> @here');
    const modal = await t.ana.waitForModal({ title: 'Ask the project team' });
    await modal.fill('Category', 'Other');
    await modal.submit();
    const card = await waitFor(() => t.fake.messages(t.teamChannel).find((m) => m.text.includes('ping')));
    const raw = JSON.stringify(card.blocks);
    expect(raw).not.toContain('<!channel>');
    expect(raw).not.toContain('<@U0BOSS>');
    expect(raw).not.toContain('<https://evil.example');
    expect(raw).not.toMatch(/[^\u200b]@here/);
    expect(card.text).not.toContain('<!channel>');
  });

  it('when the same modal is submitted twice, then one question is posted', async () => {
    await t.ana.runSlashCommand('Double submit: can I reuse a template across departments?');
    const modal = await t.ana.waitForModal({ title: 'Ask the project team' });
    await modal.fill('Category', 'How-to');
    const responses = await Promise.all([modal.submit(), modal.submit()]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    await waitFor(() => t.fake.messages(t.teamChannel).find((m) => m.text.includes('Double submit')));
    await new Promise((r) => setTimeout(r, 300));
    expect(t.fake.messages(t.teamChannel).filter((m) => m.text.includes('Double submit'))).toHaveLength(1);
  });

  it('when the edit form is submitted twice, then the question is edited once and the thread gets one note', async () => {
    const card = await t.ask(t.ana, 'Edit twice: where is the interviewer training report?');
    await t.ana.choose('Edit question', { channel: t.teamChannel, ts: card.ts });
    const edit = await t.ana.waitForModal({ title: 'Edit your question' });
    await waitFor(() => expect(edit.value('Your question')).toContain('training report'));
    await edit.fill('Your question', 'Edit twice: where is the interviewer training progress report?');
    const responses = await Promise.all([edit.submit(), edit.submit()]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    await waitFor(() => t.fake.thread(t.teamChannel, card.ts).some((m) => m.text.toLowerCase().includes('edited')));
    await new Promise((r) => setTimeout(r, 300));
    expect(t.fake.thread(t.teamChannel, card.ts).filter((m) => m.text.toLowerCase().includes('edited'))).toHaveLength(1);
  });

  it('when Slack sends events the app does not act on, then nothing is written for them; a thread reply is claimed once', async () => {
    const claims = () => t.app.connection.db?.collection('slack_event_claims').countDocuments() ?? Promise.resolve(-1);
    const before = await claims();
    const elsewhere = t.fake.addChannel({ name: 'random-chatter' }).id;
    await t.client.event({ type: 'message', channel: elsewhere, user: t.ben.id, text: 'lunch?', ts: '1795000001.000100', channel_type: 'channel' }, { eventId: 'Ev0IGNORED1' });
    await t.client.event({ type: 'message', channel: t.teamChannel, user: t.ben.id, text: 'top-level chatter', ts: '1795000001.000200', channel_type: 'channel' }, { eventId: 'Ev0IGNORED2' });
    await t.client.event({ type: 'reaction_added', user: t.ben.id, reaction: 'tada', item: { type: 'message', channel: t.teamChannel, ts: '1795000001.000200' }, event_ts: '1795000001.000300' }, { eventId: 'Ev0IGNORED3' });
    await new Promise((r) => setTimeout(r, 200));
    expect(await claims()).toBe(before);

    const card = await t.ask(t.ana, 'Claims: where do panel templates live?');
    const reply = { type: 'message', channel: t.teamChannel, user: t.ben.id, text: 'Under Templates → Panels.', ts: '1795000001.000400', thread_ts: card.ts, channel_type: 'channel' };
    await t.client.event(reply, { eventId: 'Ev0TRACKED1' });
    await waitFor(async () => (await claims()) === before + 1);
  });

  it('when Slack retries a thread-reply event, then it counts once', async () => {
    const card = await t.ask(t.ana, 'Retry check: where is the debrief scorecard?');
    const event = { type: 'message', channel: t.teamChannel, user: t.ben.id, text: 'Under Debriefs → Scorecards.', ts: '1795000000.000200', thread_ts: card.ts, channel_type: 'channel' };
    const sent = await Promise.all([
      t.client.event(event, { eventId: 'Ev0RETRY1' }),
      t.client.event(event, { eventId: 'Ev0RETRY1', retryNum: 1, retryReason: 'http_timeout' }),
      t.client.event(event, { eventId: 'Ev0RETRY1', retryNum: 2, retryReason: 'http_timeout' }),
    ]);
    expect(sent.map((r) => r.status)).toEqual([200, 200, 200]);
    await waitFor(() => expect(t.teamMessage(card.ts)).toContain('First response by @ben'));
    await new Promise((r) => setTimeout(r, 300));
    expect(t.ana.dms().filter((m) => m.text.includes('replied to') && m.text.includes(card.ts.replace('.', '')))).toHaveLength(1);
  });

  it("when I'll take it is double-clicked, then one note and one owner", async () => {
    const card = await t.ask(t.ana, 'Double click: how to pause auto-scheduling?');
    await Promise.all([
      t.ben.clickButton("I'll take it", { channel: t.teamChannel, ts: card.ts }),
      t.ben.clickButton("I'll take it", { channel: t.teamChannel, ts: card.ts }),
    ]);
    await waitFor(() => expect(t.teamMessage(card.ts)).toContain('@ben is on it'));
    const notes = () => t.fake.thread(t.teamChannel, card.ts).filter((m) => m.text.includes('is taking this one'));
    await waitFor(() => notes().length > 0); // the card is edited first, then the thread note is posted
    await new Promise((r) => setTimeout(r, 300));
    expect(notes()).toHaveLength(1);
  });

  it("when two people click I'll take it at once, then one owns it and the other is told who took it a moment ago", async () => {
    const card = await t.ask(t.ana, 'Race: who takes the panel rebooking question?');
    const dan = t.person('dan', { channels: [t.teamChannel] });
    await Promise.all([
      t.ben.clickButton("I'll take it", { channel: t.teamChannel, ts: card.ts }),
      dan.clickButton("I'll take it", { channel: t.teamChannel, ts: card.ts }),
    ]);
    const owner = await waitFor(() => /@(ben|dan) is on it/.exec(t.teamMessage(card.ts))?.[1]);
    const loser = owner === 'ben' ? dan : t.ben;
    const told = await waitFor(() => loser.ephemerals().find((e) => e.text.includes('took it a moment ago')));
    expect(t.render(told)).toContain(`@${owner} took it a moment ago`);
    expect(loser.ephemerals().some((e) => e.text.includes('no longer open'))).toBe(false);
  });
});
