import type { ProjectUpdate } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import {
  byDateDescending,
  draftFromUpdate,
  emptyDraft,
  today,
  toInput,
  validateDraft,
} from './update-form.ts';

const project = { languages: ['nb', 'nn', 'en'], defaultLanguage: 'nb' };

describe('emptyDraft', () => {
  it('is a draft dated today with every offered language empty', () => {
    expect(emptyDraft(project, new Date(2025, 2, 4))).toEqual({
      publishedOn: '2025-03-04',
      title: { nb: '', nn: '', en: '' },
      body: { nb: '', nn: '', en: '' },
      published: false,
    });
  });
});

describe('validateDraft', () => {
  const draft = { ...emptyDraft(project), title: { nb: 'Benker', nn: '', en: '' } };

  it('accepts a dated update with a title in the default language', () => {
    expect(validateDraft(draft, project)).toEqual({});
  });

  it('needs the title in the default language and a real date', () => {
    const errors = validateDraft(
      { ...draft, publishedOn: '2025-02-30', title: { nb: ' ', nn: '', en: 'Benches' } },
      project,
    );
    expect(Object.keys(errors).sort()).toEqual(['publishedOn', 'title.nb']);
    expect(errors['title.nb']).toMatchObject({
      key: 'staff.updates.errors.titleRequired',
      values: { language: 'nb' },
    });
  });

  it('keeps texts within the server’s limits', () => {
    const errors = validateDraft({ ...draft, body: { nb: 'x'.repeat(4001), nn: '', en: '' } }, project);
    expect(errors['body.nb']).toMatchObject({ key: 'staff.updates.errors.tooLong', values: { max: 4000 } });
  });
});

describe('toInput', () => {
  it('sends only the languages written in, titles trimmed', () => {
    expect(
      toInput({
        publishedOn: '2025-03-04',
        title: { nb: ' Benker ', nn: '', en: 'Benches' },
        body: { nb: 'Tekst\n', nn: '  ', en: '' },
        published: true,
      }),
    ).toEqual({
      publishedOn: '2025-03-04',
      title: { nb: 'Benker', en: 'Benches' },
      body: { nb: 'Tekst\n' },
      published: true,
    });
  });
});

describe('draftFromUpdate and ordering', () => {
  const update = (publishedOn: string, updatedAt = '2025-01-01T00:00:00Z'): ProjectUpdate => ({
    id: `00000000-0000-4000-8000-${publishedOn.replaceAll('-', '').padStart(12, '0')}`,
    publishedOn,
    title: { nb: 'Tittel', de: 'Titel' },
    body: {},
    published: true,
    updatedAt,
  });

  it('edits the offered languages only', () => {
    expect(draftFromUpdate(update('2025-03-04'), project).title).toEqual({ nb: 'Tittel', nn: '', en: '' });
  });

  it('orders newest date first', () => {
    const sorted = [update('2025-01-02'), update('2025-03-04'), update('2024-12-31')].sort(byDateDescending);
    expect(sorted.map((entry) => entry.publishedOn)).toEqual(['2025-03-04', '2025-01-02', '2024-12-31']);
  });

  it('writes today in the local calendar', () => {
    expect(today(new Date(2025, 11, 31, 23, 30))).toBe('2025-12-31');
  });
});
