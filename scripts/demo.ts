// `npm run demo`: the whole product, offline. The real app runs on the embedded database against a local Slack
// fake; scripted people use it through signed requests, and we print what each of them sees.
import { startTestApp } from '../test/support/app';
import { createStage } from './demo/stage';
import { questionsScene } from './demo/questions-scene';
import { DEMO_WEBHOOK_SECRET, ticketsScene } from './demo/tickets-scene';
import { startSmtpInbox } from '../test/delivery/smtp-inbox';
import { incidentsScene } from './demo/incidents-scene';
import { tourScene } from './demo/tour-scene';
import { ladderScene } from './demo/ladder-scene';
import { startImapServer, type ImapServer } from '../test/support/imap-server';

const scenes = [questionsScene, incidentsScene];

async function main(): Promise<void> {
  console.log('goodtime-help demo — no Slack workspace needed. Starting the app on the embedded database…');
  const inbox = await startSmtpInbox(); // a real SMTP server, so the demo can print what GoodTime Support receives
  // A real IMAP server (Debian's Dovecot, installed or fetched) holds the mailbox Support replies to, when it can be had.
  const mailbox: ImapServer | undefined = await startImapServer({ user: 'support-replies@acme.example' }).catch((error: unknown) => {
    console.log(`(No IMAP server, so the demo skips Support's email replies: ${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  });
  const t = await startTestApp({
    QUESTION_ESCALATE_AFTER: '20s',
    BLOCKER_ESCALATE_AFTER: '8s',
    JOBS_POLL_INTERVAL: '500ms',
    SMTP_URL: inbox.url,
    MAIL_FROM: 'GoodTime Help <goodtime-help@acme.example>',
    SUPPORT_WEBHOOK_SECRET: DEMO_WEBHOOK_SECRET,
    REQUEST_PROMOTE_VOTES: '3',
    ...(mailbox ? { IMAP_URL: mailbox.url } : {}),
  });
  const stage = createStage(t);
  try {
    for (const scene of [...scenes, ticketsScene(inbox, mailbox), ladderScene(inbox), tourScene]) await scene(stage);
    t.fake.expectNoViolations();
    console.log('\n✔ Demo complete: every Slack call above passed Slack\'s own limits.');
  } finally {
    await t.stop();
    await inbox.stop();
    await mailbox?.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('Demo failed:', error);
    process.exit(1);
  },
);
