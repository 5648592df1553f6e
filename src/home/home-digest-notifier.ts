// Where the digest goes: the team channel (through the publisher, keyed by its period) and the CSM's inbox (through
// the outbox, keyed the same way).
import type { Outbox } from '../delivery/outbox-worker';
import type { Publisher } from '../delivery/publisher';
import { digestEmailText, digestMessage } from './home-digest-blocks';
import type { DigestNotifier } from './home-digest-service';

export const DIGEST_OUTBOX_PURPOSE = 'digest';

export function createDigestNotifier(deps: { publisher: Publisher; outbox: Pick<Outbox, 'enqueue'>; teamChannelId: string; vendor: string; zone: string; csmEmail?: string }): DigestNotifier {
  return {
    async publish(key, digest) {
      await deps.publisher.publish(key, { channel: deps.teamChannelId }, digestMessage(digest, deps.vendor, deps.zone));
      if (!deps.csmEmail) return;
      await deps.outbox.enqueue(key, { kind: DIGEST_OUTBOX_PURPOSE, id: key }, {
        to: [deps.csmEmail],
        subject: `Weekly digest of the ${deps.vendor} project team — ${key.replace(/^digest:/, '')}`,
        text: digestEmailText(digest, deps.vendor, deps.zone),
        messageId: `<${key.replace(/[^a-z0-9.-]/gi, '.')}@goodtime-help>`,
      });
    },
  };
}
