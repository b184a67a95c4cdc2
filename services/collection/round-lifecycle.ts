/**
 * Starting, closing and approving a round. A start writes the round, its
 * items, the cards for everyone reachable and the reminder jobs in one
 * transaction — a crash leaves either all of it or nothing, and a second
 * start of the same board and period is refused. Closing locks the round
 * (waiting for submits in flight) and, unless the round asks for approval,
 * writes its values to the store; approving does that for a round that asked.
 */
import { Scheduler } from '../scheduling/scheduler.js';
import type { Database } from '../store/database.js';
import { roundName } from './collection-cards.js';
import type { CollectionSettings } from './collection-config.js';
import { itemFacts, type ItemMeta } from './item-facts.js';
import { queueMissingPrompts } from './prompt-queue.js';
import { publishRound } from './publish.js';
import { JOBS, PEOPLE_JOB_KEY, reminderPlan, scheduleRoundJobs, cancelRoundJobs, type PlannedRun } from './reminders.js';
import { listResponsibilities } from './responsibilities.js';
import type { RoundRequest } from './round-request.js';
import { insertItems, insertRound, roundById, roundIdOf, type ControllerRef, type Round } from './round-store.js';
import { dateName } from './swedish-dates.js';

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface Started {
  round: Round;
  managers: number;
  items: number;
  queued: number;
  /** people the bot cannot write to yet (looked up and installed for in the background) */
  unreachable: number;
  /** items in the list the store has no indicator for (left out) */
  unknown: string[];
  plan: PlannedRun[];
}

export async function startRound(db: Database, req: RoundRequest, controller: ControllerRef, s: CollectionSettings, now = new Date()): Promise<Outcome<Started>> {
  const id = roundIdOf(req.board, req.period);
  const responsible = await listResponsibilities(db, req.board);
  if (responsible.length === 0) return { ok: false, problem: `Det finns ingen ansvarslista för nämnden ännu. Läs in den först (se "ansvar" eller docs/collection.md).` };
  const facts = await itemFacts(db, req.board, responsible.map((r) => r.item_key));
  const items: Array<{ meta: ItemMeta; managerUpn: string }> = responsible.flatMap((r) => {
    const meta = facts.get(r.item_key);
    return meta ? [{ meta, managerUpn: r.upn }] : [];
  });
  const unknown = responsible.filter((r) => !facts.has(r.item_key)).map((r) => r.item_key);
  if (items.length === 0) return { ok: false, problem: 'Ingen av indikatorerna i ansvarslistan finns i nämndens rapporter.' };
  const round: Round = { id, ...req, status: 'öppen', controller };
  const plan = reminderPlan(round, s, now);
  const result = await db.transaction(async (tx) => {
    if (!(await insertRound(tx, round))) return undefined;
    await insertItems(tx, id, items);
    const managers = [...new Set(items.map((i) => i.managerUpn))];
    // people who could not be reached before get another try
    await tx.query(`update collection_person set state = 'ny', claimed_until = null where state = 'fel' and upn = any($1::text[])`, [managers]);
    await scheduleRoundJobs(tx, plan);
    const { queued, unreachable } = await queueMissingPrompts(tx, id);
    if (unreachable.length) await new Scheduler(tx).schedule(PEOPLE_JOB_KEY, JOBS.people, {}, { at: now });
    return { managers: managers.length, queued, unreachable: unreachable.length };
  });
  if (!result) {
    const existing = await roundById(db, id);
    return { ok: false, problem: `Insamlingen för ${roundName(round)} finns redan (${existing?.status ?? 'startad'}, sista dag ${dateName(existing?.deadline ?? req.deadline)}). Skriv "status insamling" för att följa den.` };
  }
  return { ok: true, value: { round, items: items.length, unknown, plan, ...result } };
}

export async function closeRound(db: Database, roundId: string, by: string): Promise<Outcome<{ round: Round; published?: { reportId?: string; indicators: number } }>> {
  return db.transaction(async (tx) => {
    const round = await roundById(tx, roundId, 'update');
    if (!round) return { ok: false, problem: 'Insamlingen finns inte.' };
    if (round.status !== 'öppen') return { ok: false, problem: `Insamlingen för ${roundName(round)} är redan stängd.` };
    await tx.query(`update collection_round set status = 'stängd', closed_at = now(), closed_by = $2 where id = $1`, [roundId, by]);
    await cancelRoundJobs(tx, roundId);
    const closed: Round = { ...round, status: 'stängd', closedBy: by };
    if (round.requiresApproval) return { ok: true, value: { round: closed } };
    const published = await publishRound(tx, closed, by);
    await tx.query('update collection_round set report_id = $2 where id = $1', [roundId, published.reportId ?? null]);
    return { ok: true, value: { round: { ...closed, reportId: published.reportId }, published } };
  });
}

export async function approveRound(db: Database, roundId: string, by: string): Promise<Outcome<{ round: Round; published: { reportId?: string; indicators: number } }>> {
  return db.transaction(async (tx) => {
    const round = await roundById(tx, roundId, 'update');
    if (!round) return { ok: false, problem: 'Insamlingen finns inte.' };
    if (!round.requiresApproval) return { ok: false, problem: `Insamlingen för ${roundName(round)} kräver inget godkännande — värdena läses in när den stängs.` };
    if (round.status === 'öppen') return { ok: false, problem: `Stäng insamlingen för ${roundName(round)} först, så att inga värden ändras medan du granskar.` };
    if (round.status === 'godkänd') return { ok: false, problem: `Insamlingen för ${roundName(round)} är redan godkänd.` };
    const published = await publishRound(tx, round, by);
    await tx.query(`update collection_round set status = 'godkänd', approved_at = now(), approved_by = $2, report_id = $3 where id = $1`, [roundId, by, published.reportId ?? null]);
    return { ok: true, value: { round: { ...round, status: 'godkänd', approvedBy: by, reportId: published.reportId }, published } };
  });
}
