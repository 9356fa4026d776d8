import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from './language-switcher.tsx';
import { Link, usePathname } from './router.tsx';
import { ACCESSIBILITY_PATH } from './routes.ts';

const logo = (
  <svg className="shell__logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
    <path
      fill="currentColor"
      d="M16 2C10.5 2 6 6.4 6 11.9 6 19.3 16 30 16 30s10-10.7 10-18.1C26 6.4 21.5 2 16 2z"
    />
    <circle cx="16" cy="12" r="4.2" fill="#1d4f91" />
  </svg>
);

/**
 * The frame of every page: a skip link, the banner with the name and the language menu, and
 * the main landmark. After an in-app navigation, focus moves to the main content so that
 * screen-reader users hear the new page rather than staying on the old link.
 */
export function Shell({
  fullScreen,
  variant = 'site',
  children,
}: {
  fullScreen: boolean;
  /** `kiosk`: the banner links nowhere (a workshop tablet); `bare`: no banner (the projector). */
  variant?: 'site' | 'kiosk' | 'bare';
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const pathname = usePathname();
  const mainRef = useRef<HTMLElement>(null);
  const previousPathname = useRef(pathname);

  useEffect(() => {
    if (previousPathname.current === pathname) return;
    previousPathname.current = pathname;
    mainRef.current?.focus();
  }, [pathname]);

  return (
    <div className={fullScreen ? 'shell shell--full-screen' : 'shell'}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      {variant !== 'bare' && (
        <header className="shell__banner">
          {variant === 'kiosk' ? (
            <span className="shell__brand">
              {logo}
              <span>{t('app.name')}</span>
            </span>
          ) : (
            <Link href="/" className="shell__brand" aria-label={t('app.home')}>
              {logo}
              <span>{t('app.name')}</span>
            </Link>
          )}
          <LanguageSwitcher />
        </header>
      )}
      <main id="main" ref={mainRef} tabIndex={-1} className="shell__main">
        {children}
      </main>
      {/* The full-screen map links to these from its panel instead. */}
      {!fullScreen && (
        <footer className="shell__footer">
          <Link href={ACCESSIBILITY_PATH}>{t('app.accessibility')}</Link>
        </footer>
      )}
    </div>
  );
}
