/**
 * Reminders of a round as one-off scheduled jobs, written in the transaction
 * that starts the round: on the configured days before the deadline (a
 * weekend moves to the Friday before) and after it (to the Monday after), at
 * the reminder hour in Europe/Stockholm, then the escalation to the
 * controller. Each run queues reminders only for those with something
 * missing, under the run's due time — a rerun queues nothing new.
 */
import { Scheduler, type ScheduledRun } from '../scheduling/scheduler.js';
import type { Database, Queryable } from '../store/database.js';
import type { CollectionSettings } from './collection-config.js';
import { queueReminders, queueToController } from './prompt-queue.js';
import { roundProgress, progressText, statusCard } from './round-status.js';
import { managerViews, roundById, type Round } from './round-store.js';
import { addDays, atStockholmHour, dateName, nextWorkingMorning, stockholmDate, workingDay } from './swedish-dates.js';

export const JOBS = {
  people: 'insamling-personer',
  reminder: 'insamling-påminnelse',
  escalation: 'insamling-eskalering',
  snooze: 'insamling-snooze',
} as const;

export const PEOPLE_JOB_KEY = 'insamling:personer';

export interface PlannedRun {
  key: string;
  kind: string;
  at: Date;
  payload: Record<string, unknown>;
}

/** The round's reminder and escalation runs that are still ahead of `now`. */
export function reminderPlan(round: Pick<Round, 'id' | 'deadline'>, s: Pick<CollectionSettings, 'reminderDays' | 'escalationDays' | 'reminderHour'>, now: Date): PlannedRun[] {
  const runs: PlannedRun[] = s.reminderDays.map((days) => ({
    key: `insamling:${round.id}:påminnelse:${days}`,
    kind: JOBS.reminder,
    at: atStockholmHour(workingDay(addDays(round.deadline, -days), days >= 0 ? 'before' : 'after'), s.reminderHour),
    payload: { round: round.id, days },
  }));
  runs.push({
    key: `insamling:${round.id}:eskalering`,
    kind: JOBS.escalation,
    at: atStockholmHour(workingDay(addDays(round.deadline, s.escalationDays), 'after'), s.reminderHour),
    payload: { round: round.id },
  });
  return runs.filter((r) => r.at > now).sort((a, b) => a.at.getTime() - b.at.getTime());
}

export async function scheduleRoundJobs(tx: Queryable, plan: PlannedRun[]): Promise<void> {
  const scheduler = new Scheduler(tx);
  for (const run of plan) await scheduler.schedule(run.key, run.kind, run.payload, { at: run.at });
}

/** A closed round reminds nobody: its jobs go. */
export async function cancelRoundJobs(tx: Queryable, roundId: string): Promise<void> {
  await tx.query(`delete from scheduled_job where key like $1`, [`insamling:${roundId}:%`]);
}

function reminderIntro(round: Round, days: number): string {
  if (days > 0) return `Sista dagen är ${dateName(round.deadline)} — om ${days === 1 ? 'en dag' : `${days} dagar`}.`;
  if (days === 0) return `I dag är sista dagen (${dateName(round.deadline)}).`;
  return `Sista dagen var ${dateName(round.deadline)}. Rapportera så snart du kan.`;
}

/** The handlers of the round jobs; each is idempotent for its run. */
export function reminderHandlers(db: Database, s: CollectionSettings, notify: () => void) {
  const openRound = async (run: ScheduledRun) => {
    const id = typeof run.payload.round === 'string' ? run.payload.round : '';
    const round = await roundById(db, id);
    return round?.status === 'öppen' ? round : undefined;
  };

  return {
    async reminder(run: ScheduledRun): Promise<void> {
      const round = await openRound(run);
      if (!round) return;
      const days = Number(run.payload.days ?? 0);
      await db.transaction(async (tx) => queueReminders(tx, round, await managerViews(tx, round), run.dueAt.toISOString(), { intro: reminderIntro(round, days), now: run.dueAt }));
      notify();
    },

    async escalation(run: ScheduledRun): Promise<void> {
      const round = await openRound(run);
      if (!round) return;
      const progress = await roundProgress(db, round, run.dueAt);
      if (progress.chase.length === 0) return;
      const text = `Eskalering: ${progressText(progress)} Sista dagen var ${dateName(round.deadline)}.`;
      await db.transaction((tx) => queueToController(tx, round, `insamling:${round.id}:eskalering:${run.dueAt.toISOString()}`, text, statusCard([progress], text)));
      notify();
    },

    async snooze(run: ScheduledRun): Promise<void> {
      const round = await openRound(run);
      const manager = typeof run.payload.manager === 'string' ? run.payload.manager : '';
      if (!round) return;
      await db.transaction(async (tx) => {
        const views = await managerViews(tx, round, [manager]);
        const when = round.deadline >= stockholmDate(run.dueAt) ? `Sista dagen är ${dateName(round.deadline)}.` : `Sista dagen var ${dateName(round.deadline)}.`;
        // snoozed_until stays: a round reminder due at this same moment (a Friday's snooze ends Monday 09.00, when one may be due) skips this manager
        await queueReminders(tx, round, views, run.dueAt.toISOString(), { intro: `Du bad om en påminnelse i dag. ${when}`, now: run.dueAt, ignoreSnooze: true });
      });
      notify();
    },
  };
}

/**
 * A one-off job is claimed before its handler runs, so a process killed in
 * between would never run it. On start, runs of open rounds due in the last
 * six hours and claimed are run again: their keys make a finished run queue
 * nothing new, and an interrupted one is completed.
 */
export async function resumeInterruptedRuns(db: Database, s: CollectionSettings, handlers: ReturnType<typeof reminderHandlers>, now = new Date()): Promise<number> {
  const claimed = await db.query<{ key: string; kind: string; payload: Record<string, unknown>; round_id: string; deadline: string }>(
    `select j.key, j.kind, j.payload, r.id as round_id, r.deadline from scheduled_job j join collection_round r on r.id = j.payload->>'round'
      where j.kind = any($1::text[]) and j.next_run_at is null and j.last_run_at > $2::timestamptz - interval '6 hours' and r.status = 'öppen'`,
    [[JOBS.reminder, JOBS.escalation], now.toISOString()],
  );
  let resumed = 0;
  for (const job of claimed) {
    const run = reminderPlan({ id: job.round_id, deadline: job.deadline }, s, new Date(0)).find((p) => p.key === job.key);
    if (!run || run.at > now) continue;
    const handle = job.kind === JOBS.reminder ? handlers.reminder : handlers.escalation;
    await handle({ key: job.key, kind: job.kind, payload: job.payload, dueAt: run.at });
    resumed++;
  }
  return resumed;
}

/** "Påminn mig i morgon": the round's reminders skip this manager until then, and one comes then. */
export async function snooze(db: Database, round: Round, manager: string, now: Date, s: Pick<CollectionSettings, 'reminderHour'>): Promise<Date> {
  const at = nextWorkingMorning(now, s.reminderHour);
  await db.transaction(async (tx) => {
    await tx.query('update collection_prompt set snoozed_until = $3 where round_id = $1 and manager_upn = $2', [round.id, manager, at.toISOString()]);
    await new Scheduler(tx).schedule(`insamling:${round.id}:${manager}:snooze`, JOBS.snooze, { round: round.id, manager }, { at });
  });
  return at;
}
