// Incidents: subscribe, declare, broadcast, update in place, link a question, resolve, confirm, status page.
import { waitFor } from '../../test/support/people';
import { confirmationAsks, declareIncident, incidentRoots, postUpdate, waitForBroadcastsToDrain } from '../../test/incidents/incident-steps';
import type { Stage } from './stage';

/** The status page as a reader sees it, without the markup. */
function pageText(html: string): string {
  const body = html.slice(html.indexOf('<main>'), html.indexOf('</main>'));
  return body
    .replace(/<(h1|h2|h3|p|li|article|header|footer)[^>]*>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .split('\n').map((line) => line.trim()).filter(Boolean).join('\n');
}

export async function incidentsScene(stage: Stage): Promise<void> {
  const { t } = stage;
  const { ana, ben, lia } = t;
  const ops = t.fake.addChannel({ name: 'recruiting-ops' }).id;
  const anaDm = t.fake.dmChannel(ana.id).id;

  stage.scene('Channels and people subscribe to incidents');
  stage.act(lia, 'runs `/goodtime-help subscribe` in #recruiting-ops');
  await lia.runSlashCommand('subscribe', { channel: ops });
  stage.show('#recruiting-ops', 'a message in the channel', await waitFor(() => t.fake.messages(ops).at(-1)));
  stage.act(ana, 'runs `/goodtime-help subscribe calendar sync` in her DM with the app');
  await ana.runSlashCommand('subscribe calendar sync', { channel: anaDm });
  stage.show(ana, 'an ephemeral answer', await waitFor(() => ana.ephemerals().at(-1)));

  stage.scene('Only a liaison can declare an incident');
  stage.act(ben, 'runs `/goodtime-help incident`');
  await ben.runSlashCommand('incident', { channel: t.teamChannel });
  stage.show(ben, 'an ephemeral answer', await waitFor(() => ben.ephemerals().find((e) => e.text.includes('liaison'))));

  stage.scene('A liaison declares it: one message per place, paced within Slack’s limits');
  stage.act(lia, 'runs `/goodtime-help incident`, fills the form and clicks Declare');
  const root = await declareIncident(t, lia, {
    title: 'Calendar sync delayed for Google calendars',
    impact: 'Major outage',
    areas: ['Calendar sync', 'Scheduling'],
    message: 'Interviews booked since 9:00 are not reaching Google calendars. Keep booking; invites will sync once fixed.',
  });
  await waitForBroadcastsToDrain(t.app.connection);
  stage.show('the team', 'the broadcast in #goodtime-project-team (with liaison buttons)', root);
  stage.show('#recruiting-ops', 'the same broadcast', incidentRoots(t.fake, ops)[0] ?? '');
  stage.show(ana, 'a DM from goodtime-help', incidentRoots(t.fake, anaDm)[0] ?? '');

  stage.scene('A recruiter asks about it: the ask form shows it first');
  const dana = t.person('dana');
  stage.act(dana, 'types `/goodtime-help My candidate never got the calendar invite for today’s onsite`');
  await dana.runSlashCommand('My candidate never got the calendar invite for today’s onsite');
  const ask = await dana.waitForModal({ title: 'Ask the project team' });
  await waitFor(() => ask.text().includes('Known issues right now'));
  stage.showModal(dana, ask.view);
  await ask.fill('Is it one of these?', 'Calendar sync delayed for Google calendars');
  await ask.fill('Category', 'Bug or data issue');
  stage.act(dana, 'picks the incident and clicks Ask');
  await ask.submit();
  const danaDm = t.fake.dmChannel(dana.id).id;
  stage.show(dana, 'a DM: she now follows the incident', await waitFor(() => incidentRoots(t.fake, danaDm)[0]));

  stage.scene('Updates edit every broadcast in place and thread under it');
  stage.act(lia, 'clicks *Post an update*: Identified');
  await postUpdate(t, lia, root, ':dart: Identified', 'Google rotated a certificate and our sync worker rejects it. A fix is in review.');
  await waitForBroadcastsToDrain(t.app.connection);
  stage.show('#recruiting-ops', 'the broadcast, edited in place', t.fake.message(ops, incidentRoots(t.fake, ops)[0]?.ts ?? '') ?? '');
  stage.showThread('#recruiting-ops', incidentRoots(t.fake, ops)[0] ?? root);

  stage.scene('Resolved: everyone who asked is asked to confirm');
  stage.act(lia, 'posts the last update: Resolved');
  await postUpdate(t, lia, root, ':white_check_mark: Resolved', 'The fix is live and every delayed invite has synced. Sorry for the trouble!');
  const confirm = await waitFor(() => confirmationAsks(dana)[0]);
  stage.show(dana, 'a DM', confirm);
  stage.act(dana, 'clicks *Yes, it works*');
  await dana.clickButton('Yes, it works', { channel: danaDm, ts: confirm.ts });
  await waitFor(() => t.fake.thread(t.teamChannel, root.ts).some((m) => m.text.includes('confirmed it works')));
  stage.show(dana, 'the same DM', t.fake.message(danaDm, confirm.ts) ?? confirm);
  stage.show('the team', 'the broadcast in the team channel', t.fake.message(t.teamChannel, root.ts) ?? root);
  stage.showThread('the team', root);

  stage.scene('The status page served by the app');
  const html = await (await fetch(`${t.app.url}/status`)).text();
  stage.show('anyone', `${t.app.url}/status`, pageText(html));
  const json = (await (await fetch(`${t.app.url}/status.json`)).json()) as { current: unknown[]; history: { title: string; status: string }[] };
  stage.show('a script', `${t.app.url}/status.json (summary)`, `current: ${json.current.length}, history: ${json.history.map((i) => `${i.title} (${i.status})`).join('; ')}`);
}
