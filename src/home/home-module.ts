// The App Home assembled: what one person sees when they open the app.
import type { CapabilityModule } from '../capability';
import { homeListeners } from './home-listeners';
import { createHomeService, type HomeService, type HomeServiceDeps } from './home-service';

export function createHomeModule(deps: HomeServiceDeps): CapabilityModule<HomeService> {
  const service = createHomeService(deps);
  return { service, listeners: homeListeners(service) };
}
