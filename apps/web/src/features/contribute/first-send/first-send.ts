import type { AgeBand, ParticipantProfile, Relation } from '@nabolag/schema';
import { AGE_BANDS, RELATIONS } from '@nabolag/schema/plain';
import type { KeyValueStorage } from '../../../lib/storage.ts';

export { AGE_BANDS, RELATIONS };

/**
 * What this browser remembers, per project, about the steps before a participant's first send:
 * that they read the consent text and sent (so it is not shown again), and whether they
 * answered the background questions or skipped them (so they are asked once). The answers
 * themselves are not kept here: they go to the server with the first contribution, and the
 * participant sees and changes them at `/p/:slug/me`.
 */
export interface FirstSendRecord {
  /** ISO time the participant first sent after seeing the consent text. */
  consentedAt?: string;
  questions?: 'answered' | 'skipped';
}

/** The record as stored, keeping only fields of the right shape (checked by hand: no zod here). */
function firstSendRecordOf(value: unknown): FirstSendRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const { consentedAt, questions } = value as Record<string, unknown>;
  return {
    ...(typeof consentedAt === 'string' ? { consentedAt } : {}),
    ...(questions === 'answered' || questions === 'skipped' ? { questions } : {}),
  };
}

const storageKey = (projectSlug: string) => `nabolag:first-send:${projectSlug}`;

export function readFirstSend(projectSlug: string, storage: KeyValueStorage): FirstSendRecord {
  const raw = storage.getItem(storageKey(projectSlug));
  if (!raw) return {};
  try {
    return firstSendRecordOf(JSON.parse(raw));
  } catch {
    return {};
  }
}

export function rememberFirstSend(
  projectSlug: string,
  storage: KeyValueStorage,
  change: FirstSendRecord,
): FirstSendRecord {
  const next = { ...readFirstSend(projectSlug, storage), ...change };
  storage.setItem(storageKey(projectSlug), JSON.stringify(next));
  return next;
}

/** After "delete everything I gave": the next contribution asks again, as for someone new. */
export function forgetFirstSend(projectSlug: string, storage: KeyValueStorage): void {
  storage.setItem(storageKey(projectSlug), '{}');
}

/** The background questions as the form holds them (text fields hold text). */
export interface BackgroundAnswers {
  ageBand: AgeBand | '';
  relation: Relation[];
  /** As typed; whole years, 0–120, or empty. */
  yearsInArea: string;
}

/** Most years the schema accepts. */
export const MAX_YEARS_IN_AREA = 120;

export const noAnswers = (): BackgroundAnswers => ({ ageBand: '', relation: [], yearsInArea: '' });

export function answersFromProfile(profile: ParticipantProfile): BackgroundAnswers {
  return {
    ageBand: profile.ageBand ?? '',
    relation: profile.relation ?? [],
    yearsInArea: profile.yearsInArea === undefined ? '' : String(profile.yearsInArea),
  };
}

/**
 * The profile to send for the answers given; questions left blank are left out. Years must be a
 * whole number from 0 to 120 (digits only, so "5 år" or "1.5" is a problem the reader can fix).
 */
export function profileFromAnswers(
  answers: BackgroundAnswers,
): { ok: true; profile: ParticipantProfile } | { ok: false; problem: 'years' } {
  const years = answers.yearsInArea.trim();
  if (years !== '' && (!/^\d{1,3}$/.test(years) || Number(years) > MAX_YEARS_IN_AREA)) {
    return { ok: false, problem: 'years' };
  }
  // Typed fields from fixed choices and a checked number: what participantProfileSchema accepts
  // (the server checks it again).
  const profile: ParticipantProfile = {
    ...(answers.ageBand && AGE_BANDS.includes(answers.ageBand) ? { ageBand: answers.ageBand } : {}),
    ...(answers.relation.length > 0
      ? { relation: RELATIONS.filter((r) => answers.relation.includes(r)) }
      : {}),
    ...(years !== '' ? { yearsInArea: Number(years) } : {}),
  };
  return { ok: true, profile };
}

export const isEmptyProfile = (profile: ParticipantProfile) => Object.keys(profile).length === 0;
