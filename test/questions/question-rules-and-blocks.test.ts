import { DateTime, Duration } from 'luxon';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../src/calendar';
import { slaTimers, type Question } from '../../src/questions/question';
import { buildAskModal, buildChooseAnswerModal, buildQuestionCard } from '../../src/questions/question-blocks';
import { silentLogger, startSlackFake, type SlackFake } from '@goodtime-help/slack-stand-in';

const PT = 'America/Los_Angeles';
const calendar = createBusinessCalendar({ zone: PT, hours: 'Mon-Fri 09:00-18:00', holidays: 'US' });
const sla = { questionEscalateAfter: Duration.fromObject({ hours: 4 }), blockerEscalateAfter: Duration.fromObject({ hours: 1 }) };
const pt = (iso: string) => DateTime.fromISO(iso, { zone: PT });

describe('the internal SLA on the team calendar', () => {
  it('when a question comes Friday 17:00 PT, then it escalates Monday 12:00 and reminds at 75 % (Monday 11:00)', () => {
    const timers = slaTimers(calendar, pt('2026-11-20T17:00'), false, sla);
    expect(timers.dueAt.toISO()).toBe(pt('2026-11-23T12:00').toISO());
    expect(timers.remindAt.toISO()).toBe(pt('2026-11-23T11:00').toISO());
  });

  it('when a question comes at night or on a holiday, then the clock starts at the next opening', () => {
    const night = slaTimers(calendar, pt('2026-11-24T22:30'), false, sla);
    expect(night.slaStartedAt.toISO()).toBe(pt('2026-11-25T09:00').toISO());
    expect(night.dueAt.toISO()).toBe(pt('2026-11-25T13:00').toISO());
    const thanksgiving = slaTimers(calendar, pt('2026-11-26T10:00'), true, sla);
    expect(thanksgiving.dueAt.toISO()).toBe(pt('2026-11-27T10:00').toISO());
  });
});

const longest = (n: number) => 'w'.repeat(n);
const maximal: Question = {
  id: '0123456789abcdef01234567',
  requesterId: 'U0REQUESTER',
  text: `${'<!channel> & '.repeat(100)}${longest(3000)}`.slice(0, 3000),
  category: 'scheduling-blocker',
  blocked: true,
  context: {
    interviewUrl: `https://app.goodtime.io/${longest(470)}`,
    candidate: longest(200),
    interviewer: longest(200),
    position: longest(200),
    interviewTemplate: longest(200),
    dateFrom: '2026-11-20',
    dateTo: '2026-11-21',
    errorMessage: `\`${longest(1999)}`,
  },
  status: 'open',
  createdAt: new Date(),
  slaStartedAt: new Date(),
  remindAt: new Date(),
  dueAt: new Date(),
  claimedBy: 'U0CLAIMER',
  replies: Array.from({ length: 20 }, (_, i) => ({ userId: `U0TEAM${i}`, ts: `17000000${i}.000100`, text: longest(3000), at: new Date() })),
  reopenCount: 0,
  incidentId: 'inc',
  incidentTitle: longest(200),
};

describe('question blocks stay within what Slack accepts', () => {
  let fake: SlackFake;
  let web: WebClient;
  beforeAll(async () => {
    fake = await startSlackFake();
    web = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, logger: silentLogger(), retryConfig: { retries: 0 } });
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('when every field is at its maximum, then the card is accepted and shows no raw mention', async () => {
    const channel = fake.addChannel({ name: 'limits' }).id;
    const pastedLog = Array.from({ length: 750 }, () => '<a>').join('\n'); // 3000 characters of short escaped lines
    await expect(web.chat.postMessage({ channel, ...buildQuestionCard({ ...maximal, text: pastedLog }) })).resolves.toMatchObject({ ok: true });
    for (const status of ['open', 'answered', 'escalated', 'withdrawn'] as const) {
      const card = buildQuestionCard({ ...maximal, status, answer: { userId: 'U1', ts: '1', text: 'x', acceptedBy: 'U2', at: new Date() }, escalation: { at: new Date(), by: 'sla', ticketKey: 'GT-1001' } });
      expect(JSON.stringify(card)).not.toContain('<!channel>');
      await expect(web.chat.postMessage({ channel, ...card })).resolves.toMatchObject({ ok: true });
    }
    fake.expectNoViolations();
  });

  it('when the ask, edit and choose-answer modals are built with maximal content, then Slack accepts them', async () => {
    const user = fake.addUser({ name: 'limits' }).id;
    const incidents = Array.from({ length: 12 }, (_, i) => ({ id: `inc${i}`, title: longest(300) }));
    const ask = buildAskModal({ prefill: maximal, callbackId: 'question.ask', privateMetadata: '{}', incidents });
    await expect(web.views.open({ trigger_id: fake.issueTriggerId(user), view: ask })).resolves.toMatchObject({ ok: true });
    const choose = buildChooseAnswerModal(maximal, '{}');
    await expect(web.views.open({ trigger_id: fake.issueTriggerId(user), view: choose })).resolves.toMatchObject({ ok: true });
    fake.expectNoViolations();
  });
});
