import type { HotSpotClass } from '@nabolag/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hotSpotConfidence } from '../../map/analysis-colours.ts';
import type { CellRow } from './cells.ts';

/** Rows shown before "Show all". */
const FIRST_ROWS = 25;

/**
 * The map's cells as a table, most telling first, each with a button that opens its stories:
 * the way to the cells for keyboard and screen-reader users (and a quick ranking for everyone).
 */
export function CellList({
  rows,
  kind,
  selected,
  onSelect,
}: {
  rows: readonly CellRow[];
  kind: 'heatmap' | 'hot-spots' | 'compare' | 'contested';
  selected: string | null;
  onSelect: (cell: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [all, setAll] = useState(false);
  const number = new Intl.NumberFormat(i18n.language);
  const decimal = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  const coordinate = new Intl.NumberFormat(i18n.language, {
    minimumFractionDigits: 4,
    maximumFractionDigits: 4,
  });
  const shown = all ? rows : rows.slice(0, FIRST_ROWS);
  const place = (row: CellRow) =>
    t('staff.analysis.cells.place', {
      latitude: coordinate.format(row.centre[1]),
      longitude: coordinate.format(row.centre[0]),
    });

  return (
    <details className="analysis-cells" data-testid="cell-list">
      <summary>{t('staff.analysis.cells.heading', { count: rows.length })}</summary>
      {rows.length === 0 ? (
        <p className="staff-empty">{t('staff.analysis.cells.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="staff-table analysis-table">
            <caption className="visually-hidden">{t('staff.analysis.cells.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.analysis.cells.where')}</th>
                <th scope="col" className="numeric">
                  {t('staff.analysis.charts.contributions')}
                </th>
                {kind === 'heatmap' && (
                  <th scope="col" className="numeric">
                    {t('staff.analysis.charts.participants')}
                  </th>
                )}
                {kind === 'hot-spots' && (
                  <>
                    <th scope="col" className="numeric">
                      {t('staff.analysis.cells.z')}
                    </th>
                    <th scope="col">{t('staff.analysis.cells.significance')}</th>
                  </>
                )}
                {(kind === 'compare' || kind === 'contested') && (
                  <>
                    <th scope="col" className="numeric">
                      A
                    </th>
                    <th scope="col" className="numeric">
                      B
                    </th>
                    <th scope="col" className="numeric">
                      {t(
                        kind === 'contested'
                          ? 'staff.analysis.cells.contested'
                          : 'staff.analysis.cells.difference',
                      )}
                    </th>
                  </>
                )}
                <th scope="col">{t('staff.analysis.cells.stories')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => {
                const confidence =
                  row.hotSpotClass === undefined ? null : hotSpotConfidence(row.hotSpotClass as HotSpotClass);
                return (
                  <tr
                    key={row.cell}
                    data-testid="cell-row"
                    data-cell={row.cell}
                    aria-current={row.cell === selected || undefined}
                  >
                    <th scope="row">{place(row)}</th>
                    <td className="numeric">{number.format(row.count)}</td>
                    {kind === 'heatmap' && (
                      <td className="numeric">{number.format(row.participants ?? 0)}</td>
                    )}
                    {kind === 'hot-spots' && (
                      <>
                        <td className="numeric">
                          {row.z === null || row.z === undefined ? '–' : decimal.format(row.z)}
                        </td>
                        <td>
                          {confidence === null
                            ? t('staff.analysis.legend.notSignificant')
                            : t(
                                (row.hotSpotClass ?? 0) > 0
                                  ? 'staff.analysis.legend.hot'
                                  : 'staff.analysis.legend.cold',
                                {
                                  confidence,
                                },
                              )}
                        </td>
                      </>
                    )}
                    {(kind === 'compare' || kind === 'contested') && (
                      <>
                        <td className="numeric">{number.format(row.a ?? 0)}</td>
                        <td className="numeric">{number.format(row.b ?? 0)}</td>
                        <td className="numeric">
                          {kind === 'contested'
                            ? decimal.format(row.contested ?? 0)
                            : percent.format(row.difference ?? 0)}
                        </td>
                      </>
                    )}
                    <td>
                      <button
                        type="button"
                        className="button button--small"
                        data-testid="open-cell-stories"
                        aria-label={t('staff.analysis.cells.readStoriesAt', { place: place(row) })}
                        onClick={() => onSelect(row.cell)}
                      >
                        {t('staff.analysis.cells.readStories')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {!all && rows.length > FIRST_ROWS && (
        <button type="button" className="button button--small" onClick={() => setAll(true)}>
          {t('staff.analysis.cells.showAll', { count: rows.length })}
        </button>
      )}
    </details>
  );
}
