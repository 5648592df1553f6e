// The App Home and the team's insights assembled: what one person sees when they open the app, and the weekly digest
// (posted on its schedule, or now with `/goodtime-help digest`).
import type { CapabilityModule } from '../capability';
import { job } from '../jobs/scheduler';
import { HOME_JOBS } from './home-ids';
import { homeListeners } from './home-listeners';
import { createHomeService, type HomeService, type HomeServiceDeps } from './home-service';
import { createDigestService } from './home-digest-service';
import { createDigestNotifier } from './home-digest-notifier';
import type { DigestSchedule } from './home-digest';
import type { Publisher } from '../delivery/publisher';
import type { Outbox } from '../delivery/outbox-worker';

export interface DigestSettings {
  publisher: Publisher;
  outbox: Pick<Outbox, 'enqueue'>;
  teamChannelId: string;
  zone: string;
  schedule?: DigestSchedule;
  csmEmail?: string;
}

/** How often the digest's time is checked (a cheap look at the clock; the post itself is keyed by its period). */
const DIGEST_CHECK_EVERY = '5 minutes';

export function createHomeModule(deps: HomeServiceDeps & { digest: DigestSettings }): CapabilityModule<HomeService> {
  const service = createHomeService(deps);
  const notifier = createDigestNotifier({ ...deps.digest, vendor: deps.process.vendor.name });
  const digest = createDigestService({ questions: deps.questions, tickets: deps.tickets, clock: deps.clock, schedule: deps.digest.schedule, isLiaison: deps.isLiaison, notifier });
  return {
    service,
    listeners: homeListeners(service, digest, { zone: deps.digest.zone, vendor: deps.process.vendor.name }),
    jobs: deps.digest.schedule ? [job({ name: HOME_JOBS.digest, every: DIGEST_CHECK_EVERY, handler: () => digest.postScheduled() })] : [],
  };
}
