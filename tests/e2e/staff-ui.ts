// Staff pages driven in the browser: signing a browser in with the API's session cookie (no
// sign-in form to fill in each test) and drawing a project area in the area editor.
import type { Page } from 'playwright-core';
import type { BrowserSession } from './browser.ts';
import { signInAsAdmin } from './staff-api.ts';

/** Signs `session`'s browser in as the e2e admin: the session cookie of an API sign-in, set on the test server. */
export async function signInBrowserAsAdmin(session: BrowserSession, baseUrl: string): Promise<void> {
  const { cookie } = await signInAsAdmin(baseUrl);
  await session.context.addCookies(
    cookie.split('; ').map((pair) => {
      const [name = '', ...value] = pair.split('=');
      return { name, value: value.join('='), url: baseUrl };
    }),
  );
}

/** Clicks the area editor's map at the given fractions of its width and height, one corner each. */
export async function drawArea(page: Page, corners: Array<[number, number]>): Promise<void> {
  const editor = page.locator('[data-testid="area-editor"]');
  await page.locator('[data-testid="area-editor"][data-ready="true"]').waitFor({ timeout: 60_000 });
  await editor.scrollIntoViewIfNeeded();
  const box = await editor.boundingBox();
  if (!box) throw new Error('the area editor has no box');
  for (const [index, [x, y]] of corners.entries()) {
    await page.mouse.click(box.x + box.width * x, box.y + box.height * y);
    await page
      .locator(`[data-testid="area-editor"][data-vertices="${index + 1}"]`)
      .waitFor({ timeout: 5000 });
  }
}
