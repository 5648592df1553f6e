// Slack names and job names of App Home and the team's insights.
export const HomeCommands = { insights: 'insights', digest: 'digest' } as const;

export const HOME_JOBS = { digest: 'home.digest' } as const;
