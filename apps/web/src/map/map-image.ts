import type { Project } from '@nabolag/schema';
import { Map as MapLibreMap } from 'maplibre-gl';
import { type AnalysisDisplay, drawAnalysisDisplay } from './analysis-layers.ts';
import { analysisStyle } from './analysis-map.tsx';
import { configureMapLibreWorker } from './maplibre-worker.ts';

/** How long a map image waits for tiles before it is taken as it is, in milliseconds. */
const IDLE_TIMEOUT_MS = 10_000;

/**
 * Renders `display` over the project area off screen and returns it as a PNG data URL, for the
 * printable report. The map keeps its drawing buffer (`preserveDrawingBuffer`), so the canvas can
 * be read after MapLibre has drawn it; the picture is taken when the map is idle (tiles loaded or
 * failed) or after 10 s. `width` and `height` are CSS pixels; the image has twice as many for print.
 */
export async function renderMapImage(
  project: Project,
  display: AnalysisDisplay,
  { width, height }: { width: number; height: number },
): Promise<string> {
  configureMapLibreWorker();
  const container = document.createElement('div');
  container.setAttribute('aria-hidden', 'true');
  Object.assign(container.style, {
    position: 'fixed',
    insetInlineStart: '-10000px',
    insetBlockStart: '0',
    width: `${width}px`,
    height: `${height}px`,
    pointerEvents: 'none',
  });
  document.body.append(container);
  const map = new MapLibreMap({
    container,
    style: analysisStyle(project, null),
    bounds: project.bounds,
    fitBoundsOptions: { padding: 16 },
    interactive: false,
    attributionControl: false,
    fadeDuration: 0,
    pixelRatio: 2,
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the map did not load')), IDLE_TIMEOUT_MS * 2);
      map.once('load', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    drawAnalysisDisplay(map, display);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, IDLE_TIMEOUT_MS);
      map.once('idle', () => {
        clearTimeout(timer);
        resolve();
      });
      map.triggerRepaint();
    });
    return map.getCanvas().toDataURL('image/png');
  } finally {
    map.remove();
    container.remove();
  }
}
