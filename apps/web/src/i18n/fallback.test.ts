import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { FALLBACK_LANGUAGES } from './language.ts';
import en from './locales/en.json';
import nb from './locales/nb.json';
import { resources } from './resources.ts';

/** An i18next instance configured like the app's (`startI18n`), in `language`. */
async function translator(language: string) {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng: language, fallbackLng: FALLBACK_LANGUAGES, initAsync: false });
  return instance;
}

describe('fallback languages', () => {
  it('shows a staff text in English on a page in a language translated for residents only', async () => {
    const t = (await translator('ar')).t;
    expect(t('staff.loading')).toBe(en.staff.loading);
  });

  it('shows a text missing in nynorsk in bokmål before English', async () => {
    const instance = await translator('nn');
    instance.removeResourceBundle('nn', 'translation');
    expect(instance.t('project.loading')).toBe(nb.project.loading);
  });

  it('has a text of its own for resident keys in every language', async () => {
    const t = (await translator('so')).t;
    expect(t('contribute.send')).not.toBe(nb.contribute.send);
    expect(t('contribute.send')).not.toBe(en.contribute.send);
  });
});
