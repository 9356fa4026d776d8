import { describe, expect, it } from 'vitest';
import type { FetchLike } from './client.ts';
import { createStaffApi } from './staff-api.ts';

interface Sent {
  path: string;
  init: RequestInit | undefined;
}

function recording(status: number, body: unknown) {
  const sent: Sent[] = [];
  const fetchImpl: FetchLike = async (path, init) => {
    sent.push({ path, init });
    return new Response(status === 204 ? null : JSON.stringify(body), { status });
  };
  return { sent, fetchImpl };
}

const apiWith = (fetchImpl: FetchLike, onUnauthorized = () => undefined) =>
  createStaffApi({ csrfToken: () => 'csrf-secret', onUnauthorized, fetchImpl });

describe('createStaffApi', () => {
  it('sends the CSRF token with a write', async () => {
    const { sent, fetchImpl } = recording(204, null);
    await apiWith(fetchImpl).revokeToken('5b0e6a0c-57f8-4a43-9c1e-0c0f5f2b8a11');
    expect(sent[0]?.init?.method).toBe('DELETE');
    expect(new Headers(sent[0]?.init?.headers).get('X-CSRF-Token')).toBe('csrf-secret');
  });

  it('does not send the CSRF token with a read', async () => {
    const { sent, fetchImpl } = recording(200, { tokens: [] });
    await apiWith(fetchImpl).listTokens();
    expect(new Headers(sent[0]?.init?.headers).has('X-CSRF-Token')).toBe(false);
  });

  it('sends a body as JSON', async () => {
    const { sent, fetchImpl } = recording(204, null);
    await apiWith(fetchImpl).moderate('5b0e6a0c-57f8-4a43-9c1e-0c0f5f2b8a11', {
      action: 'hide',
      reason: 'rude',
    });
    expect(new Headers(sent[0]?.init?.headers).get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(sent[0]?.init?.body))).toEqual({ action: 'hide', reason: 'rude' });
  });

  it('treats 204 without a body as success', async () => {
    const { fetchImpl } = recording(204, null);
    const result = await apiWith(fetchImpl).deleteContribution('5b0e6a0c-57f8-4a43-9c1e-0c0f5f2b8a11');
    expect(result.ok).toBe(true);
  });

  it('reports an ended session when a call answers 401', async () => {
    const { fetchImpl } = recording(401, { code: 'UNAUTHORIZED', message: 'Sign in' });
    let ended = 0;
    const result = await apiWith(fetchImpl, () => {
      ended += 1;
    }).listProjects();
    expect(ended).toBe(1);
    expect(result.ok === false && result.error.code).toBe('UNAUTHORIZED');
  });

  it('does not end the session on 403', async () => {
    const { fetchImpl } = recording(403, { code: 'FORBIDDEN', message: 'no' });
    let ended = 0;
    await apiWith(fetchImpl, () => {
      ended += 1;
    }).listUsers('larvik');
    expect(ended).toBe(0);
  });

  it('names the organisation of a users request in the query', async () => {
    const { sent, fetchImpl } = recording(200, { users: [] });
    await apiWith(fetchImpl).listUsers('indre-ostfold');
    await apiWith(fetchImpl).updateUser('indre-ostfold', '5b0e6a0c-57f8-4a43-9c1e-0c0f5f2b8a11', {
      roles: [],
    });
    expect(sent.map((request) => request.path)).toEqual([
      '/api/staff/users?organisation=indre-ostfold',
      '/api/staff/users/5b0e6a0c-57f8-4a43-9c1e-0c0f5f2b8a11?organisation=indre-ostfold',
    ]);
  });

  it('sends a logo as the raw file with the CSRF token', async () => {
    const { sent, fetchImpl } = recording(204, null);
    const logo = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
    await apiWith(fetchImpl).organisations.uploadLogo('larvik', logo);
    expect(sent[0]?.path).toBe('/api/staff/organisations/larvik/logo');
    expect(sent[0]?.init?.method).toBe('PUT');
    expect(sent[0]?.init?.body).toBe(logo);
    const headers = new Headers(sent[0]?.init?.headers);
    expect(headers.get('Content-Type')).toBe('image/png');
    expect(headers.get('X-CSRF-Token')).toBe('csrf-secret');
  });

  it('asks for the audit log page before an id', async () => {
    const { sent, fetchImpl } = recording(200, { entries: [] });
    await apiWith(fetchImpl).listAudit({ before: '120', limit: 50 });
    expect(sent[0]?.path).toBe('/api/staff/audit?limit=50&before=120');
  });

  it('narrows the audit log to one organisation when asked', async () => {
    const { sent, fetchImpl } = recording(200, { entries: [] });
    await apiWith(fetchImpl).listAudit({ limit: 50, organisation: 'indre-ostfold' });
    expect(sent[0]?.path).toBe('/api/staff/audit?limit=50&organisation=indre-ostfold');
  });
});
