import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../../../i18n/error-messages.ts';
import { downloadFraction, formatBytes, formatPercent } from './export-progress.ts';
import type { DownloadState } from './use-export-download.ts';

/**
 * How the download goes: a progress bar (a percentage where it can be known, else a moving
 * bar), bytes and features received, then the saved file's name, or why it failed, in words.
 */
export function ExportStatus({
  state,
  summaryFeatures,
}: {
  state: DownloadState;
  summaryFeatures: number | null;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const number = new Intl.NumberFormat(language);

  if (state.status === 'failed') {
    return (
      <div role="alert" className="notice notice--error" data-testid="export-status" data-state="failed">
        <p>
          <strong>{t('staff.export.failed')}</strong> {t(errorMessageKey(state.error.code))}
        </p>
      </div>
    );
  }

  // The live region says only what changes the situation (started, saved, cancelled); the
  // numbers beside the bar change with every chunk and would drown a screen reader.
  let announcement = '';
  let text = '';
  let fraction: number | null = null;
  if (state.status === 'downloading') {
    announcement = t('staff.export.downloading');
    const progress = state.progress;
    if (!progress) {
      text = t('staff.export.preparing');
    } else {
      fraction = downloadFraction(progress, summaryFeatures);
      const total = progress.totalFeatures ?? summaryFeatures;
      const parts = [t('staff.export.received', { size: formatBytes(progress.bytes, language) })];
      if (progress.features !== null && total !== null) {
        parts.push(
          t('staff.export.featuresOf', {
            count: total,
            done: number.format(progress.features),
            total: number.format(total),
          }),
        );
      } else if (total !== null) {
        parts.push(t('staff.export.featuresComing', { count: total, total: number.format(total) }));
      }
      if (fraction !== null) parts.push(formatPercent(fraction, language));
      text = parts.join(' · ');
    }
  } else if (state.status === 'saved') {
    announcement = t('staff.export.saved', {
      filename: state.filename,
      size: formatBytes(state.bytes, language),
    });
  } else if (state.status === 'cancelled') {
    announcement = t('staff.export.cancelled');
  }

  return (
    <div className="export-status" data-testid="export-status" data-state={state.status}>
      {state.status === 'downloading' && (
        // Without a value the bar is indeterminate: the size of a streamed file is not known.
        <progress
          className="export-status__bar"
          max={1}
          {...(fraction !== null ? { value: fraction } : {})}
          aria-label={t('staff.export.progressLabel')}
        />
      )}
      {text && (
        <p className="export-status__text" data-testid="export-progress">
          {text}
        </p>
      )}
      <p role="status" className="export-status__text" data-testid="export-announcement">
        {announcement}
      </p>
    </div>
  );
}
