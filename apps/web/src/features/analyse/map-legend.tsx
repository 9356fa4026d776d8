import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COMPARE_COLOURS,
  HOT_SPOT_COLOURS,
  HOT_SPOT_LEGEND,
  hotSpotConfidence,
  LIKED_COLOURS,
} from '../../map/analysis-colours.ts';
import type { AnalysisDisplay } from '../../map/analysis-layers.ts';
import { DENSITY_COLOURS } from '../../map/density-layer.ts';
import { HEATMAP_COLOURS } from '../../map/heatmap-cells.ts';

const gradient = (colours: readonly string[]) => `linear-gradient(to right, ${colours.join(', ')})`;

/** A colour ramp with a label at each end. */
function Ramp({
  colours,
  start,
  end,
  middle,
}: {
  colours: readonly string[];
  start: string;
  end: string;
  /** What the middle of a diverging ramp means. */
  middle?: string;
}) {
  return (
    <div className="map-legend__ramp" data-testid="map-legend-ramp">
      <span className="map-legend__bar" style={{ backgroundImage: gradient(colours) }} aria-hidden="true" />
      <span className="map-legend__ends">
        <span>{start}</span>
        {middle && <span className="map-legend__middle">{middle}</span>}
        <span>{end}</span>
      </span>
    </div>
  );
}

/** What the map's colours mean, in words (the colours alone are never the only key). */
export function MapLegend({
  display,
  sides,
}: {
  display: AnalysisDisplay;
  /** Names of side A and B of a comparison. */
  sides?: { a: string; b: string };
}) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  let body: ReactNode;
  switch (display.kind) {
    case 'heatmap': {
      const max = display.cells.features.reduce((top, cell) => Math.max(top, cell.properties.count), 0);
      body = (
        <Ramp
          colours={HEATMAP_COLOURS}
          start={t('staff.analysis.legend.few')}
          end={t('staff.analysis.legend.many', { count: max, value: number.format(max) })}
        />
      );
      break;
    }
    case 'density':
      body = (
        <Ramp
          colours={DENSITY_COLOURS}
          start={t('staff.analysis.legend.sparse')}
          end={t('staff.analysis.legend.dense')}
        />
      );
      break;
    case 'hot-spots':
      body = (
        <ul className="map-legend__classes" data-testid="hot-spot-legend">
          {HOT_SPOT_LEGEND.map((value) => {
            const confidence = hotSpotConfidence(value);
            return (
              <li key={value}>
                <span
                  className="map-legend__swatch"
                  style={{ background: HOT_SPOT_COLOURS[value] }}
                  aria-hidden="true"
                />
                {confidence === null
                  ? t('staff.analysis.legend.notSignificant')
                  : t(value > 0 ? 'staff.analysis.legend.hot' : 'staff.analysis.legend.cold', { confidence })}
              </li>
            );
          })}
        </ul>
      );
      break;
    case 'compare':
      body =
        display.measure === 'contested' ? (
          <Ramp
            colours={LIKED_COLOURS}
            start={t('staff.analysis.legend.moreLeastLiked')}
            end={t('staff.analysis.legend.moreLiked')}
            middle={t('staff.analysis.legend.alike')}
          />
        ) : (
          <Ramp
            colours={COMPARE_COLOURS}
            start={t('staff.analysis.legend.moreIn', { side: sides?.b ?? 'B' })}
            end={t('staff.analysis.legend.moreIn', { side: sides?.a ?? 'A' })}
          />
        );
      break;
  }
  return (
    <div className="map-legend" data-testid="map-legend">
      <h3 className="map-legend__title">{t('staff.analysis.legend.title')}</h3>
      {body}
    </div>
  );
}
