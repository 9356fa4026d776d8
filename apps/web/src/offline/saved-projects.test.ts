import 'fake-indexeddb/auto';
import { type Project, projectSchema } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import { savedProject, saveProject } from './saved-projects.ts';

const project = (slug: string, title: string): Project =>
  projectSchema.parse({
    slug,
    organisation: {
      slug: 'default',
      name: 'Larvik kommune',
      logoUrl: null,
      primaryColour: null,
      accentColour: null,
    },
    title: { nb: title },
    description: { nb: 'Hvilke steder betyr noe for deg?' },
    area: {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [9.998, 59.05],
            [10, 59.0435],
            [10.012, 59.0415],
            [9.998, 59.05],
          ],
        ],
      ],
    },
    bounds: [9.998, 59.0415, 10.012, 59.05],
    categories: [
      {
        key: 'landmarks',
        labels: { nb: 'Kjennetegn' },
        prompts: { nb: 'Hva kjennetegner stedet?' },
        geometryTypes: ['Point', 'Polygon'],
        colour: '#8c564b',
      },
    ],
    languages: ['nb'],
    defaultLanguage: 'nb',
    basemap: { kind: 'none' },
    moderation: 'after',
    k: 5,
    open: true,
    opensAt: null,
    closesAt: null,
    retentionDays: 365,
    privacyContact: '',
    backgroundQuestions: [],
  });

// fake-indexeddb keeps its databases for the whole file: each test uses its own slugs.
describe('the saved projects', () => {
  it('keeps the latest copy of each project with the time it was kept', async () => {
    await saveProject(project('torstrand', 'Første'), new Date('2026-12-07T17:00:00Z'));
    await saveProject(project('torstrand', 'Andre'), new Date('2026-12-07T18:00:00Z'));
    await saveProject(project('sentrum', 'Sentrum'), new Date('2026-12-07T16:00:00Z'));
    const kept = await savedProject('torstrand');
    expect(kept?.project.title).toEqual({ nb: 'Andre' });
    expect(kept?.savedAt).toBe('2026-12-07T18:00:00.000Z');
    expect((await savedProject('sentrum'))?.project.slug).toBe('sentrum');
  });

  it('has nothing for a project never loaded, nor a copy this app cannot read', async () => {
    expect(await savedProject('aldri-lastet')).toBeUndefined();
    const broken = { ...project('odelagt', 'x'), categories: 'not a list' } as unknown as Project;
    await saveProject(broken);
    expect(await savedProject('odelagt')).toBeUndefined();
  });
});
