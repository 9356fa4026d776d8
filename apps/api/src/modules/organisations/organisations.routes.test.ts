import { randomUUID } from 'node:crypto';
import { MAX_LOGO_BYTES } from '@nabolag/schema';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganisation,
  createStaffUser,
  createTestApp,
  createTestProject,
  demoDefinition,
  signIn,
} from '../../testing/test-app.ts';

type Session = Awaited<ReturnType<typeof signIn>>;

let app: FastifyInstance;
let larvik: { id: string; slug: string; name: string };
let skien: { id: string; slug: string; name: string };
let operator: Session;
let larvikAdmin: Session;
let larvikPlanner: Session;
let skienAdmin: Session;

beforeAll(async () => {
  app = await createTestApp();
  larvik = await createOrganisation(app, { name: 'Larvik kommune' });
  skien = await createOrganisation(app, { name: 'Skien kommune' });
  operator = await signIn(app, await createStaffUser(app, [], [], { operator: true }));
  larvikAdmin = await signIn(app, await createStaffUser(app, ['admin'], [], { organisation: larvik.slug }));
  larvikPlanner = await signIn(
    app,
    await createStaffUser(app, ['planner'], [], { organisation: larvik.slug }),
  );
  skienAdmin = await signIn(app, await createStaffUser(app, ['admin'], [], { organisation: skien.slug }));
});
afterAll(async () => {
  await app.close();
});

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 4, background: '#1a5fb4' } })
    .png()
    .toBuffer();

function uploadLogo(session: Session, slug: string, bytes: Buffer, type = 'image/png') {
  return app.inject({
    method: 'PUT',
    url: `/api/staff/organisations/${slug}/logo`,
    headers: { ...session.headers(), 'content-type': type },
    payload: bytes,
  });
}

describe('organisations', () => {
  it('are created by the operator only, with unique slugs', async () => {
    const slug = `halden-${randomUUID().slice(0, 6)}`;
    const byAdmin = await app.inject({
      method: 'POST',
      url: '/api/staff/organisations',
      headers: larvikAdmin.headers(),
      payload: { slug, name: 'Halden kommune' },
    });
    expect(byAdmin.statusCode).toBe(403);

    const created = await app.inject({
      method: 'POST',
      url: '/api/staff/organisations',
      headers: operator.headers(),
      payload: { slug, name: 'Halden kommune', primaryColour: '#AA0000', defaultLanguages: ['nb', 'en'] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      slug,
      primaryColour: '#aa0000',
      defaultLanguages: ['nb', 'en'],
      defaultLanguage: 'nb',
      logoUrl: null,
      projectCount: 0,
      roles: [],
    });

    const again = await app.inject({
      method: 'POST',
      url: '/api/staff/organisations',
      headers: operator.headers(),
      payload: { slug, name: 'Another Halden' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ORGANISATION_SLUG_TAKEN');
  });

  it('are listed: the operator sees all, staff their own with their roles there', async () => {
    const all = await app.inject({ url: '/api/staff/organisations', headers: operator.headers() });
    const allSlugs = all.json().organisations.map((entry: { slug: string }) => entry.slug);
    expect(allSlugs).toEqual(expect.arrayContaining([larvik.slug, skien.slug, 'default']));

    const own = await app.inject({ url: '/api/staff/organisations', headers: larvikPlanner.headers() });
    expect(own.json().organisations).toEqual([
      expect.objectContaining({ slug: larvik.slug, name: 'Larvik kommune', roles: ['planner'] }),
    ]);
  });

  it('show their members to their admins and the operator, and nothing to other organisations', async () => {
    const asAdmin = await app.inject({
      url: `/api/staff/organisations/${larvik.slug}`,
      headers: larvikAdmin.headers(),
    });
    expect(asAdmin.statusCode).toBe(200);
    expect(asAdmin.json().members).toHaveLength(2);
    const asPlanner = await app.inject({
      url: `/api/staff/organisations/${larvik.slug}`,
      headers: larvikPlanner.headers(),
    });
    expect(asPlanner.statusCode).toBe(200);
    expect(asPlanner.json().members).toBeUndefined();
    const asOperator = await app.inject({
      url: `/api/staff/organisations/${larvik.slug}`,
      headers: operator.headers(),
    });
    expect(asOperator.json().members).toHaveLength(2);
    const asStranger = await app.inject({
      url: `/api/staff/organisations/${larvik.slug}`,
      headers: skienAdmin.headers(),
    });
    expect(asStranger.statusCode).toBe(404);
  });

  it('are edited by their admins and the operator, not by planners or other organisations', async () => {
    const patch = (session: Session, payload: unknown) =>
      app.inject({
        method: 'PATCH',
        url: `/api/staff/organisations/${larvik.slug}`,
        headers: session.headers(),
        payload: payload as Record<string, unknown>,
      });
    expect((await patch(larvikPlanner, { name: 'Planner was here' })).statusCode).toBe(403);
    const stranger = await patch(skienAdmin, { name: 'Skien was here' });
    expect(stranger.statusCode).toBe(403);

    const edited = await patch(larvikAdmin, { accentColour: '#00AA44', defaultLanguages: ['nb', 'nn'] });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      name: 'Larvik kommune',
      accentColour: '#00aa44',
      roles: ['admin'],
    });

    const badLanguage = await patch(larvikAdmin, { defaultLanguage: 'en' });
    expect(badLanguage.statusCode).toBe(400);
    expect((await patch(operator, { primaryColour: '#123456' })).statusCode).toBe(200);
    expect((await patch(larvikAdmin, { primaryColour: 'blue' })).statusCode).toBe(400);

    const audit = await app.inject({ url: '/api/staff/audit', headers: larvikAdmin.headers() });
    expect(audit.json().entries).toContainEqual(
      expect.objectContaining({ action: 'organisation.update', organisation: larvik.slug }),
    );
  });
});

describe('logos', () => {
  it('are re-encoded as PNG of at most 512 px, served publicly and shown on the project page', async () => {
    // A JPEG with EXIF (camera data, a GPS position) far larger than a logo needs.
    const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#c01c28' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'Larvik', Make: 'Camera' } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const uploaded = await uploadLogo(larvikAdmin, larvik.slug, jpeg, 'image/jpeg');
    expect(uploaded.statusCode).toBe(200);
    const logoUrl = uploaded.json().logoUrl as string;
    expect(logoUrl).toMatch(new RegExp(`^/api/organisations/${larvik.slug}/logo\\?v=\\d+$`));

    const served = await app.inject({ url: logoUrl });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toContain('immutable');
    const metadata = await sharp(served.rawPayload).metadata();
    expect(metadata).toMatchObject({ format: 'png', width: 512, height: 341 });
    expect(metadata.exif).toBeUndefined();
    const cached = await app.inject({
      url: logoUrl,
      headers: { 'if-none-match': served.headers.etag as string },
    });
    expect(cached.statusCode).toBe(304);

    const slug = await createTestProject(app, { organisation: larvik.slug });
    const project = await app.inject({ url: `/api/projects/${slug}` });
    expect(project.json().organisation).toMatchObject({
      slug: larvik.slug,
      name: 'Larvik kommune',
      logoUrl,
      primaryColour: expect.stringMatching(/^#[0-9a-f]{6}$/),
    });
  });

  it('accept a small PNG as it is and keep it small', async () => {
    const uploaded = await uploadLogo(operator, skien.slug, await png(120, 40));
    expect(uploaded.statusCode).toBe(200);
    const served = await app.inject({ url: uploaded.json().logoUrl });
    expect(await sharp(served.rawPayload).metadata()).toMatchObject({
      format: 'png',
      width: 120,
      height: 40,
    });
  });

  it('refuse what is not an image (400), what is too large (413) and other organisations (403)', async () => {
    const garbage = await uploadLogo(larvikAdmin, larvik.slug, Buffer.from('<svg onload="alert(1)"></svg>'));
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().code).toBe('INVALID_IMAGE');
    const svgAsPng = await uploadLogo(
      larvikAdmin,
      larvik.slug,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
    );
    expect(svgAsPng.statusCode).toBe(400);

    const tooLarge = await uploadLogo(larvikAdmin, larvik.slug, Buffer.alloc(MAX_LOGO_BYTES + 1, 1));
    expect(tooLarge.statusCode).toBe(413);

    const stranger = await uploadLogo(skienAdmin, larvik.slug, await png(10, 10));
    expect(stranger.statusCode).toBe(403);
    const planner = await uploadLogo(larvikPlanner, larvik.slug, await png(10, 10));
    expect(planner.statusCode).toBe(403);
  });

  it('are removed by an admin, after which there is none to serve', async () => {
    const other = await createOrganisation(app);
    const admin = await signIn(app, await createStaffUser(app, ['admin'], [], { organisation: other.slug }));
    await uploadLogo(admin, other.slug, await png(32, 32));
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/staff/organisations/${other.slug}/logo`,
      headers: admin.headers(),
    });
    expect(removed.statusCode).toBe(204);
    expect((await app.inject({ url: `/api/organisations/${other.slug}/logo` })).statusCode).toBe(404);
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/staff/organisations/${other.slug}/logo`,
      headers: admin.headers(),
    });
    expect(again.statusCode).toBe(404);
  });
});

describe('projects in organisations', () => {
  it('are created in the admin’s organisation with its default basemap, or refused', async () => {
    const basemap = { kind: 'style', url: 'https://tiles.example.org/style.json' };
    const org = await createOrganisation(app);
    const operatorOnly = await app.inject({
      method: 'PATCH',
      url: `/api/staff/organisations/${org.slug}`,
      headers: operator.headers(),
      payload: { defaultBasemap: basemap },
    });
    expect(operatorOnly.statusCode).toBe(200);
    const adminUser = await createStaffUser(app, ['admin'], [], { organisation: org.slug });
    const admin = await signIn(app, adminUser);
    const definition = () => ({ ...demoDefinition(), slug: `org-project-${randomUUID().slice(0, 8)}` });

    const created = await app.inject({
      method: 'POST',
      url: '/api/staff/projects',
      headers: admin.headers(),
      payload: definition(),
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ organisation: org.slug, basemap });

    // Admin of a second organisation too: now it must say which.
    await app.pg.pool.query(
      `INSERT INTO organisation_members (organisation_id, user_id, roles) VALUES ($1, $2, '{admin}')`,
      [skien.id, adminUser.id],
    );
    const twoOrganisations = await signIn(app, adminUser);
    const ambiguous = await app.inject({
      method: 'POST',
      url: '/api/staff/projects',
      headers: twoOrganisations.headers(),
      payload: definition(),
    });
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.json().code).toBe('ORGANISATION_REQUIRED');
    const named = await app.inject({
      method: 'POST',
      url: '/api/staff/projects',
      headers: twoOrganisations.headers(),
      payload: { ...definition(), organisation: skien.slug },
    });
    expect(named.statusCode).toBe(201);
    expect(named.json()).toMatchObject({ organisation: skien.slug, basemap: null });

    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/staff/projects',
      headers: larvikAdmin.headers(),
      payload: { ...definition(), organisation: skien.slug },
    });
    expect(elsewhere.statusCode).toBe(403);
    const byPlanner = await app.inject({
      method: 'POST',
      url: '/api/staff/projects',
      headers: larvikPlanner.headers(),
      payload: definition(),
    });
    expect(byPlanner.statusCode).toBe(403);
    const byOperator = await app.inject({
      method: 'POST',
      url: '/api/staff/projects',
      headers: operator.headers(),
      payload: { ...definition(), organisation: larvik.slug },
    });
    expect(byOperator.statusCode).toBe(403);
  });

  it('are listed only to staff of their organisation', async () => {
    const larvikProject = await createTestProject(app, { organisation: larvik.slug });
    const skienProject = await createTestProject(app, { organisation: skien.slug });
    const list = async (session: Session) =>
      (await app.inject({ url: '/api/staff/projects', headers: session.headers() }))
        .json()
        .projects.map((project: { slug: string }) => project.slug);
    expect(await list(larvikPlanner)).toContain(larvikProject);
    expect(await list(larvikPlanner)).not.toContain(skienProject);
    expect(await list(skienAdmin)).toContain(skienProject);
    expect(await list(skienAdmin)).not.toContain(larvikProject);
    // The operator manages organisations, not their projects.
    expect(await list(operator)).toEqual([]);
    const foreign = await app.inject({
      url: `/api/staff/projects/${skienProject}`,
      headers: larvikAdmin.headers(),
    });
    expect(foreign.statusCode).toBe(403);
  });
});
