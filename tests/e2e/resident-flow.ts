// Walking the resident map's steps (welcome → category → place → story and photo → optional
// questions → Send) through their test hooks, by mouse or by touch.
import type { Page } from 'playwright-core';

export type Press = 'click' | 'tap';

const press = (page: Page, selector: string, how: Press) =>
  how === 'tap' ? page.locator(selector).tap() : page.locator(selector).click();

/**
 * Chooses category `key` from wherever the panel is: the welcome ("Add a place"), the thanks
 * after a send ("Add another place") or the categories themselves. Choosing one moves on to
 * "Where is it?".
 */
export async function chooseCategory(page: Page, key: string, how: Press = 'click'): Promise<void> {
  const category = page.locator(`[data-testid="category-${key}"]`);
  const start = page.locator('[data-testid="add-place"], [data-testid="add-another"]');
  await category.or(start).first().waitFor();
  if ((await category.count()) === 0)
    await press(page, '[data-testid="add-place"], [data-testid="add-another"]', how);
  await press(page, `[data-testid="category-${key}"]`, how);
  await page.locator('[data-testid="flow-step"][data-step="place"]').waitFor();
}

/** Presses Next until `selector` shows (the story, the background questions), at most `max` times. */
export async function nextUntil(page: Page, selector: string, how: Press = 'click', max = 3): Promise<void> {
  const target = page.locator(selector);
  for (let presses = 0; presses < max; presses++) {
    if (await target.isVisible()) return;
    await press(page, '[data-testid="step-next"]', how);
  }
  await target.waitFor();
}

/** Waits until the map has stopped moving (it eases when the panel's height changes). */
export async function waitForMapStill(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const map = window.__nabolagMap as unknown as { isMoving(): boolean } | undefined;
      return map !== undefined && !map.isMoving();
    },
    undefined,
    { timeout: 10_000 },
  );
  // The sheet settles in 220 ms (bottom-sheet.css); the map's ease has the same length.
  await page.waitForTimeout(250);
}
