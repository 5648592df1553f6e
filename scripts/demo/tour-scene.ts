// The rest of the product in a few steps: help (and a slip on a subcommand), someone taking a question, a liaison
// turning any message into a ticket with the shortcut, what is going on right now, and App Home.
import { waitFor } from '../../test/support/people';
import { fillTicketForm, TICKET_FORM } from '../../test/tickets/ticket-helpers';
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

  stage.scene('What is going on right now, and App Home');
  stage.act(fay, 'types `/goodtime-help status`');
  const seen = fay.ephemerals().length;
  await fay.runSlashCommand('status');
  stage.show(fay, 'an ephemeral answer', await waitFor(() => fay.ephemerals()[seen]));
  stage.act(lia, 'opens goodtime-help in the sidebar (App Home)');
  await lia.openHome();
  stage.show(lia, 'App Home', await waitFor(() => lia.home()));
}
