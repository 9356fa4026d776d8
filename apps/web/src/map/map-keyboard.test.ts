import { describe, expect, it } from 'vitest';
import { type KeyPress, mapKeyAction } from './map-keyboard.ts';

const press = (key: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...modifiers,
});

describe('mapKeyAction', () => {
  it('places the point with Enter', () => {
    expect(mapKeyAction(press('Enter'), 'point')).toBe('place');
  });

  it('leaves Backspace and Escape alone while placing a point', () => {
    expect(mapKeyAction(press('Backspace'), 'point')).toBeNull();
    expect(mapKeyAction(press('Escape'), 'point')).toBeNull();
  });

  it('adds, takes away, finishes and cancels while drawing', () => {
    expect(mapKeyAction(press('Enter'), 'draw')).toBe('add-vertex');
    expect(mapKeyAction(press('Backspace'), 'draw')).toBe('undo');
    expect(mapKeyAction(press('Enter', { shiftKey: true }), 'draw')).toBe('finish');
    expect(mapKeyAction(press('Escape'), 'draw')).toBe('cancel');
  });

  it('does nothing while only looking at the map', () => {
    expect(mapKeyAction(press('Enter'), 'look')).toBeNull();
  });

  it('leaves keys with Ctrl, Alt or Meta to the browser and screen reader', () => {
    expect(mapKeyAction(press('Enter', { ctrlKey: true }), 'draw')).toBeNull();
    expect(mapKeyAction(press('Backspace', { altKey: true }), 'draw')).toBeNull();
    expect(mapKeyAction(press('Enter', { metaKey: true }), 'point')).toBeNull();
  });

  it('leaves the arrows and zoom keys to the map', () => {
    expect(mapKeyAction(press('ArrowUp'), 'draw')).toBeNull();
    expect(mapKeyAction(press('+'), 'draw')).toBeNull();
  });
});
