// Talking to the web app's map through its test hooks: `[data-testid="map"]` (with
// `data-map-loaded` and `data-contributions`) and `window.__nabolagMap`, the MapLibre map.
//
// Functions passed to `page.evaluate` run in the browser: they are self-contained (no helpers
// from this file, no inner named functions) because only their source text reaches the page.
import type { Page } from 'playwright-core';
import type { LngLat } from './area.ts';
import { waitForMapStill } from './resident-flow.ts';

/** The rendered layer of point contributions. */
export const CONTRIBUTION_POINTS_LAYER = 'contributions-points';

/** The part of MapLibre's `Map` the tests use. */
interface MapHook {
  project(lngLat: LngLat): { x: number; y: number };
  getContainer(): HTMLElement;
  getCanvas(): HTMLCanvasElement;
  getLayer(id: string): unknown;
  getPaintProperty(layer: string, property: string): unknown;
  queryRenderedFeatures(
    geometryOrOptions?: [[number, number], [number, number]] | { layers?: string[] },
    options?: { layers?: string[] },
  ): Array<{ id?: string | number; properties: Record<string, unknown> | null }>;
  getStyle(): { layers: Array<{ id: string }> };
  isMoving(): boolean;
  getCenter(): { toArray(): [number, number] };
  jumpTo(options: { center: LngLat }): void;
}

declare global {
  interface Window {
    __nabolagMap?: MapHook;
  }
}

/** Waits until the map says it has loaded and the MapLibre map is exposed. */
export async function waitForMap(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('[data-testid="map"][data-map-loaded="true"]').waitFor({ timeout: timeoutMs });
  await page.waitForFunction(() => window.__nabolagMap !== undefined, undefined, { timeout: timeoutMs });
}

/**
 * How many public places the map's page holds (`data-contributions`). The resident map draws
 * vector tiles and loads the whole list only once it answers input, so this waits for the count.
 */
export async function contributionCount(page: Page, timeoutMs = 30_000): Promise<number> {
  const map = page.locator('[data-testid="map"][data-contributions]');
  await map.waitFor({ state: 'attached', timeout: timeoutMs });
  return Number(await map.getAttribute('data-contributions'));
}

export interface MapTarget {
  /** Page coordinates in CSS pixels, for `page.mouse.click`. */
  x: number;
  y: number;
  lngLat: LngLat;
}

/**
 * The first candidate that can be clicked as empty map: inside the map (away from its edges and
 * controls), not under a panel, and with no contribution already drawn within `clearancePx`
 * (a database reused across runs keeps earlier pins). Throws, listing why, when none qualifies.
 */
export async function findEmptyMapSpot(
  page: Page,
  candidates: LngLat[],
  clearancePx = 20,
): Promise<MapTarget> {
  await waitForMapStill(page);
  const result = await page.evaluate(
    ({ candidates, clearancePx, layer }) => {
      const map = window.__nabolagMap;
      if (!map) return { problems: ['window.__nabolagMap is not set'] };
      const rect = map.getContainer().getBoundingClientRect();
      const canvas = map.getCanvas();
      const margin = 60;
      const problems: string[] = [];
      for (const lngLat of candidates) {
        const local = map.project(lngLat);
        const x = rect.left + local.x;
        const y = rect.top + local.y;
        const where = `${lngLat[0].toFixed(5)},${lngLat[1].toFixed(5)} -> (${Math.round(x)}, ${Math.round(y)})`;
        if (
          local.x < margin ||
          local.y < margin ||
          local.x > rect.width - margin ||
          local.y > rect.height - margin
        ) {
          problems.push(
            `${where}: outside the visible map ${Math.round(rect.width)}×${Math.round(rect.height)}`,
          );
          continue;
        }
        const hit = document.elementFromPoint(x, y);
        if (hit !== canvas) {
          problems.push(`${where}: covered by <${hit?.tagName.toLowerCase()} class="${hit?.className}">`);
          continue;
        }
        const nearby = map.getLayer(layer)
          ? map.queryRenderedFeatures(
              [
                [local.x - clearancePx, local.y - clearancePx],
                [local.x + clearancePx, local.y + clearancePx],
              ],
              { layers: [layer] },
            )
          : [];
        if (nearby.length > 0) {
          problems.push(`${where}: ${nearby.length} contribution(s) already there`);
          continue;
        }
        return { target: { x, y, lngLat } };
      }
      return { problems };
    },
    { candidates, clearancePx, layer: CONTRIBUTION_POINTS_LAYER },
  );
  if ('target' in result && result.target) return result.target;
  throw new Error(
    `No empty spot of the project area to click on the map:\n  ${result.problems?.join('\n  ')}`,
  );
}

export interface RenderedContribution {
  id: string | number | undefined;
  properties: Record<string, unknown>;
}

/** The point contributions the map has drawn (in view), as `queryRenderedFeatures` sees them. */
export async function renderedContributions(page: Page): Promise<RenderedContribution[]> {
  return page.evaluate((layer) => {
    const map = window.__nabolagMap;
    if (!map?.getLayer(layer)) return [];
    return map
      .queryRenderedFeatures({ layers: [layer] })
      .map((feature) => ({ id: feature.id, properties: feature.properties ?? {} }));
  }, CONTRIBUTION_POINTS_LAYER);
}
