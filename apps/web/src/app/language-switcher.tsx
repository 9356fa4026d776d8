import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, matchUiLanguage, UI_LANGUAGES } from '../i18n/language.ts';
import { navigate } from './router.tsx';

/**
 * The language menu. Language names are written in their own language, so a reader who lands
 * in the wrong one still finds theirs. When the address carries `?lang=`, it is updated too,
 * so that a reload or a copied link keeps the new choice.
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();

  const choose = (value: string) => {
    const language = matchUiLanguage(value);
    if (!language) return;
    void i18n.changeLanguage(language);
    const params = new URLSearchParams(window.location.search);
    if (params.has('lang')) {
      params.set('lang', language);
      navigate(`${window.location.pathname}?${params.toString()}${window.location.hash}`, { replace: true });
    }
  };

  return (
    <div className="language-switcher">
      <label htmlFor="language-select">{t('app.language')}</label>
      <select id="language-select" value={i18n.language} onChange={(event) => choose(event.target.value)}>
        {UI_LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
