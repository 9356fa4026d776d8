import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { serviceWorker } from './vite-plugin-service-worker.ts';

// The API (apps/api) serves the built app in production; in development Vite serves the app and
// hands the API's paths to it, so both run on one origin as they do in production.
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? 8080}`;
const proxiedPaths = ['/api', '/ogc', '/tiles'];

export default defineConfig(({ command }) => {
  // A test runner's NODE_ENV=test (vitest sets it, and the e2e setup builds the app from inside
  // vitest) would otherwise give a production bundle React's development build.
  if (command === 'build' && process.env.NODE_ENV === 'test') process.env.NODE_ENV = 'production';
  return {
    // The service worker (offline shell) is built after the app, with the list of its files.
    plugins: [react(), serviceWorker({ entry: 'src/offline/service-worker/sw.ts' })],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      sourcemap: true,
      // dist/.vite/manifest.json: which chunks each page needs (pnpm bench reports their sizes).
      manifest: true,
      // MapLibre alone is ~1 MB minified; it is one chunk on purpose (loaded only for map pages).
      chunkSizeWarningLimit: 1500,
    },
    server: {
      proxy: Object.fromEntries(
        proxiedPaths.map((path) => [path, { target: apiTarget, changeOrigin: false }]),
      ),
    },
    preview: {
      proxy: Object.fromEntries(
        proxiedPaths.map((path) => [path, { target: apiTarget, changeOrigin: false }]),
      ),
    },
  };
});
