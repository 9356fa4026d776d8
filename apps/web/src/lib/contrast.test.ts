import { describe, expect, it } from 'vitest';
import { contrastRatio, headerAccent, relativeLuminance } from './contrast.ts';

describe('contrastRatio', () => {
  it('is 21:1 for black on white and 1:1 for a colour on itself', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#1d4f91', '#1D4F91')).toBeCloseTo(1, 5);
  });

  it('matches known WCAG values and does not depend on the order', () => {
    // #767676 on white is the classic 4.54:1 grey; #777777 falls just under 4.5.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#ffffff', '#777777')).toBeCloseTo(4.48, 2);
  });

  it('rejects what is not #rrggbb', () => {
    expect(() => relativeLuminance('red')).toThrow();
  });
});

describe('headerAccent', () => {
  it('uses a dark enough primary colour behind white text', () => {
    expect(headerAccent('#1d4f91')).toBe('#1d4f91');
    expect(headerAccent('#767676')).toBe('#767676');
  });

  it('falls back to the default theme for a light colour or none', () => {
    expect(headerAccent('#777777')).toBeNull();
    expect(headerAccent('#ffd700')).toBeNull();
    expect(headerAccent(null)).toBeNull();
  });
});
