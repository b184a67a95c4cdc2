/**
 * Opens the store the configuration points at (PostgreSQL or embedded PGlite),
 * brings its schema up to date and loads the report data files.
 */
import { loadReportData, type LoadResult } from '../reports/data-loader.js';
import { openDatabase, type Database, type DatabaseOptions } from './database.js';
import { migrate } from './migrate.js';

export async function openStore(options: DatabaseOptions & { loadData?: boolean }): Promise<{ db: Database; loaded?: LoadResult }> {
  const db = await openDatabase(options);
  try {
    await migrate(db);
    const loaded = options.loadData === false ? undefined : await loadReportData(db);
    return { db, loaded };
  } catch (e) {
    await db.close().catch(() => {});
    throw e;
  }
}
