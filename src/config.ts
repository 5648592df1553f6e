// The configuration contract of PRODUCT.md: the only reader of process.env.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { businessHoursSchema, durationSchema, holidaysSchema, timeZoneSchema } from './calendar';
import { loadProcess } from './process/load-process';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const optional = (schema: z.ZodType<string>) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const slackId = (prefixes: string, what: string) =>
  z.string({ error: `expected a Slack ${what} ID` }).regex(new RegExp(`^[${prefixes}][A-Z0-9]{2,}$`), `expected a Slack ${what} ID (e.g. ${prefixes[0]}0123ABCD)`);

const idList = (prefixes: string, what: string) =>
  z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(slackId(prefixes, what)));

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
const email = z.email({ error: 'expected an email address' });

const withDefault = <T extends z.ZodType>(fallback: string, schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v : fallback), schema);

export const configSchema = z
  .object({
    // A user token (xoxp-) would make the app act, and post, as that person: only the bot token will do.
    SLACK_BOT_TOKEN: z.string({ error: 'required: the bot token (xoxb-…)' }).regex(/^xoxb-/, 'expected a bot token starting with xoxb- (OAuth & Permissions → Bot User OAuth Token)'),
    SLACK_SIGNING_SECRET: optional(z.string().min(8, 'expected the signing secret from Basic Information')),
    SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-/, 'expected an app-level token starting with xapp-')),
    SLACK_API_URL: z.preprocess((v) => v || undefined, httpUrl.default('https://slack.com/api/'))
      .transform((url) => (url.endsWith('/') ? url : `${url}/`)),
    PORT: z.coerce.number({ error: 'expected a port number' }).int().min(0).max(65535).default(3000),
    MONGODB_URI: optional(z.string().regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// or mongodb+srv:// URI')),
    // Without MONGODB_URI: where the embedded database keeps its files (relative to the working directory), or
    // :memory: to keep nothing (tests, demos).
    DATA_DIR: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined), z.string().default('./data')),
    TEAM_CHANNEL_ID: slackId('CG', 'channel'),
    LIAISON_USER_IDS: z.preprocess((v) => v ?? '', idList('UW', 'user')),
    LIAISON_USERGROUP_ID: optional(slackId('S', 'user group')),
    SUPPORT_EMAIL: z.preprocess((v) => v || undefined, email.default('support@goodtime.io')),
    SMTP_URL: optional(z.string().regex(/^smtps?:\/\//, 'expected smtp://user:pass@host:port or smtps://…')),
    MAIL_FROM: z.preprocess((v) => v || undefined, z.string().min(3).default('goodtime-help <goodtime-help@localhost>')),
    // Support's replies: the mailbox the app reads (its address is every email's Reply-To).
    IMAP_URL: optional(
      z
        .string()
        .regex(/^imaps?:\/\/[^@/\s]+@[^/\s]+/, 'expected imap://user:password@host:port or imaps://… (user and password URL-encoded)'),
    ),
    IMAP_MAILBOX: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined), z.string().default('INBOX')),
    /** How often the mailbox is read besides IMAP IDLE's news (a backstop; new mail usually shows at once). */
    IMAP_POLL_INTERVAL: withDefault('60s', durationSchema),
    /** Reply-To of every email to Support; defaults to the IMAP user when that is an address. */
    MAIL_REPLY_TO: optional(email),
    /** Files from Slack threads sent with an email, in all (MB). */
    MAIL_ATTACHMENTS_MAX_MB: withDefault('10', z.coerce.number({ error: 'expected megabytes, e.g. 10' }).min(0).max(25)),
    SUPPORT_WEBHOOK_SECRET: optional(z.string().min(16, 'expected at least 16 characters')),
    CSM_EMAIL: optional(email),
    CSM_SLACK_USER_ID: optional(slackId('UW', 'user')),
    CSM_BOOKING_URL: optional(httpUrl),
    PRODUCT_BOARD_URL: optional(httpUrl),
    PROCESS: z.preprocess((v) => v || undefined, z.string().default('goodtime')),
    BUSINESS_TIMEZONE: withDefault('America/Los_Angeles', timeZoneSchema),
    BUSINESS_HOURS: withDefault('Mon-Fri 09:00-18:00', businessHoursSchema),
    HOLIDAYS: withDefault('US', holidaysSchema),
    QUESTION_ESCALATE_AFTER: withDefault('4h', durationSchema),
    BLOCKER_ESCALATE_AFTER: withDefault('1h', durationSchema),
    /** A question with replies but no accepted answer: "Did this answer it?" after this quiet time (whole days are business days). */
    ANSWER_CONFIRM_AFTER: withDefault('1d', durationSchema),
    /** …then it closes by itself this long after the ask, if the asker never says. */
    ANSWER_AUTOCLOSE_AFTER: withDefault('3d', durationSchema),
    INCIDENT_STALE_AFTER: withDefault('1h', durationSchema),
    // Slack allows "several hundred" posts per minute per workspace; broadcasts pace themselves under this.
    INCIDENT_BROADCAST_PER_MINUTE: withDefault('300', z.coerce.number({ error: 'expected messages per minute, e.g. 300' }).int().min(1).max(6000)),
    INCIDENT_AREAS: z.preprocess(
      (v) => v || undefined,
      z
        .string()
        .default('Scheduling,Calendar sync,Candidate emails,Interviewer availability,ATS integration,Reporting')
        .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
        .pipe(z.array(z.string().max(60, 'each area must be at most 60 characters')).min(1, 'expected at least one area')),
    ),
    /** Votes (the proposer and each *Me too*) at which a feature-request proposal is flagged to the liaisons. */
    REQUEST_PROMOTE_VOTES: withDefault('5', z.coerce.number({ error: 'expected a number of votes, e.g. 5' }).int().min(1).max(1000)),
    /** When the weekly digest is posted (in BUSINESS_TIMEZONE), e.g. "Mon 09:00", or "off". */
    DIGEST_SCHEDULE: withDefault(
      'Mon 09:00',
      z.string().refine((v) => /^(off|(mon|tue|wed|thu|fri|sat|sun)[a-z]*\s+([01]?\d|2[0-3]):[0-5]\d)$/i.test(v.trim()), 'expected a weekday and a time, e.g. "Mon 09:00", or "off"'),
    ),
    JOBS_POLL_INTERVAL: withDefault('2m', durationSchema),
    /** How often interrupted work (a question or ticket a crash or an outage cut short) is looked for and finished. */
    RECOVERY_SWEEP_INTERVAL: withDefault('60s', durationSchema),
    /** First retry delay of an unsent email; doubles per failure (capped at an hour). Tests use a few hundred ms. */
    OUTBOX_RETRY_BASE: withDefault('30s', durationSchema),
    PUBLIC_URL: optional(httpUrl),
    /** Tests only: the crash-point suite names the step at which this process kills itself (src/crash-points.ts). */
    CRASH_AT: z.string().optional(),
    LOG_LEVEL: z.preprocess(
      (v) => v || undefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'expected one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
    ),
  });

export type Config = z.infer<typeof configSchema>;

/** Parse an environment (defaults to process.env, after loading `.env` when present). Throws ConfigError. */
export function loadConfig(env: NodeJS.ProcessEnv = readEnvironment()): Config {
  const result = configSchema.safeParse(env);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => {
        const name = issue.path.join('.') || 'environment';
        const missing = issue.code === 'invalid_type' && env[name] === undefined;
        return missing ? `${name} is missing (${issue.message})` : `${name}: ${issue.message}`;
      });
  if (result.success && result.data.IMAP_URL && !replyAddress(result.data)) {
    problems.push('MAIL_REPLY_TO: required when the IMAP user is not an email address (Support must reply to the mailbox the app reads)');
  }
  if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_SIGNING_SECRET: required unless SLACK_APP_TOKEN (Socket Mode) is set');
  }
  // The vendor process is configuration too: a bad PROCESS is reported with the rest, before anything starts.
  try {
    loadProcess(env.PROCESS?.trim() || 'goodtime');
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  return result.data;
}

/** Where Support replies: MAIL_REPLY_TO, else the IMAP user when it is an address (support-replies@acme.com). */
export function replyAddress(config: Pick<Config, 'IMAP_URL' | 'MAIL_REPLY_TO'>): string | undefined {
  if (config.MAIL_REPLY_TO) return config.MAIL_REPLY_TO;
  if (!config.IMAP_URL) return undefined;
  let user = '';
  try {
    user = decodeURIComponent(new URL(config.IMAP_URL).username);
  } catch {
    return undefined;
  }
  return z.email().safeParse(user).success ? user : undefined;
}

export function readEnvironment(envFile = resolve(process.cwd(), '.env')): NodeJS.ProcessEnv {
  if (existsSync(envFile)) process.loadEnvFile(envFile); // never overrides variables already set
  return process.env;
}

/** mongodb-memory-server's own settings and PATH, so it can find a local mongod binary (never a download). */
export function readMongoMemoryServerEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([key]) => key === 'PATH' || key.startsWith('MONGOMS_')));
}
