/**
 * A new version of a report with a changed full-year forecast, written the
 * way an import writes it (writeReport, origin "import"): the prognos of the
 * named lines is set, their avvikelse follows the table's sign convention
 * and the sum rows move by as much as their parts did.
 */
import { reportFile, type ReportFile } from '../../services/reports/report-file.js';
import { writeReport } from '../../services/reports/report-writer.js';
import type { Database, Queryable } from '../../services/store/database.js';

export async function readReport(db: Queryable, id: string): Promise<ReportFile> {
  const [row] = await db.query<{ document: unknown }>('select document from report where id = $1', [id]);
  if (!row) throw new Error(`rapporten ${id} finns inte`);
  return reportFile.parse(row.document);
}

/** The report with new prognos figures (in the table's printed unit) for some lines of its forecast table. */
export function withForecast(file: ReportFile, tableKey: string, prognos: Record<string, number>): ReportFile {
  const copy = structuredClone(file);
  const table = copy.tables.find((t) => t.key === tableKey);
  if (!table) throw new Error(`tabellen ${tableKey} finns inte`);
  const col = (measure: string) => table.columns.findIndex((c) => c.measure === measure && c.period !== null && !c.period.includes('/'));
  const [p, b, a] = [col('prognos'), col('budget'), col('avvikelse')];
  const round = (n: number) => Number(n.toFixed(table.decimals));
  // sum rows move by what their parts moved (some printed sums do not add up, and stay so)
  const moved = new Map<string, [number, number]>();
  for (const row of table.rows) {
    const before = [Number(row.values[p] ?? 0), Number(row.values[a] ?? 0)] as const;
    if (row.line in prognos) {
      const budget = Number(row.values[b] ?? 0);
      row.values[p] = prognos[row.line]!;
      row.values[a] = round(table.sign === 'resultat' ? prognos[row.line]! - budget : budget - prognos[row.line]!);
    } else if (row.sumOf) {
      const [dp, da] = row.sumOf.reduce(([x, y], k) => [x + (moved.get(k)?.[0] ?? 0), y + (moved.get(k)?.[1] ?? 0)], [0, 0]);
      if (dp || da) {
        row.values[p] = round(before[0] + dp);
        row.values[a] = round(before[1] + da);
      }
    }
    moved.set(row.line, [Number(row.values[p] ?? 0) - before[0], Number(row.values[a] ?? 0) - before[1]]);
  }
  return copy;
}

/** Writes a changed forecast into the store as an import would; returns the new version. */
export async function changeForecast(db: Database, reportId: string, tableKey: string, prognos: Record<string, number>): Promise<ReportFile> {
  const changed = withForecast(await readReport(db, reportId), tableKey, prognos);
  await db.transaction((tx) => writeReport(tx, changed, 'import'));
  return changed;
}
