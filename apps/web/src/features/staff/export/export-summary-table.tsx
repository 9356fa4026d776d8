import type { ExportSummary } from '@nabolag/schema';
import { useTranslation } from 'react-i18next';

/** What an export will hold: contributions per category and shape, with a total row. */
export function ExportSummaryTable({ summary }: { summary: ExportSummary }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const sum = (key: 'points' | 'lines' | 'polygons') =>
    summary.categories.reduce((total, category) => total + category[key], 0);
  return (
    <div className="table-scroll">
      <table className="staff-table" data-testid="export-summary" data-features={summary.features}>
        <caption className="visually-hidden">{t('staff.export.summaryCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staff.export.category')}</th>
            <th scope="col" className="numeric">
              {t('staff.export.points')}
            </th>
            <th scope="col" className="numeric">
              {t('staff.export.lines')}
            </th>
            <th scope="col" className="numeric">
              {t('staff.export.polygons')}
            </th>
            <th scope="col" className="numeric">
              {t('staff.export.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {summary.categories.map((category) => (
            <tr key={category.key}>
              <th scope="row">{category.label || category.key}</th>
              <td className="numeric">{number.format(category.points)}</td>
              <td className="numeric">{number.format(category.lines)}</td>
              <td className="numeric">{number.format(category.polygons)}</td>
              <td className="numeric">{number.format(category.features)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('staff.export.total')}</th>
            <td className="numeric">{number.format(sum('points'))}</td>
            <td className="numeric">{number.format(sum('lines'))}</td>
            <td className="numeric">{number.format(sum('polygons'))}</td>
            <td className="numeric">{number.format(summary.features)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
