import { type Organisation, organisationUpdateSchema } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import { colourOf, organisationForm, updateFromForm } from './organisation-form.ts';

const larvik: Organisation = {
  slug: 'larvik',
  name: 'Larvik kommune',
  primaryColour: '#1d4f91',
  accentColour: null,
  defaultLanguages: ['nb', 'en'],
  defaultLanguage: 'nb',
  defaultBasemap: { kind: 'none' },
  logoUrl: null,
  projectCount: 2,
  roles: ['admin'],
};

describe('organisation form', () => {
  it('gives back what it was made from', () => {
    const update = updateFromForm(organisationForm(larvik));
    expect(update).toEqual({
      name: 'Larvik kommune',
      primaryColour: '#1d4f91',
      accentColour: null,
      defaultLanguages: ['nb', 'en'],
      defaultLanguage: 'nb',
      defaultBasemap: { kind: 'none' },
    });
    expect(organisationUpdateSchema.safeParse(update).success).toBe(true);
  });

  it('stores the Kartverket choice as no default of its own', () => {
    const form = {
      ...organisationForm(larvik),
      basemap: { ...organisationForm(larvik).basemap, choice: 'kartverket' as const },
    };
    expect(updateFromForm(form).defaultBasemap).toBeNull();
  });

  it('reads a colour typed without # and an empty one as none', () => {
    expect(colourOf(' 1D4F91 ')).toBe('#1d4f91');
    expect(colourOf('')).toBeNull();
    const bad = updateFromForm({ ...organisationForm(larvik), primaryColour: 'blue' });
    expect(organisationUpdateSchema.safeParse(bad).success).toBe(false);
  });
});
