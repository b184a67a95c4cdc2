/**
 * The store's read side for answering: each function is one indexed query.
 */
import type { Queryable } from '../store/database.js';
import type { Component, Measure } from './report-file.js';

export interface AmountRow {
  table_key: string;
  line_key: string;
  column_key: string;
  ordinal: number;
  measure: Measure;
  component: Component;
  period_from: string | null;
  period_to: string | null;
  value_tkr: string | null;
  missing: string | null;
  column_label: string;
  row_label: string | null;
  column_note: string | null;
}

const AMOUNT_COLUMNS = `table_key, line_key, column_key, ordinal, measure, component, period_from, period_to,
  value_tkr::text as value_tkr, missing, column_label, row_label, column_note`;

/** Every figure of some lines of a report, in every table they appear in. */
export function lineAmounts(db: Queryable, reportId: string, lineKeys: string[]): Promise<AmountRow[]> {
  return db.query<AmountRow>(
    `select ${AMOUNT_COLUMNS} from amount where report_id = $1 and line_key = any($2::text[]) order by table_key, ordinal`,
    [reportId, lineKeys],
  );
}

/** Every figure of one table of a report (rankings, action plans, investments). */
export function tableAmounts(db: Queryable, reportId: string, tableKey: string): Promise<AmountRow[]> {
  return db.query<AmountRow>(
    `select a.table_key, a.line_key, a.column_key, a.ordinal, a.measure, a.component, a.period_from, a.period_to,
            a.value_tkr::text as value_tkr, a.missing, a.column_label, a.row_label, a.column_note
       from amount a join line l on l.report_id = a.report_id and l.key = a.line_key
      where a.report_id = $1 and a.table_key = $2
      order by l.ordinal, a.ordinal`,
    [reportId, tableKey],
  );
}

export interface IndicatorRow {
  report_id: string;
  key: string;
  kind: string;
  name: string;
  unit: string;
  area: string | null;
  municipal_goal: string | null;
  goal_key: string | null;
  goal_name: string | null;
  direction: string | null;
  target: string | null;
  target_value: string | null;
  footnote: string | null;
  conflicting_text: string | null;
  source: string | null;
}

export interface IndicatorValueRow {
  indicator_key: string;
  at: string;
  period_end: string;
  label: string | null;
  kind: string;
  grp: string;
  value: string | null;
  missing: string | null;
  text_value: string | null;
  share_label: string | null;
  share_percent: string | null;
  note: string | null;
}

export function indicators(db: Queryable, reportId: string, keys: string[]): Promise<IndicatorRow[]> {
  return db.query<IndicatorRow>(
    `select i.report_id, i.key, i.kind, i.name, i.unit, i.area, i.municipal_goal, i.goal_key, g.name as goal_name,
            i.direction, i.target, i.target_value::text as target_value, i.footnote, i.conflicting_text, i.source
       from indicator i left join goal g on g.report_id = i.report_id and g.key = i.goal_key
      where i.report_id = $1 and i.key = any($2::text[]) order by i.ordinal`,
    [reportId, keys],
  );
}

export function indicatorValues(db: Queryable, reportId: string, keys: string[]): Promise<IndicatorValueRow[]> {
  return db.query<IndicatorValueRow>(
    `select indicator_key, at, period_end, label, kind, grp, value::text as value, missing, text_value,
            share_label, share_percent::text as share_percent, note
       from indicator_value where report_id = $1 and indicator_key = any($2::text[])
      order by indicator_key, period_end, kind, ordinal`,
    [reportId, keys],
  );
}

export interface GoalRow {
  key: string;
  area: string | null;
  municipal_goal: string | null;
  name: string;
  description: string | null;
  assessment: string | null;
  assessment_text: string | null;
  text: string | null;
}

export function goals(db: Queryable, reportId: string, keys?: string[]): Promise<GoalRow[]> {
  return db.query<GoalRow>(
    `select key, area, municipal_goal, name, description, assessment, assessment_text, text from goal
      where report_id = $1 and ($2::text[] is null or key = any($2::text[])) order by ordinal`,
    [reportId, keys ?? null],
  );
}

export interface AssignmentRow {
  key: string;
  number: string | null;
  kind: string;
  text: string;
  status: string | null;
  comment: string | null;
}

export function assignments(db: Queryable, reportId: string, keys?: string[]): Promise<AssignmentRow[]> {
  return db.query<AssignmentRow>(
    `select key, number, kind, text, status, comment from assignment
      where report_id = $1 and ($2::text[] is null or key = any($2::text[])) order by ordinal`,
    [reportId, keys ?? null],
  );
}

export interface DiscrepancyRow {
  check_kind: string;
  table_key: string;
  row_key: string;
  column_key: string;
  note: string;
}

/** Where the source report does not add up, for the lines shown. */
export function discrepancies(db: Queryable, reportId: string, lineKeys: string[]): Promise<DiscrepancyRow[]> {
  return db.query<DiscrepancyRow>(
    'select check_kind, table_key, row_key, column_key, note from discrepancy where report_id = $1 and row_key = any($2::text[])',
    [reportId, lineKeys],
  );
}
