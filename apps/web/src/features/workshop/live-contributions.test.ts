import { describe, expect, it } from 'vitest';
import {
  applySessionEvent,
  countByCategory,
  type LiveContribution,
  type LiveContributions,
  liveFeatures,
  publishedStories,
} from './live-contributions.ts';

const contribution = (id: string, change: Partial<LiveContribution> = {}): LiveContribution => ({
  id,
  category: 'meeting-places',
  geometry: { type: 'Point', coordinates: [10.03, 59.05] },
  story: 'Benken ved elva',
  status: 'published',
  group: 'Bord 1',
  tablet: 't-1',
  createdAt: '2026-05-04T10:00:00.000Z',
  ...change,
});
const ID_A = '0b6f5e5e-3f1c-4e86-9d0a-6b7f6b0c2a11';
const ID_B = '1c7a6f6f-4a2d-4f97-8e1b-7c8a7c1d3b22';
const empty: LiveContributions = new Map();

describe('live contributions', () => {
  it('adds, updates and removes pins from stream events', () => {
    let live = applySessionEvent(empty, { type: 'contribution', contribution: contribution(ID_A) });
    live = applySessionEvent(live, {
      type: 'contribution',
      contribution: contribution(ID_B, { story: null, status: 'pending' }),
    });
    expect([...live.keys()]).toEqual([ID_A, ID_B]);
    live = applySessionEvent(live, { type: 'contribution-hidden', id: ID_A });
    expect([...live.keys()]).toEqual([ID_B]);
    live = applySessionEvent(live, {
      type: 'contribution',
      contribution: contribution(ID_B, { status: 'hidden' }),
    });
    expect(live.size).toBe(0);
    expect(applySessionEvent(live, { type: 'session', status: 'paused' })).toBe(live);
  });

  it('shows only published stories, newest first, and nothing of the tablet or group', () => {
    let live = applySessionEvent(empty, { type: 'contribution', contribution: contribution(ID_A) });
    live = applySessionEvent(live, {
      type: 'contribution',
      contribution: contribution(ID_B, {
        status: 'pending',
        story: 'secret',
        createdAt: '2026-05-04T11:00:00.000Z',
      }),
    });
    expect(publishedStories(live).map((story) => story.id)).toEqual([ID_A]);
    const features = liveFeatures(live);
    expect(features.find((feature) => feature.id === ID_B)?.properties.story).toBeNull();
    expect(JSON.stringify(features)).not.toContain('Bord 1');
    expect(countByCategory(live).get('meeting-places')).toBe(2);
  });
});
