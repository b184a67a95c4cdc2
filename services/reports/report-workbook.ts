/**
 * A report data file as the sheets of the import template, and back. Reading
 * collects every problem at once, each with its sheet, row and column, and
 * remembers where each part of the result came from, so that the schema's and
 * the reconciliation's findings can be reported at the cell they concern.
 */
import type { ReportFile } from './report-file.js';
import {
  COLUMNS_SHEET,
  DISCREPANCIES_SHEET,
  FIXED_SHEETS,
  GOALS_SHEET,
  INDICATOR_VALUES_SHEET,
  INDICATORS_SHEET,
  INSTRUCTIONS_SHEET,
  LINES_SHEET,
  MAX_SHEET_NAME,
  PASSAGES_SHEET,
  REPORT_SHEET,
  ASSIGNMENTS_SHEET,
  TABLE_SHEET_PREFIX,
  TABLES_SHEET,
  tableSheet,
  tableSheetName,
  type ColumnSpec,
  type SheetSpec,
} from './report-sheets.js';
import { cellAmount, cellCalendar, cellChoice, cellInteger, cellList, cellNumber, cellText, isEmpty, type CellValue, type Read } from './sheet-cells.js';

/** A sheet as read from a workbook or a CSV file: the header (row 1) and the rows below it. */
export interface SheetData {
  name: string;
  header: CellValue[];
  rows: Array<{ number: number; cells: CellValue[] }>;
}

/** A sheet to write: its layout and its rows (without the header). */
export interface SheetContent {
  spec: SheetSpec;
  rows: CellValue[][];
}

export interface Location {
  sheet?: string;
  row?: number;
  column?: string;
}

export interface Problem extends Location {
  message: string;
}

/** "Blad Tabell resultat, rad 14, kolumn prognos: 'tolv' är inte ett tal" */
export function describeProblem(p: Problem): string {
  const where = p.sheet ? [`Blad ${p.sheet}`, p.row && `rad ${p.row}`, p.column && `kolumn ${p.column}`].filter(Boolean).join(', ') : 'Arbetsboken';
  return `${where}: ${p.message}`;
}

type Path = Array<string | number>;
type Item = Record<string, unknown>;

// ---------------------------------------------------------------- writing

/** The template's sheets: empty, or filled with a report (for the next report, or to check the round trip). */
export function reportSheets(file?: ReportFile): SheetContent[] {
  const rows = (spec: SheetSpec, list: object[], group?: string) =>
    list.map((x) => spec.columns.map((c) => (c.field ? toCell(get(x, c.field)) : group!)));
  const tables = file?.tables ?? [];
  return [
    { spec: REPORT_SHEET, rows: REPORT_SHEET.columns.map((c) => [c.header, file ? toCell(get(file.report, c.field!)) : null, c.help]) },
    { spec: LINES_SHEET, rows: rows(LINES_SHEET, file?.lines ?? []) },
    { spec: TABLES_SHEET, rows: rows(TABLES_SHEET, tables) },
    { spec: COLUMNS_SHEET, rows: tables.flatMap((t) => rows(COLUMNS_SHEET, t.columns, t.key)) },
    ...tables.map((t) => {
      const spec = tableSheet(t);
      if (spec.name.length > MAX_SHEET_NAME) {
        throw new Error(`tabellnyckeln "${t.key}" är för lång för ett bladnamn (högst ${MAX_SHEET_NAME - TABLE_SHEET_PREFIX.length} tecken)`);
      }
      return { spec, rows: rows(spec, t.rows) };
    }),
    { spec: INDICATORS_SHEET, rows: rows(INDICATORS_SHEET, file?.indicators ?? []) },
    { spec: INDICATOR_VALUES_SHEET, rows: (file?.indicators ?? []).flatMap((ind) => rows(INDICATOR_VALUES_SHEET, ind.values, ind.key)) },
    { spec: GOALS_SHEET, rows: rows(GOALS_SHEET, file?.goals ?? []) },
    { spec: ASSIGNMENTS_SHEET, rows: rows(ASSIGNMENTS_SHEET, file?.assignments ?? []) },
    { spec: PASSAGES_SHEET, rows: rows(PASSAGES_SHEET, file?.passages ?? []) },
    { spec: DISCREPANCIES_SHEET, rows: rows(DISCREPANCIES_SHEET, file?.discrepancies ?? []) },
  ];
}

function toCell(v: unknown): CellValue {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.length ? v.join('; ') : null;
  return v as CellValue;
}

// ---------------------------------------------------------------- reading

export interface SheetsRead {
  /** the report data file to validate (the schema has not seen it yet) */
  raw: Item;
  problems: Problem[];
  /** a sheet is missing or unknown: what refers to it cannot be judged yet */
  structural: boolean;
  /** where a path of the data file came from */
  locate(path: PropertyKey[]): Location;
}

type Mark = (path: Path, loc: Location) => void;

export function readReportSheets(sheets: SheetData[]): SheetsRead {
  const problems: Problem[] = [];
  const trace = new Map<string, Location>();
  const mark: Mark = (path, loc) => trace.set(path.join('.'), loc);
  const byName = new Map<string, SheetData>();
  const fixed = new Set(FIXED_SHEETS.map((s) => s.name.toLowerCase()));
  const isTableSheet = (lower: string) => lower.startsWith(TABLE_SHEET_PREFIX.toLowerCase());
  let structural = false;
  const sheetProblem = (p: Problem) => {
    structural = true;
    problems.push(p);
  };

  for (const s of sheets) {
    const lower = s.name.trim().toLowerCase();
    if (lower === INSTRUCTIONS_SHEET.toLowerCase() || isBlank(s)) continue;
    if (fixed.has(lower) || isTableSheet(lower)) byName.set(lower, s);
    else sheetProblem({ sheet: s.name, message: `okänt blad — bladen heter ${FIXED_SHEETS.map((f) => f.name).join(', ')} och "${TABLE_SHEET_PREFIX}<nyckel>" för varje tabell` });
  }
  const sheet = (name: string) => byName.get(name.toLowerCase());
  const tableSheets = [...byName].filter(([lower]) => isTableSheet(lower)).map(([, s]) => s);
  /** A sheet others refer to is there — or one problem says it is missing, instead of one per reference. */
  const present = (spec: SheetSpec, dependents: Array<SheetData | undefined>) => {
    if (sheet(spec.name)) return true;
    const user = dependents.find((d) => d && d.rows.some((r) => !r.cells.every(isEmpty)));
    if (user) sheetProblem({ sheet: spec.name, message: `bladet saknas — bladet ${user.name} hänvisar till det` });
    return !user;
  };
  const read = (spec: SheetSpec, path: (i: number) => Path, unique?: Unique) => {
    const s = sheet(spec.name);
    return s ? readRows(s, spec, problems, path, mark, unique) : [];
  };
  const byKey: Unique = { field: 'key', noun: 'nyckeln' };

  // the report header: a form, one field per row
  mark(['report'], { sheet: REPORT_SHEET.name });
  const reportSheet = sheet(REPORT_SHEET.name);
  if (!reportSheet) sheetProblem({ sheet: REPORT_SHEET.name, message: 'bladet saknas — det behövs för rapportens id, nämnd, typ och period' });
  const report = reportSheet ? readForm(reportSheet, REPORT_SHEET, problems, (field, loc) => mark(['report', ...field.split('.')], loc)) : undefined;

  const lines = read(LINES_SHEET, (i) => ['lines', i], byKey);
  const lineKeys = new Set(lines.map((l) => l.item.key));
  const checkLines = present(LINES_SHEET, tableSheets);

  // tables: one row each on Tabeller, their columns on Kolumner, their rows on "Tabell <nyckel>"
  const tableRows = read(TABLES_SHEET, (i) => ['tables', i], byKey);
  const tables = tableRows.map((t): Item & { columns: Item[]; rows: Item[] } => ({ ...t.item, columns: [], rows: [] }));
  const tableIndex = new Map(tables.map((t, i) => [String(t.key).toLowerCase(), i]));
  const checkTables = present(TABLES_SHEET, [sheet(COLUMNS_SHEET.name), ...tableSheets]);
  for (const c of read(COLUMNS_SHEET, () => [], byKey)) {
    const ti = tableIndex.get(c.group?.toLowerCase() ?? '');
    if (ti === undefined) {
      if (c.group && checkTables) problems.push({ sheet: COLUMNS_SHEET.name, row: c.row, column: 'tabell', message: `okänd tabell '${c.group}' — den finns inte på bladet ${TABLES_SHEET.name}` });
      continue;
    }
    const t = tables[ti]!;
    const ci = t.columns.push(c.item) - 1;
    retrace(c.trace, mark, ['tables', ti, 'columns', ci], [`tables.${t.key}.columns`, ci]);
  }
  tables.forEach((t, ti) => {
    if (typeof t.key !== 'string') return;
    const at = { sheet: TABLES_SHEET.name, row: tableRows[ti]!.row, column: 'nyckel' };
    const name = tableSheetName(t.key);
    const s = sheet(name);
    if (t.columns.length === 0) problems.push({ ...at, message: `tabellen har inga kolumner på bladet ${COLUMNS_SHEET.name}` });
    if (!s) return sheetProblem({ ...at, message: `bladet '${name}' med tabellens belopp saknas` });
    const spec = tableSheet({ key: t.key, decimals: 0, title: t.key, columns: t.columns.map((c) => ({ key: String(c.key), label: String(c.label) })) });
    const rows = readRows(s, spec, problems, () => [], mark, { field: 'line', noun: 'raden' });
    if (rows.length === 0) problems.push({ sheet: s.name, message: 'tabellen har inga rader' });
    rows.forEach((r, ri) => {
      if (checkLines && typeof r.item.line === 'string' && !lineKeys.has(r.item.line)) {
        problems.push({ sheet: s.name, row: r.row, column: 'rad', message: `okänd rad '${r.item.line}' — den finns inte på bladet ${LINES_SHEET.name}` });
      }
      t.rows.push({ ...r.item, values: r.item.values ?? [] });
      retrace(r.trace, mark, ['tables', ti, 'rows', ri], [`tables.${t.key}.rows`, ri]);
    });
  });
  for (const s of tableSheets) {
    if (checkTables && !tableIndex.has(s.name.trim().toLowerCase().slice(TABLE_SHEET_PREFIX.length).trim())) {
      sheetProblem({ sheet: s.name, message: `tabellen finns inte på bladet ${TABLES_SHEET.name} — lägg till den där eller ta bort bladet` });
    }
  }

  // indicators and their values
  const indicatorRows = read(INDICATORS_SHEET, (i) => ['indicators', i], byKey);
  const indicators = indicatorRows.map((r): Item & { values: Item[] } => ({ ...r.item, values: [] }));
  const indicatorIndex = new Map(indicators.map((ind, i) => [String(ind.key).toLowerCase(), i]));
  const checkIndicators = present(INDICATORS_SHEET, [sheet(INDICATOR_VALUES_SHEET.name)]);
  for (const v of read(INDICATOR_VALUES_SHEET, () => [])) {
    const ii = indicatorIndex.get(v.group?.toLowerCase() ?? '');
    if (ii === undefined) {
      if (v.group && checkIndicators) problems.push({ sheet: INDICATOR_VALUES_SHEET.name, row: v.row, column: 'indikator', message: `okänd indikator '${v.group}' — den finns inte på bladet ${INDICATORS_SHEET.name}` });
      continue;
    }
    if (v.item.value === undefined && v.item.missing === undefined && v.item.text === undefined) {
      problems.push({ sheet: INDICATOR_VALUES_SHEET.name, row: v.row, message: 'ange värde, saknas eller text' });
    }
    const vi = indicators[ii]!.values.push(v.item) - 1;
    retrace(v.trace, mark, ['indicators', ii, 'values', vi]);
  }
  indicators.forEach((ind, i) => {
    if (ind.values.length === 0 && typeof ind.key === 'string') {
      problems.push({ sheet: INDICATORS_SHEET.name, row: indicatorRows[i]!.row, column: 'nyckel', message: `indikatorn har inga värden — lägg till minst ett på bladet ${INDICATOR_VALUES_SHEET.name}` });
    }
  });

  const raw: Item = {
    report,
    lines: lines.map((l) => l.item),
    tables,
    indicators,
    goals: read(GOALS_SHEET, (i) => ['goals', i], byKey).map((r) => r.item),
    assignments: read(ASSIGNMENTS_SHEET, (i) => ['assignments', i], byKey).map((r) => r.item),
    passages: read(PASSAGES_SHEET, (i) => ['passages', i], byKey).map((r) => r.item),
    discrepancies: read(DISCREPANCIES_SHEET, (i) => ['discrepancies', i]).map((r) => r.item),
  };
  const locate = (path: PropertyKey[]): Location => {
    for (let n = path.length; n > 0; n--) {
      const loc = trace.get(path.slice(0, n).map(String).join('.'));
      if (loc) return loc;
    }
    return {};
  };
  return { raw, problems, structural, locate };
}

/** Which field must be unique on a sheet (within the group, on Kolumner), and what to call it. */
interface Unique {
  field: string;
  noun: string;
}

interface RowRead {
  row: number;
  item: Item;
  /** the value of the column that groups items (tabell, indikator) */
  group?: string;
  /** where each field came from, relative to the item */
  trace: Array<[Path, Location]>;
}

/** The rows of a sheet as items, by the sheet's column headers (any order, case-insensitive). */
function readRows(s: SheetData, spec: SheetSpec, problems: Problem[], path: (i: number) => Path, mark: Mark, unique?: Unique): RowRead[] {
  const positions = headerPositions(s, spec, problems);
  const firstRow = new Map<string, number>();
  const out: RowRead[] = [];
  for (const r of s.rows) {
    if (r.cells.every(isEmpty)) continue;
    const item: Item = {};
    const trace: Array<[Path, Location]> = [[[], { sheet: s.name, row: r.number }]];
    let group: string | undefined;
    for (const c of spec.columns) {
      const pos = positions.get(c);
      const loc = { sheet: s.name, row: r.number, column: c.header };
      const value = readCell(pos === undefined ? null : r.cells[pos] ?? null, c, pos !== undefined);
      if (c.field) trace.push([c.field.split('.'), loc]);
      if ('problem' in value) problems.push({ ...loc, message: value.problem });
      else if (!c.field) group = value.value as string | undefined;
      else if (value.value !== undefined) set(item, c.field, value.value);
    }
    // a pair of columns (jämför/med, andel avser/andel (%)) is filled in both or neither
    for (const pair of pairs(spec)) {
      const missing = pair.filter((c) => get(item, c.field!) === undefined);
      if (missing.length && missing.length < pair.length) {
        problems.push({ sheet: s.name, row: r.number, column: missing[0]!.header, message: `fyll i både ${pair.map((c) => c.header).join(' och ')}` });
        delete item[pair[0]!.field!.split('.')[0]!];
      }
    }
    const k = unique && item[unique.field];
    if (unique && typeof k === 'string') {
      const id = `${group ?? ''}|${k}`;
      const first = firstRow.get(id);
      const header = spec.columns.find((c) => c.field === unique.field)!.header;
      if (first === undefined) firstRow.set(id, r.number);
      else problems.push({ sheet: s.name, row: r.number, column: header, message: `${unique.noun} '${k}' finns redan på rad ${first}` });
    }
    const itemPath = path(out.length);
    if (itemPath.length) for (const [p, loc] of trace) mark([...itemPath, ...p], loc);
    out.push({ row: r.number, item, group, trace });
  }
  return out;
}

/** Columns that fill one nested field together ("of.0"/"of.1", "share.label"/"share.percent"). */
function pairs(spec: SheetSpec): ColumnSpec[][] {
  const groups = new Map<string, ColumnSpec[]>();
  for (const c of spec.columns) {
    const [head, rest] = (c.field ?? '').split('.');
    if (rest === undefined || head === 'values') continue;
    groups.set(head!, [...(groups.get(head!) ?? []), c]);
  }
  return [...groups.values()];
}

/** The Rapport sheet: fält | värde, one field per row. */
function readForm(s: SheetData, spec: SheetSpec, problems: Problem[], mark: (field: string, loc: Location) => void): Item {
  const headers = s.header.map((h) => cellText(h)?.toLowerCase());
  const [fieldCol, valueCol] = [headers.indexOf('fält'), headers.indexOf('värde')];
  if (fieldCol < 0 || valueCol < 0) {
    problems.push({ sheet: s.name, row: 1, message: 'första raden ska ha rubrikerna fält och värde' });
    return {};
  }
  const item: Item = {};
  const seen = new Map<ColumnSpec, number>();
  for (const r of s.rows) {
    const name = cellText(r.cells[fieldCol] ?? null);
    if (!name) continue;
    const c = spec.columns.find((x) => x.header.toLowerCase() === name.toLowerCase());
    if (!c) {
      problems.push({ sheet: s.name, row: r.number, column: 'fält', message: `okänt fält '${name}' — fälten är ${spec.columns.map((x) => x.header).join(', ')}` });
      continue;
    }
    if (seen.has(c)) {
      problems.push({ sheet: s.name, row: r.number, column: 'fält', message: `fältet ${c.header} finns redan på rad ${seen.get(c)}` });
      continue;
    }
    seen.set(c, r.number);
    const loc = { sheet: s.name, row: r.number, column: 'värde' };
    mark(c.field!, loc);
    const value = readCell(r.cells[valueCol] ?? null, c, true);
    if ('problem' in value) problems.push({ ...loc, message: c.unknown && value.problem.startsWith(c.unknown) ? value.problem : `${c.header}: ${value.problem}` });
    else if (value.value !== undefined) set(item, c.field!, value.value);
  }
  for (const c of spec.columns) {
    if (c.required && !seen.has(c)) problems.push({ sheet: s.name, message: `fältet ${c.header} saknas` });
  }
  return item;
}

function headerPositions(s: SheetData, spec: SheetSpec, problems: Problem[]): Map<ColumnSpec, number> {
  const positions = new Map<ColumnSpec, number>();
  const loc = { sheet: s.name, row: 1 };
  s.header.forEach((h, i) => {
    const text = cellText(h);
    if (!text) return;
    const c = spec.columns.find((x) => x.header.toLowerCase() === text.toLowerCase());
    if (!c) problems.push({ ...loc, column: text, message: `okänd kolumn — bladet har kolumnerna ${spec.columns.map((x) => x.header).join(', ')}` });
    else if (positions.has(c)) problems.push({ ...loc, column: text, message: 'kolumnen finns två gånger' });
    else positions.set(c, i);
  });
  for (const c of spec.columns) {
    if ((c.required || c.type === 'amount') && !positions.has(c)) problems.push({ ...loc, column: c.header, message: 'kolumnen saknas' });
  }
  return positions;
}

/** One cell by its column's type; undefined = not given. A required column's empty cell is a problem only when the column is there. */
function readCell(cell: CellValue, c: ColumnSpec, present: boolean): Read<unknown> {
  if (c.type === 'amount') return cellAmount(cell);
  if (isEmpty(cell)) {
    if (c.required && present) return { problem: 'måste fyllas i' };
    return { value: c.emptyIsNull ? null : undefined };
  }
  if (Array.isArray(c.type)) return cellChoice(cell, c.type, c.unknown);
  switch (c.type) {
    case 'number':
      return cellNumber(cell);
    case 'integer':
      return cellInteger(cell);
    case 'list':
      return { value: cellList(cell) };
    case 'date':
      return cellCalendar(cell, 'day');
    case 'month':
    case 'period':
      return cellCalendar(cell, 'month');
    default:
      return { value: cellText(cell) };
  }
}

/** Registers where a grouped item's fields came from, once its place in the data file is known. */
function retrace(trace: Array<[Path, Location]>, mark: Mark, ...at: Path[]): void {
  for (const [p, loc] of trace) for (const prefix of at) mark([...prefix, ...p], loc);
}

function isBlank(s: SheetData): boolean {
  return s.header.every(isEmpty) && s.rows.every((r) => r.cells.every(isEmpty));
}

/** get(x, "share.percent") */
function get(x: object, field: string): unknown {
  return field.split('.').reduce<unknown>((o, k) => (o == null ? undefined : (o as Item)[k]), x);
}

/** set(x, "of.0", v) creates the array or object on the way. */
function set(x: Item, field: string, value: unknown): void {
  const parts = field.split('.');
  let o: Item = x;
  parts.slice(0, -1).forEach((k, i) => {
    o[k] ??= /^\d+$/.test(parts[i + 1]!) ? [] : {};
    o = o[k] as Item;
  });
  o[parts.at(-1)!] = value;
}
