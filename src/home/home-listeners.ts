// App Home: published when a person opens it; `/goodtime-help digest` posts the team's digest now (liaisons).
import type { SlackListeners } from '../slack/listeners';
import { buildHomeView } from './home-blocks';
import { digestLines } from './home-digest-blocks';
import type { DigestService } from './home-digest-service';
import { HomeCommands } from './home-ids';
import type { HomeService } from './home-service';

export interface InsightsSettings {
  zone: string;
  vendor: string;
}

export const homeListeners = (home: HomeService, digest: DigestService, settings: InsightsSettings): SlackListeners => ({ routes, commands }) => {
  routes.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const view = buildHomeView(await home.modelFor(event.user));
    await client.views.publish({ user_id: event.user, view });
  });

  // The figures privately, and the CSV in the person's DM (Slack's upload API: getUploadURLExternal + completeUploadExternal).
  commands.add({
    name: HomeCommands.insights,
    usage: 'insights [7d|30d|90d|YYYY-MM-DD..YYYY-MM-DD]',
    description: 'Figures for a CSM review, and a CSV of the questions and tickets in your DM (liaisons).',
    takesArguments: (rest) => rest.length === 1, // one period; more words are a question that starts with "insights"

    handle: async ({ ack, body, respond, client }, rest) => {
      await ack();
      const exported = await digest.insightsFor(body.user_id, rest, settings.zone);
      const lines = digestLines(exported.digest, settings.vendor, settings.zone).filter((l) => !l.startsWith('Open now'));
      await respond({ response_type: 'ephemeral', text: `:bar_chart: *Insights, ${exported.period.label}*\n${lines.map((l) => `• ${l}`).join('\n')}\nThe CSV (${exported.rows} rows) is on its way to your DM.` });
      const dm = (await client.conversations.open({ users: body.user_id })).channel?.id;
      if (!dm) throw new Error('conversations.open returned no channel');
      const from = exported.period.from.toISOString().slice(0, 10);
      const to = exported.period.to.toISOString().slice(0, 10);
      await client.filesUploadV2({
        channel_id: dm,
        filename: `goodtime-help-insights-${from}-to-${to}.csv`,
        title: `goodtime-help insights ${from} to ${to}`,
        file: Buffer.from(exported.csv, 'utf8'),
        initial_comment: `Questions and tickets created ${exported.period.label} (${exported.rows} rows), for your review with the CSM.`,
      });
    },
  });

  commands.add({
    name: HomeCommands.digest,
    usage: 'digest',
    description: "Post this week's digest to the team channel now (liaisons; it is also posted weekly).",
    handle: async ({ ack, body, respond }) => {
      await ack();
      await digest.postNow(body.user_id);
      await respond({ response_type: 'ephemeral', text: ":bar_chart: Posted this week's digest to the team channel." });
    },
  });
};
