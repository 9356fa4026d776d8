import { useTranslation } from 'react-i18next';
import { Link } from './router.tsx';
import { useDocumentTitle } from './use-document-title.ts';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="page page--narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <p>
        <Link href="/" className="button button--primary">
          {t('notFound.home')}
        </Link>
      </p>
    </div>
  );
}
