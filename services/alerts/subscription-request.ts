/**
 * The alert commands in chat, read deterministically from Swedish text:
 *   "prenumerera på avvikelser för SoN över 1 mnkr varje månad den 5:e kl 8"
 *   "ändra prenumerationen för Leanlink till 5 %" · "sluta prenumerera på SoN"
 *   "mina prenumerationer" · "status utskick" · "hur prenumererar jag?"
 * Text that is none of these is left to question answering.
 */
import type { CatalogueBoard } from '../catalogue/catalogue.js';
import type { BoardId } from '../reports/report-file.js';
import { parseSchedule, type ScheduleRequest } from './alert-schedule.js';
import type { Thresholds } from './subscription.js';

export type ThresholdRequest = { kind: 'none' } | { kind: 'set'; thresholds: Thresholds } | { kind: 'error'; message: string };

export type AlertRequest =
  | { kind: 'status' }
  | { kind: 'list' }
  | { kind: 'help' }
  | { kind: 'stop'; boards: BoardId[] }
  | { kind: 'subscribe' | 'change'; boards: BoardId[]; unknownBoard?: string; thresholds: ThresholdRequest; schedule: ScheduleRequest };

const STATUS = /^(visa |hur går )?(status|läget)( (för|på|över|med))? (utskick(en)?|avvikelseutskick(en)?|avvikelselarm(en)?|larm(en)?)\b|^utskicksstatus\b/;
const STOP = /\b(sluta|avsluta|stoppa|avbryt|säg upp|ta bort)\b.{0,40}\b(prenumer\p{L}*|bevakning\p{L}*)|\bavprenumerera\b|^sluta bevaka\b/u;
const LIST = /\b(mina|våra|visa|lista|vilka)\b.{0,30}\bprenumerationer(na)?\b|^prenumerationer(na)?\??$|^vad prenumererar (jag|vi) på\b/;
const CHANGE = /^ändra\b.{0,40}\b(prenumeration(en|er|erna)?|tröskel(n|värdet)?|schema(t)?|bevakning(en)?)\b/;
const HELP = /\b(prenumer\p{L}*|avvikelselarm\p{L}*)\b/u;
const SUBSCRIBE = /^(jag vill |vi vill |kan jag |kan vi )?(prenumerera|bevaka)\b|\bprenumerera på\b|^(ny|skapa|starta) (en )?(prenumeration|bevakning)\b/;

/** Reads an alert command; undefined = not one. */
export function parseAlertRequest(rawText: string, boards: CatalogueBoard[], otherBoards: string[] = []): AlertRequest | undefined {
  const text = rawText.toLowerCase().replace(/\s+/g, ' ').replace(/[!?.]+$/, '').trim();
  if (STATUS.test(text)) return { kind: 'status' };
  if (STOP.test(text)) return { kind: 'stop', boards: boardsIn(text, boards) };
  if (LIST.test(text)) return { kind: 'list' };
  const kind = CHANGE.test(text) ? 'change' : SUBSCRIBE.test(text) ? 'subscribe' : undefined;
  if (!kind) return HELP.test(text) ? { kind: 'help' } : undefined;
  const named = /\balla (nämnder(na)?|styrelser(na)?)\b/.test(text) ? boards.map((b) => b.id) : boardsIn(text, boards);
  const unknownBoard = named.length === 0 ? otherBoards.find((o) => containsPhrase(text, o.toLowerCase())) : undefined;
  return { kind, boards: named, unknownBoard, thresholds: parseThresholds(text), schedule: parseSchedule(text) };
}

/** The boards a text names, by name or alias, as whole words. */
export function boardsIn(text: string, boards: CatalogueBoard[]): BoardId[] {
  const t = text.toLowerCase();
  return boards.filter((b) => [b.name, b.shortName, ...b.aliases].some((a) => containsPhrase(t, a.toLowerCase()))).map((b) => b.id);
}

function containsPhrase(text: string, phrase: string): boolean {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(text);
}

const NUMBER = String.raw`(\d{1,3}(?:[  ]\d{3})+|\d+)(?:[.,](\d+))?`;
const AMOUNT = new RegExp(String.raw`${NUMBER}\s*(mnkr|mkr|miljoner|miljon|milj\.?|mn|tkr|tusen|kr|kronor)(?![\p{L}])`, 'u');
const PERCENT = new RegExp(String.raw`${NUMBER}\s*(%|procent)`, 'u');
const TKR_PER: Record<string, number> = { mnkr: 1000, mkr: 1000, miljoner: 1000, miljon: 1000, 'milj.': 1000, milj: 1000, mn: 1000, tkr: 1, tusen: 1, kr: 0.001, kronor: 0.001 };

const numberOf = (m: RegExpExecArray) => Number(`${m[1]!.replace(/[  ]/g, '')}${m[2] ? `.${m[2]}` : ''}`);

/**
 * Thresholds named in the text: the ones named are the ones that apply ("över
 * 5 mnkr" alone means 5 mnkr and no percentage); none named = keep or default.
 */
export function parseThresholds(text: string): ThresholdRequest {
  const amount = AMOUNT.exec(text);
  const percent = PERCENT.exec(text);
  if (!amount && !percent) return { kind: 'none' };
  const amountTkr = amount ? Math.round(numberOf(amount) * TKR_PER[amount[3]!]! * 1000) / 1000 : null;
  const share = percent ? numberOf(percent) : null;
  if (share !== null && share > 100) return { kind: 'error', message: `${share} % av budget går inte; ange en andel mellan 0 och 100 %.` };
  return { kind: 'set', thresholds: { amountTkr, percent: share } };
}
