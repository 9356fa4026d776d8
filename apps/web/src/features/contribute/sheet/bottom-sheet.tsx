import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  nextSnap,
  type SheetSnap,
  type SnapHeights,
  snapAfterDrag,
  snapHeights,
  stepSnap,
} from './sheet-snap.ts';
import './bottom-sheet.css';

interface BottomSheetProps {
  snap: SheetSnap;
  onSnapChange: (snap: SheetSnap) => void;
  /** The sheet's height once it rests (CSS pixels): the map keeps its centre above it. */
  onRestingHeight: (heightPx: number) => void;
  /** Above the content and dragged with the grip: the step's title and progress. */
  header?: ReactNode;
  /** Fills the rest of the sheet; it scrolls its own long parts. */
  children: ReactNode;
  labelledBy: string;
}

/** Pixels a press may move and still count as a tap on the grip. */
const TAP_SLOP_PX = 6;
/** How far back the release speed is measured, in milliseconds. */
const VELOCITY_WINDOW_MS = 80;

/**
 * The phone's panel: a sheet over the map that rests at peek, half or full. It is dragged by
 * its grip and header with pointer events (touch, pen or mouse alike — about 2 KiB instead of a
 * drawer library with its animation runtime), flicked to the next snap, and operated by keyboard
 * through the grip, a button that steps through the snaps (arrow keys move one snap up or down).
 */
export function BottomSheet({
  snap,
  onSnapChange,
  onRestingHeight,
  header,
  children,
  labelledBy,
}: BottomSheetProps) {
  const { t } = useTranslation();
  const sheetRef = useRef<HTMLElement>(null);
  const [heights, setHeights] = useState<SnapHeights | null>(null);
  const drag = useRef<{
    pointer: number;
    startY: number;
    startHeight: number;
    moved: boolean;
    samples: Array<{ at: number; height: number }>;
  } | null>(null);
  /** Set when a drag ended on the grip, so that the click that follows does not also step. */
  const suppressClick = useRef(false);

  // The snaps follow the space the sheet has (the page below the banner).
  useLayoutEffect(() => {
    const container = sheetRef.current?.parentElement;
    if (!container) return;
    const measure = () => setHeights(snapHeights(container.clientHeight));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(container);
    return () => observer.disconnect();
  }, []);

  const restingHeight = heights ? heights[snap] : null;
  useEffect(() => {
    if (restingHeight !== null) onRestingHeight(restingHeight);
  }, [restingHeight, onRestingHeight]);

  const setHeight = (px: number | null) => {
    const sheet = sheetRef.current;
    if (!sheet) return;
    if (px === null) sheet.style.removeProperty('--sheet-drag-height');
    else sheet.style.setProperty('--sheet-drag-height', `${px}px`);
  };

  const onPointerDown = (event: React.PointerEvent<HTMLElement>) => {
    if (!heights || (event.pointerType === 'mouse' && event.button !== 0)) return;
    // Controls in the header (Back, a link) keep their own taps.
    if ((event.target as Element).closest('a, input, select, textarea, [data-no-drag]')) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = {
      pointer: event.pointerId,
      startY: event.clientY,
      startHeight: heights[snap],
      moved: false,
      samples: [{ at: event.timeStamp, height: heights[snap] }],
    };
  };

  const onPointerMove = (event: React.PointerEvent<HTMLElement>) => {
    const current = drag.current;
    if (!current || current.pointer !== event.pointerId || !heights) return;
    const delta = current.startY - event.clientY;
    if (!current.moved && Math.abs(delta) < TAP_SLOP_PX) return;
    current.moved = true;
    const height = Math.min(Math.max(current.startHeight + delta, heights.peek * 0.75), heights.full);
    current.samples.push({ at: event.timeStamp, height });
    while (current.samples.length > 2 && event.timeStamp - (current.samples[0]?.at ?? 0) > VELOCITY_WINDOW_MS)
      current.samples.shift();
    sheetRef.current?.setAttribute('data-dragging', 'true');
    setHeight(height);
  };

  const endDrag = (event: React.PointerEvent<HTMLElement>) => {
    const current = drag.current;
    if (!current || current.pointer !== event.pointerId) return;
    drag.current = null;
    sheetRef.current?.removeAttribute('data-dragging');
    if (!current.moved || !heights) return;
    // The click a mouse drag ends with comes in this same task; a touch drag sends none.
    suppressClick.current = true;
    setTimeout(() => {
      suppressClick.current = false;
    }, 0);
    const first = current.samples[0];
    const last = current.samples[current.samples.length - 1];
    const elapsed = first && last ? last.at - first.at : 0;
    const velocity = first && last && elapsed > 0 ? (last.height - first.height) / elapsed : 0;
    setHeight(null);
    onSnapChange(snapAfterDrag(last?.height ?? current.startHeight, velocity, heights));
  };

  const gripLabel = t(
    snap === 'peek'
      ? 'contribute.sheet.expand'
      : snap === 'half'
        ? 'contribute.sheet.expandFull'
        : 'contribute.sheet.collapse',
  );

  return (
    <section
      ref={sheetRef}
      className="bottom-sheet"
      data-testid="sheet"
      data-snap={snap}
      aria-labelledby={labelledBy}
      style={
        restingHeight !== null
          ? ({ '--sheet-height': `${restingHeight}px` } as React.CSSProperties)
          : undefined
      }
    >
      <div
        className="bottom-sheet__handle"
        data-testid="sheet-handle"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
      >
        <button
          type="button"
          className="bottom-sheet__grip"
          data-testid="sheet-grip"
          aria-label={gripLabel}
          aria-expanded={snap === 'full'}
          onClick={() => {
            if (suppressClick.current) {
              suppressClick.current = false;
              return;
            }
            onSnapChange(nextSnap(snap));
          }}
          onKeyDown={(event) => {
            if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
            event.preventDefault();
            onSnapChange(stepSnap(snap, event.key === 'ArrowUp' ? 1 : -1));
          }}
        >
          <span className="bottom-sheet__grip-bar" aria-hidden="true" />
        </button>
        {header}
      </div>
      {children}
    </section>
  );
}
