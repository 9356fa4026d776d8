import { createHash, randomBytes } from 'node:crypto';
import { participantTokenSchema } from '@nabolag/schema';
import { AppError } from '../../errors.ts';

/** A new participant token: 32 random bytes, base64url (43 characters). */
export function newParticipantToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only the SHA-256 of a token is stored: a leaked database does not let anyone act as a participant. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * Reads `Authorization: Bearer <participant token>`. Absent → undefined; present but malformed →
 * 401, so a client with a broken token learns it rather than silently becoming someone new.
 */
export function readParticipantToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined || authorization === '') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  const parsed = participantTokenSchema.safeParse(match?.[1]);
  if (!parsed.success) {
    throw new AppError(
      'UNAUTHORIZED',
      'The Authorization header must be "Bearer <token>" with a participant token of 32–128 characters of A–Z, a–z, 0–9, - or _.',
    );
  }
  return parsed.data;
}

/** Like readParticipantToken, but the token is required (editing, deleting, uploading). */
export function requireParticipantToken(authorization: string | undefined): string {
  const token = readParticipantToken(authorization);
  if (!token)
    throw new AppError('UNAUTHORIZED', 'Send the participant token as "Authorization: Bearer <token>".');
  return token;
}
