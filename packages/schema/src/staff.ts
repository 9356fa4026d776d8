import { z } from 'zod';
import { projectSlugSchema } from './project.ts';

export const staffRoleSchema = z.enum(['admin', 'planner', 'facilitator']);
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** Shortest staff password: long passphrases beat complexity rules (NIST SP 800-63B). */
export const MIN_PASSWORD_LENGTH = 12;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('an e-mail address such as name@larvik.kommune.no').max(254));

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `a password needs at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1000);

/** `POST /api/auth/login` */
export const loginSchema = z.object({ email: emailSchema, password: z.string().min(1).max(1000) }).strict();

export const projectRoleSchema = z.object({ project: projectSlugSchema, role: staffRoleSchema });

/**
 * A staff member as an organisation's admin manages them (`/api/staff/users?organisation=`):
 * `roles` and `projectRoles` are those in that organisation only. A person may belong to several
 * organisations; each organisation sees only its own part.
 */
export const staffUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  /** Roles in every project of the organisation. */
  roles: z.array(staffRoleSchema),
  /** Roles in one of the organisation's projects each. */
  projectRoles: z.array(projectRoleSchema),
  disabled: z.boolean(),
});
export type StaffUser = z.infer<typeof staffUserSchema>;

/** One organisation a signed-in staff member belongs to, with their roles across it. */
export const staffMembershipSchema = z.object({
  slug: z.string(),
  name: z.string(),
  roles: z.array(staffRoleSchema),
});

/**
 * The signed-in staff member (`GET /api/auth/me`). `projectRoles` are the effective roles: those
 * from organisation memberships (a planner of an organisation is a planner in each of its
 * projects) and those given in one project. `operator` manages organisations on the instance; it
 * gives no access to any organisation's raw data.
 */
export const staffMeSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  operator: z.boolean(),
  organisations: z.array(staffMembershipSchema),
  projectRoles: z.array(projectRoleSchema),
});
export type StaffMe = z.infer<typeof staffMeSchema>;

/** `GET /api/auth/me`, and the answer to a sign-in. Send `csrfToken` as `X-CSRF-Token` with every write. */
export const staffSessionSchema = z.object({ user: staffMeSchema, csrfToken: z.string() });
export type StaffSession = z.infer<typeof staffSessionSchema>;

/**
 * `POST /api/staff/users` (organisation admins, operator). `organisation` may be left out when the
 * caller administers exactly one organisation. An e-mail that already has an account in another
 * organisation adds that person to this one (the password is then ignored).
 */
export const userCreateSchema = z
  .object({
    organisation: z.string().optional(),
    email: emailSchema,
    name: z.string().trim().max(200).default(''),
    password: passwordSchema,
    roles: z.array(staffRoleSchema).default([]),
    projectRoles: z.array(projectRoleSchema).default([]),
  })
  .strict();
export type UserCreate = z.input<typeof userCreateSchema>;

/** `PATCH /api/staff/users/:id?organisation=` (organisation admins): roles within that organisation. */
export const userUpdateSchema = z
  .object({
    name: z.string().trim().max(200).optional(),
    roles: z.array(staffRoleSchema).optional(),
    projectRoles: z.array(projectRoleSchema).optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, 'nothing to change');

export const userParamsSchema = z.object({ id: z.uuid() });
export const userListSchema = z.object({ users: z.array(staffUserSchema) });

/** API tokens for GIS clients. The token itself is shown once, at creation. */
export const apiTokenCreateSchema = z.object({ name: z.string().trim().min(1).max(100) }).strict();
export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export const apiTokenCreatedSchema = apiTokenSchema.extend({ token: z.string() });
export const apiTokenListSchema = z.object({ tokens: z.array(apiTokenSchema) });

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  user: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  project: z.string().nullable(),
  /** The organisation's slug; null for the operator's instance-wide actions. */
  organisation: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export const auditListSchema = z.object({ entries: z.array(auditEntrySchema) });
