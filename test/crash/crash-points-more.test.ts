// Kill the app (SIGKILL, as a power cut would) at every step boundary of promoting or declining a proposal,
// escalating a ticket to the CSM, talking with Support (a reply read from the mailbox, a note sent to it), declaring
// and updating an incident, restart it on the same database (its own process), and count what was lost or doubled:
// support emails, thread notes, DMs, replies and broadcast messages in every place. (crash-points.test.ts: asking,
// filing, moving, voting.)
import { describe, expect, it } from 'vitest';
import { waitFor, type FakeMessage } from '@goodtime-help/slack-stand-in';
import { dmChannelOf, postUpdate } from '../incidents/incident-steps';
import { useCrashHarness } from './crash-harness';

const PROMOTING = ['ticket.proposal_promoted', 'ticket.proposal_emailed'];
const DECLARING = ['incident.declared', 'broadcast.root_posted'];
const UPDATING = ['incident.updated', 'broadcast.update_posted'];

describe('crash points: SIGKILL at every step of promoting or declining a proposal, escalating to the CSM, talking with Support, declaring and updating an incident, then a restart on the same database', () => {
  const h = useCrashHarness('crash-points-more');

  it.each(PROMOTING)('when the app dies at %s while a liaison promotes a proposal, then after a restart Support gets one email and the thread one note', { timeout: 100_000 }, async (point) => {
    await h.start();
    const summary = `Crash at ${point}: bulk reschedule panels`;
    const ticket = await h.fileThroughForm({
      type: 'Feature request',
      summary,
      fields: { 'What would you like GoodTime to do?': 'Move a whole panel to another day at once.', 'Why would it help?': 'It takes 20 minutes per panel today.' },
    });
    await h.stop();

    await h.start({ CRASH_AT: point });
    await h.lia.clickButton('Promote to GoodTime Support', ticket.card);
    expect(await h.died()).toBe('SIGKILL');

    await h.start();
    await waitFor(async () => (await h.db.collection('tickets').countDocuments({ title: summary, 'proposal.announcedAt': { $exists: true } })) > 0, { timeout: 60_000 });
    await waitFor(() => h.inbox.messages.some((m) => m.subject.includes(ticket.key)), { timeout: 60_000 });
    h.exactlyOne(`promoted proposal's email (${point})`, new Set(h.inbox.messages.filter((m) => m.subject.includes(ticket.key)).map((m) => m.messageId)).size);
    h.exactlyOne(`promotion note in the thread (${point})`, h.publishedUnder(`ticket:${ticket.id}:proposal:promoted`).get(`ticket:${ticket.id}:proposal:promoted`) ?? 0);
    await h.stop();
    h.counted();
  });

  it('when the app dies at ticket.proposal_declined while a liaison declines a proposal, then Decline again says it is done, and the thread and the reporter hear it once', { timeout: 100_000 }, async () => {
    const point = 'ticket.proposal_declined';
    await h.start();
    const summary = `Crash at ${point}: colour-code panels by stage`;
    const ticket = await h.fileThroughForm({
      type: 'Feature request',
      summary,
      fields: { 'What would you like GoodTime to do?': 'Colour-code panels by interview stage.', 'Why would it help?': 'Easier to scan the week.', 'Reported by': h.ana.id },
    });
    await h.stop();

    await h.start({ CRASH_AT: point });
    await h.lia.clickButton('Decline…', ticket.card);
    const form = await waitFor(async () => {
      const modal = await h.lia.waitForModal({ title: 'Decline proposal' });
      return modal.text().includes('Why not?') ? modal : undefined;
    });
    await form.fill('Why not? Everyone who voted reads this', 'GoodTime already colour-codes panels by stage.');
    await form.submit(); // stored, then the app dies before it answers: Slack shows the form an error and keeps it open
    expect(await h.died()).toBe('SIGKILL');

    await h.start();
    const again = await form.submit(); // the liaison presses Decline again
    expect(again.outcome).toBe('errors');
    expect(Object.values(again.errorsByLabel ?? {}).join(' ')).toContain(`${ticket.key} was already declined`);
    await waitFor(async () => (await h.db.collection('tickets').countDocuments({ title: summary, 'proposal.announcedAt': { $exists: true } })) > 0, { timeout: 60_000 });
    const declinedDms = () => h.fake.dms(h.ana.id).filter((m) => m.text.startsWith(':no_entry_sign:') && m.text.includes(ticket.key));
    await waitFor(() => declinedDms().length > 0);
    h.exactlyOne(`decline note in the thread (${point})`, h.publishedUnder(`ticket:${ticket.id}:proposal:declined`).get(`ticket:${ticket.id}:proposal:declined`) ?? 0);
    h.exactlyOne(`the reporter's DM (${point})`, declinedDms().length);
    await h.stop();
    h.counted();
  });

  /** A ticket filed and fully published by a run that then stops cleanly. */
  const fileQuietly = async (summary: string) => {
    await h.start();
    const ticket = await h.fileThroughForm({
      summary,
      fields: { 'What were you trying to do?': 'Book a panel', 'What actually happened?': 'No slots shown', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now' },
    });
    const email = await waitFor(() => h.inbox.messages.find((m) => m.subject.includes(ticket.key)), { timeout: 20_000 });
    await h.stop();
    return { ...ticket, email };
  };

  it('when the app dies at ticket.reply_posted while Support replies, then after a restart the reply is in the thread once', { timeout: 100_000 }, async () => {
    const point = 'ticket.reply_posted';
    const ticket = await fileQuietly(`Crash at ${point}: no slots`);
    await h.start({ CRASH_AT: point });
    const reply = ['From: Jane <jane@goodtime.example>', `Subject: Re: ${ticket.email.subject}`, 'Message-ID: <reply-1@goodtime.example>', `In-Reply-To: ${ticket.email.messageId}`, '', 'We are looking into it.', ''];
    await h.imap.deliver(reply.join('\r\n'));
    expect(await h.died()).toBe('SIGKILL');

    await h.start();
    await waitFor(async () => (await h.db.collection('tickets').countDocuments({ key: ticket.key, 'replies.postedAt': { $exists: true } })) > 0, { timeout: 30_000 });
    h.exactlyOne(`Support's reply in the thread (${point})`, [...h.publishedUnder(`ticket:${ticket.id}:mail:`).values()].reduce((a, b) => a + b, 0));
    await h.stop();
    h.counted();
  });

  it.each(['ticket.note_recorded', 'ticket.note_queued'])('when the app dies at %s while a liaison writes to Support, then Send again sends it once and notes it once', { timeout: 100_000 }, async (point) => {
    const ticket = await fileQuietly(`Crash at ${point}: no slots`);
    await h.start({ CRASH_AT: point });
    await h.lia.clickButton('Reply to Support', ticket.card);
    const form = await waitFor(async () => {
      const modal = await h.lia.waitForModal({ title: 'Reply to Support' });
      return modal.text().includes('Message to GoodTime Support') ? modal : undefined;
    });
    await form.fill('Message to GoodTime Support', `Any news? (${point})`);
    await form.submit(); // the app dies before it answers: Slack shows the form an error and keeps it open
    expect(await h.died()).toBe('SIGKILL');

    await h.start();
    expect((await form.submit()).outcome).toBe('closed'); // the liaison presses Send again
    const notes = () => h.inbox.messages.filter((m) => m.text.includes(`Any news? (${point})`));
    await waitFor(() => notes().length > 0 && h.fake.thread(ticket.card.channel, ticket.card.ts).some((m) => m.text.includes('Delivered to')), { timeout: 60_000 });
    h.exactlyOne(`note to Support by email (${point})`, new Set(notes().map((m) => m.messageId)).size);
    h.exactlyOne(`note in the thread (${point})`, [...h.publishedUnder(`ticket:${ticket.id}:note:`).values()].reduce((a, b) => a + b, 0));
    await h.stop();
    h.counted();
  });
  /** Ana subscribes herself in her DM with the app (once is enough; again changes nothing). */
  const subscribedInDm = async () => {
    const dm = dmChannelOf(h.fake, h.ana);
    const answered = h.ana.ephemerals().length;
    await h.ana.runSlashCommand('subscribe', { channel: dm });
    await waitFor(() => h.ana.ephemerals().length > answered);
    return dm;
  };

  it.each(DECLARING)('when the app dies at %s while a liaison declares an incident, then after a restart every place has its root once', { timeout: 100_000 }, async (point) => {
    await h.start();
    const office = await h.subscribedChannel(`office-${point.replace(/\W/g, '-')}`);
    const anaDm = await subscribedInDm();
    await h.stop();

    await h.start({ CRASH_AT: point });
    const title = `Crash at ${point}: calendar sync down`;
    await h.lia.runSlashCommand('incident', { channel: h.teamChannel });
    const modal = await h.lia.waitForModal({ title: 'Declare an incident' });
    await modal.fill('Title', title);
    await modal.fill('Impact', 'Partial outage');
    await modal.fill('Affected areas', ['Calendar sync']);
    await modal.fill('Message', 'Syncs are delayed.');
    expect((await modal.submit()).outcome).toBe('closed');
    expect(await h.died()).toBe('SIGKILL');

    await h.start();
    const roots = (channel: string) => h.fake.messages(channel).filter((m) => JSON.stringify(m.blocks ?? []).includes(title) || m.text.includes(title));
    await waitFor(() => roots(h.teamChannel).length > 0 && roots(office).length > 0 && roots(anaDm).length > 0, { timeout: 30_000 });
    await waitFor(async () => (await h.db.collection('incident_deliveries').countDocuments({ state: { $in: ['blocked', 'pending', 'sending'] } })) === 0, { timeout: 30_000 });
    h.exactlyOne(`incident root in the team channel (${point})`, roots(h.teamChannel).length);
    h.exactlyOne(`incident root in a subscribed channel (${point})`, roots(office).length);
    h.exactlyOne(`incident root in a subscriber's DM (${point})`, roots(anaDm).length);
    await h.stop();
    h.counted();
  });

  it.each(UPDATING)('when the app dies at %s while a liaison posts an incident update, then after a restart (whose look-ups meet a 429 and a 503 first) every place has the update once', { timeout: 100_000 }, async (point) => {
    await h.start();
    const office = await h.subscribedChannel(`office-${point.replace(/\W/g, '-')}`);
    const anaDm = await subscribedInDm();
    const title = `Crash at ${point}: candidate emails delayed`;
    await h.lia.runSlashCommand('incident', { channel: h.teamChannel });
    const modal = await h.lia.waitForModal({ title: 'Declare an incident' });
    await modal.fillAll({ Title: title, Impact: 'Degraded performance', 'Affected areas': ['Candidate emails'], Message: 'Confirmation emails go out late.' });
    expect((await modal.submit()).outcome).toBe('closed');
    const root = (channel: string) => h.fake.messages(channel).find((m) => JSON.stringify(m.blocks ?? []).includes(title) || m.text.includes(title));
    await waitFor(() => root(h.teamChannel) && root(office) && root(anaDm), { timeout: 30_000 });
    await h.stop();

    await h.start({ CRASH_AT: point });
    const update = `Crash at ${point}: the mail provider is sending again`;
    await postUpdate({ fake: h.fake, teamChannel: h.teamChannel }, h.lia, root(h.teamChannel) as FakeMessage, ':eyes: Monitoring', update, { waitForThread: false });
    expect(await h.died()).toBe('SIGKILL');

    // The restart checks whether the update it was posting landed: Slack answers that look-up with a 429, then a 503.
    const lookupsBefore = h.fake.callsTo('conversations.replies').length;
    if (point === 'broadcast.update_posted') {
      h.fake.failNext('conversations.replies', { status: 429, retryAfter: 1 });
      h.fake.failNext('conversations.replies', { status: 503 });
    }
    await h.start();
    const replies = (channel: string) => h.fake.thread(channel, (root(channel) as FakeMessage).ts).filter((m) => m.text.includes(update));
    await waitFor(() => replies(h.teamChannel).length > 0 && replies(office).length > 0 && replies(anaDm).length > 0, { timeout: 40_000 });
    await waitFor(async () => (await h.db.collection('incident_deliveries').countDocuments({ state: { $in: ['blocked', 'pending', 'sending'] } })) === 0, { timeout: 40_000 });
    h.exactlyOne(`incident update in the team channel (${point})`, replies(h.teamChannel).length);
    h.exactlyOne(`incident update in a subscribed channel (${point})`, replies(office).length);
    h.exactlyOne(`incident update in a subscriber's DM (${point})`, replies(anaDm).length);
    if (point === 'broadcast.update_posted') expect(h.fake.callsTo('conversations.replies').slice(lookupsBefore).map((c) => c.status)).toEqual(expect.arrayContaining([429, 503, 200]));
    await h.stop();
    h.counted();
  });

  it('when the app dies at ticket.csm_recorded as a liaison escalates to the CSM, then after a restart the CSM gets one email and one DM, and the thread one note', { timeout: 100_000 }, async () => {
    const point = 'ticket.csm_recorded';
    const csmId = h.fake.addUser({ name: 'cara', real_name: 'Cara CSM', email: 'cara@goodtime.example' }).id;
    const csmEnv = { CSM_EMAIL: 'csm@goodtime.example', CSM_SLACK_USER_ID: csmId };
    await h.start(csmEnv);
    const ticket = await h.fileThroughForm({
      summary: `Crash at ${point}: every reminder fails`,
      fields: { 'What were you trying to do?': 'Send reminders', 'What actually happened?': 'All fail', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now' },
    });
    await h.stop();

    await h.start({ ...csmEnv, CRASH_AT: point });
    await h.lia.clickButton('Escalate to CSM', ticket.card);
    expect(await h.died()).toBe('SIGKILL');

    await h.start(csmEnv);
    await waitFor(async () => (await h.db.collection('tickets').countDocuments({ key: ticket.key, 'csm.announcedAt': { $exists: true } })) > 0, { timeout: 30_000 });
    const toCsm = () => h.inbox.messages.filter((m) => m.to.includes('csm@goodtime.example') && m.subject.includes(ticket.key));
    // Killed right after queueing, the email may wait out the outbox lease (45 s) before it is sent.
    await waitFor(() => toCsm().length > 0, { timeout: 60_000 });
    h.exactlyOne(`email to the CSM (${point})`, new Set(toCsm().map((m) => m.messageId)).size);
    h.exactlyOne(`note in the thread (${point})`, h.publishedUnder(`ticket:${ticket.id}:csm`).get(`ticket:${ticket.id}:csm`) ?? 0);
    h.exactlyOne(`the CSM's DM (${point})`, h.fake.dms(csmId).filter((m) => m.text.includes(ticket.key)).length);
    await h.stop();
    h.counted();
  });
});
