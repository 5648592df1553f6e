// Pure: the weekly digest as a team-channel message and as the CSM's email (the same figures, in words).
import { DateTime } from 'luxon';
import { QUESTION_CATEGORIES } from '../questions/question';
import { section, type SlackMessage } from '../slack/block-kit';
import { truncate } from '../slack/mrkdwn';
import { voteCount } from '../tickets/ticket';
import type { AgeBuckets, Digest } from './home-digest';

const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);
const minutes = (v: number | null) => (v === null ? '—' : v < 1 ? 'under a minute' : `${Math.round(v)} min`);
const day = (d: Date, zone: string) => DateTime.fromJSDate(d).setZone(zone).toFormat('ccc d LLL');
const aged = (b: AgeBuckets) => {
  const total = b.underADay + b.oneToThreeDays + b.overThreeDays;
  return total === 0 ? 'none' : `${total} (${b.underADay} under a day, ${b.oneToThreeDays} 1–3 days, ${b.overThreeDays} over 3 days)`;
};

/** The digest's lines, plain enough for an email and a Slack message alike. */
export function digestLines(d: Digest, vendor: string, zone: string): string[] {
  const i = d.insights;
  const t = d.targets;
  const gaps = i.knowledgeGaps.length
    ? i.knowledgeGaps.map((g) => `${QUESTION_CATEGORIES[g.category]} ${g.escalatedOrOpen}/${g.asked}`).join(' · ')
    : 'none: every question got an answer from the team';
  return [
    `Open now: questions ${aged(d.openQuestions)}; tickets with ${vendor} ${aged(d.openTickets)}`,
    `Asked: ${i.asked} · answered ${i.answered} · solved by an answer given before ${i.deflected} (${percent(i.deflectionRate)}) · escalated ${i.escalated} (${percent(i.escalationRate)})`,
    `First response (median): ${minutes(i.medianMinutesToFirstAnswer)}`,
    `${vendor} targets: acknowledgement ${t.acknowledgementMet} met, ${t.acknowledgementMissed} missed · updates ${t.updatesMet} met, ${t.updatesMissed} missed · workaround ${t.workaroundMet} met, ${t.workaroundMissed} missed`,
    `Did it help? ${i.ratings ? `${percent(i.satisfaction)} 👍 (${i.ratings} ${i.ratings === 1 ? 'rating' : 'ratings'})` : 'no ratings'}`,
    `Knowledge gaps (escalated or unanswered): ${gaps}`,
    `Top feature-request proposals: ${d.topProposals.length ? d.topProposals.map((p) => `${p.key} ${truncate(p.title, 60)} (${voteCount(p.votes)})`).join(' · ') : 'none open'}`,
    `Period: ${day(d.from, zone)} – ${day(d.to, zone)}`,
  ];
}

export function digestMessage(d: Digest, vendor: string, zone: string): SlackMessage {
  const lines = digestLines(d, vendor, zone);
  const text = `:bar_chart: *Weekly digest* — ${day(d.from, zone)} to ${day(d.to, zone)}`;
  return { text: `${text}\n${lines.join('\n')}`, blocks: [section(`${text}\n${lines.map((l) => `• ${l}`).join('\n')}`)] };
}

export function digestEmailText(d: Digest, vendor: string, zone: string, teamChannelLink?: string): string {
  return [
    `The project team's weekly digest for ${day(d.from, zone)} – ${day(d.to, zone)}, for our review with you.`,
    '',
    ...digestLines(d, vendor, zone),
    ...(teamChannelLink ? ['', `Team channel: ${teamChannelLink}`] : []),
    '',
  ].join('\n');
}
