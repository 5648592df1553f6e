// App Home: published when a person opens it; `/goodtime-help digest` posts the team's digest now (liaisons).
import type { SlackListeners } from '../slack/listeners';
import { buildHomeView } from './home-blocks';
import type { DigestService } from './digest-service';
import type { HomeService } from './home-service';

export const homeListeners = (home: HomeService, digest: DigestService): SlackListeners => ({ routes, commands }) => {
  routes.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const view = buildHomeView(await home.modelFor(event.user));
    await client.views.publish({ user_id: event.user, view });
  });

  commands.add({
    name: 'digest',
    usage: 'digest',
    description: "Post this week's digest to the team channel now (liaisons; it is also posted weekly).",
    handle: async ({ ack, body, respond }) => {
      await ack();
      await digest.postNow(body.user_id);
      await respond({ response_type: 'ephemeral', text: ":bar_chart: Posted this week's digest to the team channel." });
    },
  });
};
