/** What a key pressed on the focused map asks for, beyond MapLibre's own arrows and +/−. */
export type MapKeyAction =
  /** Put the point at the crosshair. */
  | 'place'
  /** Add a vertex of the line or area at the crosshair. */
  | 'add-vertex'
  /** Take away the last vertex. */
  | 'undo'
  /** End the line or area. */
  | 'finish'
  /** Throw away the line or area being drawn. */
  | 'cancel';

/** What the map is for at the moment: looking, placing a point, or drawing a line or area. */
export type MapInputMode = 'look' | 'point' | 'draw';

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/**
 * The keyboard path through the map: Enter puts down a point or a vertex at the crosshair,
 * Shift+Enter finishes a line or area, Backspace takes away the last vertex and Escape throws
 * the drawing away. Keys held with Ctrl, Alt or Meta belong to the browser and assistive
 * technology, and are left alone.
 */
export function mapKeyAction(press: KeyPress, mode: MapInputMode): MapKeyAction | null {
  if (mode === 'look' || press.altKey || press.ctrlKey || press.metaKey) return null;
  if (mode === 'point') return press.key === 'Enter' && !press.shiftKey ? 'place' : null;
  switch (press.key) {
    case 'Enter':
      return press.shiftKey ? 'finish' : 'add-vertex';
    case 'Backspace':
      return 'undo';
    case 'Escape':
      return 'cancel';
    default:
      return null;
  }
}
