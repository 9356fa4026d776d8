import type { LocalizedText } from '@nabolag/schema';
import { projectTextFallback } from '@nabolag/schema/plain';
import { createContext, type ReactNode, useCallback, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { langIfDifferent, type TextInLanguage, textInLanguage } from './project-text.ts';

/** The fallback order of the project whose texts are shown below; `undefined` outside one. */
const TextFallbackContext = createContext<readonly string[] | undefined>(undefined);

/**
 * Gives every project text below it the project's own fallback order (`textFallback`), so that
 * category buttons, prompts and follow-up questions deep in the page pick their language as the
 * title does, without each component being handed the project.
 */
export function ProjectTextScope({
  project,
  children,
}: {
  project: { textFallback?: readonly string[] | null; defaultLanguage?: string };
  children: ReactNode;
}) {
  const order = useMemo(
    () =>
      projectTextFallback({
        textFallback: project.textFallback,
        defaultLanguage: project.defaultLanguage ?? 'nb',
      }),
    [project.textFallback, project.defaultLanguage],
  );
  return <TextFallbackContext.Provider value={order}>{children}</TextFallbackContext.Provider>;
}

/** What `useProjectText` gives: the page's language and pickers bound to it and the project's order. */
export interface ProjectTextPicker {
  language: string;
  /** The text in the page's language or along the project's fallback order, with its language. */
  pick: (text: LocalizedText | undefined) => TextInLanguage;
  /** The same, the text only. */
  text: (text: LocalizedText | undefined) => string;
  /** The `lang` attribute for a picked text: only when it differs from the page's language. */
  lang: (found: TextInLanguage) => string | undefined;
}

/**
 * Picks project texts in the reader's language, falling back along the order of the enclosing
 * `ProjectTextScope` (or the default order outside one).
 */
export function useProjectText(): ProjectTextPicker {
  const { i18n } = useTranslation();
  const order = useContext(TextFallbackContext);
  const language = i18n.language;
  const pick = useCallback(
    (text: LocalizedText | undefined) =>
      order ? textInLanguage(text, language, order) : textInLanguage(text, language),
    [language, order],
  );
  return useMemo(
    () => ({
      language,
      pick,
      text: (text: LocalizedText | undefined) => pick(text).text,
      lang: (found: TextInLanguage) => langIfDifferent(found, language),
    }),
    [language, pick],
  );
}

/**
 * A project text as a `<span>` in the reader's language or along the project's fallback order,
 * marked with its language (and laid out in its own direction) when that is not the page's.
 */
export function ProjectText({ text, className }: { text: LocalizedText | undefined; className?: string }) {
  const { pick, lang } = useProjectText();
  const found = pick(text);
  return (
    <span className={className} lang={lang(found)} dir="auto">
      {found.text}
    </span>
  );
}
