// One Chromium (Debian's, via playwright-core) per test file, in a fresh profile, that can reach
// only the test server: every other request is aborted, so no test touches the network (basemap
// tiles from Kartverket included — the map must work without them).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserOptions {
  baseUrl: string;
  executablePath: string;
  /** CSS pixels; a laptop by default. */
  viewport?: { width: number; height: number };
  /** A touch screen, as on a phone or tablet (`page.touchscreen`, `locator.tap`). */
  hasTouch?: boolean;
  /** A phone's browser: the meta viewport is honoured and the pointer is coarse. */
  isMobile?: boolean;
  /** e.g. `nb-NO`; the browser's default when left out. */
  locale?: string;
  /** Service workers are blocked by default: Playwright's routing does not see their requests. */
  serviceWorkers?: 'allow' | 'block';
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page (`pageerror`): a test expects none. */
  pageErrors: string[];
  /** `console.error` messages (other than aborted off-site requests), for failure reports. */
  consoleErrors: string[];
  /** Requests aborted because they were not to the test server. */
  blockedRequests: string[];
  /** A summary of the above, for failure messages. */
  describeProblems(): string;
  close(): Promise<void>;
}

export async function openBrowser(options: BrowserOptions): Promise<BrowserSession> {
  const origin = new URL(options.baseUrl).origin;
  const profileDirectory = await mkdtemp(join(tmpdir(), 'nabolag-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profileDirectory, {
    executablePath: options.executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    hasTouch: options.hasTouch ?? false,
    isMobile: options.isMobile ?? false,
    serviceWorkers: options.serviceWorkers ?? 'block',
    ...(options.locale ? { locale: options.locale } : {}),
  });

  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const blockedRequests: string[] = [];

  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) {
      await route.continue();
      return;
    }
    blockedRequests.push(url);
    await route.abort('blockedbyclient');
  });

  const watch = (page: Page) => {
    page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}\n${error.stack ?? ''}`));
    page.on('console', (message) => {
      // Chromium logs each aborted off-site request as an error; those are counted separately.
      if (message.type() === 'error' && !message.text().includes('ERR_BLOCKED_BY_CLIENT')) {
        consoleErrors.push(message.text());
      }
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());

  return {
    context,
    page,
    pageErrors,
    consoleErrors,
    blockedRequests,
    describeProblems() {
      const blockedOrigins = [...new Set(blockedRequests.map((url) => new URL(url).origin))];
      return [
        `page errors: ${pageErrors.length > 0 ? `\n  ${pageErrors.join('\n  ')}` : 'none'}`,
        `console errors: ${consoleErrors.length > 0 ? `\n  ${consoleErrors.slice(-20).join('\n  ')}` : 'none'}`,
        `blocked off-site requests: ${blockedRequests.length} (${blockedOrigins.join(', ') || 'none'})`,
      ].join('\n');
    },
    async close() {
      await context.close();
      await rm(profileDirectory, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}
