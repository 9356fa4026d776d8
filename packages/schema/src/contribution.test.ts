import { describe, expect, it } from 'vitest';
import { contributionCreateSchema, contributionListQuerySchema } from './contribution.ts';
import { MAX_STORY_LENGTH } from './plain.ts';

const valid = {
  id: '6f1c1c1e-8a4b-4d7e-9a39-1c2d3e4f5a6b',
  category: 'meeting-places',
  geometry: { type: 'Point', coordinates: [10.015, 59.048] },
  story: 'The bench by the church',
};

describe('contributionCreateSchema', () => {
  it('accepts a point with a story', () => {
    expect(contributionCreateSchema.parse(valid)).toEqual(valid);
  });

  it('accepts background answers and a session code', () => {
    const input = {
      ...valid,
      participant: { ageBand: '18-29', relation: ['lives', 'grew-up'] },
      session: 'K7P9Q2',
    };
    expect(contributionCreateSchema.safeParse(input).success).toBe(true);
  });

  it('refuses a story one character over the limit', () => {
    const result = contributionCreateSchema.safeParse({ ...valid, story: 'x'.repeat(MAX_STORY_LENGTH + 1) });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/at most 4000 characters/);
  });

  it('refuses an id that is not a UUID, with a reason', () => {
    const result = contributionCreateSchema.safeParse({ ...valid, id: 'pin-1' });
    expect(result.error?.issues[0]?.message).toBe('id must be a UUID made by the client');
  });

  it('refuses coordinates outside the world', () => {
    const result = contributionCreateSchema.safeParse({
      ...valid,
      geometry: { type: 'Point', coordinates: [10, 91] },
    });
    expect(result.error?.issues[0]?.message).toMatch(/latitude must be between -90 and 90/);
  });

  it('refuses an unclosed polygon ring', () => {
    const geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [10, 59],
          [10.01, 59],
          [10.01, 59.01],
          [10, 59.01],
        ],
      ],
    };
    const result = contributionCreateSchema.safeParse({ ...valid, geometry });
    expect(result.error?.issues[0]?.message).toMatch(/must end where it starts/);
  });

  it('refuses fields it does not know, such as a participant id', () => {
    expect(contributionCreateSchema.safeParse({ ...valid, participantId: valid.id }).success).toBe(false);
  });
});

describe('contributionListQuerySchema', () => {
  it('parses bbox and a comma-separated category list', () => {
    expect(contributionListQuerySchema.parse({ bbox: '10,59,10.1,59.1', category: 'a,b' })).toEqual({
      bbox: [10, 59, 10.1, 59.1],
      category: ['a', 'b'],
      limit: 10_000,
    });
  });

  it('refuses a bbox with west east of east', () => {
    expect(contributionListQuerySchema.safeParse({ bbox: '11,59,10,60' }).success).toBe(false);
  });

  it('refuses a bbox of three numbers, naming the expected form', () => {
    const result = contributionListQuerySchema.safeParse({ bbox: '10,59,11' });
    expect(result.error?.issues[0]?.message).toMatch(/minLon,minLat,maxLon,maxLat/);
  });
});
