// Feature requests start inside (seed 000/001: gather them in the team, vote, take the larger ones to the vendor):
// a proposal in the team channel that people vote on, flagged to the liaisons at REQUEST_PROMOTE_VOTES, and emailed
// to GoodTime Support only when a liaison promotes it — with its votes and voters — or closed with a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, type FakeMessage } from '@goodtime-help/slack-stand-in';
import { startTestApp, type TestApp } from '../support/app';
import { startSmtpInbox, type SmtpInbox } from '../delivery/smtp-inbox';
import type { Person } from '../support/people';
import { cardNow, cardRef, fileTicket, ticketThread, waitForThreadReply } from './ticket-helpers';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const FEATURE = (reporter: string) => ({ 'What would you like GoodTime to do?': 'One click to move every interview of a panel to another day.', 'Why would it help?': 'Rescheduling a 5-person panel takes 20 minutes today.', 'Reported by': reporter });

describe('feature requests are voted inside before they go to GoodTime Support', () => {
  let t: TestApp;
  let inbox: SmtpInbox;
  let carl: Person;
  let dana: Person;
  let bulk: FakeMessage;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    t = await startTestApp({ SMTP_URL: inbox.url, OUTBOX_RETRY_BASE: '200ms', REQUEST_PROMOTE_VOTES: '3', BUSINESS_HOURS: '24x7', QUESTION_ESCALATE_AFTER: '2s', PRODUCT_BOARD_URL: 'https://feedback.goodtime.io/board' });
    carl = t.person('carl');
    dana = t.person('dana');
    const titles: [Person, string][] = [[t.ana, 'Recruiting Coordinator'], [t.ben, 'Technical Recruiter, Berlin'], [carl, 'Interview Scheduler <!here> & Co']];
    for (const [person, title] of titles) {
      const user = t.fake.user(person.id);
      if (user) user.profile.title = title;
    }
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    await inbox?.stop();
  });

  it('when a liaison files a feature request, then it is a proposal people vote on, nothing is emailed, and the liaisons are told once at the threshold', async () => {
    bulk = await fileTicket(t, t.lia, { type: 'Feature request', summary: 'Bulk-reschedule a whole panel', fields: FEATURE(t.ana.id) });
    const card = cardNow(t, bulk);
    expect(card).toContain('Feature request proposal');
    expect(card).toContain('*Voting in the team* — goes to GoodTime Support when a liaison promotes it');
    expect(card).toContain('*1 vote*: @ana');
    expect(card).toContain('[Me too (+1)]');
    expect(card).toContain('[Promote to GoodTime Support]');
    expect(card).toContain('[Decline…]');
    expect(card).not.toContain('Phase 1 of 4');
    const told = await waitFor(() => t.lia.dms().find((m) => m.text.includes('is a proposal in the team channel')));
    expect(told.text).toContain('at 3 votes the liaisons are told');
    await waitFor(() => t.ana.dms().find((m) => m.text.includes('proposed your request')));

    await t.ben.clickButton('Me too (+1)', cardRef(t, bulk));
    const benVoted = await waitFor(() => t.ben.ephemerals().find((e) => e.text.includes('Your vote is on')));
    expect(benVoted.text).toContain('2 votes now');
    await t.ben.clickButton('Me too (+1)', cardRef(t, bulk));
    await waitFor(() => t.ben.ephemerals().find((e) => e.text.includes("You're already on")));

    await carl.clickButton('Me too (+1)', cardRef(t, bulk));
    const flagged = await waitForThreadReply(t, bulk, 'has 3 votes');
    expect(flagged).toContain('@lia');
    expect(flagged).toContain('*Promote to GoodTime Support* on the card');
    await dana.clickButton('Me too (+1)', cardRef(t, bulk));
    // Each voter with what they do (their Slack profile title), escaped: a title cannot ping the channel.
    await waitFor(() => expect(cardNow(t, bulk)).toContain('*4 votes*: @ana (Recruiting Coordinator), @ben (Technical Recruiter, Berlin), @carl (Interview Scheduler <!here> & Co), @dana'));
    expect(JSON.stringify(t.fake.message(t.teamChannel, bulk.ts)?.blocks)).toContain('Interview Scheduler &lt;!here&gt; &amp; Co');
    expect(cardNow(t, bulk)).toContain('enough votes to promote');
    expect(ticketThread(t, bulk).filter((m) => m.includes('has 3 votes') || m.includes('has 4 votes'))).toHaveLength(1);

    // Its reporter's App Home says where it stands: with the team, not with GoodTime.
    await t.ana.openHome();
    const home = await waitFor(() => t.ana.home());
    expect(home).toMatch(/GT-1001 Bulk-reschedule a whole panel.* — Proposal voted in the team · 4 votes/);
    expect(home).not.toContain('GoodTime acknowledges by');

    // Someone who is not a liaison cannot send it.
    await t.ben.clickButton('Promote to GoodTime Support', cardRef(t, bulk));
    await waitFor(() => t.ben.ephemerals().find((e) => e.text.includes('Only a liaison can promote')));

    await pause(1_000);
    expect(inbox.messages).toHaveLength(0);
    t.fake.expectNoViolations();
  });

  it('when someone lists the requests, then open proposals come most votes first', async () => {
    await fileTicket(t, t.lia, { type: 'Feature request', summary: 'Show interviewer load on the scheduling page', fields: FEATURE(t.ben.id) });
    const result = await dana.runSlashCommand('requests');
    expect(result.ok).toBe(true);
    const list = await waitFor(() => dana.ephemerals().find((e) => e.text.includes('Open proposals')));
    const lines = list.text.split('\n').filter((l) => /^\d\./.test(l));
    expect(lines[0]).toMatch(/^1\. .*GT-1001.* — \*4 votes\* :triangular_flag_on_post: · Bulk-reschedule a whole panel/);
    expect(lines[1]).toMatch(/^2\. .*GT-1002.* — \*1 vote\* · Show interviewer load/);
    const voters = list.text.split('\n').filter((l) => l.includes(':raised_hands:')).map((l) => t.render({ text: l }).trim());
    expect(voters).toEqual([':raised_hands: @ana (Recruiting Coordinator), @ben (Technical Recruiter, Berlin), @carl (Interview Scheduler <!here> & Co), @dana', ':raised_hands: @ben (Technical Recruiter, Berlin)']);
    expect(list.text).toContain('Interview Scheduler &lt;!here&gt; &amp; Co');

    // The weekly digest names the top proposals too (and no vendor target for requests Support never got).
    await t.lia.runSlashCommand('digest');
    const digest = await waitFor(() => t.fake.messages(t.teamChannel).find((m) => m.text.includes('Weekly digest')));
    expect(digest.text).toContain('Top feature-request proposals: GT-1001 Bulk-reschedule a whole panel (4 votes) · GT-1002 Show interviewer load on the scheduling page (1 vote)');
    expect(digest.text).toContain('acknowledgement 0 met, 0 missed');
    expect(digest.text).toMatch(/tickets with GoodTime none/);
  });

  it('when a liaison promotes it, then Support gets one email with the votes and voters, and everyone who voted hears it', async () => {
    await t.lia.clickButton('Promote to GoodTime Support', cardRef(t, bulk));
    const note = await waitForThreadReply(t, bulk, 'promoted GT-1001 to GoodTime Support with 4 votes');
    expect(note).toContain('@lia');
    await waitFor(() => expect(cardNow(t, bulk)).toContain("Phase 1 of 4 — We've Received Your Request"));
    expect(cardNow(t, bulk)).toContain('Proposal promoted by @lia');
    expect(cardNow(t, bulk)).toMatch(/GoodTime should acknowledge it by/);

    const [email] = await inbox.waitForMessages(1);
    expect(email?.to).toEqual(['support@goodtime.io']);
    expect(email?.subject).toBe('[GT-1001][P4] Feature request: Bulk-reschedule a whole panel');
    expect(email?.text).toContain('Votes: 4 people want this');
    expect(email?.text).toContain("Proposed in our project team's channel");
    expect(email?.text).toContain('- ana (Recruiting Coordinator)');
    expect(email?.text).toContain('- ben (Technical Recruiter, Berlin)');
    expect(email?.text).toContain('- carl (Interview Scheduler <!here> & Co)');
    expect(email?.text).toContain('- dana\n');
    expect(email?.text).toContain('product board: https://feedback.goodtime.io/board');

    for (const person of [t.ana, t.ben, carl, dana]) {
      await waitFor(() => person.dms().find((m) => m.text.includes('went to GoodTime Support with 4 votes')));
    }
    await t.lia.clickButton('Promote to GoodTime Support', cardRef(t, bulk)).catch(() => undefined); // the old button, clicked again
    await pause(1_000);
    expect(inbox.messages.filter((m) => m.subject.includes('GT-1001'))).toHaveLength(1);
    expect(ticketThread(t, bulk).filter((m) => m.includes('promoted GT-1001'))).toHaveLength(1);
    t.fake.expectNoViolations();
  });

  it('when a liaison declines one, then the reason is required, it closes with the reason for everyone who voted, and nothing is emailed', async () => {
    const load = await waitFor(() => t.fake.messages(t.teamChannel).find((m) => m.text.startsWith('GT-1002 ')));
    await carl.clickButton('Me too (+1)', cardRef(t, load));
    await waitFor(() => expect(cardNow(t, load)).toContain('*2 votes*'));

    await carl.clickButton('Decline…', cardRef(t, load));
    await waitFor(() => carl.ephemerals().find((e) => e.text.includes('Only a liaison can')));
    await t.lia.clickButton('Decline…', cardRef(t, load));
    const modal = await waitFor(async () => {
      const m = await t.lia.waitForModal({ title: 'Decline proposal' });
      return m.text().includes('Why not?') ? m : undefined;
    });
    await modal.fill('Why not? Everyone who voted reads this', 'no');
    expect((await modal.submit()).outcome).toBe('invalid'); // under min_length: Slack itself keeps the form open
    await modal.fill('Why not? Everyone who voted reads this', 'GoodTime shipped this in March: Settings → Interviewers → Load <!channel>');
    expect((await modal.submit()).outcome).toBe('closed');

    const note = await waitForThreadReply(t, load, 'declined GT-1002');
    expect(note).toContain('GoodTime shipped this in March');
    const raw = t.fake.thread(t.teamChannel, load.ts).find((m) => m.text.includes('declined GT-1002'));
    expect(raw?.text).toContain('&lt;!channel&gt;');
    await waitFor(() => expect(cardNow(t, load)).toContain('*Declined* by @lia'));
    expect(cardNow(t, load)).not.toContain('[Me too (+1)]');
    for (const person of [t.ben, carl]) await waitFor(() => person.dms().find((m) => m.text.includes('declined') && m.text.includes('GT-1002')));

    await pause(1_000);
    expect(inbox.messages.filter((m) => m.subject.includes('GT-1002'))).toHaveLength(0);
    const requests = await dana.runSlashCommand('requests');
    expect(requests.ok).toBe(true);
    await waitFor(() => dana.ephemerals().find((e) => e.text.includes('No open proposals')));
    t.fake.expectNoViolations();
  });

  it('when a feature request asked of the team gets no answer in time, then it becomes a proposal in its thread, not an email to Support', async () => {
    const asked = await t.ask(carl, 'Could GoodTime bulk-cancel interviews for a withdrawn candidate?', { Category: 'Feature request' });
    const proposal = await waitFor(() => t.fake.thread(t.teamChannel, asked.ts).find((m) => /^GT-\d+ · proposal/.test(m.text)), { timeout: 10_000 });
    expect(t.render(proposal)).toContain('*Voting in the team*');
    await waitFor(() => expect(t.teamMessage(asked.ts)).toContain('Turned into a feature-request proposal'));
    expect(t.teamMessage(asked.ts)).not.toContain('Escalated to GoodTime Support');
    await waitFor(() => carl.dms().find((m) => m.text.includes('Nobody on the project team answered your request in time, so it is now a proposal')));
    await pause(1_000);
    const key = /^(GT-\d+)/.exec(proposal.text)?.[1] as string;
    expect(inbox.messages.filter((m) => m.subject.includes(key))).toHaveLength(0);
    t.fake.expectNoViolations();
  });
});
