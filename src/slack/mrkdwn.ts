// Everything a person typed goes through here before it reaches mrkdwn: no mention, broadcast or disguised
// link can be injected, and texts fit Slack's limits.
import { DateTime } from 'luxon';

const ZERO_WIDTH_SPACE = '\u200b';

/** Escape user text for mrkdwn: &, <, > become entities; @channel/@here/@everyone are defused. */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, `@${ZERO_WIDTH_SPACE}$1`);
}

/** Cut text to at most `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** Escaped and cut to fit: escaping first so entities are never split. */
export function safeText(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  return truncate(escaped, max).replace(/&[a-z]*…$/, '…');
}

/** Quote a multi-line user text as a mrkdwn block quote, at most `max` characters including the quote marks. */
export function quote(text: string, max = 2900): string {
  const quoted = escapeMrkdwn(text)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
  return quoted.length <= max ? quoted : truncate(quoted, max).replace(/&[a-z]*…$/, '…');
}

export const mention = (userId: string) => `<@${userId}>`;
/** A link whose URL we produced or validated (http/https only); the label is escaped. */
export function link(url: string, label: string): string {
  if (!/^https?:\/\//i.test(url)) return escapeMrkdwn(label);
  return `<${url.replace(/[<>|]/g, encodeURIComponent)}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

/** Slack renders `<!date^unix^format|fallback>` in each reader's own time zone; the fallback is UTC. */
export function slackDate(epochSeconds: number, format = '{date_short_pretty} at {time}', fallback?: string): string {
  const seconds = Math.floor(epochSeconds);
  const utc = DateTime.fromSeconds(seconds, { zone: 'utc' }).toFormat("EEE d MMM yyyy, HH:mm 'UTC'");
  return `<!date^${seconds}^${format}|${fallback ?? utc}>`;
}

/** A moment in each reader's own time zone, e.g. "Today at 14:05". */
export const slackTime = (date: Date) => slackDate(date.getTime() / 1000, '{date_short_pretty} at {time}');
