/**
 * "status utskick": the latest alert rounds (a new report version, a digest
 * slot) with how their cards fared in the outbox — delivered, waiting (with
 * retries), failed with the reason, blocked or gone — and the latest alerts
 * one by one.
 */
import { z } from 'zod';
import type { AnswerView, Reply } from '../answering/reply.js';
import { renderCard } from '../cards/render-card.js';
import { Outbox } from '../proactive/outbox.js';
import type { Queryable } from '../store/database.js';
import { ALERT_PURPOSE } from './alert-queue.js';

const ROUNDS = 5;
const LATEST = 10;

const roundRow = z.object({
  round: z.string(),
  kind: z.string(),
  report: z.string().nullable(),
  board: z.string().nullable(),
  at: z.coerce.date(),
  total: z.number(),
  delivered: z.number(),
  waiting: z.number(),
  retried: z.number(),
  failed: z.number(),
  unreachable: z.number(),
});

const alertRow = z.object({
  at: z.coerce.date(),
  board: z.string().nullable(),
  conversation_type: z.string().nullable(),
  who: z.string().nullable(),
  status: z.string().nullable(),
  attempts: z.number().nullable(),
  last_error: z.string().nullable(),
});

const STATUS_TEXT: Record<string, string> = {
  pending: 'väntar',
  sending: 'skickas',
  delivered: 'levererat',
  failed: 'misslyckades',
  blocked: 'blockerat (403)',
  gone: 'samtalet finns inte (404)',
};

const when = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** `names`: show who a 1:1 alert went to (only when asked in a 1:1 chat, not before a whole channel). */
export async function deliveryStatus(db: Queryable, options: { names: boolean }): Promise<Reply> {
  const [counts, rounds, latest] = await Promise.all([
    new Outbox(db).counts(ALERT_PURPOSE),
    db.query(
      `select a.round, min(a.kind) as kind, min(a.content -> 'report' ->> 'name') as report, min(a.content -> 'board' ->> 'short') as board, min(a.created_at) as at,
              count(*)::int as total,
              count(*) filter (where o.status = 'delivered')::int as delivered,
              count(*) filter (where o.status in ('pending', 'sending'))::int as waiting,
              count(*) filter (where o.status = 'pending' and o.attempts > 0)::int as retried,
              count(*) filter (where o.status = 'failed')::int as failed,
              count(*) filter (where o.status in ('blocked', 'gone'))::int as unreachable
         from avvikelse_alert a left join outbox o on o.dedupe_key = a.key
        where a.created_at > now() - interval '180 days'
        group by a.round order by min(a.created_at) desc limit $1`,
      [ROUNDS],
    ),
    db.query(
      `select a.created_at as at, a.content -> 'board' ->> 'short' as board, s.conversation_type, s.created_by_name as who, o.status, o.attempts, o.last_error
         from avvikelse_alert a left join outbox o on o.dedupe_key = a.key left join avvikelse_subscription s on s.id = a.subscription_id
        order by a.created_at desc, a.key limit $1`,
      [LATEST],
    ),
  ]);
  const byStatus = Object.fromEntries(counts.map((c) => [c.status, c.n]));
  const all = counts.reduce((n, c) => n + c.n, 0);
  if (all === 0 && rounds.length === 0) {
    return { text: 'Inga avvikelser har skickats ännu.', card: renderCard('answer', { title: 'Status för utskick av avvikelser', sections: [], quotes: [], notes: ['Inga avvikelser har skickats ännu.'], actions: [] } satisfies AnswerView) };
  }
  const sections = rounds.map((raw) => {
    const r = roundRow.parse(raw);
    const what = r.kind === 'sammanfattning' ? `schemalagd sammanfattning${r.board ? ` (${r.board})` : ''}` : `ny version av ${r.report ?? r.board ?? 'en rapport'}`;
    return {
      heading: `${when(r.at)} — ${what}, ${r.total} mottagare`,
      facts: [
        { title: 'Levererade', value: String(r.delivered) },
        { title: 'Väntar', value: r.waiting ? `${r.waiting}${r.retried ? ` (${r.retried} försöker igen)` : ''}` : '0' },
        { title: 'Misslyckade', value: String(r.failed) },
        { title: 'Blockerade eller borta', value: String(r.unreachable) },
      ],
    };
  });
  const rows = latest.map((raw) => {
    const a = alertRow.parse(raw);
    const to = a.conversation_type === 'channel' ? 'kanal' : a.conversation_type === 'groupChat' ? 'gruppchatt' : a.conversation_type === 'personal' ? `1:1${a.who && options.names ? ` ${a.who}` : ''}` : '(avslutad)';
    const state = `${STATUS_TEXT[a.status ?? ''] ?? a.status ?? 'okänt'}${a.attempts && a.attempts > 1 ? `, ${a.attempts} försök` : ''}${a.last_error && a.status !== 'delivered' ? `: ${a.last_error.slice(0, 80)}` : ''}`;
    return { cells: [{ text: when(a.at) }, { text: a.board ?? '' }, { text: to }, { text: state, color: a.status === 'delivered' ? ('good' as const) : a.status === 'pending' || a.status === 'sending' ? ('default' as const) : ('attention' as const) }] };
  });
  const view: AnswerView = {
    title: 'Status för utskick av avvikelser',
    subtitle: `Totalt ${all}: ${Object.entries(byStatus).map(([s, n]) => `${STATUS_TEXT[s] ?? s} ${n}`).join(', ')}`,
    sections,
    table: { columns: [{ title: 'När', width: 'auto' }, { title: 'Nämnd', width: 'auto' }, { title: 'Till', width: 'stretch' }, { title: 'Status', width: 'stretch' }], rows },
    quotes: [],
    notes: ['Väntar = i kö eller försöker igen efter 429/5xx (Retry-After respekteras). Blockerade = användaren eller administratören har stängt av boten; borta = samtalet finns inte längre.'],
    actions: [],
  };
  const delivered = byStatus.delivered ?? 0;
  return { text: `Utskick av avvikelser: ${delivered} av ${all} levererade${all - delivered ? `, ${all - delivered} andra` : ''}.`, card: renderCard('answer', view) };
}
