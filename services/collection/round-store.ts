/**
 * Reporting rounds in the store: the round, its items (frozen at start), one
 * prompt per manager, and the values reported so far — read as one view per
 * manager, which is what a card shows.
 */
import { z } from 'zod';
import { sendTarget } from '../proactive/message-sender.js';
import type { Queryable } from '../store/database.js';
import type { Answer } from './answer-rules.js';
import { itemMeta, type ItemMeta } from './item-facts.js';

export const controllerRef = z.object({
  aadObjectId: z.string().optional(),
  name: z.string().optional(),
  /** where the controller started the round (escalations go there) */
  target: sendTarget.optional(),
});
export type ControllerRef = z.infer<typeof controllerRef>;

export type RoundStatus = 'öppen' | 'stängd' | 'godkänd';

export interface Round {
  id: string;
  board: string;
  period: string;
  kind: string;
  label: string;
  deadline: string;
  requiresApproval: boolean;
  status: RoundStatus;
  controller: ControllerRef;
  closedAt?: string;
  closedBy?: string;
  approvedAt?: string;
  approvedBy?: string;
  reportId?: string;
}

const COLUMNS = `id, board_id, period, kind, label, deadline, requires_approval, status, controller, closed_at::text, closed_by, approved_at::text, approved_by, report_id`;

interface RoundRow {
  id: string;
  board_id: string;
  period: string;
  kind: string;
  label: string;
  deadline: string;
  requires_approval: boolean;
  status: RoundStatus;
  controller: unknown;
  closed_at: string | null;
  closed_by: string | null;
  approved_at: string | null;
  approved_by: string | null;
  report_id: string | null;
}

function toRound(r: RoundRow): Round {
  return {
    id: r.id, board: r.board_id, period: r.period, kind: r.kind, label: r.label, deadline: r.deadline, requiresApproval: r.requires_approval, status: r.status,
    controller: controllerRef.catch({}).parse(r.controller),
    closedAt: r.closed_at ?? undefined, closedBy: r.closed_by ?? undefined, approvedAt: r.approved_at ?? undefined, approvedBy: r.approved_by ?? undefined, reportId: r.report_id ?? undefined,
  };
}

export const roundIdOf = (board: string, period: string) => `${board}-${period}`;

/** Rounds, newest period first: all, or those of some statuses. */
export async function listRounds(db: Queryable, statuses?: RoundStatus[]): Promise<Round[]> {
  const rows = await db.query<RoundRow>(`select ${COLUMNS} from collection_round where ($1::text[] is null or status = any($1::text[])) order by period desc, board_id`, [statuses ?? null]);
  return rows.map(toRound);
}

export async function roundById(db: Queryable, id: string, lock?: 'share' | 'update'): Promise<Round | undefined> {
  const [row] = await db.query<RoundRow>(`select ${COLUMNS} from collection_round where id = $1${lock ? ` for ${lock}` : ''}`, [id]);
  return row && toRound(row);
}

export async function insertRound(tx: Queryable, r: Omit<Round, 'status'>): Promise<boolean> {
  const inserted = await tx.query(
    `insert into collection_round (id, board_id, period, kind, label, deadline, requires_approval, controller)
     values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing returning id`,
    [r.id, r.board, r.period, r.kind, r.label, r.deadline, r.requiresApproval, JSON.stringify(r.controller)],
  );
  return inserted.length === 1;
}

export async function insertItems(tx: Queryable, roundId: string, items: Array<{ meta: ItemMeta; managerUpn: string }>): Promise<void> {
  await tx.query(
    `insert into collection_item (round_id, item_key, ordinal, manager_upn, meta)
     select $1, item_key, ordinal, manager_upn, meta from jsonb_to_recordset($2::jsonb) as x(item_key text, ordinal int, manager_upn text, meta jsonb)`,
    [roundId, JSON.stringify(items.map((i, n) => ({ item_key: i.meta.key, ordinal: n, manager_upn: i.managerUpn, meta: i.meta })))],
  );
  await tx.query(
    `insert into collection_prompt (round_id, manager_upn) select distinct $1, manager_upn from collection_item where round_id = $1 on conflict do nothing`,
    [roundId],
  );
}

/** A value as stored, with who reported it and how. */
export interface StoredValue extends Answer {
  byAad?: string;
  byName?: string;
  via: 'kort' | 'chatt';
  at: string;
}

export interface ManagerItem {
  meta: ItemMeta;
  value?: StoredValue;
}

/** Everything one manager's card shows. */
export interface ManagerView {
  round: Round;
  managerUpn: string;
  delegateUpn?: string;
  version: number;
  snoozedUntil?: string;
  items: ManagerItem[];
}

interface ItemRow {
  manager_upn: string;
  delegate_upn: string | null;
  version: number;
  snoozed_until: string | null;
  item_key: string;
  meta: unknown;
  value: string | null;
  men: string | null;
  women: string | null;
  text_value: string | null;
  not_applicable: boolean | null;
  comment: string | null;
  by_aad: string | null;
  by_name: string | null;
  via: 'kort' | 'chatt' | null;
  at: string | null;
}

const num = (v: string | null) => (v === null ? undefined : Number(v));

/** The views of a round's managers (all, or the ones named), items in list order. */
export async function managerViews(db: Queryable, round: Round, managers?: string[]): Promise<ManagerView[]> {
  const rows = await db.query<ItemRow>(
    `select p.manager_upn, p.delegate_upn, p.version, p.snoozed_until::text, i.item_key, i.meta,
            v.value::text, v.men::text, v.women::text, v.text_value, v.not_applicable, v.comment, v.by_aad, v.by_name, v.via, v.at::text
       from collection_prompt p
       join collection_item i on i.round_id = p.round_id and i.manager_upn = p.manager_upn
       left join collection_value v on v.round_id = i.round_id and v.item_key = i.item_key
      where p.round_id = $1 and ($2::text[] is null or p.manager_upn = any($2::text[]))
      order by p.manager_upn, i.ordinal`,
    [round.id, managers ?? null],
  );
  const views = new Map<string, ManagerView>();
  for (const r of rows) {
    let view = views.get(r.manager_upn);
    if (!view) {
      view = { round, managerUpn: r.manager_upn, delegateUpn: r.delegate_upn ?? undefined, version: r.version, snoozedUntil: r.snoozed_until ?? undefined, items: [] };
      views.set(r.manager_upn, view);
    }
    const meta = itemMeta.parse(r.meta);
    const value: StoredValue | undefined = r.via
      ? {
          key: r.item_key, notApplicable: !!r.not_applicable, value: num(r.value), men: num(r.men), women: num(r.women), text: r.text_value ?? undefined, comment: r.comment ?? undefined,
          byAad: r.by_aad ?? undefined, byName: r.by_name ?? undefined, via: r.via, at: r.at!,
        }
      : undefined;
    view.items.push({ meta, value });
  }
  return [...views.values()];
}

export const missingItems = (v: ManagerView) => v.items.filter((i) => !i.value);

/** The prompts a person answers in open rounds: as the responsible manager or as their ersättare. */
export async function promptsOf(db: Queryable, person: { aadObjectId?: string; upn?: string }): Promise<Array<{ roundId: string; managerUpn: string; asDelegate: boolean }>> {
  if (!person.aadObjectId && !person.upn) return [];
  const rows = await db.query<{ round_id: string; manager_upn: string; as_delegate: boolean }>(
    `with me as (select upn from collection_person where aad_object_id = $1 or upn = $2)
     select p.round_id, p.manager_upn, p.manager_upn not in (select upn from me) as as_delegate
       from collection_prompt p join collection_round r on r.id = p.round_id and r.status = 'öppen'
      where p.manager_upn in (select upn from me) or p.delegate_upn in (select upn from me)
      order by r.deadline, p.round_id, p.manager_upn`,
    [person.aadObjectId?.toLowerCase() ?? null, person.upn?.toLowerCase() ?? null],
  );
  return rows.map((r) => ({ roundId: r.round_id, managerUpn: r.manager_upn, asDelegate: r.as_delegate }));
}
