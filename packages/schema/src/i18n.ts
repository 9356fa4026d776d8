import { z } from 'zod';

/** A BCP 47 language tag as used in `?lang=` and locale files: `nb`, `nn`, `en`, `ar`, `pt-BR`. */
export const languageTagSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'language must be a tag such as nb, nn, en or ar');
export type LanguageTag = z.infer<typeof languageTagSchema>;

/** Text in several languages, keyed by language tag: `{ nb: "Møtesteder", en: "Meeting places" }`. */
export const localizedTextSchema = z.record(languageTagSchema, z.string().max(10_000));
export type LocalizedText = z.infer<typeof localizedTextSchema>;
