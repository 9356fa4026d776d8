import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestProject, INSIDE } from '../../testing/test-app.ts';

let app: FastifyInstance;
let slug: string;
const token = randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');

beforeAll(async () => {
  app = await createTestApp();
  slug = await createTestProject(app);
});
afterAll(async () => {
  await app.close();
});

/** A real JPEG from a "phone": 2400×1800 px, with EXIF that includes a GPS position. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#4a7' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Secret Model 9', Copyright: 'Ola Nordmann' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '59/1 2/1 5/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '10/1 1/1 0/1',
      },
    })
    .toBuffer();
}

async function contribute(): Promise<string> {
  const id = randomUUID();
  const response = await app.inject({
    method: 'POST',
    url: `/api/projects/${slug}/contributions`,
    headers: { authorization: `Bearer ${token}` },
    payload: { id, category: 'meeting-places', geometry: { type: 'Point', coordinates: INSIDE } },
  });
  expect(response.statusCode).toBe(201);
  return id;
}

function upload(id: string, body: Buffer, contentType = 'image/jpeg', bearer = token) {
  return app.inject({
    method: 'PUT',
    url: `/api/contributions/${id}/photo`,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': contentType },
    payload: body,
  });
}

async function photoCount(id: string): Promise<number> {
  const { rows } = await app.pg.pool.query(
    'SELECT count(*)::int AS n FROM photos WHERE contribution_id = $1',
    [id],
  );
  return rows[0].n;
}

describe('photos', () => {
  it('stores a re-encoded, resized photo without any EXIF, GPS above all', async () => {
    const original = await phonePhoto();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const id = await contribute();

    const response = await upload(id, original);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ url: `/api/contributions/${id}/photo`, width: 1600, height: 1200 });

    const { rows } = await app.pg.pool.query('SELECT bytes FROM photos WHERE contribution_id = $1', [id]);
    const stored: Buffer = rows[0].bytes;
    const metadata = await sharp(stored).metadata();
    expect(metadata.exif).toBeUndefined();
    // On the bytes themselves: no EXIF segment, no trace of the camera or the GPS tags.
    expect(stored.includes(Buffer.from('Exif\0\0'))).toBe(false);
    expect(stored.includes(Buffer.from('Secret Model'))).toBe(false);
    expect(stored.includes(Buffer.from('PhoneMaker'))).toBe(false);

    const served = await app.inject({ url: `/api/contributions/${id}/photo` });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(served.rawPayload, stored)).toBe(0);

    const list = await app.inject({ url: `/api/projects/${slug}/contributions` });
    const feature = list.json().features.find((candidate: { id: string }) => candidate.id === id);
    expect(feature.properties.photo).toMatch(new RegExp(`^/api/contributions/${id}/photo\\?v=\\d+$`));
  });

  it('accepts PNG and WebP, judged by their bytes', async () => {
    const id = await contribute();
    const png = await sharp({ create: { width: 20, height: 10, channels: 4, background: '#0000' } })
      .png()
      .toBuffer();
    expect((await upload(id, png, 'image/png')).statusCode).toBe(201);
    const webp = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#123' } })
      .webp()
      .toBuffer();
    // Declared as JPEG, but it is a WebP: the bytes decide.
    expect((await upload(id, webp, 'image/jpeg')).statusCode).toBe(201);
  });

  it('shows participants their own photo while it waits for a moderator, and nobody else', async () => {
    const id = randomUUID();
    await app.inject({
      method: 'POST',
      url: `/api/projects/${slug}/contributions`,
      headers: { authorization: `Bearer ${token}` },
      // A phone number holds the story back for a moderator.
      payload: {
        id,
        category: 'meeting-places',
        geometry: { type: 'Point', coordinates: INSIDE },
        story: 'Ring 912 34 567',
      },
    });
    expect((await upload(id, await phonePhoto())).statusCode).toBe(201);
    expect((await app.inject({ url: `/api/contributions/${id}/photo` })).statusCode).toBe(404);
    const own = await app.inject({
      url: `/api/contributions/${id}/photo`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('private, no-store');
  });

  it('refuses files that are not images, changing nothing', async () => {
    const id = await contribute();
    const fake = Buffer.from('<?php echo "not an image"; ?>');
    const response = await upload(id, fake);
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('UNSUPPORTED_IMAGE');
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    expect((await upload(id, gif)).json().code).toBe('UNSUPPORTED_IMAGE');
    expect(await photoCount(id)).toBe(0);
  });

  it('refuses a body over 10 MB and unknown content types', async () => {
    const id = await contribute();
    const huge = Buffer.alloc(10 * 1024 * 1024 + 1, 1);
    expect((await upload(id, huge)).statusCode).toBe(413);
    expect((await upload(id, Buffer.from('x'), 'application/pdf')).statusCode).toBe(415);
    expect(await photoCount(id)).toBe(0);
  });

  it('lets only the contribution’s participant add or remove its photo', async () => {
    const id = await contribute();
    const photo = await phonePhoto();
    const stranger = randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');
    expect((await upload(id, photo, 'image/jpeg', stranger)).statusCode).toBe(403);
    expect((await upload(randomUUID(), photo)).statusCode).toBe(404);
    expect(await photoCount(id)).toBe(0);

    expect((await upload(id, photo)).statusCode).toBe(201);
    const removeAsStranger = await app.inject({
      method: 'DELETE',
      url: `/api/contributions/${id}/photo`,
      headers: { authorization: `Bearer ${stranger}` },
    });
    expect(removeAsStranger.statusCode).toBe(403);
    const remove = await app.inject({
      method: 'DELETE',
      url: `/api/contributions/${id}/photo`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(remove.statusCode).toBe(204);
    expect(await photoCount(id)).toBe(0);
    expect((await app.inject({ url: `/api/contributions/${id}/photo` })).statusCode).toBe(404);
  });
});
