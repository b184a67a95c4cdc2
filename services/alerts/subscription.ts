/**
 * A subscription to deviation alerts: one conversation (1:1, group chat or
 * channel), one board, thresholds, and optionally a digest schedule.
 */
import { z } from 'zod';
import { formatNumber } from '../format/swedish-number.js';
import { sendTarget } from '../proactive/message-sender.js';
import { boardId } from '../reports/report-file.js';
import { conversationType } from '../conversation/conversation-store.js';

export const thresholds = z.object({
  /** |avvikelse| at least this many tkr; null = no amount threshold */
  amountTkr: z.number().min(0).nullable(),
  /** |avvikelse| at least this share (%) of the line's budget; null = no share threshold */
  percent: z.number().min(0).max(100).nullable(),
});
export type Thresholds = z.infer<typeof thresholds>;

/** |avvikelse| ≥ 1 mnkr or ≥ 2 % of the line's budget. */
export const DEFAULT_THRESHOLDS: Thresholds = { amountTkr: 1000, percent: 2 };

export const subscription = z.object({
  id: z.number().int(),
  conversationId: z.string(),
  conversationType,
  teamId: z.string().optional(),
  target: sendTarget,
  board: boardId,
  thresholds,
  /** digest schedule (cron, Europe/Stockholm); undefined = alerts only when figures change */
  cron: z.string().optional(),
  createdBy: z.string(),
  createdByName: z.string().optional(),
});
export type Subscription = z.infer<typeof subscription>;

/** Whether a line's deviation crosses the thresholds (either one is enough; a zero deviation never does). */
export function crosses(avvikelseTkr: number, budgetTkr: number | undefined, t: Thresholds): boolean {
  const size = Math.abs(avvikelseTkr);
  if (size === 0) return false;
  if (t.amountTkr !== null && size >= t.amountTkr) return true;
  const share = sharePercent(avvikelseTkr, budgetTkr);
  return t.percent !== null && share !== undefined && share >= t.percent;
}

/** |avvikelse| as a percentage of |budget|; undefined when there is no budget to compare with. */
export function sharePercent(avvikelseTkr: number, budgetTkr: number | undefined): number | undefined {
  return budgetTkr === undefined || budgetTkr === 0 ? undefined : (Math.abs(avvikelseTkr) / Math.abs(budgetTkr)) * 100;
}

/** "500 tkr", "1 mnkr", "1,5 mnkr". */
export function amountThresholdText(tkr: number): string {
  return tkr >= 1000 ? `${formatNumber(tkr / 1000, tkr % 1000 === 0 ? 0 : tkr % 100 === 0 ? 1 : 3)} mnkr` : `${formatNumber(tkr, tkr % 1 === 0 ? 0 : 1)} tkr`;
}

/** "minst 1 mnkr eller 2 % av budget". */
export function describeThresholds(t: Thresholds): string {
  const parts: string[] = [];
  if (t.amountTkr !== null) parts.push(t.amountTkr === 0 ? 'varje avvikelse' : `minst ${amountThresholdText(t.amountTkr)}`);
  if (t.percent !== null) parts.push(`${parts.length ? '' : 'minst '}${formatNumber(t.percent, t.percent % 1 === 0 ? 0 : 1)} % av budget`);
  return parts.join(' eller ');
}
