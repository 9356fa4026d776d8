import { describe, expect, it } from 'vitest';
import { projectorPinPaint, projectorScale } from './projector-pins.ts';

describe('projector pins', () => {
  it('scales with the screen height against 1080p, never below it', () => {
    expect(projectorScale(1080)).toBe(1);
    expect(projectorScale(2160)).toBe(2);
    expect(projectorScale(768)).toBe(1);
  });

  it('is at least 8 px at 1080p, twice that at 4K, with the outline outside the white ring', () => {
    const hd = projectorPinPaint(1);
    const uhd = projectorPinPaint(2);
    expect(hd.radius).toBeGreaterThanOrEqual(8);
    expect(uhd.radius).toBe(hd.radius * 2);
    expect(hd.outlineRadius).toBeGreaterThan(hd.radius + hd.ring);
  });
});
