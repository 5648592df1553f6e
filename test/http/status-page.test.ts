import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';
import { waitFor } from '@goodtime-help/slack-stand-in';
import { declareIncident, fillDeclareForm, postUpdate, waitForBroadcastsToDrain } from '../incidents/incident-steps';

const PAST_TITLE = 'Reporting exports fail <script>window.hacked = 1</script> & time out';
const CURRENT_TITLE = 'Calendar sync delayed';

interface StatusJson {
  current: { title: string; status: string; updates: { status: string; message: string }[] }[];
  history: { title: string; status: string; resolvedAt: string | null }[];
}

describe('the status page, as a person sees it in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  const statusJson = async () => (await (await fetch(`${t.app.url}/status.json`)).json()) as StatusJson;

  beforeAll(async () => {
    t = await startTestApp({ INCIDENT_BROADCAST_PER_MINUTE: '1200', BUSINESS_TIMEZONE: 'America/Los_Angeles' });
    const past = await declareIncident(t, t.lia, { title: PAST_TITLE, impact: 'Degraded performance', areas: ['Reporting'], message: 'Exports over 10k rows time out. Use date filters meanwhile.' });
    await postUpdate(t, t.lia, past, ':dart: Identified', 'A slow query in the export job; fix under way.');
    await postUpdate(t, t.lia, past, ':white_check_mark: Resolved', 'Exports work again, including large ones.');
    await declareIncident(t, t.lia, { title: CURRENT_TITLE, impact: 'Major outage', areas: ['Calendar sync'], message: 'Invites are not reaching Google calendars.\nKeep booking; they will sync.' });
    await waitForBroadcastsToDrain(t.app.connection);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('when a person opens it on a phone, then they see the current incident first, history below, readable and escaped', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const response = await page.goto(`${t.app.url}/status`);
    expect(response?.status()).toBe(200);

    await expect(page.locator('h1').innerText()).resolves.toBe('GoodTime status');
    await expect(page.locator('.summary').innerText()).resolves.toBe('1 active incident');
    await expect(page.locator('h2').allInnerTexts()).resolves.toEqual(['Current incidents', 'Past incidents']);
    const current = page.locator('section:has(#current) article');
    await expect(current.count()).resolves.toBe(1);
    const currentText = await current.first().innerText();
    expect(currentText).toContain(CURRENT_TITLE);
    expect(currentText).toContain('Investigating');
    expect(currentText).toContain('Major outage');
    expect(currentText).toContain('Invites are not reaching Google calendars.\nKeep booking; they will sync.');

    const past = page.locator('section:has(#history) article');
    const pastText = await past.first().innerText();
    expect(pastText).toContain(PAST_TITLE);
    expect(pastText).toMatch(/Resolved after \d+ min/);
    // Newest update first: Resolved, Identified, then the declaration.
    expect(pastText.indexOf('Exports work again')).toBeLessThan(pastText.indexOf('A slow query'));
    expect(pastText.indexOf('A slow query')).toBeLessThan(pastText.indexOf('Exports over 10k rows'));

    // The title's <script> is text, not code; nothing else runs or loads.
    await expect(page.evaluate('window.hacked')).resolves.toBeUndefined();
    await expect(page.locator('script').count()).resolves.toBe(0);
    expect(requests).toEqual([`${t.app.url}/status`]);

    // Readable on a phone: nothing wider than the screen, body text at 16 px.
    const layout = (await page.evaluate(
      '({ scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth, fontSize: getComputedStyle(document.body).fontSize })',
    )) as { scrollWidth: number; width: number; fontSize: string };
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
    expect(layout.fontSize).toBe('16px');
    await page.close();
  });

  it('when the team channel has not seen an incident yet, then neither the page nor the JSON shows it', async () => {
    t.fake.failNext('chat.postMessage', { status: 429, retryAfter: 3 });
    const modal = await fillDeclareForm(t, t.lia, { title: 'Candidate emails queued', impact: 'Partial outage', areas: ['Candidate emails'], message: 'Confirmation emails to candidates are delayed by about 20 minutes.' });
    expect((await modal.submit()).outcome).toBe('closed');
    await waitFor(() => t.fake.calls.some((c) => c.method === 'chat.postMessage' && c.status === 429));

    const before = await statusJson();
    expect(before.current.map((i) => i.title)).toEqual([CURRENT_TITLE]);
    expect(await (await fetch(`${t.app.url}/status`)).text()).not.toContain('Candidate emails queued');

    const after = await waitFor(async () => {
      const json = await statusJson();
      return json.current.length === 2 && json;
    }, { timeout: 10_000, interval: 200 });
    expect(after.current.map((i) => i.title)).toEqual(['Candidate emails queued', CURRENT_TITLE]);
    expect(after.history.map((i) => i.title)).toEqual([PAST_TITLE]);
    expect(after.history[0]?.resolvedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(JSON.stringify(after)).not.toContain(t.lia.id);
  });
});
