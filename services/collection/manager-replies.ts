/**
 * What a manager (or their ersättare) does: submit the card, change it,
 * snooze, name an ersättare, or write the figures in chat. Every path checks
 * who is asking, checks the values, asks before storing a value far from the
 * previous one, stores (committed before any receipt is shown) and answers
 * with the receipt — or with the card again, the problems next to the fields
 * and nothing stored.
 */
import { z } from 'zod';
import type { Reply } from '../answering/reply.js';
import type { ChatTurn } from '../chat/chat-service.js';
import { sendTarget } from '../proactive/message-sender.js';
import { checkAnswer, farFromPrevious, rawAnswer, type Answer, type FieldErrors, type RawAnswer } from './answer-rules.js';
import { entryOf, promptCard, receiptCard, receiptText, roundName, type Notice } from './collection-cards.js';
import { authorityOver, userName, type CollectionContext } from './collection-context.js';
import { personName, recipients } from './people.js';
import { queueMissingPrompts } from './prompt-queue.js';
import { onlyFigures, readReportText } from './report-text.js';
import { email as emailAddress, rememberPeople } from './responsibilities.js';
import { JOBS, PEOPLE_JOB_KEY, snooze } from './reminders.js';
import { itemMeta } from './item-facts.js';
import { managerViews, promptsOf, roundById, type ManagerView } from './round-store.js';
import { saveAnswers } from './submissions.js';
import { stockholmTimeName } from './swedish-dates.js';
import { Scheduler } from '../scheduling/scheduler.js';

export const cardData = z
  .object({
    round: z.string().min(1).max(100),
    manager: z.string().min(3).max(320),
    v: z.coerce.number().int().min(0).optional(),
    confirm: z.union([z.boolean(), z.literal('true')]).optional(),
  })
  .passthrough();
type CardData = z.infer<typeof cardData>;

const refusal = (view: ManagerView, name: string): Reply => ({
  text: `Det här kortet gäller ${name}s uppgifter i insamlingen för ${roundName(view.round)}. Bara den ansvariga, ersättaren eller en controller kan rapportera dem — inget har ändrats.`,
});

/** The card's round and manager, and whether this user may answer it. */
async function open(ctx: CollectionContext, turn: ChatTurn, raw: Record<string, unknown>): Promise<{ view: ManagerView; data: CardData } | { reply: Reply }> {
  const parsed = cardData.safeParse(raw);
  if (!parsed.success) return { reply: { text: 'Knappen skickade något jag inte känner igen — inget har ändrats.' } };
  const round = await roundById(ctx.db, parsed.data.round);
  const [view] = round ? await managerViews(ctx.db, round, [parsed.data.manager.toLowerCase()]) : [];
  if (!view) return { reply: { text: 'Den här insamlingen finns inte längre — inget har ändrats.' } };
  if (!(await authorityOver(ctx, turn.user, view))) {
    const people = await recipients(ctx.db, [view.managerUpn]);
    return { reply: refusal(view, personName(people.get(view.managerUpn), view.managerUpn)) };
  }
  return { view, data: parsed.data };
}

/** What the card's inputs hold, per item; undefined when the action carried no inputs. */
function entriesFrom(view: ManagerView, data: Record<string, unknown>): Map<string, RawAnswer> | undefined {
  const entries = new Map<string, RawAnswer>();
  for (const { meta } of view.items) {
    const k = meta.key;
    if (![`${k}.v`, `${k}.m`, `${k}.k`, `${k}.na`, `${k}.c`].some((f) => f in data)) continue;
    const raw = rawAnswer.safeParse({ value: data[`${k}.v`], men: data[`${k}.m`], women: data[`${k}.k`], na: data[`${k}.na`], comment: data[`${k}.c`] });
    entries.set(k, raw.success ? raw.data : {});
  }
  return entries.size ? entries : undefined;
}

type Checked = { answers: Answer[]; errors: Map<string, FieldErrors>; warnings: Map<string, string> };

/** Checks every filled-in item; warns about values far from the previous ones that are not already stored. */
function checkAll(ctx: CollectionContext, view: ManagerView, entries: Map<string, RawAnswer>): Checked {
  const out: Checked = { answers: [], errors: new Map(), warnings: new Map() };
  for (const { meta, value } of view.items) {
    const raw = entries.get(meta.key);
    if (!raw) continue;
    const c = checkAnswer(meta, raw);
    if (c.status === 'invalid') out.errors.set(meta.key, c.errors);
    if (c.status !== 'ok') continue;
    out.answers.push(c.answer);
    const far = farFromPrevious(meta, c.answer, ctx.settings.deviationPercent);
    const alreadyStored = value && value.value === c.answer.value && value.men === c.answer.men && value.women === c.answer.women;
    if (far.length && !alreadyStored) out.warnings.set(meta.key, `${far.join(' ')} Stämmer det?`);
  }
  return out;
}

const errorLines = (view: ManagerView, errors: Map<string, FieldErrors>) =>
  [...errors].flatMap(([key, e]) => Object.values(e).map((m) => `${view.items.find((i) => i.meta.key === key)?.meta.name}: ${m}`));

/**
 * Checks and stores entries; the reply is the receipt, or the card again with
 * what must be fixed or confirmed. `cardVersion`: the version the card was made from.
 */
async function store(ctx: CollectionContext, turn: ChatTurn, view: ManagerView, entries: Map<string, RawAnswer>, o: { via: 'kort' | 'chatt'; confirmed: boolean; cardVersion?: number; problems?: string[] }): Promise<Reply> {
  const c = checkAll(ctx, view, entries);
  const problems = [...(o.problems ?? []), ...errorLines(view, c.errors)];
  if (problems.length) {
    const notice: Notice = { tone: 'attention', lines: ['Något behöver rättas — inget har sparats.', ...(o.via === 'chatt' ? problems : [])] };
    return { text: `Något behöver rättas — inget har sparats. ${problems.join(' ')}`, card: promptCard(view, { entries: merged(view, entries), errors: c.errors, notice }) };
  }
  if (c.answers.length === 0) {
    return { text: 'Fyll i minst en uppgift, eller markera Ej aktuellt.', card: promptCard(view, { entries: merged(view, entries), notice: { tone: 'attention', lines: ['Fyll i minst en uppgift, eller markera Ej aktuellt. Inget har sparats.'] } }) };
  }
  if (c.warnings.size && !o.confirmed) {
    const lines = [...c.warnings.values()];
    return {
      text: `${lines.join(' ')} Tryck "Ja, värdena stämmer — spara" på kortet, eller rätta värdet.`,
      card: promptCard(view, { entries: merged(view, entries), warnings: c.warnings, confirm: true, notice: { tone: 'warning', lines: ['Ett värde ligger långt från det förra — kontrollera innan det sparas.'] } }),
    };
  }
  const result = await saveAnswers(ctx.db, view.round.id, view.managerUpn, c.answers, { cardVersion: o.cardVersion, by: { aadObjectId: turn.user.aadObjectId, name: userName(turn.user) }, via: o.via });
  switch (result.kind) {
    case 'stängd':
      return { text: `Insamlingen för ${roundName(view.round)} är stängd — inget har ändrats.`, card: receiptCard(result.view, { tone: 'attention', lines: ['Insamlingen är stängd — inget har ändrats.'] }) };
    case 'oförändrad':
      return { text: 'Det är redan sparat — inget ändrades.', card: receiptCard(result.view, { tone: 'default', lines: ['Redan sparat — inget ändrades.'] }) };
    case 'krock': {
      const latest = result.view.items.map((i) => i.value).filter((v) => !!v).sort((a, b) => b!.at.localeCompare(a!.at))[0];
      const who = latest ? `${latest.byName ?? 'någon'} ${stockholmTimeName(new Date(latest.at))}` : 'någon';
      const text = `Värdena ändrades av ${who} efter att ditt kort visades, så jag sparade inte dina — här är det som gäller nu. Tryck Ändra om något ska rättas.`;
      return { text, card: receiptCard(result.view, { tone: 'warning', lines: [text] }) };
    }
    case 'sparad':
      if (o.via === 'chatt') await refreshCards(ctx, result.view);
      return { text: receiptText(result.view, result.changed), card: receiptCard(result.view) };
  }
}

/** The card's inputs: what was entered, else what is stored. */
function merged(view: ManagerView, entries: Map<string, RawAnswer>): Map<string, RawAnswer> {
  return new Map(view.items.map(({ meta, value }) => [meta.key, entries.get(meta.key) ?? entryOf(value)]));
}

/** After an answer in chat, the card in the chat becomes the receipt too (best effort: the value is already stored). */
async function refreshCards(ctx: CollectionContext, view: ManagerView): Promise<void> {
  const sent = await ctx.db.query<{ target: unknown; activity_id: string }>(
    `select target, activity_id from outbox where starts_with(dedupe_key, $1) and status = 'delivered' and activity_id is not null`,
    [`insamling:${view.round.id}:${view.managerUpn}:`],
  );
  const card = receiptCard(view);
  for (const s of sent) {
    const target = sendTarget.safeParse(s.target);
    if (!target.success) continue;
    const r = await ctx.sender.update(target.data, s.activity_id, { text: `Inrapporterat för ${roundName(view.round)}.`, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] }).catch((e: Error) => ({ ok: false as const, status: 0, message: e.message }));
    if (!r.ok) ctx.log.info({ event: 'insamling-kort', status: r.status }, 'kortet kunde inte uppdateras');
  }
}

// ---------------------------------------------------------------- card buttons

export async function submitCard(ctx: CollectionContext, turn: ChatTurn, raw: Record<string, unknown>): Promise<Reply> {
  const opened = await open(ctx, turn, raw);
  if ('reply' in opened) return opened.reply;
  const { view, data } = opened;
  if (view.round.status !== 'öppen') return { text: `Insamlingen för ${roundName(view.round)} är stängd — inget har ändrats.`, card: receiptCard(view, { tone: 'attention', lines: ['Insamlingen är stängd — inget har ändrats.'] }) };
  const entries = entriesFrom(view, raw) ?? new Map();
  return store(ctx, turn, view, entries, { via: 'kort', confirmed: data.confirm === true || data.confirm === 'true', cardVersion: data.v });
}

export async function editCard(ctx: CollectionContext, turn: ChatTurn, raw: Record<string, unknown>): Promise<Reply> {
  const opened = await open(ctx, turn, raw);
  if ('reply' in opened) return opened.reply;
  const { view } = opened;
  if (view.round.status !== 'öppen') return { text: 'Insamlingen är stängd — värdena kan inte längre ändras.', card: receiptCard(view) };
  return { text: `Ändra dina värden för ${roundName(view.round)} och tryck Skicka.`, card: promptCard(view) };
}

export async function snoozeCard(ctx: CollectionContext, turn: ChatTurn, raw: Record<string, unknown>): Promise<Reply> {
  const opened = await open(ctx, turn, raw);
  if ('reply' in opened) return opened.reply;
  const { view } = opened;
  if (view.round.status !== 'öppen') return { text: 'Insamlingen är stängd.', card: receiptCard(view) };
  const at = await snooze(ctx.db, view.round, view.managerUpn, new Date(), ctx.settings);
  const text = `Jag påminner dig ${stockholmTimeName(at)}.`;
  return { text, card: promptCard(view, { entries: entriesFrom(view, raw), notice: { tone: 'good', lines: [text] } }) };
}

export async function delegateCard(ctx: CollectionContext, turn: ChatTurn, raw: Record<string, unknown>): Promise<Reply> {
  const opened = await open(ctx, turn, raw);
  if ('reply' in opened) return opened.reply;
  const address = typeof raw.ersattare === 'string' ? raw.ersattare : '';
  return setDelegate(ctx, turn, opened.view, address, entriesFrom(opened.view, raw));
}

async function setDelegate(ctx: CollectionContext, turn: ChatTurn, view: ManagerView, address: string, entries?: Map<string, RawAnswer>): Promise<Reply> {
  const parsed = emailAddress.safeParse(address);
  if (!parsed.success) {
    const text = `"${address.slice(0, 60)}" är ingen e-postadress. Skriv ersättarens adress, t.ex. fornamn.efternamn@linkoping.se.`;
    return { text, card: promptCard(view, { entries, notice: { tone: 'attention', lines: [text] } }) };
  }
  if (view.round.status !== 'öppen') return { text: 'Insamlingen är stängd.', card: receiptCard(view) };
  const delegate = parsed.data;
  if (delegate === view.managerUpn) return { text: 'Du är redan ansvarig — välj någon annan som ersättare.' };
  const { unreachable } = await ctx.db.transaction(async (tx) => {
    await rememberPeople(tx, [{ upn: delegate }]);
    await tx.query('update collection_prompt set delegate_upn = $3 where round_id = $1 and manager_upn = $2', [view.round.id, view.managerUpn, delegate]);
    const queued = await queueMissingPrompts(tx, view.round.id);
    if (queued.unreachable.includes(delegate)) await new Scheduler(tx).schedule(PEOPLE_JOB_KEY, JOBS.people, {}, { at: new Date() });
    return queued;
  });
  ctx.notify();
  if (unreachable.includes(delegate)) ctx.kick();
  ctx.log.info({ event: 'insamling-ersättare', round: view.round.id }, 'ersättare angiven');
  const text = `${delegate} är ersättare för insamlingen ${roundName(view.round)} och får kortet${unreachable.includes(delegate) ? ' så snart boten når hen i Teams' : ''}. Du kan fortfarande rapportera själv.`;
  const [updated] = await managerViews(ctx.db, view.round, [view.managerUpn]);
  return { text, card: promptCard(updated ?? view, { entries, notice: { tone: 'good', lines: [text] } }) };
}

// ---------------------------------------------------------------- chat

/** The open cards of the person writing, soonest deadline first. */
async function myViews(ctx: CollectionContext, turn: ChatTurn): Promise<ManagerView[]> {
  const prompts = await promptsOf(ctx.db, { aadObjectId: turn.user.aadObjectId });
  const views: ManagerView[] = [];
  for (const p of prompts) {
    const round = await roundById(ctx.db, p.roundId);
    if (round) views.push(...(await managerViews(ctx.db, round, [p.managerUpn])));
  }
  return views;
}

/** "Påminn mig i morgon" in chat. */
export async function chatSnooze(ctx: CollectionContext, turn: ChatTurn): Promise<Reply | undefined> {
  const views = await myViews(ctx, turn);
  if (views.length === 0) return undefined;
  let at: Date | undefined;
  for (const v of views) at = await snooze(ctx.db, v.round, v.managerUpn, new Date(), ctx.settings);
  return { text: `Jag påminner dig ${stockholmTimeName(at!)} om ${views.map((v) => roundName(v.round)).join(' och ')}.` };
}

/** "Ersättare kalle@linkoping.se" in chat: for the manager's own card with the nearest deadline. */
export async function chatDelegate(ctx: CollectionContext, turn: ChatTurn, address: string): Promise<Reply | undefined> {
  for (const v of await myViews(ctx, turn)) {
    if ((await authorityOver(ctx, turn.user, v)) === 'ansvarig') return setDelegate(ctx, turn, v, address);
  }
  return undefined;
}

/**
 * Figures written in chat by someone with open items: read deterministically;
 * when that cannot tell which value is whose and a language model is
 * configured, its reading is shown on the card to check and send (never
 * stored directly). Undefined: not a report (most likely a question).
 */
export async function chatReport(ctx: CollectionContext, turn: ChatTurn, text: string): Promise<Reply | undefined> {
  const views = await myViews(ctx, turn);
  if (views.length === 0) return undefined;
  for (const view of views) {
    const reading = readReportText(text, view.items.map((i) => i.meta), view.round.period);
    if (reading.kind === 'values') return store(ctx, turn, view, reading.answers, { via: 'chatt', confirmed: false, problems: reading.problems });
    if (reading.kind === 'unclear') return (await modelReading(ctx, turn, view, text)) ?? { text: reading.problem, card: promptCard(view, { notice: { tone: 'attention', lines: [reading.problem] } }) };
  }
  // bare figures for several items: which is which? (anything else may well be a question)
  if (!onlyFigures(text)) return undefined;
  const view = views[0]!;
  const example = view.items[0]!.meta.aliases[0] ?? view.items[0]!.meta.name;
  const hint = `Jag vet inte vilken uppgift siffran gäller. Skriv namnet före värdet, t.ex. "${example} 7,9", eller fyll i kortet.`;
  return (await modelReading(ctx, turn, view, text)) ?? { text: hint, card: promptCard(view, { notice: { tone: 'attention', lines: [hint] } }) };
}

/**
 * Figures for items of open rounds the writer has no card for: a controller's
 * are stored on the responsible manager's card (controllers may answer any
 * item); anyone else gets a polite no and nothing is stored. Undefined when
 * the text names no such item.
 */
export async function chatForOthers(ctx: CollectionContext, turn: ChatTurn, text: string): Promise<Reply | undefined> {
  const rows = await ctx.db.query<{ round_id: string; manager_upn: string; meta: unknown }>(
    `select i.round_id, i.manager_upn, i.meta from collection_item i join collection_round r on r.id = i.round_id and r.status = 'öppen' order by r.deadline, i.round_id, i.ordinal limit 5000`,
  );
  const items = rows.map((r) => ({ roundId: r.round_id, manager: r.manager_upn, meta: itemMeta.parse(r.meta) }));
  for (const roundId of new Set(items.map((i) => i.roundId))) {
    const round = (await roundById(ctx.db, roundId))!;
    const own = items.filter((i) => i.roundId === roundId);
    const reading = readReportText(text, own.map((i) => i.meta), round.period);
    if (reading.kind !== 'values') continue;
    const filled = [...reading.answers].filter(([, a]) => a.value !== undefined || a.men !== undefined || a.women !== undefined || a.na);
    if (filled.length === 0) continue;
    const owner = own.find((i) => i.meta.key === filled[0]![0])!;
    if (await ctx.roles.isController(turn.user)) {
      const [view] = await managerViews(ctx.db, round, [owner.manager]);
      const mine = new Map(filled.filter(([key]) => view!.items.some((i) => i.meta.key === key)));
      return store(ctx, turn, view!, mine, { via: 'chatt', confirmed: false, problems: reading.problems });
    }
    const people = await recipients(ctx.db, [owner.manager]);
    return { text: `Du står inte som ansvarig för ${owner.meta.name} i insamlingen för ${roundName(round)} — det gör ${personName(people.get(owner.manager), owner.manager)}. Inget har sparats. Är det fel i ansvarslistan? Hör av dig till din controller.` };
  }
  return undefined;
}

/** The language model's reading (when one is configured), shown on the card to check and send; undefined when it has none. */
async function modelReading(ctx: CollectionContext, turn: ChatTurn, view: ManagerView, text: string): Promise<Reply | undefined> {
  if (!ctx.languageModel) return undefined;
  const items = view.items.map(({ meta }) => ({ key: meta.key, name: meta.name, unit: meta.unit, groups: meta.gender ? ['Män', 'Kvinnor'] : [] }));
  const proposals = await ctx.languageModel.readReport(turn.user.aadObjectId ?? turn.user.id, text, items).catch(() => undefined);
  if (!proposals?.length) return undefined;
  const entries = new Map<string, RawAnswer>();
  for (const p of proposals) {
    const e = entries.get(p.key) ?? {};
    if (p.group === 'Män') e.men = p.value;
    else if (p.group === 'Kvinnor') e.women = p.value;
    else e.value = p.value;
    entries.set(p.key, e);
  }
  const notice: Notice = { tone: 'warning', lines: ['Jag tolkade ditt meddelande så här (med hjälp av en språkmodell) — kontrollera värdena och tryck Skicka. Inget är sparat ännu.'] };
  return { text: 'Kontrollera min tolkning på kortet och tryck Skicka — inget är sparat ännu.', card: promptCard(view, { entries: merged(view, entries), notice }) };
}
