import { z } from 'zod';
import { languageTagSchema } from './i18n.ts';
import { basemapSchema, colourSchema, organisationSlugSchema } from './project.ts';
import { staffRoleSchema } from './staff.ts';

/**
 * An organisation (a municipality, a county): it owns projects and staff. Its name, logo and
 * colours brand its projects' public pages; its default languages and basemap prefill new
 * projects. Staff see only the organisations they belong to; the instance operator sees all.
 */
export const organisationSchema = z.object({
  slug: organisationSlugSchema,
  name: z.string(),
  primaryColour: colourSchema.nullable(),
  accentColour: colourSchema.nullable(),
  defaultLanguages: z.array(languageTagSchema).min(1),
  defaultLanguage: languageTagSchema,
  defaultBasemap: basemapSchema.nullable(),
  /** `/api/organisations/:slug/logo?v=…`, or null without a logo. */
  logoUrl: z.string().nullable(),
  /** How many projects the organisation owns. */
  projectCount: z.number().int().min(0),
  /** The caller's organisation-wide roles here (empty for an operator who is not a member). */
  roles: z.array(staffRoleSchema),
});
export type Organisation = z.infer<typeof organisationSchema>;

const organisationFields = {
  name: z.string().trim().min(1, 'a name is needed').max(200),
  primaryColour: colourSchema
    .transform((colour) => colour.toLowerCase())
    .nullable()
    .optional(),
  accentColour: colourSchema
    .transform((colour) => colour.toLowerCase())
    .nullable()
    .optional(),
  defaultLanguages: z.array(languageTagSchema).min(1).optional(),
  defaultLanguage: languageTagSchema.optional(),
  defaultBasemap: basemapSchema.nullable().optional(),
};

/** `POST /api/staff/organisations` (operator). */
export const organisationCreateSchema = z
  .object({ slug: organisationSlugSchema, ...organisationFields })
  .strict()
  .refine(
    (value) =>
      !value.defaultLanguage ||
      !value.defaultLanguages ||
      value.defaultLanguages.includes(value.defaultLanguage),
    { message: 'the default language must be one of the default languages', path: ['defaultLanguage'] },
  );
export type OrganisationCreate = z.input<typeof organisationCreateSchema>;

/** `PATCH /api/staff/organisations/:org` (organisation admin or operator). The slug never changes. */
export const organisationUpdateSchema = z
  .object(organisationFields)
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, 'nothing to change');
export type OrganisationUpdate = z.input<typeof organisationUpdateSchema>;

export const organisationParamsSchema = z.object({ org: organisationSlugSchema });
export const organisationListSchema = z.object({ organisations: z.array(organisationSchema) });

/** Largest logo upload, in bytes; it is re-encoded to a PNG at most 512 px on its longest side. */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;

/** A member of an organisation as its admins and the operator see them. */
export const organisationMemberSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  roles: z.array(staffRoleSchema),
  disabled: z.boolean(),
});

/**
 * `GET /api/staff/organisations/:org` (its members, the operator): the organisation, and for its
 * admins and the operator its members.
 */
export const organisationDetailSchema = organisationSchema.extend({
  members: z.array(organisationMemberSchema).optional(),
});
export type OrganisationDetail = z.infer<typeof organisationDetailSchema>;

/** `?organisation=` on the user and audit routes: which organisation (default: the caller's only one). */
export const organisationQuerySchema = z.object({ organisation: organisationSlugSchema.optional() });
