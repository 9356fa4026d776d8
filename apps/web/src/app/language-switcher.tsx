import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, matchUiLanguage, textDirection, UI_LANGUAGES } from '../i18n/language.ts';
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
      // The same page in another language: no guard needs asking.
      navigate(`${window.location.pathname}?${params.toString()}${window.location.hash}`, {
        replace: true,
        force: true,
      });
    }
  };

  return (
    <div className="language-switcher">
      {/* A globe, so that someone who cannot read the label still knows what the menu is for. */}
      <svg className="language-switcher__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="9.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path
          d="M2.75 12h18.5M12 2.75c2.6 2.5 3.9 5.6 3.9 9.25S14.6 18.75 12 21.25M12 2.75C9.4 5.25 8.1 8.35 8.1 12s1.3 6.75 3.9 9.25"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
        />
      </svg>
      <label htmlFor="language-select" className="language-switcher__label">
        {t('app.language')}
      </label>
      <select id="language-select" value={i18n.language} onChange={(event) => choose(event.target.value)}>
        {UI_LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language} dir={textDirection(language)}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
