import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema, loadConfig } from '../src/config';

const minimal = { SLACK_BOT_TOKEN: 'xoxb-1-2-3', SLACK_SIGNING_SECRET: 'a-signing-secret', TEAM_CHANNEL_ID: 'C0TEAM01' };

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
};

describe('configuration', () => {
  it('when only the required variables are set, then the contract defaults apply', () => {
    const config = loadConfig(minimal);
    expect(config.PORT).toBe(3000);
    expect(config.SLACK_API_URL).toBe('https://slack.com/api/');
    expect(config.SUPPORT_EMAIL).toBe('support@goodtime.io');
    expect(config.PROCESS).toBe('goodtime');
    expect(config.BUSINESS_TIMEZONE).toBe('America/Los_Angeles');
    expect(config.QUESTION_ESCALATE_AFTER.as('hours')).toBe(4);
    expect(config.BLOCKER_ESCALATE_AFTER.as('hours')).toBe(1);
    expect(config.LIAISON_USER_IDS).toEqual([]);
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('when required variables are missing, then each is named with what is expected', () => {
    const problems = problemsOf({});
    expect(problems.join('\n')).toMatch(/SLACK_BOT_TOKEN is missing/);
    expect(problems.join('\n')).toMatch(/TEAM_CHANNEL_ID is missing \(expected a Slack channel ID/);
    expect(problems.join('\n')).toMatch(/SLACK_SIGNING_SECRET: required unless SLACK_APP_TOKEN/);
  });

  it('when Socket Mode is configured, then no signing secret is needed', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-abc', TEAM_CHANNEL_ID: 'C0TEAM01' });
    expect(config.SLACK_APP_TOKEN).toBe('xapp-1-abc');
  });

  it('when values are malformed, then the message names the variable and the expected form', () => {
    const problems = problemsOf({
      ...minimal,
      PORT: 'eighty',
      TEAM_CHANNEL_ID: '#team',
      LIAISON_USER_IDS: 'U0AAA,bob',
      QUESTION_ESCALATE_AFTER: 'soon',
      BUSINESS_HOURS: 'weekdays',
      BUSINESS_TIMEZONE: 'Mars/Olympus',
      SMTP_URL: 'mail.example.com',
      SUPPORT_EMAIL: 'not-an-email',
    }).join('\n');
    expect(problems).toMatch(/PORT: expected a port number/);
    expect(problems).toMatch(/TEAM_CHANNEL_ID: expected a Slack channel ID/);
    expect(problems).toMatch(/LIAISON_USER_IDS\.1: expected a Slack user ID/);
    expect(problems).toMatch(/QUESTION_ESCALATE_AFTER: expected a positive duration like 4h/);
    expect(problems).toMatch(/BUSINESS_HOURS: .*24x7/);
    expect(problems).toMatch(/BUSINESS_TIMEZONE: expected an IANA time zone/);
    expect(problems).toMatch(/SMTP_URL: expected smtp:\/\//);
    expect(problems).toMatch(/SUPPORT_EMAIL: expected an email address/);
  });

  it('when test-friendly values are given, then seconds and 24x7 are accepted', () => {
    const config = loadConfig({ ...minimal, BUSINESS_HOURS: '24x7', QUESTION_ESCALATE_AFTER: '3s', BLOCKER_ESCALATE_AFTER: 'PT2S', LIAISON_USER_IDS: 'U0AAA, U0BBB' });
    expect(config.QUESTION_ESCALATE_AFTER.as('seconds')).toBe(3);
    expect(config.BLOCKER_ESCALATE_AFTER.as('seconds')).toBe(2);
    expect(config.LIAISON_USER_IDS).toEqual(['U0AAA', 'U0BBB']);
  });
});

describe('documentation of the configuration', () => {
  const variables = Object.keys(configSchema.shape).sort();
  it('when a variable exists, then .env.example and the README table document it', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const inExample = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]).sort();
    expect(inExample).toEqual(variables);
    for (const name of variables) expect(readme).toContain(`\`${name}\``);
  });
});
