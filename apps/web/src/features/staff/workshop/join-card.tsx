import './workshop.css';
import type { WorkshopSession } from '@nabolag/schema';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { joinUrl, projectorUrl, qrCodePath, spacedCode } from './qr-code.ts';

/** The join code in large letters, the join link and its QR code, and the projector link. */
export function JoinCard({ session }: { session: WorkshopSession }) {
  const { t } = useTranslation();
  const origin = window.location.origin;
  const link = joinUrl(origin, session.code);
  const qr = useMemo(() => qrCodePath(link), [link]);
  return (
    <section className="join-card" data-testid="join-card" aria-labelledby="join-card-title">
      <h2 id="join-card-title">{t('staff.workshops.joinTitle', { title: session.title })}</h2>
      <div className="join-card__body">
        <div>
          <p className="join-card__label">{t('staff.workshops.joinCode')}</p>
          <p className="join-card__code" data-testid="join-code" data-code={session.code}>
            {spacedCode(session.code)}
          </p>
          <p className="join-card__label">{t('staff.workshops.joinLink')}</p>
          <p>
            <a href={link} className="join-card__link" data-testid="join-link">
              {link}
            </a>
          </p>
          <p>
            <a
              href={projectorUrl(origin, session.code)}
              target="_blank"
              rel="noopener"
              className="button"
              data-testid="open-projector"
            >
              {t('staff.workshops.openProjector')}
            </a>
          </p>
        </div>
        <svg
          className="join-card__qr"
          viewBox={`0 0 ${qr.size} ${qr.size}`}
          role="img"
          aria-label={t('staff.workshops.qrLabel', { link })}
          data-testid="join-qr"
          shapeRendering="crispEdges"
        >
          <rect width={qr.size} height={qr.size} fill="#ffffff" />
          <path d={qr.path} fill="#000000" />
        </svg>
      </div>
    </section>
  );
}
