import type { UiLanguage } from './language.ts';
import en from './locales/en.json';
import nb from './locales/nb.json';
import nn from './locales/nn.json';

/** The interface's texts. nb is the reference; nn and en must have every key it has. */
export const resources = {
  nb: { translation: nb },
  nn: { translation: nn },
  en: { translation: en },
} as const satisfies Record<UiLanguage, { translation: unknown }>;
