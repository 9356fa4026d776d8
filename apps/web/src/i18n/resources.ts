import type { UiLanguage } from './language.ts';
import ar from './locales/ar.json';
import en from './locales/en.json';
import nb from './locales/nb.json';
import nn from './locales/nn.json';
import pl from './locales/pl.json';
import so from './locales/so.json';
import ti from './locales/ti.json';
import uk from './locales/uk.json';

/**
 * Every locale file at once, for the tests that compare them (the app loads only the languages
 * a page needs, see locale-loader.ts). nb is the reference; nn and en have every key it has; ar, pl, so, ti
 * and uk have every key a resident sees (see `locales.test.ts`), and i18next falls back for the
 * rest (`FALLBACK_LANGUAGES`).
 */
export const resources = {
  nb: { translation: nb },
  nn: { translation: nn },
  en: { translation: en },
  ar: { translation: ar },
  pl: { translation: pl },
  so: { translation: so },
  ti: { translation: ti },
  uk: { translation: uk },
} as const satisfies Record<UiLanguage, { translation: unknown }>;
