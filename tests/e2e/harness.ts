// Small pieces every e2e test uses: failure reports and the web app's status line.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { inject, type TestContext } from 'vitest';

/** Lines of the server log shown with a failure. */
const LOG_TAIL_LINES = 40;

/**
 * On failure, print the server's last log lines (and where the whole log is) plus whatever
 * `describeBrowser` tells about the page, so a red test in CI can be read without a rerun.
 */
export function printServerLogOnFailure(
  onTestFailed: TestContext['onTestFailed'],
  describeBrowser?: () => string,
): void {
  onTestFailed(() => {
    const logPath = inject('serverLogPath');
    let tail = '(no server log)';
    try {
      tail = readFileSync(logPath, 'utf8').trimEnd().split('\n').slice(-LOG_TAIL_LINES).join('\n');
    } catch {
      // the log is gone; its path is still printed
    }
    console.error(
      [
        `--- browser ---\n${describeBrowser?.() ?? '(no browser)'}`,
        `--- server log (last ${LOG_TAIL_LINES} lines of ${logPath}) ---\n${tail}`,
      ].join('\n'),
    );
  });
}

/**
 * Waits until `[data-testid="status"]` reports the outcome of sending (`data-tone` `success` or
 * `error`) and throws, with the status text, unless it is a success.
 */
export async function waitForSentStatus(page: Page, timeoutMs = 30_000): Promise<void> {
  const status = page.locator('[data-testid="status"]');
  await page
    .locator('[data-testid="status"][data-tone="success"], [data-testid="status"][data-tone="error"]')
    .waitFor({ timeout: timeoutMs });
  const tone = await status.getAttribute('data-tone');
  if (tone !== 'success') {
    throw new Error(`The status reports ${tone}: ${(await status.textContent())?.trim()}`);
  }
}
