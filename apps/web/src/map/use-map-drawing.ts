import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DrawingController } from './drawing.ts';
import { type DrawingChange, type DrawnGeometryType, type DrawnPath, EMPTY_PATH } from './drawn-path.ts';

/**
 * The drawing tools (terra-draw, about 35 kB compressed) load when a resident first draws a line
 * or an area, not with the map; `preloadDrawing` fetches them ahead (once the map has loaded).
 */
let drawingModule: Promise<typeof import('./drawing.ts')> | null = null;
export function preloadDrawing(): Promise<typeof import('./drawing.ts')> {
  drawingModule ??= import('./drawing.ts').catch((error: unknown) => {
    drawingModule = null; // try again next time (e.g. back online)
    throw error;
  });
  return drawingModule;
}

/** A line or area the page wants drawn on the map. */
export interface MapDrawing {
  geometryType: DrawnGeometryType;
  /** The drawing as the page keeps it: shown again whenever the map is rebuilt. */
  path: DrawnPath;
}

export interface MapDrawingHandle {
  /** The drawing on the map now, if any. */
  controller(): DrawingController | null;
  /** Takes the drawing off the map at once: before the map is removed or its style replaced. */
  detach(): void;
  /** Draws again, e.g. once a replaced style has loaded. */
  reattach(): void;
}

/**
 * Keeps a drawing (terra-draw, see drawing.ts) on `map` while `drawing` is set: made when the
 * geometry type is chosen, removed when it is unset, rebuilt from the page's copy of the path
 * when the map is rebuilt (another language) and recoloured with the category.
 */
export function useMapDrawing(
  map: MapLibreMap | null,
  drawing: MapDrawing | null,
  colour: string,
  onChange: (change: DrawingChange) => void,
): MapDrawingHandle {
  const controllerRef = useRef<DrawingController | null>(null);
  const reported = useRef(new WeakSet<DrawnPath>());
  const [generation, setGeneration] = useState(0);
  const latest = useRef({ drawing, colour, onChange });
  useLayoutEffect(() => {
    latest.current = { drawing, colour, onChange };
  });
  const geometryType = drawing?.geometryType ?? null;

  // `generation` is in the dependencies only to draw again after `reattach`.
  useEffect(() => {
    if (!map || !geometryType) return;
    let controller: DrawingController | null = null;
    let cancelled = false;
    preloadDrawing().then(
      ({ createDrawing }) => {
        if (cancelled) return;
        // Made from the page's latest copy: the path may have changed while the tools loaded.
        controller = createDrawing(map, {
          geometryType,
          colour: latest.current.colour,
          initial: latest.current.drawing?.path ?? EMPTY_PATH,
          onChange: (change) => {
            reported.current.add(change.path);
            latest.current.onChange(change);
          },
        });
        controllerRef.current = controller;
      },
      // Offline before the service worker cached the chunk: no drawing, the page's copy stays.
      () => undefined,
    );
    return () => {
      cancelled = true;
      controller?.destroy();
      if (controller && controllerRef.current === controller) controllerRef.current = null;
    };
  }, [map, geometryType, generation]);

  useEffect(() => {
    controllerRef.current?.setColour(colour);
  }, [colour]);

  // The page's copy is normally a path the drawing reported; when the page puts another one
  // there (a place taken back from the outbox into the form), the map follows.
  const path = drawing?.path;
  useEffect(() => {
    if (path && !reported.current.has(path)) controllerRef.current?.replace(path);
  }, [path]);

  return useMemo(
    () => ({
      controller: () => controllerRef.current,
      detach: () => {
        controllerRef.current?.destroy();
        controllerRef.current = null;
      },
      reattach: () => setGeneration((count) => count + 1),
    }),
    [],
  );
}
