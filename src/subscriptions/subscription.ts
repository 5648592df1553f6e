// Who hears about incidents: channels (managed by liaisons) and people (for themselves, in their DM with the app),
// optionally only for some affected areas.

export type SubscriberKind = 'channel' | 'person';

export interface Subscription {
  /** `channel:C…` or `person:U…`: one subscription per place. */
  key: string;
  kind: SubscriberKind;
  /** The channel it was set up in; a person's broadcasts go to their DM with the app, wherever they subscribed. */
  channelId: string;
  userId?: string;
  /** Empty: every area. */
  areas: string[];
  subscribedBy: string;
  subscribedAt: Date;
}

export const subscriptionKey = (kind: SubscriberKind, id: string) => `${kind}:${id}`;

/** A DM with the app has a channel id starting with D; anywhere else a subscription is the channel's. */
export const isDirectMessage = (channelId: string) => channelId.startsWith('D');

/** An empty filter means every area; otherwise the incident must touch at least one of them. */
export function matchesAreas(filter: readonly string[], incidentAreas: readonly string[]): boolean {
  if (filter.length === 0) return true;
  const wanted = new Set(filter.map((a) => a.toLowerCase()));
  return incidentAreas.some((area) => wanted.has(area.toLowerCase()));
}

export type AreaParse = { ok: true; areas: string[] } | { ok: false; message: string };

/**
 * "scheduling, calendar" → the configured areas they name (case-insensitive; an unambiguous start of a name
 * is enough). Nothing given → every area.
 */
export function parseAreas(text: string, known: readonly string[]): AreaParse {
  const asked = text.split(',').map((s) => s.trim()).filter(Boolean);
  const chosen: string[] = [];
  for (const raw of asked) {
    const needle = raw.toLowerCase();
    const exact = known.find((k) => k.toLowerCase() === needle);
    const starts = known.filter((k) => k.toLowerCase().startsWith(needle));
    const match = exact ?? (starts.length === 1 ? starts[0] : undefined);
    if (!match) {
      const why = starts.length > 1 ? `“${raw}” could be ${starts.join(' or ')}` : `I don't know the area “${raw}”`;
      return { ok: false, message: `${why}. Areas: ${known.join(', ')}. Separate several with commas.` };
    }
    if (!chosen.includes(match)) chosen.push(match);
  }
  return { ok: true, areas: chosen };
}

export const describeAreas = (areas: readonly string[]) => (areas.length === 0 ? 'every area' : areas.join(', '));
