/**
 * The store: the five reports loaded (on PGlite, or PostgreSQL when
 * DATABASE_URL is set), amounts exact, markers kept, reloads cheap and atomic.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReportData } from '../services/reports/data-loader.js';
import { lineAmounts, tableAmounts, indicatorValues } from '../services/reports/report-queries.js';
import { readReportFiles } from '../services/reports/report-source.js';
import { openTestStore, onPostgres, type TestStore } from './support/test-store.js';

let store: TestStore;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(() => store.close());

describe(`report store on ${onPostgres() ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('holds all five reports with every table, line, indicator, goal, assignment and passage', async () => {
    const files = await readReportFiles();
    for (const { report } of files) {
      const [counts] = await store.db.query<Record<string, number>>(
        `select (select count(*) from report_table where report_id = $1)::int as tables,
                (select count(*) from line where report_id = $1)::int as lines,
                (select count(*) from indicator where report_id = $1)::int as indicators,
                (select count(*) from goal where report_id = $1)::int as goals,
                (select count(*) from assignment where report_id = $1)::int as assignments,
                (select count(*) from passage where report_id = $1)::int as passages,
                (select count(*) from amount where report_id = $1)::int as amounts`,
        [report.report.id],
      );
      expect(counts).toEqual({
        tables: report.tables.length,
        lines: report.lines.length,
        indicators: report.indicators.length,
        goals: report.goals.length,
        assignments: report.assignments.length,
        passages: report.passages.length,
        amounts: report.tables.reduce((n, t) => n + t.rows.length * t.columns.length, 0),
      });
    }
  });

  it('stores amounts exactly, in tkr, with the report\'s unit kept for display', async () => {
    const rows = await lineAmounts(store.db, 'son-2024-03', ['total']);
    const prognos = rows.find((r) => r.table_key === 'ekonomi' && r.measure === 'prognos')!;
    expect(prognos.value_tkr).toBe('1800900');
    const [unit] = await store.db.query<{ unit: string }>(`select unit from report_table where report_id = 'son-2024-03' and key = 'ekonomi'`);
    expect(unit!.unit).toBe('mnkr');
    const [sum] = await store.db.query<{ s: string }>(`select sum(value_tkr)::text as s from amount where report_id = 'son-2024-03' and table_key = 'resultat' and column_key = 'utfall' and line_key in ('100','130','267','513','520','559','569','571','575','585','600','922')`);
    expect(sum!.s).toBe('461300'); // 0.9 + 0.2 + … exactly, no float drift
  });

  it('keeps an empty cell empty and a printed marker as printed', async () => {
    const egenRegi = (await lineAmounts(store.db, 'son-2024-03', ['egen-regi'])).find((r) => r.column_key === 'fg')!;
    expect(egenRegi.value_tkr).toBeNull();
    const values = await indicatorValues(store.db, 'son-2024-03', ['kostnad-missbruksvard-r9']);
    const published = values.find((v) => v.missing === 'publiceras juni 2024');
    expect(published?.value).toBeNull();
  });

  it('answers the query layer\'s questions in one indexed query each', async () => {
    const prognos = await tableAmounts(store.db, 'son-2020-08', 'prognos');
    const ifo = prognos.find((r) => r.line_key === 'ifo' && r.measure === 'avvikelse');
    expect(ifo?.value_tkr).toBe('-65000');
    expect(prognos.map((r) => r.line_key)[0]).toBe('forvaltningskostnader'); // in the report's order
  });

  it('skips unchanged reports on reload and replaces a changed one completely', async () => {
    const again = await loadReportData(store.db);
    expect(again.loaded).toEqual([]);
    expect(again.unchanged).toHaveLength(5);

    const dir = await mkdtemp(path.join(tmpdir(), 'rapporter-'));
    await cp('data/reports', dir, { recursive: true });
    const file = path.join(dir, 'sn-2018-08.yaml');
    const text = await readFile(file, 'utf8');
    // a corrected title: the stored report must follow
    await writeFile(file, text.replace(/title: Delårsrapport per den 31 augusti 2018 – Socialnämnden/, 'title: Delårsrapport per den 31 augusti 2018 – Socialnämnden (rättad)'));
    const changed = await loadReportData(store.db, dir);
    expect(changed.loaded).toEqual(['sn-2018-08']);
    const [row] = await store.db.query<{ title: string; n: number }>(`select title, (select count(*) from amount where report_id = 'sn-2018-08')::int as n from report where id = 'sn-2018-08'`);
    expect(row!.title).toMatch(/\(rättad\)$/);
    expect(row!.n).toBeGreaterThan(0);
    await loadReportData(store.db); // back to the real data
  });
});
