/**
 * Writes one validated report into the store, replacing any earlier version of
 * it in the same transaction: a reader sees the old report or the new one,
 * never a mix. Rows go in as one JSON set per table (one round trip each).
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../store/database.js';
import { toTkr } from './amount.js';
import type { ReportFile } from './report-file.js';

export type ReportOrigin = 'data' | 'import';

export function contentHash(file: ReportFile): string {
  return createHash('sha256').update(JSON.stringify(file)).digest('hex');
}

/** Replaces the report (and all it holds). Call inside a transaction. */
export async function writeReport(tx: Queryable, file: ReportFile, origin: ReportOrigin): Promise<void> {
  const r = file.report;
  const id = r.id;
  await tx.query('delete from report where id = $1', [id]);
  await tx.query(
    `insert into report (id, board_id, kind, title, year, period_end, unit, source, note, origin, content_hash, document)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [id, r.board, r.kind, r.title, r.year, r.periodEnd, r.unit, r.source, r.note ?? null, origin, contentHash(file), JSON.stringify(file)],
  );

  await insertSet(tx, 'report_table', 'report_id text, key text, ordinal int, kind text, title text, unit text, stated_unit text, sign text, decimals int, note text',
    file.tables.map((t, i) => ({ report_id: id, key: t.key, ordinal: i, kind: t.kind, title: t.title, unit: t.unit, stated_unit: t.statedUnit ?? null, sign: t.sign, decimals: t.decimals, note: t.note ?? null })));

  await insertSet(tx, 'line', 'report_id text, key text, ordinal int, code text, name text, kind text, parent_key text, aliases text[], description text',
    file.lines.map((l, i) => ({ report_id: id, key: l.key, ordinal: i, code: l.code ?? null, name: l.name, kind: l.kind, parent_key: l.parent ?? null, aliases: l.aliases, description: l.description ?? null })));

  await insertSet(tx, 'amount',
    'report_id text, table_key text, line_key text, column_key text, ordinal int, measure text, component text, period_from date, period_to date, value_tkr numeric, missing text, column_label text, row_label text, column_note text',
    file.tables.flatMap((t) =>
      t.rows.flatMap((row) =>
        t.columns.map((c, ci) => {
          const cell = row.values[ci];
          const [from, to] = periodBounds(c.period);
          return {
            report_id: id, table_key: t.key, line_key: row.line, column_key: c.key, ordinal: ci,
            measure: c.measure, component: c.component, period_from: from, period_to: to,
            value_tkr: typeof cell === 'number' ? toTkr(cell, t.unit) : null,
            missing: typeof cell === 'string' ? cell : null,
            column_label: c.label, row_label: row.label ?? null, column_note: c.note ?? null,
          };
        }),
      ),
    ));

  await insertSet(tx, 'goal', 'report_id text, key text, ordinal int, area text, municipal_goal text, name text, aliases text[], description text, assessment text, assessment_text text, text text',
    file.goals.map((g, i) => ({ report_id: id, key: g.key, ordinal: i, area: g.area ?? null, municipal_goal: g.municipalGoal ?? null, name: g.name, aliases: g.aliases, description: g.description ?? null, assessment: g.assessment, assessment_text: g.assessmentText ?? null, text: g.text ?? null })));

  await insertSet(tx, 'indicator', 'report_id text, key text, ordinal int, kind text, name text, aliases text[], unit text, area text, municipal_goal text, goal_key text, direction text, target text, target_value numeric, footnote text, conflicting_text text, source text',
    file.indicators.map((ind, i) => ({ report_id: id, key: ind.key, ordinal: i, kind: ind.kind, name: ind.name, aliases: ind.aliases, unit: ind.unit, area: ind.area ?? null, municipal_goal: ind.municipalGoal ?? null, goal_key: ind.goal ?? null, direction: ind.direction ?? null, target: ind.target ?? null, target_value: ind.targetValue ?? null, footnote: ind.footnote ?? null, conflicting_text: ind.conflictingText ?? null, source: ind.source ?? null })));

  await insertSet(tx, 'indicator_value', 'report_id text, indicator_key text, ordinal int, at text, period_end date, label text, kind text, grp text, value numeric, missing text, text_value text, share_label text, share_percent numeric, note text',
    file.indicators.flatMap((ind) =>
      ind.values.map((v, i) => ({ report_id: id, indicator_key: ind.key, ordinal: i, at: v.at, period_end: pointEnd(v.at), label: v.label ?? null, kind: v.kind, grp: v.group ?? '', value: v.value ?? null, missing: v.missing ?? null, text_value: v.text ?? null, share_label: v.share?.label ?? null, share_percent: v.share?.percent ?? null, note: v.note ?? null })),
    ));

  await insertSet(tx, 'assignment', 'report_id text, key text, ordinal int, number text, kind text, text text, status text, comment text',
    file.assignments.map((a, i) => ({ report_id: id, key: a.key, ordinal: i, number: a.number ?? null, kind: a.kind, text: a.text, status: a.status, comment: a.comment ?? null })));

  await insertSet(tx, 'passage', 'report_id text, key text, ordinal int, section text, heading text, line_keys text[], indicator_keys text[], text text',
    file.passages.map((p, i) => ({ report_id: id, key: p.key, ordinal: i, section: p.section, heading: p.heading ?? null, line_keys: p.lines, indicator_keys: p.indicators, text: p.text })));

  await insertSet(tx, 'discrepancy', 'report_id text, check_kind text, table_key text, row_key text, column_key text, note text',
    file.discrepancies.map((d) => ({ report_id: id, check_kind: d.check, table_key: d.table, row_key: d.row, column_key: d.column, note: d.note })));

  await tx.query('update store_version set version = version + 1, changed_at = now() where id = 1');
}

async function insertSet(tx: Queryable, table: string, columns: string, rows: object[]): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.split(',').map((c) => c.trim().split(' ')[0]).join(', ');
  await tx.query(`insert into ${table} (${names}) select ${names} from jsonb_to_recordset($1::jsonb) as x(${columns})`, [JSON.stringify(rows)]);
}

/** "2024" → [2024-01-01, 2024-12-31]; "2024-01/2024-03" → [2024-01-01, 2024-03-31]. */
export function periodBounds(period: string | null): [string | null, string | null] {
  if (period === null) return [null, null];
  const [a, b] = period.includes('/') ? period.split('/') : [`${period}-01`, `${period}-12`];
  return [`${a}-01`, monthEnd(b!)];
}

/** "2023" → 2023-12-31; "2024-03" → 2024-03-31. */
export function pointEnd(at: string): string {
  return monthEnd(at.length === 4 ? `${at}-12` : at);
}

function monthEnd(yearMonth: string): string {
  const [y, m] = yearMonth.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${yearMonth}-${String(day).padStart(2, '0')}`;
}
