/**
 * npm run import -- rapport.xlsx   (or a folder of CSV files; --check only validates)
 * Validates a report filled in the import template with the same schema and
 * reconciliation as the data files and, only if it has no problems, writes it
 * to the configured store (DATABASE_URL or PGLITE_DIR), replacing any earlier
 * version with the same id. Exit code 1 when the report has problems.
 */
import { ConfigError, loadConfig } from '../services/config.js';
import { checkReportSource, ImportError, importReport, type CheckedReport } from '../services/reports/report-import.js';
import { SheetFileError } from '../services/reports/workbook-files.js';
import { openStore } from '../services/store/open-store.js';

const args = process.argv.slice(2);
const checkOnly = args.includes('--check');
const source = args.find((a) => !a.startsWith('--'));
if (!source) {
  console.error('Ange arbetsboken eller CSV-mappen: npm run import -- rapport.xlsx [--check]');
  process.exit(2);
}

try {
  const checked = await checkReportSource(source);
  printSummary(checked);
  if (checkOnly) {
    console.log('Kontrollen är klar (--check): inget har sparats.');
  } else {
    const config = loadConfig();
    const { db } = await openStore({ url: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR, loadData: false });
    try {
      const result = await importReport(db, checked);
      const store = db.kind === 'postgres' ? 'PostgreSQL' : `det inbäddade lagret i ${config.PGLITE_DIR}`;
      console.log(`✓ Sparad i ${store}${result.replaced ? ' — ersatte den tidigare versionen' : ''}.`);
    } finally {
      await db.close();
    }
  }
} catch (e) {
  if (e instanceof ImportError || e instanceof SheetFileError || e instanceof ConfigError) {
    console.error(e instanceof SheetFileError ? `Importen avbröts — inget har sparats: ${e.message}` : e.message);
    process.exitCode = 1;
  } else throw e;
}

function printSummary({ file, reconciliation: r }: CheckedReport): void {
  const amounts = file.tables.reduce((n, t) => n + t.rows.length * t.columns.length, 0);
  const values = file.indicators.reduce((n, i) => n + i.values.length, 0);
  console.log(`✓ ${file.report.id} — ${file.report.title}`);
  console.log(
    `  ${file.lines.length} rader, ${file.tables.length} tabeller med ${amounts} belopp, ${file.indicators.length} indikatorer med ${values} värden, ` +
      `${file.goals.length} mål, ${file.assignments.length} uppdrag, ${file.passages.length} textstycken`,
  );
  console.log(`  ${r.checked} kontroller av summor och avvikelser; ${r.known.length} kända avvikelser i källan${r.known.length ? ':' : ''}`);
  for (const k of r.known) console.log(`    ${k.table}/${k.row}/${k.column}: ${k.message} — ${k.note}`);
}
