import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessibilityPage } from '../features/accessibility/accessibility-page.tsx';
import { PrivacyPage } from '../features/privacy/privacy-page.tsx';
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

// "My places" shows a small map to move a place, so it is loaded like the map page.
const MyPlacesPage = lazy(() =>
  import('../features/me/my-places-page.tsx').then((module) => ({ default: module.MyPlacesPage })),
);

// The results page ("What we heard") shows the heatmap on a map: its own chunk too.
const ResultsPage = lazy(() =>
  import('../features/results/results-page.tsx').then((module) => ({ default: module.ResultsPage })),
);

// A workshop's tablet and projector bring the map too; each is its own chunk.
const KioskPage = lazy(() =>
  import('../features/workshop/kiosk-page.tsx').then((module) => ({ default: module.KioskPage })),
);
const ProjectorPage = lazy(() =>
  import('../features/workshop/projector-page.tsx').then((module) => ({ default: module.ProjectorPage })),
);

// The staff pages (sign-in, project admin, moderation, users) are their own chunk: residents
// never download them.
const StaffApp = lazy(() =>
  import('../features/staff/staff-app.tsx').then((module) => ({ default: module.StaffApp })),
);

function PageLoading({ what = 'map' }: { what?: 'map' | 'staff' }) {
  const { t } = useTranslation();
  return (
    <div className="page-state page-state--centred" role="status">
      <span className="spinner" aria-hidden="true" />
      {what === 'staff' ? t('staff.loading') : t('project.loading')}
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
    <Shell
      fullScreen={route.page === 'project' || route.page === 'kiosk' || route.page === 'projector'}
      variant={route.page === 'kiosk' ? 'kiosk' : route.page === 'projector' ? 'bare' : 'site'}
    >
      {route.page === 'projects' && <ProjectListPage />}
      {route.page === 'project' && (
        <Suspense fallback={<PageLoading />}>
          <ResidentMapPage key={route.slug} slug={route.slug} />
        </Suspense>
      )}
      {route.page === 'me' && (
        <Suspense fallback={<PageLoading />}>
          <MyPlacesPage key={route.slug} slug={route.slug} />
        </Suspense>
      )}
      {route.page === 'privacy' && <PrivacyPage key={route.slug} slug={route.slug} />}
      {route.page === 'results' && (
        <Suspense fallback={<PageLoading />}>
          <ResultsPage key={route.slug} slug={route.slug} />
        </Suspense>
      )}
      {route.page === 'accessibility' && <AccessibilityPage />}
      {route.page === 'staff' && (
        <Suspense fallback={<PageLoading what="staff" />}>
          <StaffApp />
        </Suspense>
      )}
      {route.page === 'kiosk' && (
        <Suspense fallback={<PageLoading />}>
          <KioskPage key={route.code} code={route.code} />
        </Suspense>
      )}
      {route.page === 'projector' && (
        <Suspense fallback={<PageLoading />}>
          <ProjectorPage key={route.code} code={route.code} />
        </Suspense>
      )}
      {route.page === 'not-found' && <NotFoundPage />}
    </Shell>
  );
}
