import { chromium, type Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';

/** Where the tests leave a screenshot of each main state (outside the repository). */
export const SCREENS_DIR = process.env.SCREENS_DIR ?? '/tmp/screens';

/** The machine's Debian Chromium (installed by .ci/run), never a downloaded browser. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
