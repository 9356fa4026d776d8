import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiFailure } from '../../../api/client.ts';
import type { DownloadProgress, ExportChoice } from '../../../api/export-download.ts';
import type { StaffApi } from '../../../api/staff-api.ts';
import { saveFile } from './save-file.ts';

export type DownloadState =
  | { status: 'idle' }
  | { status: 'downloading'; choice: ExportChoice; progress: DownloadProgress | null }
  | { status: 'saved'; filename: string; bytes: number; features: number | null }
  | { status: 'cancelled' }
  | { status: 'failed'; error: ApiFailure };

/**
 * One export download at a time: `start` fetches the file with progress and saves it, `cancel`
 * aborts it (an AbortController); leaving the page aborts it too.
 */
export function useExportDownload(api: StaffApi, slug: string) {
  const [state, setState] = useState<DownloadState>({ status: 'idle' });
  const abortRef = useRef<AbortController | null>(null);

  useEffect(() => () => abortRef.current?.abort(), []);

  const start = useCallback(
    async (choice: ExportChoice) => {
      abortRef.current?.abort();
      const abort = new AbortController();
      abortRef.current = abort;
      setState({ status: 'downloading', choice, progress: null });
      try {
        const result = await api.downloadExport(slug, choice, {
          signal: abort.signal,
          onProgress: (progress) =>
            setState((previous) =>
              previous.status === 'downloading' ? { ...previous, progress } : previous,
            ),
        });
        if (abort.signal.aborted) return;
        if (!result.ok) {
          setState({ status: 'failed', error: result.error });
          return;
        }
        saveFile(result.value.blob, result.value.filename);
        setState({
          status: 'saved',
          filename: result.value.filename,
          bytes: result.value.bytes,
          features: result.value.totalFeatures,
        });
      } catch {
        // Aborted: `cancel` has said so already, or the page is gone.
      } finally {
        if (abortRef.current === abort) abortRef.current = null;
      }
    },
    [api, slug],
  );

  const cancel = useCallback(() => {
    abortRef.current?.abort();
    abortRef.current = null;
    setState({ status: 'cancelled' });
  }, []);

  return { state, start, cancel };
}
