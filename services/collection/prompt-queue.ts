/**
 * Cards and reminders into the outbox, in the caller's transaction, each under
 * a key that names the round, the manager, the recipient and the occasion: a
 * repeated start, a rerun job, a restarted process or a second instance
 * queues nothing twice. A card for someone the bot cannot reach yet is queued
 * later, when the people job has found them (queueMissingPrompts again).
 */
import { enqueue, type OutboxMessage } from '../proactive/outbox.js';
import type { Queryable } from '../store/database.js';
import { promptCard, roundName, type PromptOptions } from './collection-cards.js';
import { personName, recipients, type Recipient } from './people.js';
import { listRounds, managerViews, missingItems, type ManagerView, type Round } from './round-store.js';
import { dateName } from './swedish-dates.js';

export const PURPOSE = 'insamling';
export const REMINDER_PURPOSE = 'påminnelse';

export const promptKey = (roundId: string, manager: string, recipient: string) => `insamling:${roundId}:${manager}:kort:${recipient}`;
export const reminderKey = (roundId: string, manager: string, slot: string) => `insamling:${roundId}:${manager}:påminnelse:${slot}`;

const cardActivity = (text: string, card: object) => ({ text, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] });

const recipientOf = (v: ManagerView) => v.delegateUpn ?? v.managerUpn;

function greeting(v: ManagerView, people: Map<string, Recipient>, lead: string): string {
  const count = v.items.length === 1 ? '1 uppgift' : `${v.items.length} uppgifter`;
  const forWhom = v.delegateUpn ? ` Du är ersättare för ${personName(people.get(v.managerUpn), v.managerUpn)}.` : '';
  return `${lead} ${roundName(v.round)}: ${count}, sista dag ${dateName(v.round.deadline)}.${forWhom} Fyll i kortet eller skriv värdena här i chatten.`;
}

/**
 * Queues the card for every manager of open rounds (or one round) whose current
 * recipient has not been sent it; returns how many were queued and who cannot be reached yet.
 */
export async function queueMissingPrompts(tx: Queryable, roundId?: string): Promise<{ queued: number; unreachable: string[] }> {
  const waiting = await tx.query<{ round_id: string; manager_upn: string }>(
    `select p.round_id, p.manager_upn from collection_prompt p join collection_round r on r.id = p.round_id and r.status = 'öppen'
      where ($1::text is null or p.round_id = $1)
        and not exists (select 1 from outbox o where o.dedupe_key = 'insamling:' || p.round_id || ':' || p.manager_upn || ':kort:' || coalesce(p.delegate_upn, p.manager_upn))`,
    [roundId ?? null],
  );
  if (waiting.length === 0) return { queued: 0, unreachable: [] };
  const rounds = new Map((await listRounds(tx, ['öppen'])).map((r) => [r.id, r]));
  let queued = 0;
  const unreachable: string[] = [];
  for (const [id, managers] of groupBy(waiting, (w) => w.round_id)) {
    const views = await managerViews(tx, rounds.get(id)!, managers.map((m) => m.manager_upn));
    const people = await recipients(tx, [...new Set(views.flatMap((v) => [v.managerUpn, recipientOf(v)]))]);
    const messages: OutboxMessage[] = [];
    for (const v of views) {
      const to = people.get(recipientOf(v));
      if (!to?.target) {
        unreachable.push(recipientOf(v));
        continue;
      }
      messages.push({
        dedupeKey: promptKey(v.round.id, v.managerUpn, recipientOf(v)),
        purpose: PURPOSE,
        target: to.target,
        activity: cardActivity(greeting(v, people, 'Dags att rapportera för'), promptCard(v)),
      });
    }
    queued += await enqueue(tx, messages);
  }
  return { queued, unreachable };
}

/**
 * Queues a reminder (the card again, with what is still missing) to each of
 * `views` that has something missing and has not asked to be reminded later
 * (unless a controller asks now); `slot` makes the key (the job's due time,
 * or the five minutes in which a controller pressed "påminn").
 */
export async function queueReminders(tx: Queryable, round: Round, views: ManagerView[], slot: string, o: { intro: string; now: Date; ignoreSnooze?: boolean }): Promise<{ queued: number; unreachable: string[] }> {
  // a reminder due at the very moment a snooze ends is the snooze's own (it comes with "Du bad om en påminnelse")
  const snoozed = (v: ManagerView) => !o.ignoreSnooze && !!v.snoozedUntil && new Date(v.snoozedUntil) >= o.now;
  const due = views.filter((v) => missingItems(v).length > 0 && !snoozed(v));
  const people = await recipients(tx, [...new Set(due.flatMap((v) => [v.managerUpn, recipientOf(v)]))]);
  const unreachable: string[] = [];
  const messages: OutboxMessage[] = [];
  for (const v of due) {
    const to = people.get(recipientOf(v));
    if (!to?.target) {
      unreachable.push(recipientOf(v));
      continue;
    }
    const missing = missingItems(v).map((i) => i.meta.name).join('; ');
    const options: PromptOptions = { intro: `${o.intro} Saknas: ${missing}.` };
    messages.push({
      dedupeKey: reminderKey(round.id, v.managerUpn, slot),
      purpose: REMINDER_PURPOSE,
      target: to.target,
      activity: cardActivity(greeting(v, people, 'Påminnelse:'), promptCard(v, options)),
    });
  }
  return { queued: await enqueue(tx, messages), unreachable };
}

/** A message to the controller of a round (escalation), if the bot knows where they started it. */
export async function queueToController(tx: Queryable, round: Round, key: string, text: string, card: object): Promise<boolean> {
  const target = round.controller.target;
  if (!target) return false;
  return (await enqueue(tx, [{ dedupeKey: key, purpose: REMINDER_PURPOSE, target, activity: cardActivity(text, card) }])) > 0;
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(key(r));
    if (list) list.push(r);
    else m.set(key(r), [r]);
  }
  return m;
}
