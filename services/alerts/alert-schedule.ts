/**
 * Digest schedules the way controllers say them — "varje månad den 5:e kl 8",
 * "varje måndag kl 7.30", "dagligen kl 7", "varje kvartal den 10:e" — as cron
 * expressions (Europe/Stockholm), and back into Swedish for display.
 * Deterministic: the same words always give the same schedule.
 */
import { validCron } from '../scheduling/scheduler.js';

export type ScheduleRequest =
  | { kind: 'none' } // nothing said about a schedule
  | { kind: 'off' } // "utan schema", "bara vid ändring"
  | { kind: 'cron'; cron: string }
  | { kind: 'error'; message: string };

const WEEKDAYS: Array<[RegExp, number, string]> = [
  [/\bmåndag(ar|en)?\b/, 1, 'måndag'],
  [/\btisdag(ar|en)?\b/, 2, 'tisdag'],
  [/\bonsdag(ar|en)?\b/, 3, 'onsdag'],
  [/\btorsdag(ar|en)?\b/, 4, 'torsdag'],
  [/\bfredag(ar|en)?\b/, 5, 'fredag'],
  [/\blördag(ar|en)?\b/, 6, 'lördag'],
  [/\bsöndag(ar|en)?\b/, 0, 'söndag'],
];

export const SCHEDULE_EXAMPLES = '"varje månad den 5:e kl 8", "varje måndag kl 7.30", "varje dag kl 7", "varje kvartal den 10:e"';
const HELP = `Skriv till exempel ${SCHEDULE_EXAMPLES} eller "utan schema".`;

/** Reads a schedule out of (lower-cased) text. */
export function parseSchedule(text: string): ScheduleRequest {
  const t = text.toLowerCase().replace(/\s+/g, ' ');
  if (/\b(utan|inget|ingen) (schema|sammanfattning|utskick)\b|\bbara (vid|när) (ändring|siffrorna ändras)\b|\bta bort schemat\b/.test(t)) return { kind: 'off' };

  const explicit = /\bcron\s*[:=]?\s*["'«]?([0-9*/,\-lL ]+?)["'»]?\s*$/.exec(t) ?? /\bcron\s*[:=]?\s*["'«]([^"'»]+)["'»]/.exec(t);
  if (explicit) {
    const cron = explicit[1]!.trim().replace(/l/g, 'L');
    return validCron(cron) && cron.split(' ').length === 5 ? { kind: 'cron', cron } : { kind: 'error', message: `"${cron}" är inget giltigt cron-uttryck (fem fält: minut timme dag månad veckodag).` };
  }

  const daily = /\b(varje|var) (dag|morgon)\b|\bdagligen\b/.test(t);
  const workdays = /\b(varje|var) vardag\b|\bvardagar\b|\bvardagligen\b/.test(t);
  const weekly = /\b(varje|var) vecka\b|\bveckovis\b|\ben gång i veckan\b/.test(t);
  const monthly = /\b(varje|var) månad\b|\bmånadsvis\b|\bmånatligen\b|\ben gång i månaden\b/.test(t);
  const quarterly = /\b(varje|var) kvartal\b|\bkvartalsvis\b/.test(t);
  const weekday = WEEKDAYS.find(([re]) => re.test(t));
  const dayMatch = /\bden (\d{1,2})(?::?[ae])?\b|\bden sista\b|\bsista (dagen|vardagen)\b/.exec(t);
  const timeMatch = /\bkl(?:ockan|\.)?\s*(\d{1,2})(?:[:.](\d{2}))?\b/.exec(t);

  const anyPeriod = daily || workdays || weekly || monthly || quarterly || !!weekday || !!dayMatch;
  if (!anyPeriod) {
    return timeMatch || /\b(schema|sammanfattning|varje|varannan)\b/.test(t) ? { kind: 'error', message: `Jag förstod inte hur ofta. ${HELP}` } : { kind: 'none' };
  }

  let minute = 0;
  let hour = 8;
  if (timeMatch) {
    hour = Number(timeMatch[1]);
    minute = timeMatch[2] ? Number(timeMatch[2]) : 0;
    if (hour > 23 || minute > 59) return { kind: 'error', message: `Klockslaget ${timeMatch[0].replace(/^kl\S*\s*/, '')} finns inte. ${HELP}` };
  }

  let day = '1';
  if (dayMatch) {
    if (dayMatch[1] === undefined) day = 'L';
    else {
      const d = Number(dayMatch[1]);
      if (d < 1 || d > 28) return { kind: 'error', message: `Dag ${d} fungerar inte varje månad; välj en dag mellan 1 och 28, eller "den sista".` };
      day = String(d);
    }
  }

  let cron: string;
  if (quarterly) cron = `${minute} ${hour} ${day} 1,4,7,10 *`;
  else if (monthly || (dayMatch && !weekday && !weekly && !daily && !workdays)) cron = `${minute} ${hour} ${day} * *`;
  else if (weekday || weekly) cron = `${minute} ${hour} * * ${weekday?.[1] ?? 1}`;
  else if (workdays) cron = `${minute} ${hour} * * 1-5`;
  else cron = `${minute} ${hour} * * *`;
  return validCron(cron) ? { kind: 'cron', cron } : { kind: 'error', message: `Jag kunde inte göra ett schema av det. ${HELP}` };
}

const pad = (n: string) => n.padStart(2, '0');

/** "varje månad den 5:e kl. 08.00"; an expression not written by parseSchedule is shown as it is. */
export function describeCron(cron: string): string {
  const [min, hour, dom, month, dow] = cron.split(' ');
  if (!min || !hour || !/^\d+$/.test(min) || !/^\d+$/.test(hour)) return `enligt cron "${cron}"`;
  const at = `kl. ${pad(hour)}.${pad(min)}`;
  const dayText = dom === 'L' ? 'den sista' : `den ${dom}:${/(^|[^1])[12]$/.test(dom ?? '') ? 'a' : 'e'}`;
  if (dom !== '*' && month === '1,4,7,10' && dow === '*') return `varje kvartal ${dayText} ${at}`;
  if (dom !== '*' && month === '*' && dow === '*') return `varje månad ${dayText} ${at}`;
  if (dom === '*' && month === '*' && dow === '*') return `varje dag ${at}`;
  if (dom === '*' && month === '*' && dow === '1-5') return `varje vardag ${at}`;
  const weekday = WEEKDAYS.find(([, n]) => String(n) === dow);
  if (dom === '*' && month === '*' && weekday) return `varje ${weekday[2]} ${at}`;
  return `enligt cron "${cron}"`;
}
