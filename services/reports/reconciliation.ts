/**
 * Checks every table of a report against its own arithmetic: sums, avvikelse,
 * kostnader + intäkter = netto, and the same figure printed in two tables.
 * A failure the data file documents as a known discrepancy of the source
 * report is listed, not failed; a documented discrepancy that no longer
 * fails is itself an error (the documentation went stale).
 */
import type { CheckKind, Discrepancy, ReportFile, Row, Table } from './report-file.js';

export interface Finding {
  check: CheckKind;
  table: string;
  row: string;
  column: string;
  expected: number;
  found: number;
  message: string;
}

export interface Reconciliation {
  reportId: string;
  checked: number;
  failures: Finding[];
  known: Array<Finding & { note: string }>;
  stale: Discrepancy[];
}

export function reconcile(file: ReportFile): Reconciliation {
  const findings: Finding[] = [];
  let checked = 0;
  const record = (f: Omit<Finding, 'message'>, tolerance: number, what: string) => {
    checked++;
    if (Math.abs(f.expected - f.found) > tolerance + 1e-9) {
      findings.push({ ...f, message: `${what}: väntat ${fmt(f.expected)}, rapporten anger ${fmt(f.found)}` });
    }
  };
  const lineKind = new Map(file.lines.map((l) => [l.key, l.kind]));
  const lineParent = new Map(file.lines.map((l) => [l.key, l.parent]));

  for (const t of file.tables) {
    const unitStep = 10 ** -t.decimals;
    const col = (k: string) => t.columns.findIndex((c) => c.key === k);
    const rowOf = (k: string) => t.rows.find((r) => r.line === k);

    // summa: a sum row equals the sum of its parts, column by column
    for (const r of t.rows) {
      if (!r.sumOf) continue;
      t.columns.forEach((c, ci) => {
        const total = num(r.values[ci]);
        const parts = r.sumOf!.map((k) => rowOf(k)?.values[ci]);
        if (total === undefined || parts.some((p) => typeof p === 'string')) return;
        const sum = parts.reduce<number>((s, p) => s + (num(p) ?? 0), 0);
        record({ check: 'summa', table: t.key, row: r.line, column: c.key, expected: sum, found: total }, (unitStep * (parts.length + 1)) / 2, `${r.line} ska vara summan av ${r.sumOf!.join(', ')}`);
      });
    }

    // avvikelse: budget − utfall (kostnad) or utfall − budget (resultat), per row orientation;
    // förändring: this period − the earlier one
    t.columns.forEach((c, ci) => {
      if (!c.of) return;
      const [ai, bi] = [col(c.of[0]), col(c.of[1])];
      for (const r of t.rows) {
        const [avv, a, b] = [num(r.values[ci]), num(r.values[ai]), num(r.values[bi])];
        if (avv === undefined || a === undefined || b === undefined) continue;
        const expected = c.measure === 'förändring' || !costOriented(t, r, lineKind.get(r.line), ai) ? a - b : b - a;
        record({ check: 'avvikelse', table: t.key, row: r.line, column: c.key, expected, found: avv }, unitStep * 1.5, `${c.label} för ${r.line}`);
      }
    });

    // netto: kostnader and intäkter add up to the net row they are "varav" of
    const kRow = t.rows.find((r) => lineKind.get(r.line) === 'kostnader');
    const iRow = t.rows.find((r) => lineKind.get(r.line) === 'intäkter');
    if (kRow && iRow) {
      const netKey = lineParent.get(kRow.line) ?? t.rows.find((r) => lineKind.get(r.line) === 'total')?.line;
      const net = netKey ? rowOf(netKey) : undefined;
      if (net) {
        t.columns.forEach((c, ci) => {
          const [k, i, n] = [num(kRow.values[ci]), num(iRow.values[ci]), num(net.values[ci])];
          if (k === undefined || i === undefined || n === undefined) return;
          let expected: number;
          let found = n;
          if (c.measure === 'avvikelse') {
            expected = k + i; // avvikelse is "positive = better" in every orientation
          } else {
            const costK = costOriented(t, kRow, 'kostnader', ci) ? k : -k;
            const costI = costOriented(t, iRow, 'intäkter', ci) ? i : -i;
            expected = costK + costI;
            found = t.sign === 'kostnad' ? n : -n;
          }
          record({ check: 'netto', table: t.key, row: net.line, column: c.key, expected, found }, unitStep * 1.5, `kostnader + intäkter ska vara ${net.line}`);
        });
      }
    }
  }

  // samma-värde: one figure (line, measure, period, component) printed in several tables agrees
  const seen = new Map<string, { table: Table; value: number }>();
  for (const t of file.tables) {
    t.columns.forEach((c, ci) => {
      for (const r of t.rows) {
        const v = num(r.values[ci]);
        if (v === undefined) continue;
        const id = [r.line, c.measure, c.period, c.component].join('|');
        const first = seen.get(id);
        if (!first) {
          seen.set(id, { table: t, value: v * factor(t) });
          continue;
        }
        const coarser = Math.max(10 ** -first.table.decimals * factor(first.table), 10 ** -t.decimals * factor(t));
        record(
          { check: 'samma-värde', table: t.key, row: r.line, column: c.key, expected: first.value / factor(t), found: v },
          coarser / 2 / factor(t),
          `${r.line} ${c.label} ska vara samma som i ${first.table.key}`,
        );
      }
    });
  }

  const key = (x: { check: string; table: string; row: string; column: string }) => [x.check, x.table, x.row, x.column].join('|');
  const documented = new Map(file.discrepancies.map((d) => [key(d), d]));
  const failing = new Set(findings.map(key));
  return {
    reportId: file.report.id,
    checked,
    failures: findings.filter((f) => !documented.has(key(f))),
    known: findings.filter((f) => documented.has(key(f))).map((f) => ({ ...f, note: documented.get(key(f))!.note })),
    stale: file.discrepancies.filter((d) => !failing.has(key(d))),
  };
}

/** Whether a row's figures read "positive = cost" (so avvikelse = budget − utfall). */
function costOriented(t: Table, r: Row, kind: string | undefined, sampleColumn: number): boolean {
  const sample = num(r.values[sampleColumn]) ?? 0;
  if (kind === 'kostnader') return sample >= 0;
  if (kind === 'intäkter') return sample < 0;
  return t.sign === 'kostnad';
}

function num(c: unknown): number | undefined {
  return typeof c === 'number' ? c : undefined;
}

function factor(t: Table): number {
  return t.unit === 'mnkr' ? 1000 : t.unit === 'kr' ? 0.001 : 1;
}

function fmt(n: number): string {
  return (Math.round(n * 1000) / 1000).toLocaleString('sv-SE');
}
