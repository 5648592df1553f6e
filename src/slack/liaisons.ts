// Who is a liaison: configured user ids, and the members of a configured user group (cached for a minute).
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger';

const GROUP_CACHE_MS = 60_000;

export function createLiaisonDirectory(options: { web: WebClient; userIds: string[]; usergroupId?: string; logger: Logger }) {
  const configured = new Set(options.userIds);
  let group: { members: Set<string>; loadedAt: number } | undefined;

  const groupMembers = async (): Promise<Set<string>> => {
    if (!options.usergroupId) return new Set();
    const fresh = group && performance.now() - group.loadedAt < GROUP_CACHE_MS;
    if (group && fresh) return group.members;
    try {
      const result = await options.web.usergroups.users.list({ usergroup: options.usergroupId });
      group = { members: new Set(result.users ?? []), loadedAt: performance.now() };
    } catch (error) {
      options.logger.warn({ err: error }, 'could not load the liaison user group; using the last known members');
    }
    return group?.members ?? new Set();
  };

  return {
    async isLiaison(userId: string): Promise<boolean> {
      return configured.has(userId) || (await groupMembers()).has(userId);
    },
    async list(): Promise<string[]> {
      return [...new Set([...configured, ...(await groupMembers())])];
    },
  };
}
