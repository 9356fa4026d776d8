import { describe, expect, it } from 'vitest';
import { nextSnap, PEEK_HEIGHT_PX, snapAfterDrag, snapHeights, stepSnap } from './sheet-snap.ts';

// A 390×844 phone: the sheet's container is what is below the 56 px banner.
const PHONE = snapHeights(788);

describe('snapHeights', () => {
  it('keeps most of a phone for the map at peek and a little map above the sheet at full', () => {
    expect(PHONE).toEqual({ peek: PEEK_HEIGHT_PX, half: 394, full: 740 });
    expect((844 - 56 - PHONE.peek) / 844).toBeGreaterThanOrEqual(0.55);
  });

  it('never orders the snaps wrongly on a short screen (a phone turned sideways)', () => {
    const heights = snapHeights(300);
    expect(heights.peek).toBeLessThanOrEqual(heights.half);
    expect(heights.half).toBeLessThanOrEqual(heights.full);
    expect(heights.peek).toBe(120);
  });
});

describe('snapAfterDrag', () => {
  it('goes to the nearest snap after a slow release', () => {
    expect(snapAfterDrag(300, 0, PHONE)).toBe('peek');
    expect(snapAfterDrag(330, 0.1, PHONE)).toBe('half');
    expect(snapAfterDrag(600, -0.1, PHONE)).toBe('full');
  });

  it('goes on to the next snap in the direction of a flick', () => {
    expect(snapAfterDrag(260, 1.2, PHONE)).toBe('half');
    expect(snapAfterDrag(420, 1.2, PHONE)).toBe('full');
    expect(snapAfterDrag(700, -1.2, PHONE)).toBe('half');
    expect(snapAfterDrag(380, -1.2, PHONE)).toBe('peek');
  });

  it('stays at the ends when flicked beyond them', () => {
    expect(snapAfterDrag(760, 2, PHONE)).toBe('full');
    expect(snapAfterDrag(200, -2, PHONE)).toBe('peek');
  });
});

describe('the grip and the arrow keys', () => {
  it('cycles peek, half, full and back to peek', () => {
    expect(nextSnap('peek')).toBe('half');
    expect(nextSnap('half')).toBe('full');
    expect(nextSnap('full')).toBe('peek');
  });

  it('steps one snap at a time and stops at the ends', () => {
    expect(stepSnap('peek', 1)).toBe('half');
    expect(stepSnap('full', 1)).toBe('full');
    expect(stepSnap('half', -1)).toBe('peek');
    expect(stepSnap('peek', -1)).toBe('peek');
  });
});
