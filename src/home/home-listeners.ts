// App Home: published when a person opens it.
import type { SlackListeners } from '../slack/listeners';
import { buildHomeView } from './home-blocks';
import type { HomeService } from './home-service';

export const homeListeners = (home: HomeService): SlackListeners => ({ routes }) => {
  routes.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const view = buildHomeView(await home.modelFor(event.user));
    await client.views.publish({ user_id: event.user, view });
  });
};
