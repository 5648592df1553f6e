// The escalation ladder, played in seconds: the same app started with a process file whose targets are seconds
// (PROCESS=<file>), so GoodTime "misses" its acknowledgement and update targets while you watch. The liaison is nudged
// with a one-click *Chase Support*; at the second miss the CSM is brought in (email, DM, a note in the thread).
import { startTestApp } from '../../test/support/app';
import type { SmtpInbox } from '../../test/delivery/smtp-inbox';
import { waitFor } from '../../test/support/people';
import { BUG_FIELDS, fastTargetsProcess, fileTicket } from '../../test/tickets/ticket-helpers';
import type { Stage } from './stage';

const CSM_USER = 'U0CSM00001';

export const ladderScene = (inbox: SmtpInbox) => async (main: Stage): Promise<void> => {
  const t = await startTestApp({
    PROCESS: fastTargetsProcess(),
    SMTP_URL: inbox.url,
    MAIL_FROM: 'GoodTime Help <goodtime-help@acme.example>',
    OUTBOX_RETRY_BASE: '200ms',
    CSM_EMAIL: 'csm@goodtime.io',
    CSM_SLACK_USER_ID: CSM_USER,
  });
  const stage = main.on(t);
  t.fake.addUser({ id: CSM_USER, name: 'cara', real_name: 'Cara CSM' });
  const { lia } = t;
  try {
    stage.scene('GoodTime goes quiet: the ladder nudges the liaison, then brings in the CSM');
    stage.act('goodtime-help', 'runs this scene with a process file whose targets are seconds (PROCESS=<file>): S1 acknowledged within 3 s, an update every 4 s');
    stage.act(lia, 'files an S1 bug with `/goodtime-help ticket`');
    const card = await fileTicket(t, lia, { summary: 'Every panel invite bounces', severity: 'S1 · Critical', fields: BUG_FIELDS });
    stage.show('the team', 'the ticket card, with every target GoodTime publishes for S1', card);

    const thread = () => t.fake.thread(t.teamChannel, card.ts);
    const nudge = await waitFor(() => thread().find((m) => m.text.includes('has not acknowledged')), { timeout: 15_000 });
    stage.show('the team', 'the first miss, in the ticket thread', nudge);
    stage.act(lia, 'clicks *Chase Support*');
    await lia.clickButton('Chase Support', { channel: t.teamChannel, ts: nudge.ts });
    const chase = await waitFor(() => inbox.messages.find((m) => m.text.includes('We are following up on GT-1001')), { timeout: 15_000 });
    stage.show('GoodTime Support', `an email "${chase.subject}"`, chase.text);

    const brought = await waitFor(() => thread().find((m) => m.text.includes('so I brought')), { timeout: 20_000 });
    stage.show('the team', 'the second miss: the CSM is brought in, without a click', brought);
    stage.show('@cara (the CSM)', 'a DM', await waitFor(() => t.fake.dms(CSM_USER)[0]));
    const toCsm = await waitFor(() => inbox.messages.find((m) => m.to.includes('csm@goodtime.io')), { timeout: 15_000 });
    stage.show('the CSM', `an email "${toCsm.subject}"`, toCsm.text.split('\n').slice(0, 8).join('\n'));
    await waitFor(() => (t.fake.message(t.teamChannel, card.ts)?.text ?? '').length > 0);
    stage.show('the team', 'the card now', t.fake.message(t.teamChannel, card.ts) ?? card);
    t.fake.expectNoViolations();
  } finally {
    await t.stop();
  }
};
