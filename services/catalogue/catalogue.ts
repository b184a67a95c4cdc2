/**
 * What the store holds, by name: boards, reports, lines (with the measures and
 * periods each has), indicators, goals, assignments and passages. Questions
 * are understood against this; the figures themselves are read from the store
 * when answering. Reloaded when the store's version changes.
 */
import type { Queryable } from '../store/database.js';
import type { BoardId, Component, Measure, SignConvention, TableKind, Unit } from '../reports/report-file.js';

export interface CatalogueBoard {
  id: BoardId;
  name: string;
  shortName: string;
  aliases: string[];
}

export interface CatalogueTable {
  key: string;
  kind: TableKind;
  title: string;
  unit: Unit;
  statedUnit?: Unit;
  sign: SignConvention;
  decimals: number;
  note?: string;
}

export interface CatalogueReport {
  id: string;
  board: BoardId;
  kind: string;
  title: string;
  year: number;
  periodEnd: string;
  unit: Unit;
  tables: CatalogueTable[];
}

/** One column of one table a line has a figure (or a printed marker) in. */
export interface Availability {
  table: string;
  column: string;
  measure: Measure;
  component: Component;
  from: string | null;
  to: string | null;
}

export interface CatalogueLine {
  reportId: string;
  key: string;
  code?: string;
  name: string;
  kind: string;
  parentKey?: string;
  aliases: string[];
  description?: string;
  available: Availability[];
}

export interface CatalogueIndicator {
  reportId: string;
  key: string;
  kind: string;
  name: string;
  aliases: string[];
  unit: string;
  area?: string;
  goalKey?: string;
  target?: string;
  /** the points in time it has values for, with their kinds and the breakdowns beside the total (Män, Kvinnor, IFO …) */
  points: Array<{ at: string; periodEnd: string; kind: string; groups: string[] }>;
}

export interface CatalogueGoal {
  reportId: string;
  key: string;
  name: string;
  aliases: string[];
  area?: string;
  municipalGoal?: string;
  assessment: string | null;
}

export interface CatalogueAssignment {
  reportId: string;
  key: string;
  number?: string;
  kind: string;
  text: string;
  status: string | null;
}

export interface CataloguePassage {
  reportId: string;
  key: string;
  section: string;
  heading?: string;
  lineKeys: string[];
  indicatorKeys: string[];
  text: string;
}

export interface Catalogue {
  version: number;
  boards: CatalogueBoard[];
  otherBoards: string[];
  /** newest first (by period end) */
  reports: CatalogueReport[];
  lines: CatalogueLine[];
  indicators: CatalogueIndicator[];
  goals: CatalogueGoal[];
  assignments: CatalogueAssignment[];
  passages: CataloguePassage[];
  report(id: string): CatalogueReport;
  /** one report's passages, in report order */
  passagesOf(reportId: string): CataloguePassage[];
  table(reportId: string, key: string): CatalogueTable | undefined;
  line(reportId: string, key: string): CatalogueLine | undefined;
  indicator(reportId: string, key: string): CatalogueIndicator | undefined;
}

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

export async function loadCatalogue(db: Queryable, otherBoards: string[]): Promise<Catalogue> {
  const [[versionRow], boards, reports, tables, lines, amounts, indicators, points, goals, assignments, passages] = await Promise.all([
    db.query<{ version: number }>('select version::int as version from store_version'),
    db.query<{ id: BoardId; name: string; short_name: string; aliases: string[] }>('select id, name, short_name, aliases from board order by id'),
    db.query<{ id: string; board_id: BoardId; kind: string; title: string; year: number; period_end: string; unit: Unit }>(
      'select id, board_id, kind, title, year, period_end, unit from report order by period_end desc, id',
    ),
    db.query<{ report_id: string; key: string; kind: TableKind; title: string; unit: Unit; stated_unit: Unit | null; sign: SignConvention; decimals: number; note: string | null }>(
      'select report_id, key, kind, title, unit, stated_unit, sign, decimals, note from report_table order by report_id, ordinal',
    ),
    db.query<{ report_id: string; key: string; code: string | null; name: string; kind: string; parent_key: string | null; aliases: string[]; description: string | null }>(
      'select report_id, key, code, name, kind, parent_key, aliases, description from line order by report_id, ordinal',
    ),
    db.query<{ report_id: string; line_key: string; table_key: string; column_key: string; measure: Measure; component: Component; period_from: string | null; period_to: string | null }>(
      'select report_id, line_key, table_key, column_key, measure, component, period_from, period_to from amount where value_tkr is not null or missing is not null',
    ),
    db.query<{ report_id: string; key: string; kind: string; name: string; aliases: string[]; unit: string; area: string | null; goal_key: string | null; target: string | null }>(
      'select report_id, key, kind, name, aliases, unit, area, goal_key, target from indicator order by report_id, ordinal',
    ),
    db.query<{ report_id: string; indicator_key: string; at: string; period_end: string; kind: string; groups: string[] | null }>(
      `select report_id, indicator_key, at, period_end, kind, array_agg(distinct grp) filter (where grp <> '') as groups
         from indicator_value group by report_id, indicator_key, at, period_end, kind order by report_id, indicator_key, period_end`,
    ),
    db.query<{ report_id: string; key: string; name: string; aliases: string[]; area: string | null; municipal_goal: string | null; assessment: string | null }>(
      'select report_id, key, name, aliases, area, municipal_goal, assessment from goal order by report_id, ordinal',
    ),
    db.query<{ report_id: string; key: string; number: string | null; kind: string; text: string; status: string | null }>(
      'select report_id, key, number, kind, text, status from assignment order by report_id, ordinal',
    ),
    db.query<{ report_id: string; key: string; section: string; heading: string | null; line_keys: string[]; indicator_keys: string[]; text: string }>(
      'select report_id, key, section, heading, line_keys, indicator_keys, text from passage order by report_id, ordinal',
    ),
  ]);

  const tablesByReport = group(tables, (t) => t.report_id);
  const availability = group(amounts, (a) => `${a.report_id}|${a.line_key}`);
  const pointsByIndicator = group(points, (p) => `${p.report_id}|${p.indicator_key}`);

  const catalogue: Catalogue = {
    version: versionRow?.version ?? 0,
    boards: boards.map((b) => ({ id: b.id, name: b.name, shortName: b.short_name, aliases: b.aliases })),
    otherBoards,
    reports: reports.map((r) => ({
      id: r.id, board: r.board_id, kind: r.kind, title: r.title, year: r.year, periodEnd: r.period_end, unit: r.unit,
      tables: (tablesByReport.get(r.id) ?? []).map((t) => ({
        key: t.key, kind: t.kind, title: t.title, unit: t.unit, statedUnit: opt(t.stated_unit), sign: t.sign, decimals: t.decimals, note: opt(t.note),
      })),
    })),
    lines: lines.map((l) => ({
      reportId: l.report_id, key: l.key, code: opt(l.code), name: l.name, kind: l.kind, parentKey: opt(l.parent_key), aliases: l.aliases, description: opt(l.description),
      available: (availability.get(`${l.report_id}|${l.key}`) ?? []).map((a) => ({
        table: a.table_key, column: a.column_key, measure: a.measure, component: a.component, from: a.period_from, to: a.period_to,
      })),
    })),
    indicators: indicators.map((i) => ({
      reportId: i.report_id, key: i.key, kind: i.kind, name: i.name, aliases: i.aliases, unit: i.unit, area: opt(i.area), goalKey: opt(i.goal_key), target: opt(i.target),
      points: (pointsByIndicator.get(`${i.report_id}|${i.key}`) ?? []).map((p) => ({ at: p.at, periodEnd: p.period_end, kind: p.kind, groups: p.groups ?? [] })),
    })),
    goals: goals.map((g) => ({ reportId: g.report_id, key: g.key, name: g.name, aliases: g.aliases, area: opt(g.area), municipalGoal: opt(g.municipal_goal), assessment: g.assessment })),
    assignments: assignments.map((a) => ({ reportId: a.report_id, key: a.key, number: opt(a.number), kind: a.kind, text: a.text, status: a.status })),
    passages: passages.map((p) => ({ reportId: p.report_id, key: p.key, section: p.section, heading: opt(p.heading), lineKeys: p.line_keys, indicatorKeys: p.indicator_keys, text: p.text })),
    report(id) {
      const r = reportIndex.get(id);
      if (!r) throw new Error(`okänd rapport ${id}`);
      return r;
    },
    table: (reportId, key) => reportIndex.get(reportId)?.tables.find((t) => t.key === key),
    line: (reportId, key) => lineIndex.get(`${reportId}|${key}`),
    indicator: (reportId, key) => indicatorIndex.get(`${reportId}|${key}`),
    passagesOf: (reportId) => passagesByReport.get(reportId) ?? [],
  };
  const reportIndex = new Map(catalogue.reports.map((r) => [r.id, r]));
  const lineIndex = new Map(catalogue.lines.map((l) => [`${l.reportId}|${l.key}`, l]));
  const indicatorIndex = new Map(catalogue.indicators.map((i) => [`${i.reportId}|${i.key}`, i]));
  // the same array every time, so what is worked out per passage selection (word frequencies) is kept
  const passagesByReport = group(catalogue.passages, (p) => p.reportId);
  return catalogue;
}

function group<T>(rows: T[], keyOf: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}
