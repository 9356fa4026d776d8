// The contract's limits, lists and small helpers that need no zod, also published on their own as
// `@nabolag/schema/plain`: the resident pages import these (and types) so that zod and the
// schema objects are not in the code a phone must run before the map answers (see
// docs/benchmarks.md). The zod schemas in the other files are built from these same values.
import type { FollowUpCondition, FollowUpQuestion } from './follow-up.ts';
import type { LocalizedText } from './i18n.ts';

/** A project slug: 2–63 lower-case letters, digits and hyphens, not starting with a hyphen. */
export const PROJECT_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** A participant token: 32–128 characters of base64url or hex. */
export const PARTICIPANT_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;
/** Staff API tokens start with this; a participant token must never be mistaken for one. */
export const STAFF_TOKEN_PREFIX = 'nbl_';

/** Whether `token` is a well-formed participant token (what `participantTokenSchema` accepts). */
export const isParticipantToken = (token: string): boolean =>
  PARTICIPANT_TOKEN_PATTERN.test(token) && !token.startsWith(STAFF_TOKEN_PREFIX);

/** Longest story, in characters (UTF-16 code units, as `String.length` counts). */
export const MAX_STORY_LENGTH = 4000;
/** Largest photo upload, in bytes. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Image types a photo may be uploaded as (the server checks the bytes, not the name or header). */
export const PHOTO_UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** The background question's age bands, youngest first. */
export const AGE_BANDS = ['under-13', '13-17', '18-29', '30-44', '45-66', '67-79', '80-plus'] as const;
/** A participant's relations to the area. */
export const RELATIONS = ['lives', 'works-studies', 'grew-up', 'visitor'] as const;

/** The range of a scale question's answers. */
export const SCALE_MIN = 1;
export const SCALE_MAX = 5;

/** Languages written right to left; the web app sets `dir="rtl"` for them. */
export const RIGHT_TO_LEFT_LANGUAGES: readonly string[] = ['ar', 'fa', 'he', 'ur', 'ps', 'ckb'];

/**
 * Picks the text for `language`, falling back through `fallbacks` and then to any text at all,
 * so that a prompt missing in one language is shown in another rather than left blank.
 */
export function pickText(
  text: LocalizedText | undefined,
  language: string,
  fallbacks: readonly string[] = ['nb', 'en'],
): string {
  if (!text) return '';
  for (const tag of [language, language.split('-')[0] ?? language, ...fallbacks]) {
    const value = text[tag];
    if (value) return value;
  }
  return Object.values(text).find((value) => value.length > 0) ?? '';
}

/**
 * The icons a category may name in its `icon` field (lucide's names; the web app bundles exactly
 * these). The first eight are the method's categories in order: meeting places, landmarks,
 * places to show visitors, community, great value, least liked, most time, attachment. An
 * `icon` that is not one of these (an emoji saved before the set existed) is shown as text.
 */
export const CATEGORY_ICON_NAMES = [
  'users',
  'landmark',
  'camera',
  'heart-handshake',
  'gem',
  'thumbs-down',
  'clock',
  'anchor',
  'map-pin',
  'coffee',
  'trees',
  'house',
  'school',
  'bike',
  'footprints',
  'bus',
  'waves',
  'music',
  'shopping-bag',
  'baby',
  'star',
  'sun',
] as const;
export type CategoryIconName = (typeof CATEGORY_ICON_NAMES)[number];

/** Whether a category's `icon` names one of the bundled icons (rather than an emoji). */
export const isCategoryIconName = (icon: string | undefined): icon is CategoryIconName =>
  icon !== undefined && (CATEGORY_ICON_NAMES as readonly string[]).includes(icon);

/** The answers a follow-up condition waits for. */
export const conditionValues = (condition: FollowUpCondition): Array<string | number> =>
  condition.equals !== undefined ? [condition.equals] : (condition.anyOf ?? []);

/** Whether the question is asked, given the answers to the questions before it. */
export function isQuestionShown(
  question: FollowUpQuestion,
  answers: Readonly<Record<string, unknown>>,
): boolean {
  if (!question.showIf) return true;
  const answer = answers[question.showIf.question];
  if (answer === undefined || answer === null) return false;
  const values = conditionValues(question.showIf);
  return Array.isArray(answer)
    ? answer.some((value) => values.includes(value))
    : values.includes(answer as never);
}
