/**
 * The deviation figures of every report version the alerts have seen. A
 * report is replaced in place when a new version is imported, so this is the
 * only memory of the previous forecast ("Leanlink −76 → −83 mnkr").
 */
import { z } from 'zod';
import { reportFile } from '../reports/report-file.js';
import type { Queryable } from '../store/database.js';
import { deviationFigures, readDeviationFigures, type DeviationFigures } from './deviation-figures.js';

export interface ReportVersion {
  id: string;
  board: string;
  kind: string;
  hash: string;
  year: number;
  periodEnd: string;
}

export interface Snapshot {
  version: ReportVersion;
  figures?: DeviationFigures;
  seenAt: Date;
}

const snapshotRow = z.object({
  report_id: z.string(),
  content_hash: z.string(),
  board_id: z.string(),
  kind: z.string(),
  year: z.number(),
  period_end: z.string(),
  figures: deviationFigures.nullable(),
  seen_at: z.coerce.date(),
});

const toSnapshot = (raw: unknown): Snapshot => {
  const r = snapshotRow.parse(raw);
  return { version: { id: r.report_id, board: r.board_id, kind: r.kind, hash: r.content_hash, year: r.year, periodEnd: r.period_end }, figures: r.figures ?? undefined, seenAt: r.seen_at };
};

/** The reports now in the store, as versions. */
export function currentVersions(db: Queryable, board?: string): Promise<ReportVersion[]> {
  return db.query<ReportVersion>(
    `select id, board_id as board, kind, content_hash as hash, year, period_end as "periodEnd" from report where ($1::text is null or board_id = $1) order by period_end desc, id`,
    [board ?? null],
  );
}

/**
 * The snapshot of a report version, made from the stored document the first
 * time it is asked for. Undefined when the store no longer holds that version
 * (it was replaced meanwhile; the newer one will be seen next).
 */
export async function snapshotOf(db: Queryable, v: ReportVersion): Promise<Snapshot | undefined> {
  const [known] = await db.query('select report_id, content_hash, board_id, kind, year, period_end, figures, seen_at from avvikelse_snapshot where report_id = $1 and content_hash = $2', [v.id, v.hash]);
  if (known) return toSnapshot(known);
  const [doc] = await db.query<{ document: unknown }>('select document from report where id = $1 and content_hash = $2', [v.id, v.hash]);
  if (!doc) return undefined;
  const figures = readDeviationFigures(reportFile.parse(doc.document), v.hash);
  await db.query(
    `insert into avvikelse_snapshot (report_id, content_hash, board_id, kind, year, period_end, figures) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (report_id, content_hash) do nothing`,
    [v.id, v.hash, v.board, v.kind, v.year, v.periodEnd, figures ? JSON.stringify(figures) : null],
  );
  const [saved] = await db.query('select report_id, content_hash, board_id, kind, year, period_end, figures, seen_at from avvikelse_snapshot where report_id = $1 and content_hash = $2', [v.id, v.hash]);
  return toSnapshot(saved);
}

/**
 * The forecast before this one: the latest earlier-seen version of the same
 * board and year whose figures cover the same period (a full-year forecast is
 * compared with a full-year forecast).
 */
export async function previousSnapshot(db: Queryable, current: Snapshot): Promise<Snapshot | undefined> {
  const { version: v, figures } = current;
  if (!figures) return undefined;
  const [row] = await db.query(
    `select report_id, content_hash, board_id, kind, year, period_end, figures, seen_at from avvikelse_snapshot
      where board_id = $1 and year = $2 and period_end <= $3 and seen_at < $4
        and not (report_id = $5 and content_hash = $6)
        and figures -> 'table' ->> 'periodTo' = $7 and figures -> 'table' ->> 'periodFrom' = $8
      order by period_end desc, seen_at desc limit 1`,
    [v.board, v.year, v.periodEnd, current.seenAt.toISOString(), v.id, v.hash, figures.table.periodTo, figures.table.periodFrom],
  );
  return row ? toSnapshot(row) : undefined;
}
