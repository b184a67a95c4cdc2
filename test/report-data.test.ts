/**
 * The five reports as data: each file validates, every table reconciles
 * against its own arithmetic (or documents where the source does not), and
 * every figure in the file is printed somewhere in the source text.
 */
import { readFile, readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fromTkr, toTkr } from '../services/reports/amount.js';
import { reconcile } from '../services/reports/reconciliation.js';
import { readReportFiles } from '../services/reports/report-source.js';
import { numbersIn } from './support/answer-score.js';

const files = await readReportFiles();
const sources = new Map(await Promise.all((await readdir('data/sources')).filter((f) => f.endsWith('.txt')).map(async (f) => [f, await readFile(`data/sources/${f}`, 'utf8')] as const)));

/**
 * Every number a source may be printing. Jumbled tables run figures together
 * ("1 048 939 997 515 -51 424"), so every way of grouping a run of digit
 * groups into thousands is a candidate.
 */
function printedNumbers(text: string): Set<number> {
  const out = new Set<number>();
  for (const line of text.replace(/[\u2212\u2013]/g, '-').split('\n')) {
    const tokens = line.split(/[\s\u00a0\u202f]+/).map((t) => t.replace(/^[^\d-]+|[^\d]+$/g, '')).filter((t) => /^-?\d+([.,]\d+)?%?$/.test(t.replace(/%$/, '')));
    for (const t of tokens) out.add(Math.abs(Number(t.replace('%', '').replace(',', '.'))));
    for (let i = 0; i < tokens.length; i++) {
      let digits = tokens[i]!.replace('-', '');
      if (!/^\d{1,3}$/.test(digits)) continue;
      for (let j = i + 1; j < tokens.length; j++) {
        const next = tokens[j]!;
        const m = next.match(/^(\d{3})([.,]\d+)?$/);
        if (!m) break;
        digits += next;
        out.add(Math.abs(Number(digits.replace(',', '.'))));
        if (m[2]) break;
      }
    }
  }
  for (const n of numbersIn(text)) out.add(Math.abs(n));
  return out;
}

describe('report data files', () => {
  it('cover each of the five source reports once', () => {
    expect(files.map((f) => f.report.report.source).sort()).toEqual([...sources.keys()].sort());
  });

  for (const { report } of files) {
    const id = report.report.id;

    it(`${id}: every table reconciles, every known source error is documented`, () => {
      const r = reconcile(report);
      expect(r.checked).toBeGreaterThan(20);
      expect(r.failures.map((f) => `${f.table}/${f.row}/${f.column}: ${f.message}`)).toEqual([]);
      expect(r.stale).toEqual([]);
    });

    it(`${id}: every figure is printed in the source text`, () => {
      const printed = printedNumbers(sources.get(report.report.source)!);
      const absent: string[] = [];
      for (const t of report.tables) {
        for (const row of t.rows) row.values.forEach((v, i) => typeof v === 'number' && !printed.has(Math.abs(v)) && absent.push(`${t.key}/${row.line}/${t.columns[i]!.key} = ${v}`));
      }
      for (const ind of report.indicators) {
        for (const v of ind.values) {
          if (v.value !== undefined && !printed.has(Math.abs(v.value))) absent.push(`${ind.key}@${v.at} = ${v.value}`);
          if (v.share && !printed.has(v.share.percent)) absent.push(`${ind.key}@${v.at} share ${v.share.percent}`);
        }
      }
      expect(absent).toEqual([]);
    });

    it(`${id}: the narrative is quoted verbatim`, () => {
      const flat = (s: string) => s.replace(/[\s*_¹²³⁴⁵⁶⁷⁸⁹⁰]+/g, '').toLowerCase();
      const source = flat(sources.get(report.report.source)!);
      const quoted = report.passages.filter((p) => source.includes(flat(p.text).slice(0, 80)));
      // a few passages join sentences split over PDF columns; the great majority must be found as they are
      expect(quoted.length / report.passages.length).toBeGreaterThan(0.85);
    });
  }

  it('Leanlink: figures printed as mnkr are recorded as the tkr they are', () => {
    const leanlink = files.find((f) => f.report.report.board === 'leanlink')!.report;
    const ekonomi = leanlink.tables.find((t) => t.kind === 'ekonomi')!;
    expect(ekonomi.unit).toBe('tkr');
    expect(ekonomi.statedUnit).toBe('mnkr');
    const total = ekonomi.rows.find((r) => r.line === 'total')!;
    expect(fromTkr(toTkr(total.values[0] as number, ekonomi.unit), 'mnkr')).toBeCloseTo(-83.189, 6);
  });

  it('a missing value keeps the report\'s own marker and is never zero', () => {
    const son = files.find((f) => f.report.report.id === 'son-2024-03')!.report;
    const missing = son.indicators.flatMap((i) => i.values).filter((v) => v.missing);
    expect(missing.map((v) => v.missing)).toContain('publiceras juni 2024');
    expect(missing.every((v) => v.value === undefined)).toBe(true);
  });
});

describe('exact amounts', () => {
  it('converts between tkr and mnkr by moving the decimal point', () => {
    expect(toTkr(1800.9, 'mnkr')).toBe('1800900');
    expect(toTkr(-0.3, 'mnkr')).toBe('-300');
    expect(toTkr(0.1 + 0.2, 'tkr')).toBe('0.30000000000000004');
    expect(toTkr(-83189, 'tkr')).toBe('-83189');
    expect(toTkr(461, 'kr')).toBe('0.461');
    expect(fromTkr('1800900', 'mnkr')).toBe(1800.9);
  });
});
