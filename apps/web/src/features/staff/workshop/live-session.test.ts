import { describe, expect, it } from 'vitest';
import {
  applySessionEvent,
  emptyLiveSession,
  isOffline,
  type LiveContribution,
  parseSessionEvent,
  setContributionStatus,
} from './live-session.ts';
import { qrCodePath, spacedCode } from './qr-code.ts';

const contribution = (id: string, createdAt: string): LiveContribution => ({
  id,
  category: 'meeting-places',
  geometry: { type: 'Point', coordinates: [10.03, 59.05] },
  story: null,
  status: 'pending',
  group: 'Bord 1',
  tablet: 't1',
  createdAt,
});
const A = '8f7c2a4e-1b3d-4c5e-9f60-7a8b9c0d1e2f';
const B = '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';

describe('the live session', () => {
  it('reads server-sent events by their type, and refuses broken ones', () => {
    expect(parseSessionEvent('session', '{"type":"session","status":"paused"}')).toEqual({
      type: 'session',
      status: 'paused',
    });
    expect(parseSessionEvent('session', '{"status":"nonsense"}')).toBeNull();
    expect(parseSessionEvent('tablet', 'not json')).toBeNull();
  });

  it('keeps contributions newest first, replaces a changed one, hides and removes', () => {
    let state = applySessionEvent(emptyLiveSession(), {
      type: 'contribution',
      contribution: contribution(A, '2025-06-03T10:00:00Z'),
    });
    state = applySessionEvent(state, {
      type: 'contribution',
      contribution: contribution(B, '2025-06-03T10:01:00Z'),
    });
    expect(state.contributions.map((item) => item.id)).toEqual([B, A]);
    state = applySessionEvent(state, {
      type: 'contribution',
      contribution: { ...contribution(A, '2025-06-03T10:00:00Z'), status: 'published' },
    });
    expect(state.contributions).toHaveLength(2);
    expect(state.contributions[1]?.status).toBe('published');
    state = applySessionEvent(state, { type: 'contribution-hidden', id: A });
    expect(state.contributions[1]?.status).toBe('hidden');
    state = setContributionStatus(state, A, 'published');
    expect(state.contributions[1]?.status).toBe('published');
    state = applySessionEvent(state, { type: 'contribution-removed', id: B });
    expect(state.contributions.map((item) => item.id)).toEqual([A]);
  });

  it('tracks tablets and tells when one is offline (45 s)', () => {
    const state = applySessionEvent(emptyLiveSession(), {
      type: 'tablet',
      tablet: 't1',
      group: 'Bord 1',
      pending: 3,
      lastSeenAt: '2025-06-03T10:00:00.000Z',
    });
    expect(state.tablets).toEqual([
      {
        tablet: 't1',
        name: null,
        ordinal: 1,
        group: 'Bord 1',
        contributions: 0,
        pending: 3,
        lastSeenAt: '2025-06-03T10:00:00.000Z',
      },
    ]);
    // A second tablet at the same table is its second; one at another table its first.
    const more = [
      { tablet: 't2', group: 'Bord 1' },
      { tablet: 't3', group: 'Bord 2' },
    ].reduce(
      (current, { tablet, group }) =>
        applySessionEvent(current, {
          type: 'tablet',
          tablet,
          group,
          pending: 0,
          lastSeenAt: '2025-06-03T10:00:01.000Z',
        }),
      state,
    );
    expect(more.tablets.map(({ tablet, ordinal }) => [tablet, ordinal])).toEqual([
      ['t1', 1],
      ['t2', 2],
      ['t3', 1],
    ]);
    const seen = Date.parse('2025-06-03T10:00:00.000Z');
    expect(isOffline({ lastSeenAt: '2025-06-03T10:00:00.000Z' }, seen + 44_000)).toBe(false);
    expect(isOffline({ lastSeenAt: '2025-06-03T10:00:00.000Z' }, seen + 46_000)).toBe(true);
    expect(isOffline({ lastSeenAt: null }, seen)).toBe(true);
  });
});

describe('the join code and its QR code', () => {
  it('spaces the code in threes and draws a square symbol with a quiet zone', () => {
    expect(spacedCode('ABCDEF')).toBe('ABC DEF');
    const { size, path } = qrCodePath('http://localhost:8080/w/ABCDEF');
    expect(size).toBeGreaterThanOrEqual(21 + 8);
    expect(path).toMatch(/^M4 4h1v1h-1z/); // the finder pattern's corner
  });
});
