import type { Project, ProjectUpdate, ProjectUpdateInput } from '@nabolag/schema';
import type { FieldErrors } from '../projects/project-validation.ts';

/** Limits of `projectUpdateInputSchema` (packages/schema), checked here before sending. */
export const MAX_TITLE_LENGTH = 200;
export const MAX_BODY_LENGTH = 4000;

/** What the editor holds: a title and a text per offered language, the date, published or not. */
export interface UpdateDraft {
  /** `YYYY-MM-DD` */
  publishedOn: string;
  title: Record<string, string>;
  body: Record<string, string>;
  published: boolean;
}

/** Today as `YYYY-MM-DD` in the browser's own calendar. */
export function today(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const perLanguage = (languages: readonly string[], texts: Record<string, string> = {}) =>
  Object.fromEntries(languages.map((language) => [language, texts[language] ?? '']));

/** A new update: dated today, a draft, empty in every offered language. */
export function emptyDraft(project: Pick<Project, 'languages'>, now = new Date()): UpdateDraft {
  return {
    publishedOn: today(now),
    title: perLanguage(project.languages),
    body: perLanguage(project.languages),
    published: false,
  };
}

/** A stored update to edit (languages it has but the project no longer offers are dropped). */
export function draftFromUpdate(update: ProjectUpdate, project: Pick<Project, 'languages'>): UpdateDraft {
  return {
    publishedOn: update.publishedOn,
    title: perLanguage(project.languages, update.title),
    body: perLanguage(project.languages, update.body),
    published: update.published,
  };
}

/**
 * Problems by field (`publishedOn`, `title.nb`, `body.en` …), the rules the server applies: a
 * real date, a title in the default language, every text within its length.
 */
export function validateDraft(draft: UpdateDraft, project: Pick<Project, 'defaultLanguage'>): FieldErrors {
  const errors: FieldErrors = {};
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(draft.publishedOn);
  const parsed = date ? new Date(Number(date[1]), Number(date[2]) - 1, Number(date[3])) : null;
  if (!parsed || parsed.getMonth() !== Number(date?.[2]) - 1)
    errors.publishedOn = { key: 'staff.updates.errors.date' };
  if (!draft.title[project.defaultLanguage]?.trim())
    errors[`title.${project.defaultLanguage}`] = {
      key: 'staff.updates.errors.titleRequired',
      values: { language: project.defaultLanguage },
    };
  for (const [language, text] of Object.entries(draft.title))
    if (text.trim().length > MAX_TITLE_LENGTH)
      errors[`title.${language}`] = {
        key: 'staff.updates.errors.tooLong',
        values: { max: MAX_TITLE_LENGTH },
      };
  for (const [language, text] of Object.entries(draft.body))
    if (text.length > MAX_BODY_LENGTH)
      errors[`body.${language}`] = { key: 'staff.updates.errors.tooLong', values: { max: MAX_BODY_LENGTH } };
  return errors;
}

/** What is sent: trimmed titles, and only the languages something was written in. */
export function toInput(draft: UpdateDraft): ProjectUpdateInput {
  const written = (texts: Record<string, string>, trim: boolean) =>
    Object.fromEntries(
      Object.entries(texts)
        .map(([language, text]) => [language, trim ? text.trim() : text] as const)
        .filter(([, text]) => text.trim().length > 0),
    );
  return {
    publishedOn: draft.publishedOn,
    title: written(draft.title, true),
    body: written(draft.body, false),
    published: draft.published,
  };
}

/** Newest date first, as the server and the residents' page order them. */
export const byDateDescending = (a: ProjectUpdate, b: ProjectUpdate) =>
  b.publishedOn.localeCompare(a.publishedOn) || b.updatedAt.localeCompare(a.updatedAt);
