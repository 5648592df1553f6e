// Questions: ask, answer in the thread, accept, the knowledge base at work, and the internal SLA.
import { waitFor } from '../../test/support/people';
import type { Stage } from './stage';

export async function questionsScene(stage: Stage): Promise<void> {
  const { t } = stage;
  const { ana, ben } = t;
  const latestCard = (needle: string) => waitFor(() => t.fake.messages(t.teamChannel).find((m) => m.text.includes(needle)));

  stage.scene('A recruiter asks the project team');
  stage.act(ana, 'types `/goodtime-help How do I reschedule a panel when one interviewer declines?`');
  await ana.runSlashCommand('How do I reschedule a panel when one interviewer declines?');
  const modal = await ana.waitForModal({ title: 'Ask the project team' });
  await modal.fill('Category', 'How-to');
  await modal.fill('Interview URL', 'not a link');
  stage.act(ana, 'fills the form, pastes something that is not a link, and clicks Ask');
  const refused = await modal.submit();
  stage.show(ana, 'inline errors in the form', Object.entries(refused.errorsByLabel).map(([label, error]) => `${label}: ⚠ ${error}`).join('\n'));
  await modal.fill('Interview URL', 'https://app.goodtime.io/interviews/4711');
  await modal.fill('Position', 'Senior Backend Engineer');
  stage.act(ana, 'fixes the link and submits');
  await modal.submit();
  const card = await latestCard('reschedule a panel');
  stage.show('the team', 'a card in #goodtime-project-team', card);
  stage.show(ana, 'a DM from goodtime-help', await waitFor(() => ana.dms().at(-1)));

  stage.scene('The team answers in the thread');
  stage.act(ben, 'replies in the thread');
  await ben.replyInThread(t.teamChannel, card.ts, 'Open the interview, click *Replace interviewer* on the declined slot, and GoodTime re-offers times to the candidate for just that slot.');
  await waitFor(() => t.fake.message(t.teamChannel, card.ts)?.blocks?.some((b) => JSON.stringify(b).includes('First response')));
  stage.show('everyone', 'the card, edited in place', t.fake.message(t.teamChannel, card.ts) ?? card);
  stage.act(ana, 'reacts with ✅ on the answer');
  const reply = t.fake.thread(t.teamChannel, card.ts).find((m) => m.user === ben.id);
  if (reply) await ana.react(t.teamChannel, reply.ts, 'white_check_mark');
  await waitFor(() => JSON.stringify(t.fake.message(t.teamChannel, card.ts)?.blocks).includes('Answered by'));
  stage.show('everyone', 'the card', t.fake.message(t.teamChannel, card.ts) ?? card);
  stage.showThread('everyone', card);

  stage.scene('The next person finds the answer before anyone types it again');
  const carl = t.person('carl');
  stage.act(carl, 'asks `/goodtime-help Interviewer declined, how to reschedule just their panel slot?`');
  await carl.runSlashCommand('Interviewer declined, how to reschedule just their panel slot?');
  const second = await carl.waitForModal({ title: 'Ask the project team' });
  await second.fill('Category', 'How-to');
  await second.submit();
  const before = await carl.waitForModal({ title: 'Answered before' });
  stage.showModal(carl, before.view);
  stage.act(carl, 'reads it, and clicks *This solved it*');
  await before.clickButton('This solved it');
  await waitFor(() => carl.modal().text().includes('Glad that solved it'));
  stage.showModal(carl, carl.modal().view);
  stage.show('the team', 'nothing: the question never reached the channel', `(${t.fake.messages(t.teamChannel).filter((m) => m.text.includes('just their panel slot')).length} cards about it)`);
  stage.act(carl, 'searches `/goodtime-help search reschedule declined`');
  await carl.runSlashCommand('search reschedule declined');
  stage.show(carl, 'an ephemeral answer', await waitFor(() => carl.ephemerals().at(-1)));

  stage.scene('Nobody answers a blocker in time: the internal SLA escalates it to GoodTime Support');
  const dana = t.person('dana');
  stage.act(dana, 'is blocked and asks (the demo runs the blocker SLA at 8 seconds, 24x7)');
  await dana.runSlashCommand('Candidate portal shows no available times for the onsite loop');
  const blocker = await dana.waitForModal({ title: 'Ask the project team' });
  await blocker.fill('Category', 'Scheduling blocker');
  await blocker.fill('Urgency', ["I'm blocked right now"]);
  await blocker.fill('Error message', 'No availability found for the selected interviewers');
  await blocker.submit();
  const blockerCard = await latestCard('no available times');
  stage.show('the team', 'a card', blockerCard);
  await waitFor(() => t.fake.thread(t.teamChannel, blockerCard.ts).some((m) => m.text.includes('No answer yet')), { timeout: 20_000 });
  stage.show('the team', 'a reminder in the thread at 75 %', t.fake.thread(t.teamChannel, blockerCard.ts).at(-1) ?? '');
  // At 100 % the question escalates and a GoodTime Support ticket is filed in its thread.
  await waitFor(() => JSON.stringify(t.fake.message(t.teamChannel, blockerCard.ts)?.blocks).match(/GT-\d+/), { timeout: 20_000 });
  stage.show('the team', 'the card at 100 %', t.fake.message(t.teamChannel, blockerCard.ts) ?? blockerCard);
  stage.showThread('the team', blockerCard);
}
