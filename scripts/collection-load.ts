/**
 * npm run collection:load -- ansvar.xlsx   (or ansvar.csv; --check only validates)
 * Reads the responsibility list (nämnd, indikator, ansvarig[, namn, objekt-id]),
 * checks every row against the boards and indicators in the configured store
 * and, only if there are no problems, replaces the lists of the boards it
 * names. The running bot then looks the people up in Graph and installs the
 * app for those who lack it. Exit code 1 when the list has problems.
 */
import { ConfigError, loadConfig } from '../services/config.js';
import { JOBS, PEOPLE_JOB_KEY } from '../services/collection/reminders.js';
import { checkResponsibilities, readTable, replaceResponsibilities, ResponsibilityFileError } from '../services/collection/responsibilities.js';
import { readBoards } from '../services/reports/boards.js';
import { Scheduler } from '../services/scheduling/scheduler.js';
import { openStore } from '../services/store/open-store.js';

const args = process.argv.slice(2);
const checkOnly = args.includes('--check');
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('Ange filen: npm run collection:load -- ansvar.xlsx [--check]');
  process.exit(2);
}

try {
  const config = loadConfig();
  const { db } = await openStore({ url: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR, loadData: false });
  try {
    const rows = await checkResponsibilities(db, await readTable(file), (await readBoards()).boards);
    const people = new Set(rows.map((r) => r.upn)).size;
    console.log(`✓ ${rows.length} ansvar för ${people} personer (${[...new Set(rows.map((r) => r.board))].join(', ')})`);
    if (checkOnly) console.log('Kontrollen är klar (--check): inget har sparats.');
    else {
      await db.transaction(async (tx) => {
        await replaceResponsibilities(tx, rows, `fil ${file}`);
        await new Scheduler(tx).schedule(PEOPLE_JOB_KEY, JOBS.people, {}, { at: new Date() });
      });
      console.log('✓ Sparad. Boten slår upp personerna i Teams (Graph) och installerar appen åt dem som saknar den.');
    }
  } finally {
    await db.close();
  }
} catch (e) {
  if (e instanceof ResponsibilityFileError || e instanceof ConfigError) {
    console.error(e.message);
    process.exitCode = 1;
  } else throw e;
}
