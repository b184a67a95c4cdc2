/**
 * The reconciliation catches what a transcription (or the source) gets wrong,
 * and lists — without failing — what the data file documents as the source's own error.
 */
import { describe, expect, it } from 'vitest';
import { reconcile } from '../services/reports/reconciliation.js';
import { reportFile } from '../services/reports/report-file.js';

function report(rows: Array<{ line: string; values: Array<number | null | string>; sumOf?: string[] }>, extra: Record<string, unknown> = {}) {
  return reportFile.parse({
    report: { id: 'test', board: 'son', kind: 'delårsrapport', title: 'Test', year: 2024, periodEnd: '2024-03-31', unit: 'mnkr', source: 'test.txt' },
    lines: [
      { key: 'a', name: 'A' },
      { key: 'b', name: 'B' },
      { key: 'total', name: 'Summa', kind: 'total' },
      { key: 'k', name: 'varav kostnader', kind: 'kostnader', parent: 'total' },
      { key: 'i', name: 'varav intäkter', kind: 'intäkter', parent: 'total' },
    ],
    tables: [
      {
        key: 'prognos',
        kind: 'driftsammandrag',
        title: 'Prognos',
        unit: 'mnkr',
        decimals: 1,
        sign: (extra.sign as string) ?? 'kostnad',
        columns: [
          { key: 'prognos', measure: 'prognos', period: '2024', label: 'Prognos' },
          { key: 'budget', measure: 'budget', period: '2024', label: 'Budget' },
          { key: 'avvikelse', measure: 'avvikelse', period: '2024', label: 'Avvikelse', of: ['prognos', 'budget'] },
        ],
        rows,
      },
    ],
    discrepancies: extra.discrepancies ?? [],
  });
}

const good = [
  { line: 'a', values: [10.4, 10.0, -0.4] },
  { line: 'b', values: [5.1, 5.5, 0.4] },
  { line: 'total', values: [15.5, 15.5, 0.0], sumOf: ['a', 'b'] },
  { line: 'k', values: [20.0, 20.1, 0.1] },
  { line: 'i', values: [-4.5, -4.6, -0.1] },
];

describe('reconciliation', () => {
  it('passes a table that adds up (within rounding)', () => {
    const r = reconcile(report(good));
    expect(r.failures).toEqual([]);
    expect(r.checked).toBe(11); // 3 sums, 5 avvikelser, 3 netto
  });

  it('finds a row that does not add up to its total', () => {
    const rows = structuredClone(good);
    rows[0]!.values[0] = 11.4; // a typo in a transcription
    const r = reconcile(report(rows));
    expect(r.failures.map((f) => [f.check, f.row, f.column])).toContainEqual(['summa', 'total', 'prognos']);
    expect(r.failures.map((f) => [f.check, f.row, f.column])).toContainEqual(['avvikelse', 'a', 'avvikelse']);
  });

  it('reads avvikelse as budget − prognos for net costs and prognos − budget for results', () => {
    expect(reconcile(report(good)).failures).toEqual([]);
    const results = good.map((r) => ({ ...r, values: r.line === 'k' || r.line === 'i' ? r.values : [-(r.values[0] as number), -(r.values[1] as number), r.values[2]!] }));
    expect(reconcile(report(results.filter((r) => r.line !== 'k' && r.line !== 'i'), { sign: 'resultat' })).failures).toEqual([]);
    // the same figures read with the wrong convention fail
    expect(reconcile(report(good.filter((r) => r.line !== 'k' && r.line !== 'i'), { sign: 'resultat' })).failures.length).toBeGreaterThan(0);
  });

  it('checks kostnader + intäkter = netto', () => {
    const rows = structuredClone(good);
    rows[3]!.values[0] = 21.0;
    const r = reconcile(report(rows));
    expect(r.failures.map((f) => [f.check, f.row, f.column])).toContainEqual(['netto', 'total', 'prognos']);
  });

  it('lists a documented source error instead of failing, and flags documentation that went stale', () => {
    const rows = structuredClone(good);
    rows[2]!.values[0] = 15.9;
    const documented = [{ check: 'summa', table: 'prognos', row: 'total', column: 'prognos', note: 'Rapporten anger 15,9 men raderna summerar till 15,5.' }];
    const r = reconcile(report(rows, { discrepancies: documented }));
    expect(r.known.map((k) => k.note)).toEqual(['Rapporten anger 15,9 men raderna summerar till 15,5.']);
    expect(r.failures.filter((f) => f.check === 'summa')).toEqual([]);
    const stale = reconcile(report(good, { discrepancies: documented }));
    expect(stale.stale).toHaveLength(1);
  });

  it('skips a check where the report prints a missing-value marker', () => {
    const rows = structuredClone(good);
    (rows[0]!.values as Array<number | string>)[0] = 'i.u';
    const r = reconcile(report(rows));
    expect(r.failures.filter((f) => f.column === 'prognos' && f.check === 'summa')).toEqual([]);
  });

  it('rejects a file whose rows refer to lines that do not exist', () => {
    expect(() => report([{ line: 'x', values: [1, 1, 0] }])).toThrow(/saknas under lines/);
  });
});
