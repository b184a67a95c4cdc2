/**
 * npm run data:check — validates every report data file and reconciles every
 * table against its own arithmetic. Exit code 1 on an unexplained failure.
 */
import { readReportFiles, ReportFileError } from '../services/reports/report-source.js';
import { reconcile } from '../services/reports/reconciliation.js';

let failed = false;
try {
  for (const { file, report } of await readReportFiles(process.argv[2])) {
    const r = reconcile(report);
    const ok = r.failures.length === 0 && r.stale.length === 0;
    failed ||= !ok;
    console.log(`${ok ? '✓' : '✗'} ${report.report.id} (${file.split('/').pop()}): ${r.checked} kontroller, ${r.known.length} kända avvikelser i källan`);
    for (const k of r.known) console.log(`    känd: ${k.table}/${k.row}/${k.column} ${k.message} — ${k.note}`);
    for (const f of r.failures) console.log(`    FEL: ${f.check} ${f.table}/${f.row}/${f.column}: ${f.message}`);
    for (const s of r.stale) console.log(`    INAKTUELL dokumentation: ${s.check} ${s.table}/${s.row}/${s.column} stämmer nu — ta bort den`);
  }
} catch (e) {
  failed = true;
  console.error(e instanceof ReportFileError ? `✗ ${e.message}` : e);
}
process.exitCode = failed ? 1 : 0;
