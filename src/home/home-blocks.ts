// Pure: the App Home for one person — their questions and tickets, the team's queue, insights.
import type { KnownBlock, View } from '@slack/types';
import { QUESTION_CATEGORIES, type Question } from '../questions/question';
import { IncidentIds } from '../incidents/incident-ids';
import { QuestionIds } from '../questions/question-ids';
import { TicketIds } from '../tickets/ticket-ids';
import { link, safeText, slackDate } from '../slack/mrkdwn';
import { context, section } from '../slack/block-kit';
import type { HomeModel, HomeTicket } from './home';

const STATUS_LABEL: Record<Question['status'], string> = {
  open: ':hourglass_flowing_sand: waiting',
  answered: ':white_check_mark: answered',
  escalated: ':arrow_up: escalated',
  withdrawn: ':no_entry_sign: withdrawn',
  deflected: ':bulb: solved by an answer given before',
};
const at = (d: Date, format = '{date_short_pretty} {time}') => slackDate(d.getTime() / 1000, format);
const header = (text: string): KnownBlock => ({ type: 'header', text: { type: 'plain_text', text } });

const questionLine = (q: Question) => {
  const title = safeText(q.text.replace(/\s+/g, ' '), 90);
  const shown = q.cardPermalink ? link(q.cardPermalink, title) : title;
  if (q.status === 'open' && q.firstResponse) return `• ${shown} — :speech_balloon: replied, not yet marked answered`;
  const timer = q.status === 'open' ? ` · escalates ${at(q.dueAt)}` : '';
  return `• ${shown} — ${STATUS_LABEL[q.status]}${timer}`;
};

const ticketLine = (t: HomeTicket) => {
  const title = `${t.key} ${safeText(t.title, 80)}`;
  const shown = t.permalink ? link(t.permalink, title) : title;
  const targets: string[] = [];
  if (t.ackDueAt && !t.acknowledged) targets.push(`GoodTime acknowledges by ${at(t.ackDueAt)}`);
  if (t.updateDueAt) targets.push(t.updatesMissed ? `:warning: update overdue (${t.updatesMissed} missed), next due ${at(t.updateDueAt)}` : `next update due ${at(t.updateDueAt)}`);
  if (t.workaroundMissed) targets.push(':warning: workaround deadline missed');
  else if (t.workaroundDueAt) targets.push(`workaround due ${at(t.workaroundDueAt)}`);
  return `• ${shown} — ${safeText(t.stageLabel, 60)}${targets.map((x) => ` · ${x}`).join('')}`;
};

const minutes = (v: number | null) => (v === null ? '—' : v < 1 ? 'under a minute' : `${Math.round(v)} min`);
const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);

function list<T>(items: T[], line: (item: T) => string, empty: string, max = 8): KnownBlock[] {
  if (items.length === 0) return [context(empty)];
  return [section(items.slice(0, max).map(line).join('\n').slice(0, 2900))];
}

const button = (text: string, actionId: string, primary = false) => ({
  type: 'button' as const,
  text: { type: 'plain_text' as const, text },
  action_id: actionId,
  ...(primary ? { style: 'primary' as const } : {}),
});

/** Everyone asks; liaisons also file tickets and declare incidents from here. */
const homeButtons = (liaison: boolean) => [
  button('Ask a question', QuestionIds.openAsk, true),
  ...(liaison ? [button('File a ticket with Support', TicketIds.openFromHome), button('Declare an incident', IncidentIds.declareFromHome)] : []),
];

export function buildHomeView(model: HomeModel): View {
  const blocks: KnownBlock[] = [
    header('GoodTime Help'),
    section('Ask the project team anything about GoodTime. Unanswered questions go to GoodTime Support on their own.'),
    { type: 'actions', block_id: 'home_actions', elements: homeButtons(model.liaison) },
  ];
  if (model.incidents.length > 0) {
    blocks.push(header('Known issues right now'), section(model.incidents.map((i) => `:rotating_light: *${safeText(i.title, 120)}* — ${safeText(i.status, 40)} · updated ${at(i.updatedAt)}`).join('\n')));
  }
  blocks.push(header('Your questions'), ...list(model.myQuestions, questionLine, 'You have not asked anything yet. Try `/goodtime-help how do I …`'));
  blocks.push(header('Your tickets'), ...list(model.myTickets, ticketLine, 'No tickets with GoodTime Support.'));
  blocks.push({ type: 'divider' }, header('Team queue'), ...list(model.teamQueue, questionLine, 'Nothing waiting. :tada:', 15));
  blocks.push(...(model.teamTickets.length ? [section('*Open tickets*'), ...list(model.teamTickets, ticketLine, '', 15)] : []));
  const i = model.insights;
  blocks.push(
    { type: 'divider' },
    header('Insights (last 30 days)'),
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Questions asked*\n${i.asked} (${i.answered} answered, ${i.deflected} solved by an answer given before, ${percent(i.deflectionRate)})` },
        { type: 'mrkdwn', text: `*Median time to first answer*\n${minutes(i.medianMinutesToFirstAnswer)}` },
        { type: 'mrkdwn', text: `*Escalation rate*\n${percent(i.escalationRate)} (${i.escalated})` },
        { type: 'mrkdwn', text: `*GoodTime acknowledgement targets met*\n${percent(i.vendorTargetsMet)}` },
        { type: 'mrkdwn', text: `*Did it help?*\n${i.ratings ? `${percent(i.satisfaction)} :+1: (${i.ratings} ${i.ratings === 1 ? 'rating' : 'ratings'})` : 'no ratings yet'}` },
      ],
    },
    context(
      i.knowledgeGaps.length
        ? `Knowledge gaps (escalated or unanswered): ${i.knowledgeGaps.map((g) => `${QUESTION_CATEGORIES[g.category]} ${g.escalatedOrOpen}/${g.asked}`).join(' · ')} — worth a session with your CSM.`
        : 'No knowledge gaps: every question got an answer from the team.',
    ),
  );
  return { type: 'home', blocks: blocks.slice(0, 100) };
}
