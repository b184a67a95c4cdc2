/**
 * A round's values into the store as the period's indicator values: one
 * report per board and period ("son-insamling-2025-08"), written with the
 * same schema and writer as every other report, carrying each reported
 * indicator (name, unit, målvärde copied from the board's report it came
 * from) with the collected value and split. Questions then find it as the
 * newest report holding those indicators; every instance's catalogue
 * refreshes from store_version.
 */
import { reportFile, type Indicator, type IndicatorValue, type ReportFile } from '../reports/report-file.js';
import { writeReport } from '../reports/report-writer.js';
import type { Queryable } from '../store/database.js';
import { roundName } from './collection-cards.js';
import { managerViews, type Round } from './round-store.js';
import { periodLabel, stockholmDate } from './swedish-dates.js';

export const reportIdOf = (round: Pick<Round, 'board' | 'period'>) => `${round.board}-insamling-${round.period}`;

function monthEnd(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Writes the round's reported values as a report (replacing an earlier write); returns its id and how many indicators it holds (none: nothing written). */
export async function publishRound(tx: Queryable, round: Round, by: string, now = new Date()): Promise<{ reportId?: string; indicators: number }> {
  const views = await managerViews(tx, round);
  const at = round.period;
  const label = periodLabel(round.period);
  const indicators: Indicator[] = [];
  for (const { meta, value } of views.flatMap((v) => v.items)) {
    if (!value) continue;
    const note = value.comment;
    const values: IndicatorValue[] = value.notApplicable
      ? [{ at, label, kind: 'utfall', missing: 'ej aktuellt', note }]
      : value.text !== undefined
        ? [{ at, label, kind: 'utfall', text: value.text, note }]
        : [
            { at, label, kind: 'utfall', value: value.value, note },
            ...(value.men !== undefined ? [{ at, label, kind: 'utfall' as const, group: 'Män', value: value.men }] : []),
            ...(value.women !== undefined ? [{ at, label, kind: 'utfall' as const, group: 'Kvinnor', value: value.women }] : []),
          ];
    indicators.push({
      key: meta.key,
      kind: meta.kind as Indicator['kind'],
      name: meta.name,
      aliases: meta.aliases,
      unit: meta.unit,
      area: meta.area,
      municipalGoal: meta.municipalGoal,
      direction: meta.direction as Indicator['direction'],
      target: meta.target,
      targetValue: meta.targetValue,
      source: meta.source ?? `Insamling i Rapportboten (indikatorn enligt ${meta.reportId})`,
      values,
    });
  }
  if (indicators.length === 0) return { indicators: 0 };
  const file: ReportFile = reportFile.parse({
    report: {
      id: reportIdOf(round),
      board: round.board,
      kind: round.kind,
      title: `${roundName(round)} — insamlade värden`,
      year: Number(round.period.slice(0, 4)),
      periodEnd: monthEnd(round.period),
      unit: 'tkr',
      source: `Insamling i Rapportboten (${round.id}), inläst ${stockholmDate(now)} av ${by}`,
      note: 'Värdena har rapporterats av ansvariga chefer i Teams och granskats av controller.',
    },
    indicators,
  });
  await writeReport(tx, file, 'import');
  return { reportId: file.report.id, indicators: indicators.length };
}
