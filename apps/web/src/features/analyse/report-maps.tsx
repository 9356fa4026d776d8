import type { AnalysisStats, Project } from '@nabolag/schema';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../../i18n/error-messages.ts';
import type { AnalysisDisplay } from '../../map/analysis-layers.ts';
import { renderMapImage } from '../../map/map-image.ts';
import { useStaff } from '../staff/staff-session.ts';
import type { AnalysisLabels } from './labels.ts';
import { MapLegend } from './map-legend.tsx';

/**
 * Size of a map picture in CSS pixels, 3:2: two side by side fill an A4 page's text width
 * (182 mm ≈ 688 px at 96 dpi), three rows to a page, two under the summary. One 720 × 480
 * picture per page left about 60 % of each page white; at 4:3 the second row under the
 * summary did not fit.
 */
const IMAGE_SIZE = { width: 336, height: 224 };

/** How many of the report's map pictures are drawn; `total` null until the list is known. */
export interface MapProgress {
  done: number;
  total: number | null;
  /** Which drawing this is of (`ReportMaps`' `drawingKey`): progress of an earlier one is stale. */
  key: string;
  /** The picture of all categories together, once drawn (the cover shows it). */
  cover?: string | null;
}

type Picture = {
  key: string;
  title: string;
  src: string | null;
  cells: number;
  problem: string | null;
  display: AnalysisDisplay | null;
};

/**
 * The report's heatmaps as pictures: all categories together, then each category that has
 * contributions. Drawn one after the other off screen (one WebGL context at a time).
 */
export function ReportMaps({
  project,
  stats,
  labels,
  cell,
  suppress,
  filters,
  onProgress,
  drawingKey = '',
}: {
  project: Project;
  stats: AnalysisStats;
  labels: AnalysisLabels;
  cell: number;
  suppress: boolean;
  filters: Record<string, string>;
  /** Called as pictures are drawn (Print waits for all of them). */
  onProgress?: (progress: MapProgress) => void;
  /** Names this drawing in the progress reports (the report's filters, cell size, suppression). */
  drawingKey?: string;
}) {
  const { t } = useTranslation();
  const { api } = useStaff();
  const [pictures, setPictures] = useState<Picture[]>([]);
  const [done, setDone] = useState(false);
  const filterKey = JSON.stringify(filters);
  const categoryKey = stats.byCategory
    .filter((row) => row.contributions > 0)
    .map((row) => row.key)
    .join(',');

  useEffect(() => {
    const abort = new AbortController();
    const chosen = filterKey === '{}' ? {} : (JSON.parse(filterKey) as Record<string, string>);
    const categories = categoryKey ? categoryKey.split(',') : [];
    // With a category filter, "all" is the chosen categories; each picture keeps the other filters.
    const wanted = [
      { key: 'all', title: t('staff.analysis.report.allCategories'), category: chosen.category },
      ...categories.map((key) => ({ key, title: labels.category(key), category: key })),
    ];
    setPictures([]);
    setDone(false);
    onProgress?.({ done: 0, total: wanted.length, key: drawingKey });
    let drawn = 0;
    let cover: string | null = null;
    void (async () => {
      for (const picture of wanted) {
        const result = await api.analysis
          .heatmap(project.slug, { ...chosen, cell, suppress, category: picture.category }, abort.signal)
          .catch(() => null);
        if (abort.signal.aborted || result === null) return;
        let made: Picture;
        if (!result.ok) {
          made = {
            ...picture,
            src: null,
            cells: 0,
            problem: t(errorMessageKey(result.error.code)),
            display: null,
          };
        } else {
          const display: AnalysisDisplay = { kind: 'heatmap', cells: result.value };
          const src = await renderMapImage(project, display, IMAGE_SIZE).catch(() => null);
          if (abort.signal.aborted) return;
          made = {
            ...picture,
            src,
            cells: result.value.features.length,
            problem: src ? null : t('staff.analysis.report.mapFailed'),
            display,
          };
        }
        setPictures((previous) => [...previous, made]);
        drawn += 1;
        if (picture.key === 'all') cover = made.src;
        onProgress?.({ done: drawn, total: wanted.length, key: drawingKey, cover });
      }
      setDone(true);
    })();
    return () => abort.abort();
  }, [api, project, cell, suppress, filterKey, categoryKey, labels, t, onProgress, drawingKey]);

  const attribution = project.basemap.kind === 'raster' ? project.basemap.attribution : null;
  return (
    <div className="report-maps" data-testid="report-maps" data-done={done} data-pictures={pictures.length}>
      {!done && (
        <p role="status" className="no-print">
          <span className="spinner" aria-hidden="true" />
          {t('staff.analysis.report.drawingMaps', { done: pictures.length })}
        </p>
      )}
      {pictures.map((picture) => (
        <figure key={picture.key} className="report-map">
          {picture.src ? (
            <img
              src={picture.src}
              width={IMAGE_SIZE.width}
              height={IMAGE_SIZE.height}
              alt={t('staff.analysis.report.mapAlt', { title: picture.title, count: picture.cells })}
              data-testid="report-map-image"
            />
          ) : (
            <p className="notice notice--error">{picture.problem}</p>
          )}
          {picture.display && picture.cells > 0 && <MapLegend display={picture.display} />}
          <figcaption>
            {picture.title} — {t('staff.analysis.report.mapCaption', { count: picture.cells })}
            {attribution ? ` · ${attribution}` : ''}
          </figcaption>
        </figure>
      ))}
    </div>
  );
}
