import { describe, expect, it } from 'vitest';
import type { ApiFailure, ApiResult } from '../api/client.ts';
import { classifySendResult } from './classify.ts';

const failure = (error: Omit<ApiFailure, 'message'>): ApiResult<unknown> => ({
  ok: false,
  error: { message: 'from the test', ...error },
});

describe('classifySendResult', () => {
  it('is done when the server stored it (201)', () => {
    expect(classifySendResult({ ok: true, status: 201, value: {} })).toEqual({ kind: 'done' });
  });

  it('is done when the server had it already (200 for a repeated id)', () => {
    expect(classifySendResult({ ok: true, status: 200, value: {} })).toEqual({ kind: 'done' });
  });

  it('retries when no answer came', () => {
    expect(classifySendResult(failure({ code: 'NETWORK', status: null }))).toEqual({
      kind: 'retry',
      error: { code: 'NETWORK', status: null },
      notBeforeMs: 0,
    });
  });

  it.each([500, 502, 503, 504])('retries a %i', (status) => {
    expect(classifySendResult(failure({ code: 'INTERNAL', status })).kind).toBe('retry');
  });

  it('retries a request timeout (408)', () => {
    expect(classifySendResult(failure({ code: 'UNEXPECTED_RESPONSE', status: 408 })).kind).toBe('retry');
  });

  it('retries after too many requests (429), no sooner than the server asks', () => {
    const verdict = classifySendResult(
      failure({ code: 'RATE_LIMITED', status: 429, details: { retryAfterSeconds: 17 } }),
    );
    expect(verdict).toEqual({
      kind: 'retry',
      error: { code: 'RATE_LIMITED', status: 429 },
      notBeforeMs: 17_000,
    });
  });

  it('retries a 2xx whose body breaks the contract (a captive portal page)', () => {
    expect(classifySendResult(failure({ code: 'UNEXPECTED_RESPONSE', status: 200 })).kind).toBe('retry');
  });

  it.each([
    ['OUTSIDE_PROJECT_AREA', 400],
    ['VALIDATION_FAILED', 400],
    ['UNAUTHORIZED', 401],
    ['PROJECT_CLOSED', 403],
    ['PROJECT_NOT_FOUND', 404],
    ['ID_CONFLICT', 409],
    ['BODY_TOO_LARGE', 413],
    ['UNSUPPORTED_IMAGE', 415],
  ] as const)('fails for good on %s (%i), keeping the code', (code, status) => {
    expect(classifySendResult(failure({ code, status }))).toEqual({
      kind: 'failed',
      error: { code, status },
    });
  });

  it('ignores a retry hint that is not a positive number of seconds', () => {
    const verdict = classifySendResult(
      failure({ code: 'RATE_LIMITED', status: 429, details: { retryAfterSeconds: 'soon' } }),
    );
    expect(verdict).toMatchObject({ kind: 'retry', notBeforeMs: 0 });
  });
});
