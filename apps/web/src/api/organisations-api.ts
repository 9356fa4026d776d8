import {
  type OrganisationCreate,
  type OrganisationUpdate,
  organisationDetailSchema,
  organisationListSchema,
  organisationSchema,
} from '@nabolag/schema';
import { z } from 'zod';
import { fetchWithUploadProgress, type UploadProgress } from './photos.ts';
import type { StaffCall } from './updates-api.ts';

const organisationPath = (slug: string) => `/api/staff/organisations/${encodeURIComponent(slug)}`;

/** Organisations (municipalities) on the instance: their branding, defaults and logo. */
export function createOrganisationsApi(call: StaffCall) {
  return {
    /** `GET /api/staff/organisations`: the caller's organisations (the operator: all). */
    list: (signal?: AbortSignal) =>
      call('/api/staff/organisations', organisationListSchema, signal ? { signal } : {}),
    /** `GET /api/staff/organisations/:org` (its members and the operator; admins also get `members`). */
    get: (slug: string, signal?: AbortSignal) =>
      call(organisationPath(slug), organisationDetailSchema, signal ? { signal } : {}),
    /** `POST /api/staff/organisations` (the operator); `ORGANISATION_SLUG_TAKEN` when the slug is used. */
    create: (organisation: OrganisationCreate) =>
      call('/api/staff/organisations', organisationSchema, { method: 'POST', json: organisation }),
    /** `PATCH /api/staff/organisations/:org` (its admins and the operator); the slug never changes. */
    update: (slug: string, changes: OrganisationUpdate) =>
      call(organisationPath(slug), organisationSchema, { method: 'PATCH', json: changes }),
    /**
     * `PUT /api/staff/organisations/:org/logo`: the image file itself is the body (PNG, JPEG or
     * WebP, at most `MAX_LOGO_BYTES`); the server re-encodes it to a PNG. Reports upload progress
     * where the browser has XMLHttpRequest. Answers the organisation with its new `logoUrl`.
     */
    uploadLogo: (
      slug: string,
      file: Blob,
      options: { onProgress?: (progress: UploadProgress) => void; signal?: AbortSignal } = {},
    ) =>
      call(`${organisationPath(slug)}/logo`, organisationSchema, {
        method: 'PUT',
        // The server reads what the image is by its bytes; a file without a type is sent as PNG
        // so that it reaches that check rather than failing on the header.
        headers: { 'Content-Type': file.type || 'image/png' },
        body: file,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress && typeof XMLHttpRequest === 'function'
          ? { transport: fetchWithUploadProgress(options.onProgress) }
          : {}),
      }),
    /** `DELETE /api/staff/organisations/:org/logo` */
    removeLogo: (slug: string) => call(`${organisationPath(slug)}/logo`, z.unknown(), { method: 'DELETE' }),
  };
}
