// Slack's <!date^epoch^format|fallback> as a reader sees it: the tokens of the format in the reader's own time zone
// (https://api.slack.com/reference/surfaces/formatting#date-formatting), "today" / "yesterday" / "tomorrow" for the
// *_pretty tokens, 12-hour times as Slack shows them to an English-speaking reader.
export interface DateReader {
  /** IANA zone of the reader (their Slack profile's tz). */
  zone: string;
  /** Now, in ms since the epoch (the workspace clock). */
  now: number;
}

const part = (at: Date, zone: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-US', { timeZone: zone, ...options }).format(at);
const dayKey = (at: Date, zone: string) => part(at, zone, { year: 'numeric', month: '2-digit', day: '2-digit' });

function pretty(at: Date, reader: DateReader): string | undefined {
  const day = dayKey(at, reader.zone);
  const offsets: [number, string][] = [[0, 'today'], [-1, 'yesterday'], [1, 'tomorrow']];
  return offsets.find(([days]) => dayKey(new Date(reader.now + days * 86_400_000), reader.zone) === day)?.[1];
}

function ago(at: Date, now: number): string {
  const seconds = Math.round((now - at.getTime()) / 1000);
  const future = seconds < 0;
  const abs = Math.abs(seconds);
  const [amount, unit] = abs < 60 ? [abs, 'second'] : abs < 3600 ? [Math.round(abs / 60), 'minute'] : abs < 86_400 ? [Math.round(abs / 3600), 'hour'] : [Math.round(abs / 86_400), 'day'];
  const text = `${amount} ${unit}${amount === 1 ? '' : 's'}`;
  return future ? `in ${text}` : `${text} ago`;
}

/** The format with each token replaced, as the reader sees it. */
export function formatSlackDate(epochSeconds: number, format: string, reader: DateReader): string {
  const at = new Date(epochSeconds * 1000);
  const z = reader.zone;
  const short = part(at, z, { month: 'short', day: 'numeric', year: 'numeric' });
  const long = part(at, z, { month: 'long', day: 'numeric', year: 'numeric' });
  const weekdayLong = `${part(at, z, { weekday: 'long' })}, ${long}`;
  const tokens: Record<string, string> = {
    date_num: part(at, z, { year: 'numeric', month: '2-digit', day: '2-digit' }).replace(/(\d+)\/(\d+)\/(\d+)/, '$3-$1-$2'),
    date: long,
    date_short: short,
    date_long: weekdayLong,
    date_pretty: pretty(at, reader) ?? long,
    date_short_pretty: pretty(at, reader) ?? short,
    date_long_pretty: pretty(at, reader) ?? weekdayLong,
    time: part(at, z, { hour: 'numeric', minute: '2-digit' }),
    time_secs: part(at, z, { hour: 'numeric', minute: '2-digit', second: '2-digit' }),
    ago: ago(at, reader.now),
  };
  return format.replace(/\{(\w+)\}/g, (whole, token: string) => tokens[token] ?? whole);
}
