/**
 * Import of a report from the template (a workbook or a CSV folder): the same
 * schema and the same reconciliation as the data files, every problem at
 * once by sheet, row and column — and only a report without problems is
 * written, in one transaction that replaces any earlier version of it.
 */
import { z } from 'zod';
import type { Database } from '../store/database.js';
import { readBoards, saveBoards } from './boards.js';
import { reconcile, type Reconciliation } from './reconciliation.js';
import { reportFile, type ReportFile } from './report-file.js';
import { describeProblem, readReportSheets, type Problem, type SheetData } from './report-workbook.js';
import { writeReport } from './report-writer.js';
import { readSheets } from './workbook-files.js';

export class ImportError extends Error {
  constructor(readonly problems: string[]) {
    super(`Importen avbröts — inget har sparats. ${problems.length === 1 ? '1 fel' : `${problems.length} fel`}:\n  ${problems.join('\n  ')}`);
  }
}

export interface CheckedReport {
  file: ReportFile;
  reconciliation: Reconciliation;
}

const swedish = z.locales.sv().localeError;

/** Sheets → a validated, reconciled report, or an ImportError listing every problem. */
export function checkReportSheets(sheets: SheetData[]): CheckedReport {
  const { raw, problems, structural, locate } = readReportSheets(sheets);
  const parsed = reportFile.safeParse(raw, { error: swedish });
  // with a sheet missing, the schema would only repeat it once for every reference to it
  if (!parsed.success && !structural) {
    // the schema often sees again what reading the cells already reported (a missing or unreadable value): say it once
    const reported = new Set(problems.map(where));
    for (const issue of parsed.error.issues) {
      const at = locate(issue.path);
      // …or a problem with the column's header
      if (reported.has(where(at)) || reported.has(where({ ...at, row: 1 }))) continue;
      problems.push({ ...at, message: at.sheet ? issue.message : `${issue.path.join('.')}: ${issue.message}` });
    }
  }
  if (problems.length || !parsed.success) throw new ImportError(sorted(problems, sheets).map(describeProblem));

  const file = parsed.data;
  const reconciliation = reconcile(file);
  const cell = (table: string, row: string, column: string) => {
    const ti = file.tables.findIndex((t) => t.key === table);
    const t = file.tables[ti]!;
    return locate(['tables', ti, 'rows', t.rows.findIndex((r) => r.line === row), 'values', t.columns.findIndex((c) => c.key === column)]);
  };
  for (const f of reconciliation.failures) {
    problems.push({ ...cell(f.table, f.row, f.column), message: `${f.message} — rätta beloppet, eller beskriv avvikelsen i källan på bladet Kända avvikelser` });
  }
  reconciliation.stale.forEach((d) => {
    const i = file.discrepancies.indexOf(d);
    problems.push({ ...locate(['discrepancies', i]), message: `kontrollen ${d.check} för ${d.table}/${d.row}/${d.column} går ihop — det finns ingen avvikelse att förklara; ta bort raden` });
  });
  if (problems.length) throw new ImportError(sorted(problems, sheets).map(describeProblem));
  return { file, reconciliation };
}

export async function checkReportSource(source: string): Promise<CheckedReport> {
  return checkReportSheets(await readSheets(source));
}

export interface ImportResult extends CheckedReport {
  /** an earlier version of the report was replaced */
  replaced: boolean;
}

/** Writes a checked report, replacing any earlier version, in one transaction. */
export async function importReport(db: Database, checked: CheckedReport): Promise<ImportResult> {
  const boards = await readBoards();
  const replaced = await db.transaction(async (tx) => {
    await saveBoards(tx, boards);
    const [before] = await tx.query('select 1 from report where id = $1', [checked.file.report.id]);
    await writeReport(tx, checked.file, 'import');
    return before !== undefined;
  });
  return { ...checked, replaced };
}

function where(l: { sheet?: string; row?: number; column?: string }): string {
  return `${l.sheet ?? ''}|${l.row ?? ''}|${l.column ?? ''}`;
}

/** In the workbook's order: sheet by sheet, row by row. */
function sorted(problems: Problem[], sheets: SheetData[]): Problem[] {
  const order = new Map(sheets.map((s, i) => [s.name, i]));
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (order.get(a.p.sheet ?? '') ?? -1) - (order.get(b.p.sheet ?? '') ?? -1) || (a.p.row ?? 0) - (b.p.row ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}
