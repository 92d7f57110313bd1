import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { SCREENS_DIR } from './browser';

/** Violations axe-core found per screen, by impact: printed once at the end of a test file (the note's figures). */
export const violationsByScreen = new Map<string, Record<string, number>>();

const BLOCKING = new Set(['serious', 'critical']);

/**
 * One state of the product as a user sees it: a screenshot to look at, and axe-core's WCAG 2.1 A/AA
 * rules run on it. Returns the serious and critical violations, each as "rule: target (summary)", so the
 * test can expect none.
 */
export async function screen(page: Page, name: string): Promise<string[]> {
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
  // Legacy mode runs in the page itself: the tests' pages come from browser.newPage(), whose context
  // takes no second page (and the product has no cross-origin frames to reach).
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode(true)
    .analyze();
  const counts: Record<string, number> = {};
  for (const violation of violations)
    counts[violation.impact ?? 'unknown'] = (counts[violation.impact ?? 'unknown'] ?? 0) + violation.nodes.length;
  violationsByScreen.set(name, counts);
  return violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .flatMap((violation) =>
      violation.nodes.map(
        (node) => `${violation.id}: ${node.target.join(' ')} (${node.failureSummary?.split('\n')[1]?.trim() ?? violation.help})`,
      ),
    );
}

/** The per-screen table of every violation found (any impact). */
export function violationReport(): string {
  const rows = [...violationsByScreen].map(([name, counts]) => {
    const text = Object.entries(counts)
      .map(([impact, count]) => `${impact} ${count}`)
      .join(', ');
    return `  ${name.padEnd(34)} ${text || 'none'}`;
  });
  return `axe-core violations per screen (WCAG 2.1 A/AA):\n${rows.join('\n')}`;
}
