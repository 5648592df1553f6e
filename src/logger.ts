// pino, JSON by default and pretty in a terminal. Secrets and personal data are redacted by key, and the
// code logs ids, never message text, names or emails.
import pino, { type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

const REDACTED_KEYS = [
  'token', 'botToken', 'appToken', 'signingSecret', 'secret', 'password', 'authorization', 'cookie',
  'email', 'emails', 'text', 'question', 'answer', 'name', 'real_name', 'smtpUrl', 'uri',
];

export const redactPaths = [
  ...REDACTED_KEYS,
  ...REDACTED_KEYS.map((key) => `*.${key}`),
  'headers.authorization', 'req.headers.authorization', 'req.headers["x-slack-signature"]',
];

export function createLogger(options: { level: LevelWithSilent; pretty?: boolean; destination?: pino.DestinationStream }): Logger {
  const pretty = options.pretty ?? (process.stdout.isTTY === true && !options.destination);
  const base = { level: options.level, redact: { paths: redactPaths, censor: '[redacted]' }, base: { app: 'goodtime-help' } };
  if (options.destination) return pino(base, options.destination);
  if (pretty) return pino({ ...base, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,app' } } });
  return pino(base);
}
