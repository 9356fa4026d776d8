import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ProjectListPage } from '../features/projects/project-list-page.tsx';
import { languageFromAddress } from '../i18n/i18n.ts';
import { NotFoundPage } from './not-found-page.tsx';
import { usePathname, useSearch } from './router.tsx';
import { matchRoute } from './routes.ts';
import { Shell } from './shell.tsx';

// The map page brings MapLibre (about 1 MB); load it only when a map is opened.
const ResidentMapPage = lazy(() =>
  import('../features/contribute/resident-map-page.tsx').then((module) => ({
    default: module.ResidentMapPage,
  })),
);

function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="page-state page-state--centred" role="status">
      <span className="spinner" aria-hidden="true" />
      {t('project.loading')}
    </div>
  );
}

export function App() {
  const pathname = usePathname();
  const search = useSearch();
  const { i18n } = useTranslation();
  const route = matchRoute(pathname);

  // A link followed inside the app may carry its own ?lang=.
  useEffect(() => {
    const language = languageFromAddress(search);
    if (language && language !== i18n.language) void i18n.changeLanguage(language);
  }, [search, i18n]);

  return (
    <Shell fullScreen={route.page === 'project'}>
      {route.page === 'projects' && <ProjectListPage />}
      {route.page === 'project' && (
        <Suspense fallback={<PageLoading />}>
          <ResidentMapPage key={route.slug} slug={route.slug} />
        </Suspense>
      )}
      {route.page === 'not-found' && <NotFoundPage />}
    </Shell>
  );
}
