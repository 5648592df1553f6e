// A real Chromium for tests, from npm (@sparticuz/chromium ships a compressed build that unpacks on first use), so
// `npm install && npm test` needs nothing from the system. CHROMIUM_PATH points at another build when set.
import { chromium as playwright, type Browser } from 'playwright-core';

const OUR_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchChromium(): Promise<Browser> {
  const given = process.env.CHROMIUM_PATH;
  if (given) return playwright.launch({ executablePath: given, args: OUR_ARGS });
  const packaged = (await import('@sparticuz/chromium')).default;
  return playwright.launch({ executablePath: await packaged.executablePath(), args: [...packaged.args, ...OUR_ARGS] });
}
