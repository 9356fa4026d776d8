import { startOutbox } from './outbox.ts';
import { registerServiceWorker } from './register-service-worker.ts';

/**
 * Everything that keeps the app useful without network, started once with the app: the outbox's
 * sync loop (sends what an earlier page left unsent) and, in production, the service worker.
 */
export function startOfflineSupport(): void {
  startOutbox();
  registerServiceWorker();
}
