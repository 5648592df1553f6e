// Kill the app (SIGKILL, as a power cut would) at every step boundary of asking a question, restart it on the same
// database (its own process), and count what was lost or doubled: questions, cards and the asker's confirmations.
// (crash-points.test.ts: filing a ticket, moving it on, voting; crash-points-more.test.ts: the rest.)
import { describe, expect, it } from 'vitest';
import { waitFor } from '@goodtime-help/slack-stand-in';
import { useCrashHarness } from './crash-harness';

const ASKING = ['question.timers_scheduled', 'publisher.posted', 'question.card_posted', 'question.card_recorded', 'question.asker_confirmed', 'question.others_told'];

describe('crash points: SIGKILL at every step of asking a question, then a restart on the same database', () => {
  const h = useCrashHarness('crash-points-asking');

  it.each(ASKING)('when the app dies at %s while a question is asked, then after a restart it is posted once and the asker told once', { timeout: 100_000 }, async (point) => {
    const confirmations = () => h.fake.dms(h.ana.id).filter((m) => m.text.startsWith('Your question is with the project team')).length;
    const confirmedBefore = confirmations();
    await h.start({ CRASH_AT: point });
    const text = `Crash at ${point}: panel invites went out twice`;
    expect((await h.ana.runSlashCommand(text)).ok).toBe(true);
    const modal = await h.ana.waitForModal({ title: 'Ask the project team' });
    await modal.fillAll({ Category: 'How-to' });
    expect((await modal.submit()).outcome).toBe('closed'); // stored before the form closed
    expect(await h.died()).toBe('SIGKILL');

    await h.start();
    // Killed between posting and recording, the card's key stays leased (45 s) before the sweep looks it up by metadata.
    await waitFor(async () => (await h.db.collection('questions').countDocuments({ text, announcedAt: { $exists: true } })) > 0, { timeout: 60_000 });
    h.exactlyOne(`question (${point})`, await h.db.collection('questions').countDocuments({ text }));
    h.exactlyOne(`question card (${point})`, h.fake.messages(h.teamChannel).filter((m) => m.text.includes(text)).length);
    h.exactlyOne(`asker's confirmation (${point})`, confirmations() - confirmedBefore);
    await h.stop();
    h.counted();
  });
});
