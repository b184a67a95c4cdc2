/**
 * Storing a manager's answers: in one transaction that holds the round open
 * (a close waits for it, and a closed round takes nothing), locks the
 * manager's prompt, stores only what changed with an audit row each (who,
 * when, via card or chat, old → new) and counts the change. The same submit
 * sent twice finds nothing changed and stores nothing; a card made before
 * someone else's change is not allowed to overwrite it unseen.
 */
import { z } from 'zod';
import type { Database, Queryable } from '../store/database.js';
import { sameAnswer, type Answer } from './answer-rules.js';
import { managerViews, roundById, type ManagerItem, type ManagerView, type Round, type StoredValue } from './round-store.js';

export interface Submitter {
  aadObjectId?: string;
  name?: string;
}

export type SaveResult =
  | { kind: 'stängd'; view: ManagerView }
  | { kind: 'oförändrad'; view: ManagerView }
  /** the card was made from an older version and its values differ from the stored ones */
  | { kind: 'krock'; view: ManagerView }
  | { kind: 'sparad'; view: ManagerView; changed: ManagerItem[] };

const snapshot = (a: Answer | StoredValue | undefined) =>
  a ? { value: a.value ?? null, men: a.men ?? null, women: a.women ?? null, text: a.text ?? null, notApplicable: a.notApplicable, comment: a.comment ?? null } : null;

export async function saveAnswers(
  db: Database,
  roundId: string,
  managerUpn: string,
  answers: Answer[],
  o: { cardVersion?: number; by: Submitter; via: 'kort' | 'chatt' },
): Promise<SaveResult> {
  return db.transaction(async (tx) => {
    const round = (await roundById(tx, roundId, 'share')) as Round;
    // the prompt's lock orders concurrent submits of one card: the second sees what the first stored
    const [prompt] = await tx.query<{ version: number }>('select version from collection_prompt where round_id = $1 and manager_upn = $2 for update', [roundId, managerUpn]);
    const [current] = await managerViews(tx, round, [managerUpn]);
    if (!prompt || !current) throw new Error(`ingen uppgift för ${managerUpn} i ${roundId}`);
    if (round.status !== 'öppen') return { kind: 'stängd', view: current };
    const stored = new Map(current.items.map((i) => [i.meta.key, i.value]));
    const changed = answers.filter((a) => !sameAnswer(stored.get(a.key), a));
    if (changed.length === 0) return { kind: 'oförändrad', view: current };
    if (o.cardVersion !== undefined && o.cardVersion !== prompt.version) return { kind: 'krock', view: current };

    const rows = changed.map((a) => ({
      item_key: a.key, value: a.value ?? null, men: a.men ?? null, women: a.women ?? null, text_value: a.text ?? null, not_applicable: a.notApplicable, comment: a.comment ?? null,
    }));
    await tx.query(
      `insert into collection_value (round_id, item_key, value, men, women, text_value, not_applicable, comment, by_aad, by_name, via, at)
       select $2, item_key, value, men, women, text_value, not_applicable, comment, $3, $4, $5, now()
         from jsonb_to_recordset($1::jsonb) as x(item_key text, value numeric, men numeric, women numeric, text_value text, not_applicable boolean, comment text)
       on conflict (round_id, item_key) do update set value = excluded.value, men = excluded.men, women = excluded.women, text_value = excluded.text_value,
         not_applicable = excluded.not_applicable, comment = excluded.comment, by_aad = excluded.by_aad, by_name = excluded.by_name, via = excluded.via, at = excluded.at`,
      [JSON.stringify(rows), roundId, o.by.aadObjectId ?? null, o.by.name ?? null, o.via],
    );
    await tx.query(
      `insert into collection_audit (round_id, item_key, by_aad, by_name, via, old, new)
       select $2, item_key, $3, $4, $5, old, new from jsonb_to_recordset($1::jsonb) as x(item_key text, old jsonb, new jsonb)`,
      [JSON.stringify(changed.map((a) => ({ item_key: a.key, old: snapshot(stored.get(a.key)), new: snapshot(a) }))), roundId, o.by.aadObjectId ?? null, o.by.name ?? null, o.via],
    );
    await tx.query('update collection_prompt set version = version + 1 where round_id = $1 and manager_upn = $2', [roundId, managerUpn]);
    const [after] = await managerViews(tx, round, [managerUpn]);
    const keys = new Set(changed.map((a) => a.key));
    return { kind: 'sparad', view: after!, changed: after!.items.filter((i) => keys.has(i.meta.key)) };
  });
}

const auditSnapshot = z
  .object({ value: z.number().nullable(), men: z.number().nullable(), women: z.number().nullable(), text: z.string().nullable(), notApplicable: z.boolean(), comment: z.string().nullable() })
  .nullable();
const auditEntry = z.object({ item_key: z.string(), by_name: z.string().nullable(), via: z.string(), at: z.coerce.date(), old: auditSnapshot, new: auditSnapshot });
export type AuditEntry = z.infer<typeof auditEntry>;

/** The history of a round's values, oldest first. */
export async function auditTrail(db: Queryable, roundId: string): Promise<AuditEntry[]> {
  const rows = await db.query('select item_key, by_name, via, at, old, new from collection_audit where round_id = $1 order by id', [roundId]);
  return rows.map((r) => auditEntry.parse(r));
}
