import { describe, expect, it } from 'vitest';
import type { FetchLike } from './client.ts';
import { getOwnData, updateContribution } from './participant-api.ts';

const TOKEN = 'b'.repeat(43);
const ID = '0b6a4a3e-5d0e-4d43-9a39-2f8a4bb0d0f1';

describe('getOwnData', () => {
  it('asks with the participant token and parses what the participant gave', async () => {
    let authorization: string | null = null;
    const data = {
      participantId: '5f0c3a55-7d0b-4f7e-9b0c-8f0e2d3c4b5a',
      profile: { relation: ['lives'] },
      contributions: [
        {
          id: ID,
          category: 'meeting-places',
          geometry: { type: 'Point', coordinates: [10.03, 59.05] },
          story: null,
          status: 'pending',
          createdAt: '2025-06-07T10:00:00Z',
          photo: null,
          answers: { how_often: 'daily', who: ['friends'] },
          questionsVersion: 1,
        },
      ],
    };
    const fetchImpl: FetchLike = async (_url, init) => {
      authorization = new Headers(init?.headers).get('authorization');
      return new Response(JSON.stringify(data), { status: 200 });
    };
    const result = await getOwnData('torstrand', TOKEN, undefined, fetchImpl);
    expect(authorization).toBe(`Bearer ${TOKEN}`);
    expect(result).toEqual({ ok: true, status: 200, value: data });
  });
});

describe('updateContribution', () => {
  it('reads an empty 204 as done', async () => {
    const fetchImpl: FetchLike = async () => new Response(null, { status: 204 });
    expect(await updateContribution(ID, TOKEN, { story: 'ny' }, fetchImpl)).toEqual({
      ok: true,
      status: 204,
      value: undefined,
    });
  });

  it("reports FORBIDDEN for another participant's contribution", async () => {
    const fetchImpl: FetchLike = async () =>
      new Response(JSON.stringify({ code: 'FORBIDDEN', message: 'not yours' }), { status: 403 });
    const result = await updateContribution(ID, TOKEN, { story: 'x' }, fetchImpl);
    expect(result.ok === false && result.error).toMatchObject({ code: 'FORBIDDEN', status: 403 });
  });
});
