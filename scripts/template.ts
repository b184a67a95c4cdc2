/**
 * npm run template [-- [--from data/reports/x.yaml | --from <rapport-id>] [mål.xlsx | mål-mapp]]
 * Writes the import template: an empty workbook (rapportmall.xlsx), or one
 * filled with an existing report — from its data file or, by id, from the
 * store — to start the next report from. A target that is not .xlsx is
 * written as a folder of CSV files. An existing target is never overwritten.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, loadConfig } from '../services/config.js';
import { reportFile, type ReportFile } from '../services/reports/report-file.js';
import { parseReportFile, ReportFileError } from '../services/reports/report-source.js';
import { instructionsSheet } from '../services/reports/report-sheets.js';
import { reportSheets } from '../services/reports/report-workbook.js';
import { writeSheets } from '../services/reports/workbook-files.js';
import { openStore } from '../services/store/open-store.js';

class TemplateError extends Error {}

const args = process.argv.slice(2);
const fromAt = args.indexOf('--from');
const from = fromAt >= 0 ? args[fromAt + 1] : undefined;
const target = args.find((a, i) => !a.startsWith('--') && !(fromAt >= 0 && i === fromAt + 1));

try {
  if (fromAt >= 0 && !from) throw new TemplateError('Ange vilken rapport mallen ska fyllas med: --from data/reports/son-2024-03.yaml eller --from son-2024-03');
  const report = from ? await readReport(from) : undefined;
  const out = target ?? (report ? `${report.report.id}.xlsx` : 'rapportmall.xlsx');
  if (existsSync(out) && !(await isEmptyDir(out))) throw new TemplateError(`${out} finns redan — välj ett annat namn eller ta bort den först`);
  await writeSheets([instructionsSheet(), ...reportSheets(report)], out);
  const what = report ? `ifylld med ${report.report.id}` : 'tom';
  console.log(`✓ ${out}: importmallen, ${what}${out.toLowerCase().endsWith('.xlsx') ? '' : ' (en CSV-fil per blad)'}. Importera med: npm run import -- ${out}`);
} catch (e) {
  if (e instanceof TemplateError || e instanceof ReportFileError || e instanceof ConfigError) {
    console.error(e.message);
    process.exitCode = 1;
  } else throw e;
}

/** A data file (YAML) by path, or a report in the store by id. */
async function readReport(from: string): Promise<ReportFile> {
  if (existsSync(from)) return parseReportFile(await readFile(from, 'utf8'), path.basename(from));
  const config = loadConfig();
  const { db } = await openStore({ url: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR, loadData: false });
  try {
    const [row] = await db.query<{ document: unknown }>('select document from report where id = $1', [from]);
    if (row) return reportFile.parse(row.document);
    const ids = (await db.query<{ id: string }>('select id from report order by id')).map((r) => r.id);
    throw new TemplateError(`Det finns ingen fil och ingen rapport i lagret som heter ${from}. Rapporterna i lagret: ${ids.join(', ') || '(inga)'}`);
  } finally {
    await db.close();
  }
}

async function isEmptyDir(p: string): Promise<boolean> {
  try {
    return (await readdir(p)).length === 0;
  } catch {
    return false;
  }
}
