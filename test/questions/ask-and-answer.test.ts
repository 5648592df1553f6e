import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { renderMessage, waitFor } from '../support/slack-fake';

describe('asking the project team and answering in the thread', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('when ana asks, then a card appears in the team channel and she gets a confirmation with a link', async () => {
    const command = await t.ana.runSlashCommand('How do I reschedule a panel interview?');
    expect(command.ok).toBe(true);
    const modal = await t.ana.waitForModal({ title: 'Ask the project team' });
    expect(modal.value('Your question')).toBe('How do I reschedule a panel interview?');
    await modal.fill('Category', 'How-to');
    await modal.fill('Interview URL', 'https://app.goodtime.io/interviews/123');
    const submitted = await modal.submit();
    expect(submitted.outcome).toBe('closed');

    const card = await waitFor(() => t.fake.messages(t.teamChannel).find((m) => m.text?.includes('reschedule')));
    const text = renderMessage(card);
    expect(text).toContain(`Question from`);
    expect(text).toContain('How-to');
    expect(text).toContain('How do I reschedule a panel interview?');
    expect(text).toContain('escalates to GoodTime Support');
    expect(text).toContain("[I'll take it]");
    expect(text).toContain('[Mark answered]');
    expect(text).toContain('[Escalate to support]');
    const dm = await waitFor(() => t.ana.dms().find((m) => m.text?.includes('Your question is with the project team')));
    expect(dm.text).toMatch(/<https?:\/\/[^|]+\|see it in the team channel>/);
    t.fake.expectNoViolations();
  });
});
