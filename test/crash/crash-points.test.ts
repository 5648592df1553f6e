// Kill the app (SIGKILL, as a power cut would) at every step boundary of asking, filing a ticket and moving it on,
// promoting a proposal, declaring and updating an incident, start it again on the same database (its own process),
// and count what was lost or doubled: questions, tickets, cards, confirmations, support emails and phase updates,
// broadcast messages, Support's replies read from the mailbox and notes sent to it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient, type Db } from 'mongodb';
import { createSlackRequestClient, startSlackFake, waitFor, type FakeMessage, type SlackFake, type SlackRequestClient } from '@goodtime-help/slack-stand-in';
import { addPerson, createPerson, type Person } from '../support/people';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { startSmtpInbox, type SmtpInbox } from '../delivery/smtp-inbox';
import { fillTicketForm, type TicketFormInput } from '../tickets/ticket-helpers';
import { startImapServer, type ImapServer } from '../support/imap-server';
import { postUpdate } from '../incidents/incident-steps';

const SIGNING_SECRET = 'crash-points-signing-secret-01';
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ASKING = ['question.timers_scheduled', 'question.card_posted', 'question.card_recorded', 'question.asker_confirmed', 'question.others_told'];
const FILING = ['ticket.card_posted', 'ticket.card_recorded', 'ticket.email_queued', 'ticket.filer_told'];
const MOVING = ['ticket.move_recorded', 'ticket.move_noted'];
const PROMOTING = ['ticket.proposal_promoted', 'ticket.proposal_emailed'];
const DECLARING = ['incident.declared', 'broadcast.root_posted'];
const UPDATING = ['incident.updated', 'broadcast.update_posted'];

/** The database in a process of its own, so killing the app never takes the data with it. */
async function startDatabaseProcess(): Promise<{ uri: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/db-embedded.ts'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const uri = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the database exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => resolve(line.trim()));
  });
  return { uri, child };
}

interface Tally {
  points: number;
  lost: string[];
  duplicated: string[];
}

describe('crash points: SIGKILL at every step of asking, filing and moving a ticket, promoting a proposal, talking with Support, and declaring or updating an incident, then a restart on the same database', () => {
  let database: { uri: string; child: ChildProcess };
  let mongo: MongoClient;
  let db: Db;
  let fake: SlackFake;
  let inbox: SmtpInbox;
  let imap: ImapServer;
  let app: AppProcess | undefined;
  let client: SlackRequestClient;
  let teamChannel: string;
  let ana: Person;
  let lia: Person;
  let env: Record<string, string>;
  const tally: Tally = { points: 0, lost: [], duplicated: [] };

  const start = async (extra: Record<string, string> = {}) => {
    app = await startAppProcess({ ...env, ...extra });
    client = createSlackRequestClient({ appUrl: app.url, signingSecret: SIGNING_SECRET, fake });
  };
  const died = async () => {
    const child = app?.child;
    if (child && child.exitCode === null && child.signalCode === null) await new Promise((resolve) => child.once('exit', resolve));
    return child?.signalCode;
  };
  /** One of each, or say what was lost (none) or doubled (more than one). */
  const exactlyOne = (what: string, count: number) => {
    if (count === 0) tally.lost.push(what);
    if (count > 1) tally.duplicated.push(`${what} ×${count}`);
  };

  beforeAll(async () => {
    database = await startDatabaseProcess();
    mongo = await MongoClient.connect(`${database.uri}/crash-points`);
    db = mongo.db('crash-points');
    fake = await startSlackFake({ chatWritePublic: true });
    [inbox, imap] = await Promise.all([startSmtpInbox(), startImapServer({ user: 'replies@example.com' })]);
    teamChannel = fake.addChannel({ name: 'goodtime-project-team' }).id;
    const current = new Proxy({} as SlackRequestClient, { get: (_t, key) => client[key as keyof SlackRequestClient] });
    const deps = { client: current, fake, channel: teamChannel };
    ana = addPerson(deps, { name: 'ana', real_name: 'Ana Asker', email: 'ana@example.com' });
    const liaisonId = fake.addUser({ name: 'lia', real_name: 'Lia Liaison', email: 'lia@example.com' }).id;
    fake.joinChannel(liaisonId, teamChannel);
    lia = createPerson(liaisonId, deps);
    env = {
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      MONGODB_URI: `${database.uri}/crash-points`,
      TEAM_CHANNEL_ID: teamChannel,
      LIAISON_USER_IDS: liaisonId,
      BUSINESS_HOURS: '24x7',
      JOBS_POLL_INTERVAL: '200ms',
      RECOVERY_SWEEP_INTERVAL: '1s',
      SMTP_URL: inbox.url,
      MAIL_FROM: 'goodtime-help@example.com',
      SUPPORT_EMAIL: 'support@goodtime.example',
      OUTBOX_RETRY_BASE: '200ms',
      IMAP_URL: imap.url,
      IMAP_POLL_INTERVAL: '1s',
      LOG_LEVEL: 'info', // the harness waits for "goodtime-help is running"
    };
  }, 60_000);

  afterAll(async () => {
    await app?.kill('SIGTERM');
    await mongo?.close();
    await fake?.close();
    await inbox?.stop();
    await imap?.destroy();
    database?.child.kill('SIGTERM');
    console.log(`${tally.points} crash points, ${tally.lost.length} lost, ${tally.duplicated.length} duplicated`);
  });

  it.each(ASKING)('when the app dies at %s while a question is asked, then after a restart it is posted once and the asker told once', { timeout: 60_000 }, async (point) => {
    const confirmations = () => fake.dms(ana.id).filter((m) => m.text.startsWith('Your question is with the project team')).length;
    const confirmedBefore = confirmations();
    await start({ CRASH_AT: point });
    const text = `Crash at ${point}: panel invites went out twice`;
    expect((await ana.runSlashCommand(text)).ok).toBe(true);
    const modal = await ana.waitForModal({ title: 'Ask the project team' });
    await modal.fillAll({ Category: 'How-to' });
    expect((await modal.submit()).outcome).toBe('closed'); // stored before the form closed
    expect(await died()).toBe('SIGKILL');

    await start();
    await waitFor(async () => (await db.collection('questions').countDocuments({ text, announcedAt: { $exists: true } })) > 0, { timeout: 20_000 });
    tally.points += 1;
    exactlyOne(`question (${point})`, await db.collection('questions').countDocuments({ text }));
    exactlyOne(`question card (${point})`, fake.messages(teamChannel).filter((m) => m.text.includes(text)).length);
    exactlyOne(`asker's confirmation (${point})`, confirmations() - confirmedBefore);
    await app?.kill('SIGTERM');
    expect({ lost: tally.lost, duplicated: tally.duplicated }).toEqual({ lost: [], duplicated: [] });
  });

  /** Every message the publisher posted under a key starting with `prefix`, in the team channel and its threads. */
  const publishedUnder = (prefix: string) => {
    const top = fake.messages(teamChannel);
    const all = [...top, ...top.flatMap((m) => fake.thread(teamChannel, m.ts).filter((r) => r.ts !== m.ts))];
    const keys = all.map((m) => String(m.metadata?.event_payload?.publication_key ?? '')).filter((k) => k.startsWith(prefix));
    return keys.reduce((counts, key) => counts.set(key, (counts.get(key) ?? 0) + 1), new Map<string, number>());
  };

  /** A channel a liaison subscribed to incident updates (on the running app). */
  const subscribedChannel = async (name: string) => {
    const channel = fake.addChannel({ name }).id;
    fake.joinChannel(lia.id, channel);
    await lia.runSlashCommand('subscribe', { channel });
    await waitFor(() => fake.messages(channel).some((m) => m.text.includes('now gets GoodTime incident updates')));
    return channel;
  };

  it.each(DECLARING)('when the app dies at %s while a liaison declares an incident, then after a restart every place has its root once', { timeout: 100_000 }, async (point) => {
    await start();
    const office = await subscribedChannel(`office-${point.replace(/\W/g, '-')}`);
    await app?.kill('SIGTERM');

    await start({ CRASH_AT: point });
    const title = `Crash at ${point}: calendar sync down`;
    await lia.runSlashCommand('incident', { channel: teamChannel });
    const modal = await lia.waitForModal({ title: 'Declare an incident' });
    await modal.fill('Title', title);
    await modal.fill('Impact', 'Partial outage');
    await modal.fill('Affected areas', ['Calendar sync']);
    await modal.fill('Message', 'Syncs are delayed.');
    expect((await modal.submit()).outcome).toBe('closed');
    expect(await died()).toBe('SIGKILL');

    await start();
    const roots = (channel: string) => fake.messages(channel).filter((m) => JSON.stringify(m.blocks ?? []).includes(title) || m.text.includes(title));
    await waitFor(() => roots(teamChannel).length > 0 && roots(office).length > 0, { timeout: 30_000 });
    await waitFor(async () => (await db.collection('incident_deliveries').countDocuments({ state: { $in: ['blocked', 'pending', 'sending'] } })) === 0, { timeout: 30_000 });
    tally.points += 1;
    exactlyOne(`incident root in the team channel (${point})`, roots(teamChannel).length);
    exactlyOne(`incident root in a subscribed channel (${point})`, roots(office).length);
    await app?.kill('SIGTERM');
    expect({ lost: tally.lost, duplicated: tally.duplicated }).toEqual({ lost: [], duplicated: [] });
  });

  /** A liaison files a ticket through the form on the running app; resolves once it is fully filed. */
  const fileThroughForm = async (input: TicketFormInput) => {
    expect((await lia.runSlashCommand('ticket')).ok).toBe(true);
    const modal = await fillTicketForm(lia, input);
    expect((await modal.submit()).outcome).toBe('closed');
    await waitFor(async () => (await db.collection('tickets').countDocuments({ title: input.summary, announcedAt: { $exists: true } })) > 0, { timeout: 20_000 });
    const ticket = await db.collection('tickets').findOne({ title: input.summary });
    return { id: String(ticket?._id), key: String(ticket?.key), card: ticket?.card as { channel: string; ts: string } };
  };

  it.each(UPDATING)('when the app dies at %s while a liaison posts an incident update, then after a restart (whose look-ups meet a 429 and a 503 first) every place has the update once', { timeout: 100_000 }, async (point) => {
    await start();
    const office = await subscribedChannel(`office-${point.replace(/\W/g, '-')}`);
    const title = `Crash at ${point}: candidate emails delayed`;
    await lia.runSlashCommand('incident', { channel: teamChannel });
    const modal = await lia.waitForModal({ title: 'Declare an incident' });
    await modal.fillAll({ Title: title, Impact: 'Degraded performance', 'Affected areas': ['Candidate emails'], Message: 'Confirmation emails go out late.' });
    expect((await modal.submit()).outcome).toBe('closed');
    const root = (channel: string) => fake.messages(channel).find((m) => JSON.stringify(m.blocks ?? []).includes(title) || m.text.includes(title));
    await waitFor(() => root(teamChannel) && root(office), { timeout: 30_000 });
    await app?.kill('SIGTERM');

    await start({ CRASH_AT: point });
    const update = `Crash at ${point}: the mail provider is sending again`;
    await postUpdate({ fake, teamChannel }, lia, root(teamChannel) as FakeMessage, ':eyes: Monitoring', update, { waitForThread: false });
    expect(await died()).toBe('SIGKILL');

    // The restart checks whether the update it was posting landed: Slack answers that look-up with a 429, then a 503.
    const lookupsBefore = fake.callsTo('conversations.replies').length;
    if (point === 'broadcast.update_posted') {
      fake.failNext('conversations.replies', { status: 429, retryAfter: 1 });
      fake.failNext('conversations.replies', { status: 503 });
    }
    await start();
    const replies = (channel: string) => fake.thread(channel, (root(channel) as FakeMessage).ts).filter((m) => m.text.includes(update));
    await waitFor(() => replies(teamChannel).length > 0 && replies(office).length > 0, { timeout: 40_000 });
    await waitFor(async () => (await db.collection('incident_deliveries').countDocuments({ state: { $in: ['blocked', 'pending', 'sending'] } })) === 0, { timeout: 40_000 });
    tally.points += 1;
    exactlyOne(`incident update in the team channel (${point})`, replies(teamChannel).length);
    exactlyOne(`incident update in a subscribed channel (${point})`, replies(office).length);
    if (point === 'broadcast.update_posted') expect(fake.callsTo('conversations.replies').slice(lookupsBefore).map((c) => c.status)).toEqual(expect.arrayContaining([429, 503, 200]));
    await app?.kill('SIGTERM');
    expect({ lost: tally.lost, duplicated: tally.duplicated }).toEqual({ lost: [], duplicated: [] });
  });

  it.each(MOVING)('when the app dies at %s while a liaison moves a ticket on, then after a restart the move is announced once in each place', { timeout: 100_000 }, async (point) => {
    await start();
    const summary = `Crash at ${point}: reminders stop`;
    const ticket = await fileThroughForm({
      summary,
      fields: { 'What were you trying to do?': 'Send reminders', 'What actually happened?': 'None went out', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now' },
    });
    const card = ticket.card;
    await app?.kill('SIGTERM');

    await start({ CRASH_AT: point });
    const next = (fake.message(card.channel, card.ts)?.blocks ?? [])
      .flatMap((b) => ((b as { elements?: { text?: { text?: string } }[] }).elements ?? []).map((e) => e.text?.text ?? ''))
      .find((text) => text.startsWith('Next:')) as string;
    await lia.clickButton(next, card);
    expect(await died()).toBe('SIGKILL');

    await start();
    await waitFor(async () => (await db.collection('tickets').countDocuments({ title: summary, 'history.0.announcedAt': { $exists: true } })) > 0, { timeout: 20_000 });
    tally.points += 1;
    const announced = publishedUnder(`ticket:${ticket.id}:move:0:`);
    exactlyOne(`phase update in the thread (${point})`, announced.get(`ticket:${ticket.id}:move:0:thread`) ?? 0);
    exactlyOne(`phase line in the channel (${point})`, announced.get(`ticket:${ticket.id}:move:0:channel`) ?? 0);
    for (const [key, count] of announced) if (count > 1) tally.duplicated.push(`${key} ×${count}`);
    await app?.kill('SIGTERM');
    expect({ lost: tally.lost, duplicated: tally.duplicated }).toEqual({ lost: [], duplicated: [] });
  });

  it.each(FILING)('when the app dies at %s while a ticket is filed, then after a restart there is one ticket, one card, one email, one confirmation', { timeout: 100_000 }, async (point) => {
    await start({ CRASH_AT: point });
    const summary = `Crash at ${point}: calendar sync stalls`;
    expect((await lia.runSlashCommand('ticket')).ok).toBe(true);
    const modal = await fillTicketForm(lia, {
      summary,
      fields: { 'What were you trying to do?': 'Sync a calendar', 'What actually happened?': 'Nothing synced', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now' },
    });
    const submitted = await modal.submit();
    expect(submitted.errorsByLabel ?? {}).toEqual({});
    expect(submitted.outcome).toBe('closed');
    expect(await died()).toBe('SIGKILL');

    await start();
    await waitFor(async () => (await db.collection('tickets').countDocuments({ title: summary, announcedAt: { $exists: true } })) > 0, { timeout: 20_000 });
    const ticket = await db.collection('tickets').findOne({ title: summary });
    // Killed mid-send, the email waits out the outbox lease (one SMTP send, 45 s at most) before it is sent again.
    await waitFor(() => inbox.messages.some((m) => m.subject.includes(String(ticket?.key))), { timeout: 60_000 });
    tally.points += 1;
    exactlyOne(`ticket (${point})`, await db.collection('tickets').countDocuments({ title: summary }));
    exactlyOne(`ticket card (${point})`, fake.messages(teamChannel).filter((m) => m.text.startsWith(`${ticket?.key} `)).length);
    exactlyOne(`support email (${point})`, new Set(inbox.messages.filter((m) => m.subject.includes(String(ticket?.key))).map((m) => m.messageId)).size);
    exactlyOne(`filer's confirmation (${point})`, fake.dms(lia.id).filter((m) => m.text.includes(String(ticket?.key))).length);
    await app?.kill('SIGTERM');
    expect({ lost: tally.lost, duplicated: tally.duplicated }).toEqual({ lost: [], duplicated: [] });
  });

  it.each(PROMOTING)('when the app dies at %s while a liaison promotes a proposal, then after a restart Support gets one email and the thread one note', { timeout: 100_000 }, async (point) => {
    await start();
    const summary = `Crash at ${point}: bulk reschedule panels`;
    const ticket = await fileThroughForm({
      type: 'Feature request',
      summary,
      fields: { 'What would you like GoodTime to do?': 'Move a whole panel to another day at once.', 'Why would it help?': 'It takes 20 minutes per panel today.' },
    });
    await app?.kill('SIGTERM');

    await start({ CRASH_AT: point });
    await lia.clickButton('Promote to GoodTime Support', ticket.card);
    expect(await died()).toBe('SIGKILL');

    await start();
    await waitFor(async () => (await db.collection('tickets').countDocuments({ title: summary, 'proposal.announcedAt': { $exists: true } })) > 0, { timeout: 30_000 });
    await waitFor(() => inbox.messages.some((m) => m.subject.includes(ticket.key)), { timeout: 60_000 });
    tally.points += 1;
    exactlyOne(`promoted proposal's email (${point})`, new Set(inbox.messages.filter((m) => m.subject.includes(ticket.key)).map((m) => m.messageId)).size);
    exactlyOne(`promotion note in the thread (${point})`, publishedUnder(`ticket:${ticket.id}:proposal:promoted`).get(`ticket:${ticket.id}:proposal:promoted`) ?? 0);
    await app?.kill('SIGTERM');
    expect({ lost: tally.lost, duplicated: tally.duplicated }).toEqual({ lost: [], duplicated: [] });
  });

  /** A ticket filed and fully published by a run that then stops cleanly. */
  const fileQuietly = async (summary: string) => {
    await start();
    const ticket = await fileThroughForm({
      summary,
      fields: { 'What were you trying to do?': 'Book a panel', 'What actually happened?': 'No slots shown', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now' },
    });
    const email = await waitFor(() => inbox.messages.find((m) => m.subject.includes(ticket.key)), { timeout: 20_000 });
    await app?.kill('SIGTERM');
    return { ...ticket, email };
  };

  it('when the app dies at ticket.reply_posted while Support replies, then after a restart the reply is in the thread once', { timeout: 100_000 }, async () => {
    const point = 'ticket.reply_posted';
    const ticket = await fileQuietly(`Crash at ${point}: no slots`);
    await start({ CRASH_AT: point });
    const reply = ['From: Jane <jane@goodtime.example>', `Subject: Re: ${ticket.email.subject}`, 'Message-ID: <reply-1@goodtime.example>', `In-Reply-To: ${ticket.email.messageId}`, '', 'We are looking into it.', ''];
    await imap.deliver(reply.join('\r\n'));
    expect(await died()).toBe('SIGKILL');

    await start();
    await waitFor(async () => (await db.collection('tickets').countDocuments({ key: ticket.key, 'replies.postedAt': { $exists: true } })) > 0, { timeout: 30_000 });
    tally.points += 1;
    exactlyOne(`Support's reply in the thread (${point})`, [...publishedUnder(`ticket:${ticket.id}:mail:`).values()].reduce((a, b) => a + b, 0));
    await app?.kill('SIGTERM');
    expect({ lost: tally.lost, duplicated: tally.duplicated }).toEqual({ lost: [], duplicated: [] });
  });

  it('when the app dies at ticket.note_queued while a liaison writes to Support, then Send again sends it once and notes it once', { timeout: 100_000 }, async () => {
    const point = 'ticket.note_queued';
    const ticket = await fileQuietly(`Crash at ${point}: no slots`);
    await start({ CRASH_AT: point });
    await lia.clickButton('Reply to Support', ticket.card);
    const form = await waitFor(async () => {
      const modal = await lia.waitForModal({ title: 'Reply to Support' });
      return modal.text().includes('Message to GoodTime Support') ? modal : undefined;
    });
    await form.fill('Message to GoodTime Support', `Any news? (${point})`);
    await form.submit(); // the app dies before it answers: Slack shows the form an error and keeps it open
    expect(await died()).toBe('SIGKILL');

    await start();
    expect((await form.submit()).outcome).toBe('closed'); // the liaison presses Send again
    const notes = () => inbox.messages.filter((m) => m.text.includes(`Any news? (${point})`));
    await waitFor(() => notes().length > 0 && fake.thread(ticket.card.channel, ticket.card.ts).some((m) => m.text.includes('Delivered to')), { timeout: 60_000 });
    tally.points += 1;
    exactlyOne(`note to Support by email (${point})`, new Set(notes().map((m) => m.messageId)).size);
    exactlyOne(`note in the thread (${point})`, [...publishedUnder(`ticket:${ticket.id}:note:`).values()].reduce((a, b) => a + b, 0));
    await app?.kill('SIGTERM');
    expect({ lost: tally.lost, duplicated: tally.duplicated }).toEqual({ lost: [], duplicated: [] });
  });
});
