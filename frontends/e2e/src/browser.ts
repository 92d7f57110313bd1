import { launchChromium } from '@conversations/testing';
import type { Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';

/** Where the tests leave a screenshot of each main state (outside the repository). */
export const SCREENS_DIR = process.env.SCREENS_DIR ?? '/tmp/screens';

/** The machine's Chromium, with the screenshot folder ready. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  return launchChromium();
}
