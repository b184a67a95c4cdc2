/**
 * Answers about strategic development assignments (strategiska
 * utvecklingsuppdrag) and their status: Genomfört, Pågår, Kvarstår.
 */
import type { CatalogueReport } from '../catalogue/catalogue.js';
import { renderCard } from '../cards/render-card.js';
import { assignments, type AssignmentRow } from '../reports/report-queries.js';
import type { Query } from '../understanding/query.js';
import type { AnswerContext } from './answer-context.js';
import { reportName, sourceLine } from './describe.js';
import { clip } from './goal-answer.js';
import type { AnswerView, Reply, Tone } from './reply.js';

const TONE: Record<string, Tone> = { genomfört: 'good', pågår: 'warning', kvarstår: 'attention' };
const title = (a: AssignmentRow) => `${a.number ? `${a.number}. ` : ''}${a.text}`;
const statusText = (s: string | null) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : 'Ingen status angiven');

export async function answerAssignment(ctx: AnswerContext, q: Query, report: CatalogueReport, key: string): Promise<Reply> {
  const c = ctx.catalogue;
  const [a] = await assignments(ctx.db, report.id, [key]);
  if (!a) throw new Error(`uppdraget ${key} saknas`);
  const view: AnswerView = {
    title: 'Strategiskt uppdrag',
    subtitle: reportName(c, report),
    headline: { label: 'Status', value: statusText(a.status), color: a.status ? TONE[a.status] : 'default' },
    sections: [],
    quotes: [{ heading: a.kind === 'nämndspecifikt' ? 'Nämndspecifikt uppdrag' : a.kind === 'kommungemensamt' ? 'Kommungemensamt uppdrag' : 'Uppdrag', text: clip(title(a), 800) }, ...(a.comment ? [{ heading: 'Kommentar', text: clip(a.comment) }] : [])],
    notes: a.status ? [] : ['Rapporten anger uppdraget men ingen status för det.'],
    source: sourceLine(c, report),
    actions: [],
  };
  const status = a.status ? `har status ${a.status}` : 'har ingen angiven status';
  return {
    text: `Uppdraget "${clip(title(a), 160)}" ${status}${a.comment ? `. Kommentar: ${clip(a.comment, 300)}` : ''} (${reportName(c, report)})`,
    card: renderCard('answer', view),
    context: { query: q, ref: { type: 'assignment', reportId: report.id, key } },
  };
}

const KIND_WORD: Record<NonNullable<Query['assignmentKind']>, string> = { kommungemensamt: 'kommungemensamma', nämndspecifikt: 'nämndspecifika', 'nämndens eget': 'nämndens egna' };

export async function answerAssignmentList(ctx: AnswerContext, q: Query, report: CatalogueReport, only?: string[]): Promise<Reply> {
  const c = ctx.catalogue;
  // (only: the assignments a question's words name, "vilka uppdrag rör barn och unga?")
  const all = (await assignments(ctx.db, report.id)).filter((a) => (!q.assignmentKind || a.kind === q.assignmentKind) && (!only || only.includes(a.key)));
  // "inte genomförda": what is under way or remains
  const shown = q.status === 'ej genomfört' ? all.filter((a) => a.status === 'pågår' || a.status === 'kvarstår') : q.status ? all.filter((a) => a.status === q.status) : all;
  // a report with one such assignment: that one, in full
  if (all.length === 1 && shown.length === 1) return answerAssignment(ctx, q, report, shown[0]!.key);
  const counts = new Map<string, number>();
  for (const a of all) counts.set(statusText(a.status), (counts.get(statusText(a.status)) ?? 0) + 1);
  const summary = [...counts].map(([s, n]) => `${n} ${s.toLowerCase()}`).join(', ');
  const view: AnswerView = {
    title: `Strategiska uppdrag${q.assignmentKind ? ` (${q.assignmentKind})` : ''}${q.status ? `: ${q.status}` : ''}`,
    subtitle: reportName(c, report),
    headline: { label: 'Status', value: summary },
    sections: [],
    table: {
      columns: [{ title: 'Uppdrag', width: 'stretch' }, { title: 'Status', width: 'auto' }],
      rows: shown.map((a) => ({ cells: [{ text: clip(title(a), 220) }, { text: statusText(a.status), color: a.status ? TONE[a.status] : undefined }] })),
    },
    quotes: [],
    notes: [],
    source: sourceLine(c, report),
    actions: [],
  };
  const list = shown.slice(0, 6).map((a) => `${a.number ? `${a.number}` : '•'} ${clip(a.text, 70)} — ${statusText(a.status).toLowerCase()}`).join('; ');
  return {
    text: `${all.length} ${q.assignmentKind ? `${KIND_WORD[q.assignmentKind]} ` : ''}strategiska uppdrag${only ? ' gäller det du frågar om' : ''} (${summary}). ${q.status ? (shown.length ? `${shown.length} ${q.status}: ` : `Inget av dem har status ${q.status}.`) : ''}${list}${shown.length > 6 ? ' …' : ''} (${reportName(c, report)})`,
    card: renderCard('answer', view),
    context: { query: q },
  };
}
