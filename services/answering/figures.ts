/**
 * A line's figures read from the store, classified the way a controller reads
 * a driftsammandrag: the year so far (utfall, budget, avvikelse, samma period
 * i fjol), the full year (prognos, budget, avvikelse, bokslut) and plan years.
 */
import type { Catalogue, CatalogueReport, CatalogueTable } from '../catalogue/catalogue.js';
import type { Measure } from '../reports/report-file.js';
import type { AmountRow } from '../reports/report-queries.js';
import { amountValue, isFullYear, yearOf } from './describe.js';

export interface Figure extends AmountRow {
  table: CatalogueTable;
  value?: number;
}

/** Tables in the order their figure is preferred when two print the same one. */
const TABLE_PREFERENCE = ['driftsammandrag', 'ekonomi', 'investeringar', 'åtgärdsplan', 'avgifter', 'corona'];

export function toFigures(c: Catalogue, report: CatalogueReport, rows: AmountRow[]): Figure[] {
  const figures = rows.flatMap((row) => {
    const table = c.table(report.id, row.table_key);
    return table ? [{ ...row, table, value: amountValue(row, table) }] : [];
  });
  // within a kind, the more precise table first: the prognosis table's 230 500 tkr, not a diagram's 231 mnkr
  const precision = (t: CatalogueTable) => (t.unit === 'tkr' ? 3 : 0) + t.decimals;
  return figures.sort(
    (a, b) => TABLE_PREFERENCE.indexOf(a.table.kind) - TABLE_PREFERENCE.indexOf(b.table.kind) || precision(b.table) - precision(a.table) || a.ordinal - b.ordinal,
  );
}

export interface FigureQuery {
  measure: Measure;
  year?: number;
  scope?: 'period' | 'helår';
  component?: string;
}

/** The first figure (by table preference) for a measure, year and scope; netto unless the line has only parts (intäkter, utgifter). */
export function findFigure(figures: Figure[], f: FigureQuery): Figure | undefined {
  const fits = (x: Figure) =>
    x.measure === f.measure && (f.year === undefined || yearOf(x) === f.year) && (f.scope === undefined || (f.scope === 'helår') === isFullYear(x));
  if (f.component) return figures.find((x) => fits(x) && x.component === f.component);
  return figures.find((x) => fits(x) && x.component === 'netto') ?? figures.find(fits);
}

/** The latest part-year period in the figures ("jan–mars 2024"), if any. */
export function latestPeriod(figures: Figure[], year?: number): Figure | undefined {
  return figures
    .filter((x) => x.measure === 'utfall' && x.period_from && !isFullYear(x) && (year === undefined || yearOf(x) === year))
    .sort((a, b) => (b.period_to ?? '').localeCompare(a.period_to ?? ''))[0];
}

/** Whether a line's availability offers the asked figure. */
export function offers(
  available: Array<{ measure: Measure; component: string; from: string | null; to: string | null }>,
  f: { measure?: Measure; year?: number; scope?: 'period' | 'helår' },
): boolean {
  return available.some((a) => {
    if (f.measure && a.measure !== f.measure) return false;
    if (!f.measure && a.measure === 'förändring') return false;
    const row = { period_from: a.from, period_to: a.to };
    if (f.year !== undefined && yearOf(row) !== f.year) return false;
    if (f.scope && (f.scope === 'helår') !== isFullYear(row)) return false;
    return true;
  });
}
