import 'i18next';
import type nb from './locales/nb.json';

// Keys passed to t() are checked against the bokmål file, the reference locale.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof nb };
  }
}
