// The rest of the product in a few steps: help (and a slip on a subcommand), someone taking a question, a liaison
// turning any message into a ticket with the shortcut, a feature request voted before it goes to Support, what is
// going on right now, and App Home.
import { waitFor } from '../../test/support/people';
import { fileTicket, fillTicketForm, TICKET_FORM } from '../../test/tickets/ticket-helpers';
import type { Stage } from './stage';

export async function tourScene(stage: Stage): Promise<void> {
  const { t } = stage;
  const { ben, lia } = t;
  const fay = t.person('fay');
  const replyText = (body: unknown) => (body as { text?: string } | undefined)?.text ?? '';

  stage.scene('What can it do? Help, and a slip on a subcommand');
  stage.act(fay, 'types `/goodtime-help help`');
  stage.show(fay, 'an ephemeral answer', replyText((await fay.runSlashCommand('help')).body));
  stage.act(fay, 'types `/goodtime-help tickets`');
  stage.show(fay, 'an ephemeral answer', replyText((await fay.runSlashCommand('tickets')).body));

  stage.scene("Someone takes a question, so nobody else starts on it");
  const card = await t.ask(fay, 'Can a hiring manager see the interviewer feedback before the debrief?', { Category: 'How-to' });
  stage.act(ben, "clicks *I'll take it* on the card");
  await ben.clickButton("I'll take it", { channel: t.teamChannel, ts: card.ts });
  await waitFor(() => t.teamMessage(card.ts).includes('is on it'));
  stage.show('everyone', 'the card', t.fake.message(t.teamChannel, card.ts) ?? card);

  stage.scene('Any message becomes a ticket: the "Escalate to support" shortcut');
  const report = await fay.postMessage(t.teamChannel, 'Calendar sync stopped for every interviewer in EMEA since 09:00');
  stage.act(lia, 'opens ⋯ on that message and picks *Escalate to support*');
  await lia.useMessageShortcut('ticket.escalate_message', { channel: t.teamChannel, ts: report.ts });
  const form = await waitFor(async () => {
    const modal = await lia.waitForModal({ title: TICKET_FORM });
    return modal.value('Summary') ? modal : undefined;
  });
  stage.showModal(lia, form.view);
  await fillTicketForm(lia, {
    summary: 'Calendar sync stopped for every interviewer in EMEA since 09:00',
    severity: 'S2 · High',
    fields: { 'What were you trying to do?': 'Sync interviewer calendars', 'Interviews affected': 'Many interviews', 'Who is affected?': 'The whole organisation', 'When does it happen?': 'Happening right now' },
  });
  stage.act(lia, 'completes the form and files it');
  await form.submit();
  const ticket = await waitFor(() => t.fake.messages(t.teamChannel).find((m) => /^GT-\d+ /.test(m.text) && m.text.includes('Calendar sync stopped')));
  stage.show('the team', 'the ticket card', ticket);

  stage.scene('A feature request is voted in the team before it goes to GoodTime Support');
  stage.act(lia, 'files a *Feature request* with `/goodtime-help ticket`');
  const proposal = await fileTicket(t, lia, {
    type: 'Feature request',
    summary: 'Let coordinators bulk-reschedule a whole panel',
    fields: { 'What would you like GoodTime to do?': 'One click to move every interview of a panel to another day.', 'Why would it help?': 'Rescheduling a 5-person panel takes 20 minutes today.', 'Reported by': fay.id },
  });
  stage.show('the team', 'a proposal card (nothing emailed yet)', proposal);
  const where = { channel: t.teamChannel, ts: proposal.ts };
  for (const voter of [ben, t.ana]) {
    stage.act(voter, 'clicks *Me too (+1)*');
    await voter.clickButton('Me too (+1)', where);
  }
  await waitFor(() => t.fake.thread(t.teamChannel, proposal.ts).some((m) => m.text.includes('has 3 votes')));
  stage.act(fay, 'types `/goodtime-help requests`');
  const before = fay.ephemerals().length;
  await fay.runSlashCommand('requests');
  stage.show(fay, 'an ephemeral answer', await waitFor(() => fay.ephemerals()[before]));
  stage.act(lia, 'clicks *Promote to GoodTime Support*');
  await lia.clickButton('Promote to GoodTime Support', where);
  await waitFor(() => t.fake.thread(t.teamChannel, proposal.ts).some((m) => m.text.includes('promoted')));
  stage.showThread('the team', t.fake.message(t.teamChannel, proposal.ts) ?? proposal);
  stage.show('the team', 'the card, now following GoodTime’s phases', t.fake.message(t.teamChannel, proposal.ts) ?? proposal);

  stage.scene('What is going on right now, and App Home');
  stage.act(fay, 'types `/goodtime-help status`');
  const seen = fay.ephemerals().length;
  await fay.runSlashCommand('status');
  stage.show(fay, 'an ephemeral answer', await waitFor(() => fay.ephemerals()[seen]));
  stage.act(lia, 'opens goodtime-help in the sidebar (App Home)');
  await lia.openHome();
  await waitFor(() => lia.home());
  stage.showHome(lia);
}
