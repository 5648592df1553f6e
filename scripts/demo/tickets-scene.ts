// Tickets: a question nobody answers becomes a GoodTime Support ticket — card in its thread, email to Support,
// phases moved by a liaison and by the vendor's webhook, and a bug that closes only when its reporter confirms.
import { waitFor } from '../../test/support/people';
import type { FakeMessage } from '@goodtime-help/slack-stand-in';
import type { ReceivedMail, SmtpInbox } from '../../test/delivery/smtp-inbox';
import type { ImapServer } from '../../test/support/imap-server';
import { sendSupportWebhook } from '../../test/tickets/support-webhook-client';
import type { Stage } from './stage';

export const DEMO_WEBHOOK_SECRET = 'demo-support-webhook-secret-0123';

const printedEmail = (mail: ReceivedMail) =>
  [
    `From: ${mail.from}`,
    `To: ${mail.to.join(', ')}`,
    ...(mail.replyTo ? [`Reply-To: ${mail.replyTo}`] : []),
    `Subject: ${mail.subject}`,
    `Message-ID: ${mail.messageId}`,
    ...(mail.inReplyTo ? [`In-Reply-To: ${mail.inReplyTo}`] : []),
    '',
    mail.text.trimEnd(),
  ].join('\n');

/** Support's answer as its helpdesk sends it: threaded under our email, its own number in the subject, our text quoted. */
const supportAnswer = (to: ReceivedMail) =>
  [
    'From: Jane Doe <jane@goodtime.io>',
    `To: ${to.replyTo ?? to.from}`,
    `Subject: Re: ${to.subject} [#48151]`,
    'Message-ID: <zendesk-48151-1@goodtime.zendesk.com>',
    `In-Reply-To: ${to.messageId}`,
    `References: ${to.messageId}`,
    `Date: ${new Date().toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hi team,',
    '',
    'Thanks for the details. We can see the invite job ran twice after this morning’s deploy; engineering is on it.',
    'I will update you here within the day.',
    '',
    'Jane',
    '-- ',
    'Jane Doe | GoodTime Support',
    '',
    `On ${new Date().toUTCString()} GoodTime Help wrote:`,
    ...to.text.split('\n').slice(0, 3).map((line) => `> ${line}`),
    '',
  ].join('\r\n');

export function ticketsScene(inbox: SmtpInbox, mailbox?: ImapServer) {
  return async (stage: Stage): Promise<void> => {
    const { t } = stage;
    const { lia } = t;
    const erin = t.person('erin');
    const carl = t.person('carl');
    const card = (ref: FakeMessage) => t.fake.message(t.teamChannel, ref.ts) ?? ref;
    const webhook = async (body: object) => {
      stage.act('GoodTime’s helpdesk', `calls POST /webhooks/support (signed) with ${JSON.stringify(body)}`);
      const response = await sendSupportWebhook(t.app.url, DEMO_WEBHOOK_SECRET, body);
      stage.show('the helpdesk', 'the answer', `HTTP ${response.status} ${JSON.stringify(response.body)}`);
      return response;
    };
    // The newest reply in the ticket's thread that mentions `needle` (the card itself lives in the same thread).
    const latestReply = (root: FakeMessage, needle: string) =>
      waitFor(() => t.fake.thread(t.teamChannel, root.thread_ts ?? root.ts).filter((m) => m.ts !== root.ts && m.text.includes(needle)).at(-1));

    stage.scene('Nobody answers a bug in time: it becomes a GoodTime Support ticket');
    stage.act(erin, 'is blocked by a bug and asks the team (the demo runs the blocker SLA at 8 seconds)');
    const question = await t.ask(erin, 'Panel invites went out twice to every interviewer this morning', {
      Category: 'Bug or data issue',
      Urgency: ["I'm blocked right now"],
      'Interview URL': 'https://app.goodtime.io/interviews/4711',
      Candidate: 'Ada Lovelace <ada@example.com>',
      'Error message': 'Duplicate calendar event detected',
    });
    stage.show('the team', 'a question card', question);
    const ticketCard = await waitFor(() => t.fake.thread(t.teamChannel, question.ts).find((m) => /^Escalated to GoodTime Support as GT-\d+ · /.test(m.text)), { timeout: 30_000 });
    const key = /(GT-\d+)/.exec(ticketCard.text)?.[1] ?? '';
    const mail = await waitFor(() => inbox.messages.find((m) => m.subject.startsWith(`[${key}]`)), { timeout: 15_000 });
    await waitFor(() => JSON.stringify(card(ticketCard).blocks).includes('Emailed to'));
    stage.show('the team', `the ticket card, in the question's thread`, card(ticketCard));
    stage.show('GoodTime Support', 'an email at support@goodtime.io', printedEmail(mail));
    stage.show(erin, 'a DM from goodtime-help', await waitFor(() => erin.dms().find((m) => m.text.includes(key))));

    stage.scene('Support answers by email: the reply lands in the ticket thread, and the team answers back');
    if (!mailbox) {
      stage.show('the demo', 'a note', 'No IMAP server could be started (see the line at the top), so the mailbox Support replies to is not part of this run.');
    } else {
      stage.act('Jane at GoodTime Support', `replies to the email (it goes to ${mail.replyTo ?? 'the Reply-To address'}, the mailbox goodtime-help reads over IMAP)`);
      await mailbox.deliver(supportAnswer(mail));
      stage.show('the team', 'a reply in the thread (quoted history and signature trimmed)', await latestReply(ticketCard, 'Reply from GoodTime Support'));
      await waitFor(() => JSON.stringify(card(ticketCard).blocks).includes('acknowledged it by email'));
      stage.show('the team', 'the card: the acknowledgement target is met, Support’s own ticket number noted', card(ticketCard));
      stage.act(lia, 'clicks *Reply to Support* on the card and writes back');
      await lia.clickButton('Reply to Support', { channel: t.teamChannel, ts: ticketCard.ts });
      const form = await waitFor(async () => {
        const modal = await lia.waitForModal({ title: 'Reply to Support' });
        return modal.text().includes('Message to GoodTime Support') ? modal : undefined;
      });
      await form.fill('Message to GoodTime Support', 'Thanks Jane! It also hit the Berlin onsite loop this morning, same template.');
      stage.showModal(lia, form.view);
      await form.submit();
      const sent = await waitFor(() => inbox.messages.find((m) => m.subject.startsWith(`Re: [${key}]`)), { timeout: 15_000 });
      stage.show('GoodTime Support', 'a reply in the same email thread', printedEmail(sent));
      await waitFor(() => t.fake.thread(t.teamChannel, ticketCard.thread_ts ?? ticketCard.ts).some((m) => m.text.includes('Delivered to')));
      stage.show('the team', 'a note in the thread', await latestReply(ticketCard, 'wrote to GoodTime Support'));
    }

    stage.scene('Support works the ticket: each phase in the thread, with what it means and what comes next');
    stage.act(lia, `(a liaison) clicks *Next: Phase 2* on ${key}: Support has acknowledged it`);
    await lia.clickButton('Next: Phase 2 — Under Review by Support Team', { channel: t.teamChannel, ts: ticketCard.ts });
    stage.show('the team', 'a reply in the thread', await latestReply(ticketCard, 'Phase 2 of 4'));
    await webhook({ ticket: key, phase: 3, note: 'Reproduced: the invite job ran twice after the 09:00 deploy.', vendorTicketId: 'ZD-48151' });
    stage.show('the team', 'a reply in the thread', await latestReply(ticketCard, 'Phase 3 of 4'));
    await webhook({ ticket: key, phase: 3, note: 'Reproduced: the invite job ran twice after the 09:00 deploy.', vendorTicketId: 'ZD-48151' });
    stage.show('everyone', 'nothing new — the repeated update changed nothing; the card, edited in place', card(ticketCard));
    stage.show(erin, 'DMs at each step', erin.dms().at(-1) ?? '');

    stage.scene('Someone else has it too');
    stage.act(carl, 'clicks *Me too* on the card');
    await carl.clickButton('Me too', { channel: t.teamChannel, ts: ticketCard.ts });
    await waitFor(() => JSON.stringify(card(ticketCard).blocks).includes('2 people have this'));
    stage.show(carl, 'an ephemeral note', await waitFor(() => carl.ephemerals().at(-1)));

    stage.scene('Fixed? The people who reported it decide');
    await webhook({ ticket: key, phase: 'on-hold', note: 'Fix deployed to production.' });
    const ask = await waitFor(() => erin.dms().find((m) => m.text.includes('Does it work for you now?')));
    stage.show(erin, 'a DM', ask);
    stage.act(erin, 'tries it: still broken, and clicks *Still broken*');
    await erin.clickButton('Still broken', { channel: ask.channel, ts: ask.ts });
    stage.show('the team', 'a reply in the thread', await latestReply(ticketCard, 'still broken'));
    await webhook({ ticket: key, phase: 'on-hold', note: 'Second fix deployed; the duplicate job is gone.' });
    const again = await waitFor(() => erin.dms().find((m) => m.ts !== ask.ts && m.text.includes('Does it work for you now?')));
    stage.act(erin, 'tries again, and clicks *Yes, it’s fixed*');
    await erin.clickButton('Yes, it’s fixed', { channel: again.channel, ts: again.ts });
    await waitFor(() => JSON.stringify(card(ticketCard).blocks).includes('*Closed*'));
    stage.show(erin, 'the DM, answered', t.fake.message(again.channel, again.ts) ?? again);
    stage.show('everyone', 'the card', card(ticketCard));
    stage.showThread('the team', question);
  };
}
