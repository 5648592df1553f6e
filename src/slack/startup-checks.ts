// What the app checks with Slack as it starts: that the bot token works (or a message naming SLACK_BOT_TOKEN and
// what to check), and, as warnings, settings that would quietly break the product: the bot outside the team
// channel, nobody able to act as a liaison.
import type { WebClient } from '@slack/web-api';
import { platformErrorCode } from './messenger';

export interface SlackIdentity {
  botId: string;
  botUserId: string;
}

export interface StartupCheckSettings {
  apiUrl: string;
  teamChannelId: string;
  hasLiaisons: boolean;
}

interface Warner {
  warn(obj: object, msg: string): void;
}

/** A start-up failure whose message is meant for the person running the app (printed without a stack trace). */
export class StartupError extends Error {}

export async function checkSlackSetup(web: WebClient, settings: StartupCheckSettings, logger: Warner): Promise<SlackIdentity> {
  const identity = await authenticate(web, settings.apiUrl);
  await checkTeamChannel(web, settings.teamChannelId, logger);
  if (!settings.hasLiaisons) {
    logger.warn(
      { setting: 'LIAISON_USER_IDS' },
      'No liaisons are configured (LIAISON_USER_IDS or LIAISON_USERGROUP_ID): nobody can file tickets, move their phases, declare incidents or subscribe channels',
    );
  }
  return identity;
}

async function authenticate(web: WebClient, apiUrl: string): Promise<SlackIdentity> {
  try {
    const auth = await web.auth.test();
    return { botId: String(auth.bot_id ?? ''), botUserId: String(auth.user_id ?? '') };
  } catch (error) {
    const code = platformErrorCode(error);
    if (code) {
      throw new StartupError(
        `Slack refused SLACK_BOT_TOKEN (${code}). Check that it is the Bot User OAuth Token under OAuth & Permissions and that the app is installed in the workspace.`,
      );
    }
    throw new StartupError(`Slack could not be reached at ${apiUrl} (${(error as Error).message}). Check the network, a proxy, or SLACK_API_URL.`);
  }
}

async function checkTeamChannel(web: WebClient, channel: string, logger: Warner): Promise<void> {
  try {
    const info = await web.conversations.info({ channel });
    if (info.channel && !info.channel.is_member) {
      logger.warn(
        { setting: 'TEAM_CHANNEL_ID', channel },
        `The bot is not a member of the team channel (TEAM_CHANNEL_ID, #${info.channel.name ?? channel}): questions and tickets cannot be posted there until someone types /invite @goodtime-help in it`,
      );
    }
  } catch (error) {
    const code = platformErrorCode(error) ?? (error as Error).message;
    logger.warn(
      { setting: 'TEAM_CHANNEL_ID', channel, error: code },
      code === 'channel_not_found'
        ? 'The bot cannot see the team channel (TEAM_CHANNEL_ID): a wrong id, or a private channel it has not been invited to'
        : `The team channel (TEAM_CHANNEL_ID) could not be checked (${code})`,
    );
  }
}
