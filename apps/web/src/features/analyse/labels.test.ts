import { describe, expect, it } from 'vitest';
import { sessionLabel } from './labels.ts';

describe('workshop labels', () => {
  it('names a workshop by its title with its code after it, or by the code when unknown', () => {
    const sessions = [{ code: 'NM4DVV', title: 'Torstrand skole' }];
    expect(sessionLabel('NM4DVV', sessions)).toBe('Torstrand skole (NM4DVV)');
    expect(sessionLabel('ZZZZZZ', sessions)).toBe('ZZZZZZ');
  });
});
