import type { Organisation, OrganisationUpdate } from '@nabolag/schema';
import { type BasemapForm, basemapFormOf, basemapOf } from '../projects/project-form.ts';

/** The organisation page's form: colours as typed (`''` for none), the default basemap as in the project editor. */
export interface OrganisationForm {
  name: string;
  primaryColour: string;
  accentColour: string;
  defaultLanguages: string[];
  defaultLanguage: string;
  basemap: BasemapForm;
}

export function organisationForm(organisation: Organisation): OrganisationForm {
  return {
    name: organisation.name,
    primaryColour: organisation.primaryColour ?? '',
    accentColour: organisation.accentColour ?? '',
    defaultLanguages: [...organisation.defaultLanguages],
    defaultLanguage: organisation.defaultLanguage,
    basemap: basemapFormOf(organisation.defaultBasemap),
  };
}

/** A colour as typed: `#rrggbb` (a leading `#` added), or null when left empty. */
export function colourOf(typed: string): string | null {
  const trimmed = typed.trim().toLowerCase();
  if (trimmed === '') return null;
  return trimmed.startsWith('#') ? trimmed : `#${trimmed}`;
}

/**
 * The change the form describes, for `organisationUpdateSchema` to judge. Kartverket's map (the
 * instance default) is stored as "no default of its own" (null).
 */
export function updateFromForm(form: OrganisationForm): OrganisationUpdate {
  return {
    name: form.name,
    primaryColour: colourOf(form.primaryColour),
    accentColour: colourOf(form.accentColour),
    defaultLanguages: [...form.defaultLanguages],
    defaultLanguage: form.defaultLanguage,
    defaultBasemap: basemapOf(form.basemap) ?? null,
  };
}
