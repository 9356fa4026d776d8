import type { ErrorBody } from '@nabolag/schema';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, ERRORS } from '../errors.ts';

/** PostgreSQL and socket error codes that mean "the database is not reachable", not "a bug". */
const DATABASE_DOWN = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

function isDatabaseDown(error: unknown): boolean {
  const candidate = error as { code?: string; message?: string };
  return (
    (typeof candidate.code === 'string' && DATABASE_DOWN.has(candidate.code)) ||
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
      candidate.message ?? '',
    )
  );
}

const send = (code: keyof typeof ERRORS, message?: string, details?: unknown): [number, ErrorBody] => {
  const body: ErrorBody = { code, message: message ?? ERRORS[code].message };
  if (details !== undefined) body.details = details;
  return [ERRORS[code].status, body];
};

/** Maps any thrown error to the one JSON error shape; 5xx texts are hidden and logged with the request id. */
export function toErrorResponse(error: FastifyError | Error): [number, ErrorBody] {
  if (error instanceof AppError) return [error.status, error.toBody()];
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((issue) => ({
      path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || (error.validationContext ?? ''),
      message: issue.message,
    }));
    const summary = details
      .map((detail) => `${detail.path ? `${detail.path}: ` : ''}${detail.message}`)
      .join('; ');
    return send(
      'VALIDATION_FAILED',
      `The ${error.validationContext ?? 'request'} is not valid: ${summary}`,
      details,
    );
  }
  const code = (error as FastifyError).code;
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return send('MALFORMED_JSON', `The body is not valid JSON: ${error.message}`);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return send('MALFORMED_JSON', 'The body is empty; send a JSON object.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return send('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return send('BODY_TOO_LARGE', 'The body is too large.');
  }
  if (error instanceof SyntaxError && (error as FastifyError).statusCode === 400) {
    return send('MALFORMED_JSON', `The body is not valid JSON: ${error.message}`);
  }
  if (isDatabaseDown(error)) return send('DATABASE_UNAVAILABLE');
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500 && !isResponseSerializationError(error)) {
    return [status, { code: status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', message: error.message }];
  }
  return send('INTERNAL');
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const [status, body] = toErrorResponse(error);
    if (status === 503) {
      // Expected while the database restarts: one short warning per request, not a stack trace.
      request.log.warn({ code: body.code, reqId: request.id, cause: error.message }, 'database unavailable');
      body.details = { requestId: request.id };
    } else if (status >= 500) {
      request.log.error({ err: error, reqId: request.id }, 'request failed');
      body.details = { requestId: request.id };
    } else {
      request.log.info({ code: body.code, reqId: request.id }, body.message);
    }
    if (status === 503) reply.header('retry-after', '5');
    const retryAfter = (body.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (status === 429 && retryAfter) reply.header('retry-after', String(retryAfter));
    return reply.status(status).send(body);
  });
}
