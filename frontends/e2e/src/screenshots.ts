/**
 * Screenshots of the main states with every service that exists running (not a test; run by hand):
 *   node -r @swc-node/register frontends/e2e/src/screenshots.ts
 * Writes /tmp/screens/*.png (SCREENS_DIR to change).
 */
import { startInfrastructure } from '@conversations/testing';
import { distOf, FRONTENDS } from '@conversations/static-server';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, SCREENS_DIR } from './browser';
import { startStack } from './stack';

async function main(): Promise<void> {
  const infrastructure = await startInfrastructure();
  process.env.TEST_MONGO_URL = infrastructure.mongoUrl;
  process.env.TEST_NATS_URL = infrastructure.natsUrl;
  const stack = await startStack({ services: ['messaging', 'appointments', 'calls'] });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('console', (message) => message.type() === 'error' && console.log('[browser]', message.text()));
    const downloaded: string[] = [];
    page.on('request', (request) => request.url().endsWith('.js') && downloaded.push(request.url()));
    await page.goto(stack.frontends.shellUrl);
    await page.screenshot({ path: join(SCREENS_DIR, 'full-sign-in.png') });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-panel=inbox] .inbox-row').first().waitFor();
    await page.getByRole('tab', { name: 'Chat' }).click();
    await page
      .locator('[data-panel=inbox] [data-active=true] .inbox-row')
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(() => undefined);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SCREENS_DIR, 'full-chat.png') });
    const firstChat = page.locator('[data-panel=inbox] [data-active=true] .inbox-row').first();
    if (await firstChat.count()) await firstChat.click();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(SCREENS_DIR, 'full-conversation.png') });
    // Composer: placeholder preview.
    await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Hi {{contact.first_name}}, see you soon 🙂');
    await page.screenshot({ path: join(SCREENS_DIR, 'full-composer-preview.png') });
    await page.getByRole('textbox', { name: 'Message', exact: true }).fill('');
    // The lower sections of the details panel.
    await page.locator('[data-testid=section-contact-info] .cv-section-toggle').click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENS_DIR, 'full-details-sections.png') });
    await page.locator('[data-testid=section-notes]').getByRole('button', { name: 'Add Note' }).click();
    await page.getByTestId('note-dialog').waitFor();
    await page.screenshot({ path: join(SCREENS_DIR, 'full-note-dialog.png') });
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=contact-details]').evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENS_DIR, 'full-details-bottom.png') });
    await page.getByRole('tab', { name: 'Calls' }).click();
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(SCREENS_DIR, 'full-calls.png') });
    await page.setViewportSize({ width: 390, height: 800 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENS_DIR, 'full-narrow-conversation.png') });
    console.log(`screenshots in ${SCREENS_DIR}`);
    reportDownloads(downloaded, stack.frontends.servers);
  } finally {
    await browser.close();
    await stack.stop();
    await infrastructure.stop();
  }
}

/** What the page actually downloaded, per frontend origin, with each file's gzip size. */
function reportDownloads(urls: string[], servers: Record<string, { url: string }>): void {
  for (const { project } of FRONTENDS) {
    const origin = servers[project].url;
    const files = [...new Set(urls.filter((url) => url.startsWith(origin + '/')).map((url) => new URL(url).pathname.slice(1)))];
    let raw = 0;
    let gzip = 0;
    for (const file of files) {
      const path = join(distOf(project), file);
      if (!existsSync(path)) continue;
      const content = readFileSync(path);
      raw += content.length;
      gzip += gzipSync(content, { level: 9 }).length;
    }
    const react = files.filter((file) => /react-dom/.test(file));
    console.log(
      `${project.padEnd(16)} ${String(files.length).padStart(2)} files  ${(raw / 1024).toFixed(1)} KB raw  ${(gzip / 1024).toFixed(1)} KB gzip  react-dom chunks: ${react.join(', ') || 'none'}`,
    );
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
