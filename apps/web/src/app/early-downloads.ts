// Imported first by main.tsx, for its side effects: what the first screen needs starts
// downloading while the rest of the app's code is still being evaluated (hundreds of
// milliseconds on a slow phone), instead of one download after another once it has rendered.
import { prefetchProjectPage } from '../api/nabolag-api.ts';
import { pageLanguage } from '../i18n/i18n.ts';
import { preloadLocales } from '../i18n/locale-loader.ts';
import { matchRoute } from './routes.ts';

// The page's language and its fallbacks (startI18n waits for them before the first render).
preloadLocales(pageLanguage());

// The resident map: its project and places, and its page's code (with MapLibre), which
// React.lazy in app.tsx would otherwise ask for only after the first render.
const route = matchRoute(window.location.pathname);
if (route.page === 'project') {
  prefetchProjectPage(route.slug);
  import('../features/contribute/resident-map-page.tsx').catch(() => undefined);
}
