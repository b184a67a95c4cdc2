/**
 * What an alert says: for one subscription and one report version, the total
 * and the lines whose deviation crosses the subscription's thresholds (largest
 * first), each with the report's own explanation and, where the store has an
 * earlier forecast of the same board and year, the deviation it showed then.
 * Pure: the same figures and thresholds always give the same alert.
 */
import { z } from 'zod';
import { boardId } from '../reports/report-file.js';
import { deviationFigures, lineFigures, type DeviationFigures, type LineFigures } from './deviation-figures.js';
import { crosses, sharePercent, thresholds, type Subscription } from './subscription.js';

export const alertKind = z.enum(['ändring', 'sammanfattning']);
export type AlertKind = z.infer<typeof alertKind>;

export const alertLine = lineFigures.extend({
  /** |avvikelse| as a share of |budget|, when there is a budget */
  percent: z.number().optional(),
  /** the deviation in the previous forecast (tkr), when there is one that has the line */
  previousTkr: z.string().nullable().optional(),
});
export type AlertLine = z.infer<typeof alertLine>;

export const alertContent = z.object({
  kind: alertKind,
  subscriptionId: z.number(),
  board: z.object({ id: boardId, short: z.string(), name: z.string() }),
  thresholds,
  /** absent: the store has no report with deviation figures for the board */
  report: z
    .object({
      id: z.string(),
      name: z.string(),
      hash: z.string(),
      table: deviationFigures.shape.table,
      total: alertLine.optional(),
      /** over the thresholds, largest deviation first */
      over: z.array(alertLine),
      /** the other lines, in the report's order (the drill-down) */
      under: z.array(alertLine),
      /** the forecast the change is measured from */
      previous: z.object({ name: z.string(), seenAt: z.string() }).optional(),
    })
    .optional(),
});
export type AlertContent = z.infer<typeof alertContent>;

export interface BuildInput {
  kind: AlertKind;
  subscription: Pick<Subscription, 'id' | 'thresholds'>;
  board: AlertContent['board'];
  current?: { name: string; figures: DeviationFigures };
  previous?: { name: string; figures: DeviationFigures; seenAt: Date };
}

const num = (tkr: string | null | undefined) => (tkr === null || tkr === undefined ? undefined : Number(tkr));

export function buildAlert({ kind, subscription, board, current, previous }: BuildInput): AlertContent {
  const base = { kind, subscriptionId: subscription.id, board, thresholds: subscription.thresholds };
  if (!current) return base;
  const before = new Map((previous?.figures.lines ?? []).map((l) => [l.key, l]));
  const withChange = (l: LineFigures, earlier: LineFigures | undefined): AlertLine => {
    const share = num(l.avvikelseTkr) === undefined ? undefined : sharePercent(num(l.avvikelseTkr)!, num(l.budgetTkr));
    return { ...l, ...(share !== undefined ? { percent: share } : {}), ...(earlier ? { previousTkr: earlier.avvikelseTkr } : {}) };
  };
  const lines = current.figures.lines.map((l) => withChange(l, before.get(l.key)));
  const isOver = (l: AlertLine) => num(l.avvikelseTkr) !== undefined && crosses(num(l.avvikelseTkr)!, num(l.budgetTkr), subscription.thresholds);
  const total = current.figures.total;
  return {
    ...base,
    report: {
      id: current.figures.reportId,
      name: current.name,
      hash: current.figures.contentHash,
      table: current.figures.table,
      total: total ? withChange(total, previous?.figures.total) : undefined,
      over: lines.filter(isOver).sort((a, b) => Math.abs(num(b.avvikelseTkr)!) - Math.abs(num(a.avvikelseTkr)!)),
      under: lines.filter((l) => !isOver(l)),
      previous: previous ? { name: previous.name, seenAt: previous.seenAt.toISOString() } : undefined,
    },
  };
}

/** Whether there is anything to alert about. */
export const hasDeviations = (c: AlertContent) => (c.report?.over.length ?? 0) > 0;
