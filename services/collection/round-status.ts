/**
 * How far a round has come, for the controller: per item reported, ej
 * aktuell, missing or late (missing after the deadline), the share done, and
 * who to chase — with whether their card reached them.
 */
import type { AdaptiveCard } from '../cards/render-card.js';
import { renderCard } from '../cards/render-card.js';
import type { AnswerView, Tone } from '../answering/reply.js';
import type { Queryable } from '../store/database.js';
import { answerText } from './answer-rules.js';
import { controllerActions, roundName } from './collection-cards.js';
import { personName, recipients } from './people.js';
import { promptKey } from './prompt-queue.js';
import { managerViews, type Round } from './round-store.js';
import { dateName, stockholmDate } from './swedish-dates.js';

export type ItemState = 'inrapporterad' | 'ej aktuell' | 'saknas' | 'försenad';

export interface ItemStatus {
  key: string;
  name: string;
  managerUpn: string;
  managerName: string;
  state: ItemState;
  value?: string;
}

export interface Chase {
  upn: string;
  name: string;
  missing: number;
  /** why the card has not reached them, when it has not */
  problem?: string;
}

export interface RoundProgress {
  round: Round;
  items: ItemStatus[];
  done: number;
  total: number;
  percent: number;
  chase: Chase[];
}

const DELIVERY: Record<string, string> = { pending: 'kortet väntar på att skickas', sending: 'kortet skickas', failed: 'kortet kunde inte levereras', blocked: 'har blockerat boten', gone: 'chatten finns inte längre' };

export async function roundProgress(db: Queryable, round: Round, now = new Date()): Promise<RoundProgress> {
  const views = await managerViews(db, round);
  const late = stockholmDate(now) > round.deadline;
  const people = await recipients(db, [...new Set(views.flatMap((v) => [v.managerUpn, v.delegateUpn ?? v.managerUpn]))]);
  const keys = views.map((v) => promptKey(round.id, v.managerUpn, v.delegateUpn ?? v.managerUpn));
  const delivery = new Map(
    (await db.query<{ dedupe_key: string; status: string; last_error: string | null }>('select dedupe_key, status, last_error from outbox where dedupe_key = any($1::text[])', [keys])).map((r) => [r.dedupe_key, r]),
  );
  const items: ItemStatus[] = [];
  const chase: Chase[] = [];
  for (const v of views) {
    const managerName = personName(people.get(v.managerUpn), v.managerUpn);
    let missing = 0;
    for (const { meta, value } of v.items) {
      const state: ItemState = value ? (value.notApplicable ? 'ej aktuell' : 'inrapporterad') : late ? 'försenad' : 'saknas';
      if (!value) missing++;
      items.push({ key: meta.key, name: meta.name, managerUpn: v.managerUpn, managerName, state, value: value && answerText(meta, value) });
    }
    if (missing === 0) continue;
    const recipient = v.delegateUpn ?? v.managerUpn;
    const sent = delivery.get(promptKey(round.id, v.managerUpn, recipient));
    const person = people.get(recipient);
    const problem = !sent
      ? person?.state === 'fel' ? `nås inte: ${person.error ?? 'okänt fel'}` : 'kortet väntar på att personen hittas i Teams'
      : sent.status === 'delivered' ? undefined : DELIVERY[sent.status];
    chase.push({ upn: v.managerUpn, name: `${managerName}${v.delegateUpn ? ` (ersättare ${personName(people.get(v.delegateUpn), v.delegateUpn)})` : ''}`, missing, problem });
  }
  const done = items.filter((i) => i.state === 'inrapporterad' || i.state === 'ej aktuell').length;
  return { round, items, done, total: items.length, percent: items.length ? Math.floor((100 * done) / items.length) : 100, chase };
}

const COLOR: Record<ItemState, Tone> = { inrapporterad: 'good', 'ej aktuell': 'default', saknas: 'warning', försenad: 'attention' };
const STATUS_WORD: Record<Round['status'], string> = { öppen: 'öppen', stängd: 'stängd', godkänd: 'godkänd och inläst' };
const MAX_ROWS = 40;

/** The status card: one section per round, one table row per item (the first rows), who to chase with buttons. */
export function statusCard(progress: RoundProgress[], notice?: string): AdaptiveCard {
  const single = progress.length === 1 ? progress[0] : undefined;
  const rows = progress.flatMap((p) =>
    [...p.items].sort((a, b) => order(a.state) - order(b.state)).map((i) => ({
      cells: [
        ...(single ? [] : [{ text: roundName(p.round) }]),
        { text: i.name },
        { text: i.managerName },
        { text: i.value ? `${i.state}: ${i.value}` : i.state, color: COLOR[i.state] },
      ],
    })),
  );
  const chase = progress.flatMap((p) => p.chase);
  const view: AnswerView = {
    title: single ? `Insamling: ${roundName(single.round)}` : 'Status för insamlingarna',
    subtitle: notice,
    headline: single ? { label: `${single.done} av ${single.total} uppgifter klara`, value: `${single.percent} %`, color: single.percent === 100 ? 'good' : 'default' } : undefined,
    sections: progress.map((p) => ({
      heading: single ? undefined : roundName(p.round),
      facts: [
        { title: 'Status', value: `${STATUS_WORD[p.round.status]}${p.round.status === 'stängd' && p.round.requiresApproval ? ' — väntar på godkännande' : ''}` },
        { title: 'Sista dag', value: dateName(p.round.deadline) },
        { title: 'Klart', value: `${p.percent} % (${p.done} av ${p.total})` },
        ...(p.chase.length ? [{ title: 'Saknas hos', value: `${p.chase.length} ${p.chase.length === 1 ? 'person' : 'personer'}` }] : []),
      ],
    })),
    table: {
      columns: [
        ...(single ? [] : [{ title: 'Insamling', width: 'auto' as const }]),
        { title: 'Uppgift', width: 'stretch' as const },
        { title: 'Ansvarig', width: 'auto' as const },
        { title: 'Status', width: 'auto' as const },
      ],
      rows: rows.slice(0, MAX_ROWS),
    },
    quotes: [],
    notes: [
      ...(rows.length > MAX_ROWS ? [`Visar ${MAX_ROWS} av ${rows.length} rader — exportera för hela listan.`] : []),
      ...(chase.length ? [`Att jaga: ${chase.slice(0, 15).map((c) => `${c.name} (${c.missing} saknas${c.problem ? `; ${c.problem}` : ''})`).join(', ')}${chase.length > 15 ? ` och ${chase.length - 15} till` : ''}.`] : []),
    ],
    actions: single ? controllerActions(single.round, single.chase) : [],
  };
  return renderCard('answer', view);
}

const order = (s: ItemState) => ['försenad', 'saknas', 'inrapporterad', 'ej aktuell'].indexOf(s);

/** One sentence for the message text. */
export function progressText(p: RoundProgress): string {
  return `${roundName(p.round)}: ${p.percent} % klart (${p.done} av ${p.total} uppgifter)${p.chase.length ? `, saknas hos ${p.chase.length} ${p.chase.length === 1 ? 'person' : 'personer'}` : ''}.`;
}
