/**
 * Loads data/boards.yaml and every report file in data/reports into the store.
 * A report whose content is unchanged since it was last loaded is skipped, so
 * a restart is cheap; a report imported from a workbook is never overwritten
 * by a data file.
 */
import type { Database } from '../store/database.js';
import { readBoards, saveBoards } from './boards.js';
import { DATA_DIR, readReportFiles } from './report-source.js';
import { contentHash, writeReport } from './report-writer.js';

export interface LoadResult {
  loaded: string[];
  unchanged: string[];
  keptImported: string[];
}

export async function loadReportData(db: Database, dir = DATA_DIR): Promise<LoadResult> {
  const boards = await readBoards();
  const files = await readReportFiles(dir);
  const result: LoadResult = { loaded: [], unchanged: [], keptImported: [] };
  await db.transaction(async (tx) => {
    await saveBoards(tx, boards);
    const existing = new Map(
      (await tx.query<{ id: string; content_hash: string; origin: string }>('select id, content_hash, origin from report')).map((r) => [r.id, r]),
    );
    for (const { report } of files) {
      const id = report.report.id;
      const before = existing.get(id);
      if (before?.origin === 'import') result.keptImported.push(id);
      else if (before?.content_hash === contentHash(report)) result.unchanged.push(id);
      else {
        await writeReport(tx, report, 'data');
        result.loaded.push(id);
      }
    }
  });
  return result;
}
