/**
 * Import of a report from the template without code: the five data files
 * survive the round trip through a workbook and a CSV folder; an imported
 * change is what the store and the bot answer with; a malformed workbook is
 * rejected with every problem by sheet, row and column and stores nothing;
 * a re-import replaces the report atomically.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerText } from '../services/answering/answer-question.js';
import { Knowledge } from '../services/answering/knowledge.js';
import { readBoards } from '../services/reports/boards.js';
import type { ReportFile } from '../services/reports/report-file.js';
import { checkReportSource, ImportError, importReport } from '../services/reports/report-import.js';
import { lineAmounts } from '../services/reports/report-queries.js';
import { instructionsSheet } from '../services/reports/report-sheets.js';
import { readReportFiles } from '../services/reports/report-source.js';
import { reportSheets } from '../services/reports/report-workbook.js';
import { parseSwedishNumber } from '../services/reports/sheet-cells.js';
import { parseCsv, writeCsvFolder, writeWorkbook } from '../services/reports/workbook-files.js';
import { openDatabase } from '../services/store/database.js';
import { visibleText } from './support/answer-score.js';
import { openTestStore, onPostgres, type TestStore } from './support/test-store.js';

let store: TestStore;
let dir: string;
let files: Map<string, ReportFile>;
beforeAll(async () => {
  store = await openTestStore();
  dir = await mkdtemp(path.join(tmpdir(), 'rapportimport-'));
  files = new Map((await readReportFiles()).map((f) => [f.report.report.id, f.report]));
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const son = () => structuredClone(files.get('son-2024-03')!);
let n = 0;
async function workbookOf(file: ReportFile): Promise<string> {
  const p = path.join(dir, `${file.report.id}-${++n}.xlsx`);
  await writeWorkbook([instructionsSheet(), ...reportSheets(file)], p);
  return p;
}

/** A fresh copy of the son-2024-03 workbook, written once. */
let sonWorkbook: Promise<string> | undefined;
async function sonCopy(): Promise<string> {
  sonWorkbook ??= workbookOf(son());
  const p = path.join(dir, `son-copy-${++n}.xlsx`);
  await copyFile(await sonWorkbook, p);
  return p;
}

/** Changes a workbook the way a controller would in Excel. */
async function edit(file: string, change: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  change(wb);
  await wb.xlsx.writeFile(file);
  return file;
}

/** The cell in the row whose first column is `key`, under the header `header`. */
function cell(wb: ExcelJS.Workbook, sheet: string, key: string, header: string): ExcelJS.Cell {
  const ws = wb.getWorksheet(sheet)!;
  const headers = (ws.getRow(1).values as unknown[]).map(String);
  let found: ExcelJS.Cell | undefined;
  ws.eachRow((row) => {
    if (String(row.getCell(1).value) === key) found ??= row.getCell(headers.indexOf(header));
  });
  if (!found) throw new Error(`${sheet}: ingen rad ${key}`);
  return found;
}

const importFile = async (source: string) => importReport(store.db, await checkReportSource(source));

async function problemsOf(source: string): Promise<string[]> {
  const error = await importFile(source).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return (error as ImportError).problems;
}

async function storeCounts() {
  const [row] = await store.db.query(
    `select (select count(*) from report)::int as reports, (select count(*) from amount)::int as amounts,
            (select count(*) from line)::int as lines, (select count(*) from indicator_value)::int as indicator_values,
            (select count(*) from passage)::int as passages, (select version::int from store_version) as version,
            (select content_hash from report where id = 'son-2024-03') as son_hash`,
  );
  return row;
}

/** The row number (Excel's) of a line in a table's sheet: the header is row 1. */
const tableRow = (file: ReportFile, table: string, line: string) => file.tables.find((t) => t.key === table)!.rows.findIndex((r) => r.line === line) + 2;

describe('the template', () => {
  it.each(['son-2024-03', 'son-ib-2024', 'son-2020-08', 'sn-2018-08', 'leanlink-2023-08'])(
    'carries %s through a workbook and a CSV folder unchanged',
    async (id) => {
      const original = files.get(id)!;
      const viaWorkbook = await checkReportSource(await workbookOf(original));
      expect(viaWorkbook.file).toEqual(original);
      expect(viaWorkbook.reconciliation.known).toHaveLength(original.discrepancies.length);

      const csv = path.join(dir, `${id}-csv`);
      await writeCsvFolder(reportSheets(original), csv);
      expect((await checkReportSource(csv)).file).toEqual(original);
    },
  );

  it('is an empty workbook with a sheet per section, Swedish headers, explanations and pick lists', async () => {
    const p = path.join(dir, 'rapportmall.xlsx');
    await writeWorkbook([instructionsSheet(), ...reportSheets()], p);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(p);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Instruktioner', 'Rapport', 'Rader', 'Tabeller', 'Kolumner', 'Indikatorer', 'Indikatorvärden', 'Mål', 'Uppdrag', 'Texter', 'Kända avvikelser',
    ]);
    const rader = wb.getWorksheet('Rader')!;
    expect((rader.getRow(1).values as unknown[]).slice(1)).toEqual(['nyckel', 'kod', 'namn', 'typ', 'del av', 'alias', 'beskrivning']);
    expect(String(rader.getCell('A1').note)).toMatch(/nyckel/i);
    const validations = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    const rapport = wb.getWorksheet('Rapport')!;
    expect(rapport.getCell('A3').value).toBe('nämnd');
    expect(validations(rapport)['B3']?.formulae).toEqual(['"son,sn,leanlink"']);
    expect(validations(wb.getWorksheet('Kolumner')!)['C2']?.formulae[0]).toContain('prognos');

    // imported as it is, it says what must be filled in
    const problems = await problemsOf(p);
    expect(problems).toContain('Blad Rapport, rad 3, kolumn värde: nämnd: måste fyllas i');
    expect(problems).toHaveLength(8);
  });

  it('reads numbers written the Swedish way and rejects anything else', () => {
    expect(parseSwedishNumber('1 800,9')).toBe(1800.9);
    expect(parseSwedishNumber('1\u00a0800,9')).toBe(1800.9);
    expect(parseSwedishNumber('−9,8')).toBe(-9.8);
    expect(parseSwedishNumber('-12')).toBe(-12);
    expect(parseSwedishNumber('1800.9')).toBeUndefined();
    expect(parseSwedishNumber('1.800,9')).toBeUndefined();
    expect(parseSwedishNumber('18 00,9')).toBeUndefined();
    expect(parseSwedishNumber('tolv')).toBeUndefined();
  });
});

describe(`import into the store on ${onPostgres() ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('stores a changed prognos, and the bot answers with it', async () => {
    const knowledge = new Knowledge(store.db, (await readBoards()).otherBoards, 0);
    const before = (await knowledge.current()).catalogue.version;

    // Barn och ungdomsvård 12 mnkr worse; every figure that follows from it changes too
    const p = await edit(await sonCopy(), (wb) => {
      const set = (sheet: string, line: string, column: string, v: string | number) => (cell(wb, sheet, line, column).value = v);
      set('Tabell prognos', '569', 'prognos', '501,4'); // text with a decimal comma
      set('Tabell prognos', '569', 'avvikelse', '−12,0'); // a real minus sign
      set('Tabell prognos', 'summa-exkl-egen-regi', 'prognos', '1\u00a0789,8'); // a no-break space between thousands
      set('Tabell prognos', 'summa-exkl-egen-regi', 'avvikelse', -12);
      set('Tabell prognos', 'total', 'prognos', 1812.9);
      set('Tabell prognos', 'total', 'avvikelse', -12);
      set('Tabell prognos', 'kostnader', 'prognos', '2 082,7');
      set('Tabell prognos', 'kostnader', 'avvikelse', -12);
      set('Tabell ekonomi', 'total', 'prognos', 1812.9);
      set('Tabell ekonomi', 'total', 'avvikelse', -12);
    });
    const result = await importFile(p);
    expect(result.replaced).toBe(true);

    const prognos = (await lineAmounts(store.db, 'son-2024-03', ['569'])).find((r) => r.table_key === 'prognos' && r.measure === 'prognos');
    expect(prognos?.value_tkr).toBe('501400');
    const [origin] = await store.db.query<{ origin: string }>(`select origin from report where id = 'son-2024-03'`);
    expect(origin!.origin).toBe('import');

    const { catalogue, names } = await knowledge.current();
    expect(catalogue.version).toBeGreaterThan(before);
    const reply = await answerText({ db: store.db, catalogue, names }, 'Hur ser prognosen ut för Barn och unga?');
    expect(visibleText(reply)).toContain('501,4');
  });

  it('takes a percentage cell as the number it shows', async () => {
    const file = son();
    const p = await edit(await workbookOf(file), (wb) => {
      const ws = wb.getWorksheet('Indikatorvärden')!;
      ws.eachRow((row, i) => {
        if (i > 1 && row.getCell(1).value === 'personal-sjukfranvaro' && typeof row.getCell(6).value === 'number') {
          row.getCell(6).value = Number(row.getCell(6).value) / 100;
          row.getCell(6).numFmt = '0.0%';
        }
      });
    });
    expect((await checkReportSource(p)).file.indicators).toEqual(file.indicators);
  });

  it('replaces a re-imported report completely, and a failed re-import leaves it as it was', async () => {
    const smaller = son();
    smaller.tables = smaller.tables.filter((t) => t.key !== 'atgardsplan');
    smaller.passages = smaller.passages.slice(0, 5);
    smaller.passages.forEach((p) => (p.text = `${p.text} (rättad)`));
    await importFile(await workbookOf(smaller));
    const count = (table: string) => store.db.query<{ n: number }>(`select count(*)::int as n from ${table} where report_id = 'son-2024-03'`).then((r) => r[0]!.n);
    expect(await count('passage')).toBe(5);
    expect(await count('report_table')).toBe(smaller.tables.length);
    expect(await count('amount')).toBe(smaller.tables.reduce((s, t) => s + t.rows.length * t.columns.length, 0));
    const kept = await storeCounts();

    // a store that refuses the last passage: the import fails after the amounts are written, and all of it is rolled back
    const failing = son();
    failing.passages.at(-1)!.text = 'vägras av lagret';
    await store.db.exec(`alter table passage add constraint test_refuse check (text <> 'vägras av lagret')`);
    try {
      await expect(importFile(await workbookOf(failing))).rejects.toThrow(/test_refuse/);
    } finally {
      await store.db.exec('alter table passage drop constraint test_refuse');
    }
    expect(await storeCounts()).toEqual(kept);
    expect(await count('passage')).toBe(5);

    await importFile(await workbookOf(son())); // back to the full report for the other tests
  });

  const cases: Array<[string, (wb: ExcelJS.Workbook, f: ReportFile) => void, (f: ReportFile) => Array<string | RegExp>]> = [
    ['a sheet with a wrong name', (wb) => (wb.getWorksheet('Rader')!.name = 'Raderna'), () => [/^Blad Raderna: okänt blad — bladen heter Rapport, Rader, Tabeller/]],
    ['a missing Rapport sheet', (wb) => wb.removeWorksheet(wb.getWorksheet('Rapport')!.id), () => ['Blad Rapport: bladet saknas — det behövs för rapportens id, nämnd, typ och period']],
    ['a missing table sheet', (wb) => wb.removeWorksheet(wb.getWorksheet('Tabell prognos')!.id), () => ["Blad Tabeller, rad 4, kolumn nyckel: bladet 'Tabell prognos' med tabellens belopp saknas"]],
    [
      'text in a number cell',
      (wb) => (cell(wb, 'Tabell resultat', '569', 'utfall').value = 'tolv'),
      (f) => [new RegExp(`^Blad Tabell resultat, rad ${tableRow(f, 'resultat', '569')}, kolumn utfall: 'tolv' är inte ett tal`)],
    ],
    [
      'a number with a decimal point',
      (wb) => (cell(wb, 'Tabell resultat', '569', 'utfall').value = '133.1'),
      (f) => [`Blad Tabell resultat, rad ${tableRow(f, 'resultat', '569')}, kolumn utfall: '133.1' är inte ett tal skrivet på svenska — skriv decimaler med komma och tusental med mellanslag (t.ex. 1 800,9) (lämna cellen tom om beloppet saknas, eller skriv "-", "–", "..", "i.u", "i.u." som rapporten)`],
    ],
    [
      'a duplicate line',
      (wb) => wb.getWorksheet('Rader')!.addRow(['569', '569', 'Barn och ungdomsvård igen']),
      (f) => [`Blad Rader, rad ${f.lines.length + 2}, kolumn nyckel: nyckeln '569' finns redan på rad ${f.lines.findIndex((l) => l.key === '569') + 2}`],
    ],
    ['an unknown board', (wb) => (cell(wb, 'Rapport', 'nämnd', 'värde').value = 'äldrenämnden'), () => ["Blad Rapport, rad 3, kolumn värde: okänd nämnd 'äldrenämnden' — välj en av: son, sn, leanlink"]],
    [
      'a table row pointing at an unknown line',
      (wb) => (cell(wb, 'Tabell resultat', '569', 'rad').value = '5699'),
      (f) => [`Blad Tabell resultat, rad ${tableRow(f, 'resultat', '569')}, kolumn rad: okänd rad '5699' — den finns inte på bladet Rader`],
    ],
    [
      'a column that is not the table\'s',
      (wb) => (wb.getWorksheet('Tabell resultat')!.getCell('D1').value = 'utfal'),
      () => ['Blad Tabell resultat, rad 1, kolumn utfal: okänd kolumn — bladet har kolumnerna rad, radtext, summa av, utfall, budget, avvikelse, fg', 'Blad Tabell resultat, rad 1, kolumn utfall: kolumnen saknas'],
    ],
    [
      'a text about a line that does not exist',
      (wb) => (wb.getWorksheet('Texter')!.getCell('D2').value = '569; 999'),
      () => ['Blad Texter, rad 2, kolumn rader: okänd rad "999"'],
    ],
    [
      'a sum that does not add up',
      (wb) => {
        cell(wb, 'Tabell prognos', '569', 'prognos').value = 501.4;
        cell(wb, 'Tabell prognos', '569', 'avvikelse').value = -12;
      },
      (f) => [new RegExp(`^Blad Tabell prognos, rad ${tableRow(f, 'prognos', 'summa-exkl-egen-regi')}, kolumn prognos: summa-exkl-egen-regi ska vara summan av 100, 130, .*: väntat 1.789,8, rapporten anger 1.777,8 — rätta beloppet, eller beskriv avvikelsen i källan på bladet Kända avvikelser$`)],
    ],
    [
      'a documented discrepancy that no longer is one',
      (wb) => (cell(wb, 'Tabell resultat', '922', 'avvikelse').value = 1.8),
      (f) => [`Blad Kända avvikelser, rad ${f.discrepancies.findIndex((d) => d.row === '922') + 2}: kontrollen avvikelse för resultat/922/avvikelse går ihop — det finns ingen avvikelse att förklara; ta bort raden`],
    ],
  ];

  it.each(cases)('rejects %s with a clear message and stores nothing', async (_name, change, expected) => {
    const f = son();
    const p = await edit(await sonCopy(), (wb) => change(wb, f));
    const before = await storeCounts();
    const problems = await problemsOf(p);
    for (const e of expected(f)) {
      if (typeof e === 'string') expect(problems).toContain(e);
      else expect(problems.some((m) => e.test(m)), `${e} in\n${problems.join('\n')}`).toBe(true);
    }
    expect(await storeCounts()).toEqual(before);
  });

  it('reports every problem at once, in the workbook\'s order', async () => {
    const p = await edit(await sonCopy(), (wb) => {
      cell(wb, 'Rapport', 'nämnd', 'värde').value = 'ÄN';
      cell(wb, 'Rapport', 'år', 'värde').value = 'tjugotjugofyra';
      cell(wb, 'Tabell resultat', '569', 'budget').value = '12 3,3';
      cell(wb, 'Kolumner', 'ekonomi', 'mått').value = 'progonos';
    });
    const problems = await problemsOf(p);
    expect(problems).toEqual([
      "Blad Rapport, rad 3, kolumn värde: okänd nämnd 'ÄN' — välj en av: son, sn, leanlink",
      "Blad Rapport, rad 6, kolumn värde: år: 'tjugotjugofyra' är inte ett tal",
      "Blad Kolumner, rad 2, kolumn mått: 'progonos' är inget tillåtet värde — välj en av: utfall, budget, prognos, avvikelse, plan, förändring, effekt",
      expect.stringMatching(/^Blad Tabell resultat, rad \d+, kolumn budget: '12 3,3' är inte ett tal/),
    ]);
  });

  it('reads CSV files saved by Excel as plain CSV (Windows-1252, comma-separated)', async () => {
    const original = files.get('sn-2018-08')!;
    const csv = path.join(dir, 'sn-csv-1252');
    await writeCsvFolder(reportSheets(original), csv);
    const rader = path.join(csv, 'Rader.csv');
    const records = parseCsv((await readFile(rader, 'utf8')).replace(/^\ufeff/, ''));
    const commas = records.map((r) => r.map((f) => (f === null ? '' : `"${String(f).replace(/"/g, '""')}"`)).join(',')).join('\r\n');
    await writeFile(rader, Buffer.from(commas, 'latin1'));
    expect((await checkReportSource(csv)).file).toEqual(original);
  });
});

describe('the commands', () => {
  const run = promisify(execFile);
  const tsx = (script: string, args: string[], env: NodeJS.ProcessEnv) =>
    run(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );

  /** A store of its own for the commands, configured the way an administrator would: DATABASE_URL or PGLITE_DIR. */
  async function commandStore() {
    const url = process.env.DATABASE_URL;
    if (url) {
      const schema = `t_cli_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      await store.db.exec(`create schema ${schema}`);
      return {
        env: { DATABASE_URL: `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}` },
        open: () => openDatabase({ url, schema }),
        drop: () => store.db.exec(`drop schema ${schema} cascade`),
      };
    }
    // the embedded store as `npm start` leaves it: migrated, the five reports loaded (from the suite's snapshot: no initdb)
    const pgliteDir = path.join(dir, 'cli-store');
    await (await openDatabase({ pgliteDir, pgliteSnapshot: process.env.PGLITE_TEST_SNAPSHOT })).close();
    return { env: { DATABASE_URL: '', PGLITE_DIR: pgliteDir }, open: () => openDatabase({ pgliteDir }), drop: async () => {} };
  }

  // four processes, each starting Node, tsx and the store: slow on a busy machine
  it('npm run template writes a filled workbook, and npm run import loads it into the configured store', { timeout: 180_000 }, async () => {
    const cli = await commandStore();
    try {
      const target = path.join(dir, 'cli.xlsx');
      expect(await tsx('scripts/template.ts', ['--from', 'data/reports/son-2024-03.yaml', target], cli.env)).toMatchObject({ code: 0 });
      expect((await tsx('scripts/template.ts', [target], cli.env)).out).toContain('finns redan');

      const bad = await edit(await sonCopy(), (wb) => (cell(wb, 'Rapport', 'nämnd', 'värde').value = 'ÄN'));
      const rejected = await tsx('scripts/import.ts', [bad], cli.env);
      expect(rejected.out).toContain("Importen avbröts — inget har sparats. 1 fel:\n  Blad Rapport, rad 3, kolumn värde: okänd nämnd 'ÄN'");
      expect(rejected.code).toBe(1);

      const imported = await tsx('scripts/import.ts', [target], cli.env);
      expect(imported.out).toContain('✓ son-2024-03');
      expect(imported.code).toBe(0);
      const db = await cli.open();
      try {
        expect(await db.query(`select origin from report where id = 'son-2024-03'`)).toEqual([{ origin: 'import' }]);
      } finally {
        await db.close();
      }
    } finally {
      await cli.drop();
    }
  });
});
