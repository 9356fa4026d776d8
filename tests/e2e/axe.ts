// Accessibility checks with axe-core, run inside the page under test.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

declare global {
  interface Window {
    axe?: { run(context: unknown, options: unknown): Promise<AxeResults> };
  }
}

/**
 * Puts axe-core into the page. `addScriptTag` adds an inline script, which the app's
 * Content-Security-Policy (`script-src 'self'`) refuses; then the same file is evaluated through
 * the DevTools protocol instead, which the policy does not govern. The page's own CSP stays on.
 */
async function injectAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => window.axe !== undefined)) return;
  await page.addScriptTag({ path: axePath }).catch(() => undefined);
  if (await page.evaluate(() => window.axe !== undefined)) return;
  await page.evaluate(await readFile(axePath, 'utf8'));
  if (!(await page.evaluate(() => window.axe !== undefined))) throw new Error('axe-core did not load');
}

/** One line per problem: rule, impact, what it says and where. */
export function describeViolations(violations: Result[]): string {
  return violations
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n` +
        violation.nodes
          .slice(0, 5)
          .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replaceAll('\n', ' ')}`)
          .join('\n'),
    )
    .join('\n  ');
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules, and best practices) on the page and returns the
 * violations whose impact is serious or critical.
 */
export async function seriousAxeViolations(page: Page): Promise<Result[]> {
  await injectAxe(page);
  const results = await page.evaluate(async () => {
    const axe = window.axe;
    if (!axe) throw new Error('axe-core is not in the page');
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
  });
  return results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
}
