// Organisations end to end: the operator (the e2e admin, also admin of `default`) creates an
// organisation and a person who is its admin and a planner in `default`. That person signs in at
// /staff, switches between the two organisations and sees only each one's projects, gives the new
// organisation a colour (the page warns about a colour too light for white text) and a logo, and
// a resident sees that logo and name on the project's page. The organisation page passes axe.
// The analysis, moderation and workshop pickers and the audit log follow the organisation worked
// in; an organisation where the person holds no fitting role says so by name; the organisation page
// lists its members and leads to its users page.
import { organisationSchema, projectSchema, staffUserSchema } from '@nabolag/schema';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { describeViolations, seriousAxeViolations } from './axe.ts';
import { type BrowserSession, openBrowser } from './browser.ts';
import { printServerLogOnFailure } from './harness.ts';
import {
  demoProjectDefinition,
  randomLetters,
  type StaffApiSession,
  signInAs,
  signInAsAdmin,
} from './staff-api.ts';

/** A dark red: white text on it is about 9:1, well over WCAG's 4.5:1. */
const DARK_COLOUR = '#7a1f3d';
/** A light yellow: white text on it is about 1.3:1, so residents keep the default colours. */
const LIGHT_COLOUR = '#ffe680';

async function postJson(baseUrl: string, session: StaffApiSession, path: string, body: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: session.headers,
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** A 240×96 PNG logo: a coloured box with a lighter band, made here so nothing is fetched. */
function logoPng(): Promise<Buffer> {
  const band = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="96"><rect y="36" width="240" height="24" fill="#ffffff"/></svg>',
  );
  return sharp({ create: { width: 240, height: 96, channels: 4, background: '#1d4f91' } })
    .composite([{ input: band }])
    .png()
    .toBuffer();
}

/** The slugs of the projects the staff project list shows. */
async function listedProjects(page: Page): Promise<string[]> {
  await page.locator('.staff-page h1').waitFor();
  await page.locator('[data-testid^="project-row-"], .staff-empty').first().waitFor();
  const ids = await page
    .locator('[data-testid^="project-row-"]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.replace('project-row-', ''));
}

describe.skipIf(inject('e2eSkipped'))('organisations', () => {
  const baseUrl = inject('baseUrl');
  let staff: BrowserSession;
  let resident: BrowserSession;

  beforeAll(async () => {
    staff = await openBrowser({ baseUrl, executablePath: inject('chromiumPath'), locale: 'nb-NO' });
    resident = await openBrowser({ baseUrl, executablePath: inject('chromiumPath'), locale: 'nb-NO' });
  });

  afterAll(async () => {
    await staff?.close();
    await resident?.close();
  });

  it('keeps each organisation’s projects apart and brands its public page', { timeout: 360_000 }, async ({
    onTestFailed,
  }) => {
    printServerLogOnFailure(
      onTestFailed,
      () => `staff:\n${staff.describeProblems()}\nresident:\n${resident.describeProblems()}`,
    );
    const word = randomLetters();
    const organisation = `e2e-org-${word}`;
    const organisationName = `Kommune ${word}`;
    const person = { email: `e2e-org-${word}@nabolag.test`, password: `organisation test password ${word}` };

    // The operator creates the organisation and its first admin, who is also a planner in `default`.
    const operator = await signInAsAdmin(baseUrl);
    const created = await postJson(baseUrl, operator, '/api/staff/organisations', {
      slug: organisation,
      name: organisationName,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(organisationSchema.parse(created.body).slug).toBe(organisation);
    const admin = await postJson(baseUrl, operator, '/api/staff/users', {
      organisation,
      email: person.email,
      name: `Organisasjonsadmin ${word}`,
      password: person.password,
      roles: ['admin'],
      projectRoles: [],
    });
    expect(admin.status, JSON.stringify(admin.body)).toBe(201);
    const planner = await postJson(baseUrl, operator, '/api/staff/users', {
      organisation: 'default',
      email: person.email,
      password: person.password,
      roles: ['planner'],
      projectRoles: [],
    });
    expect([200, 201], JSON.stringify(planner.body)).toContain(planner.status);
    // The same person, added to `default`: not a second account.
    expect(staffUserSchema.parse(planner.body).id).toBe(staffUserSchema.parse(admin.body).id);
    // A third organisation with no projects, where the person is a facilitator.
    const empty = `e2e-none-${word}`;
    const emptyName = `Tom kommune ${word}`;
    const third = await postJson(baseUrl, operator, '/api/staff/organisations', {
      slug: empty,
      name: emptyName,
    });
    expect(third.status, JSON.stringify(third.body)).toBe(201);
    const facilitator = await postJson(baseUrl, operator, '/api/staff/users', {
      organisation: empty,
      email: person.email,
      password: person.password,
      roles: ['facilitator'],
      projectRoles: [],
    });
    expect(facilitator.status, JSON.stringify(facilitator.body)).toBe(201);

    // One project in each organisation.
    const definition = await demoProjectDefinition();
    const defaultProject = `e2e-def-${word}`;
    const ownProject = `e2e-own-${word}`;
    const inDefault = await postJson(baseUrl, operator, '/api/staff/projects', {
      ...definition,
      slug: defaultProject,
      organisation: 'default',
    });
    expect(inDefault.status, JSON.stringify(inDefault.body)).toBe(201);
    const asPerson = await signInAs(baseUrl, person);
    const inOwn = await postJson(baseUrl, asPerson, '/api/staff/projects', {
      ...definition,
      slug: ownProject,
      organisation,
    });
    expect(inOwn.status, JSON.stringify(inOwn.body)).toBe(201);

    // The person signs in at /staff and switches between their organisations.
    const page = staff.page;
    await page.goto(`${baseUrl}/staff?lang=nb`);
    await page.locator('#sign-in-email').fill(person.email);
    await page.locator('#sign-in-password').fill(person.password);
    await page.locator('[data-testid="sign-in"]').click();
    await page.locator('[data-testid="signed-in-as"]').waitFor();
    const switcher = page.locator('[data-testid="organisation-switcher"]');
    await switcher.waitFor();

    await switcher.selectOption(organisation);
    await page.locator(`[data-testid="project-row-${ownProject}"]`).waitFor();
    let listed = await listedProjects(page);
    expect(listed).toContain(ownProject);
    expect(listed).not.toContain(defaultProject);
    expect(
      listed.every((slug) => slug === ownProject),
      listed.join(', '),
    ).toBe(true);

    await switcher.selectOption('default');
    await page.locator(`[data-testid="project-row-${defaultProject}"]`).waitFor();
    listed = await listedProjects(page);
    expect(listed).toContain(defaultProject);
    expect(listed).not.toContain(ownProject);

    // The choice is remembered: after a reload the person is still in `default`.
    await page.reload();
    await page.locator(`[data-testid="project-row-${defaultProject}"]`).waitFor();
    expect(await switcher.inputValue()).toBe('default');

    // The pickers of analysis, moderation and workshops offer the organisation's projects only.
    const offered = async (section: string, picker: string) => {
      await page.locator(`[data-testid="nav-${section}"]`).click();
      await page.locator(`[data-testid="${picker}"], [data-testid="no-projects"]`).first().waitFor();
      return page
        .locator(`[data-testid="${picker}"] option`)
        .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    };
    for (const [chosen, shown, hidden] of [
      ['default', defaultProject, ownProject],
      [organisation, ownProject, defaultProject],
    ] as const) {
      await switcher.selectOption(chosen);
      await page.locator('[data-testid="nav-analysis"]').click();
      await page.locator(`[data-testid="analyse-${shown}"]`).waitFor();
      expect(await page.locator(`[data-testid="analyse-${hidden}"]`).count()).toBe(0);
      for (const [section, picker] of [
        ['moderation', 'moderation-project'],
        ['workshops', 'workshop-project'],
      ] as const) {
        const slugs = await offered(section, picker);
        expect(slugs, `${section} in ${chosen}`).toContain(shown);
        expect(slugs, `${section} in ${chosen}`).not.toContain(hidden);
      }
    }
    // In the organisation without projects, each page says so (in Norwegian), naming it.
    await switcher.selectOption(empty);
    for (const [section, text] of [
      ['analysis', `Du er ikke planlegger i noe prosjekt i ${emptyName}.`],
      ['moderation', `${emptyName} har ingen prosjekter du arbeider i.`],
      ['workshops', `Du holder ikke verksteder i noe prosjekt i ${emptyName}.`],
    ] as const) {
      await page.locator(`[data-testid="nav-${section}"]`).click();
      await page.locator('[data-testid="no-projects"]').filter({ hasText: text }).waitFor();
      expect(
        await page.locator('[data-testid="moderation-project"], [data-testid="workshop-project"]').count(),
      ).toBe(0);
    }

    // The audit log shows the organisation administered, and only its entries.
    await switcher.selectOption(organisation);
    await page.locator('[data-testid="nav-audit"]').click();
    await page.locator('[data-testid="audit-organisation-name"]').waitFor();
    expect(await page.locator('[data-testid="audit-organisation-name"]').textContent()).toContain(
      organisationName,
    );
    await page.locator('[data-testid="audit-row"]').first().waitFor();
    const audited = await page
      .locator('[data-testid="audit-row"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-organisation')));
    expect(audited.length).toBeGreaterThan(0);
    expect(new Set(audited)).toEqual(new Set([organisation]));

    // The organisation page: a colour too light for white text is warned about, a dark one is not.
    await switcher.selectOption(organisation);
    await page.locator('[data-testid="nav-organisations"]').click();
    await page.locator(`[data-testid="organisation-row-${organisation}"] a`).click();
    await page.locator('[data-testid="organisation-form"]').waitFor();
    const colour = page.locator('[data-testid="colour-primaryColour"]');
    await colour.fill(LIGHT_COLOUR);
    await page.locator('[data-testid="contrast-warning"]').waitFor();
    await colour.fill(DARK_COLOUR);
    await page.locator('[data-testid="contrast-ok"]').waitFor();
    expect(await page.locator('[data-testid="contrast-warning"]').count()).toBe(0);
    await page.locator('[data-testid="organisation-save"]').click();
    await page.locator('[data-testid="organisation-form"] [role="status"].notice').waitFor();

    // A logo, chosen, previewed and uploaded.
    await page.locator('[data-testid="logo-file"]').setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: await logoPng(),
    });
    await page.locator('[data-testid="logo-upload"]').click();
    await page.locator('[data-testid="current-logo"]').waitFor();
    expect(await page.locator('[data-testid="current-logo"]').getAttribute('alt')).toBe(organisationName);
    // The shell shows it too, beside the organisation's name.
    await page.locator('[data-testid="current-organisation"] img').waitFor();

    // Its members, with the person's roles there, and the way to its users page.
    const member = page.locator(`[data-testid="member-row"][data-email="${person.email}"]`);
    await member.waitFor();
    expect(await member.textContent()).toContain('Administrator');

    const problems = await seriousAxeViolations(page);
    expect(problems, describeViolations(problems)).toEqual([]);

    await page.locator('[data-testid="organisation-users"]').click();
    await page.waitForURL(new RegExp(`/staff/users\\?organisation=${organisation}$`));
    await page.locator('.staff-page h1').filter({ hasText: organisationName }).waitFor();

    // The operator manages any organisation's users (the page the operator reaches the same way).
    const members = await fetch(`${baseUrl}/api/staff/users?organisation=${organisation}`, {
      headers: operator.headers,
    });
    expect(members.status).toBe(200);
    expect(JSON.stringify(await members.json())).toContain(person.email);

    // What the public sees: the project carries the organisation's brand…
    const publicProject = projectSchema.parse(
      await (await fetch(`${baseUrl}/api/projects/${ownProject}`)).json(),
    );
    expect(publicProject.organisation).toMatchObject({
      slug: organisation,
      name: organisationName,
      primaryColour: DARK_COLOUR,
    });
    const logoUrl = publicProject.organisation.logoUrl;
    if (!logoUrl) throw new Error('the project has no logo address');
    const logo = await fetch(`${baseUrl}${logoUrl}`);
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toContain('image/png');
    expect((await sharp(Buffer.from(await logo.arrayBuffer())).metadata()).format).toBe('png');

    // …and its page shows the logo (alt text: the name) and the name, on the organisation's colour.
    await resident.page.goto(`${baseUrl}/p/${ownProject}?lang=nb`);
    const brand = resident.page.locator('[data-testid="organisation-brand"]');
    await brand.waitFor();
    expect(await brand.textContent()).toContain(organisationName);
    const image = brand.locator('img');
    expect(await image.getAttribute('alt')).toBe(organisationName);
    await expect
      .poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    expect(await brand.getAttribute('class')).toContain('organisation-brand--accent');
    expect(await brand.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(
      'rgb(122, 31, 61)',
    );

    // The default organisation's project has no such brand colour.
    await resident.page.goto(`${baseUrl}/p/${defaultProject}?lang=nb`);
    const defaultBrand = resident.page.locator('[data-testid="organisation-brand"]');
    await defaultBrand.waitFor();
    expect(await defaultBrand.textContent()).not.toContain(organisationName);
    expect(staff.pageErrors).toEqual([]);
    expect(resident.pageErrors).toEqual([]);
  });
});
