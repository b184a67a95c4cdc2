/**
 * What a controller does in chat or with the status card's buttons: start a
 * round, follow it, remind, close, approve, export, and keep the
 * responsibility list. Everyone else gets a polite no and nothing changes.
 */
import { action, type AnswerView, type Reply } from '../answering/reply.js';
import { renderCard } from '../cards/render-card.js';
import type { ChatTurn } from '../chat/chat-service.js';
import type { SendTarget } from '../proactive/message-sender.js';
import { Scheduler } from '../scheduling/scheduler.js';
import { exportCard, roundName, VERBS } from './collection-cards.js';
import { userName, type CollectionContext } from './collection-context.js';
import { personName, personalTarget, recipients } from './people.js';
import { queueReminders } from './prompt-queue.js';
import { JOBS, PEOPLE_JOB_KEY } from './reminders.js';
import { email as emailAddress, findIndicator, indicatorChoices, listResponsibilities, removeResponsibility, setResponsibility } from './responsibilities.js';
import { approveRound, closeRound, startRound } from './round-lifecycle.js';
import { boardIn, periodIn, readRoundRequest, type BoardName } from './round-request.js';
import { roundProgress, progressText, statusCard } from './round-status.js';
import { listRounds, managerViews, roundById, type Round, type RoundStatus } from './round-store.js';
import { dateName, stockholmDate, stockholmTimeName } from './swedish-dates.js';

export const NOT_CONTROLLER = 'Det är controllers som startar, följer, stänger och exporterar insamlingar. Är du ansvarig för en uppgift fyller du i kortet du fått, eller skriver värdet här i chatten.';

async function boards(ctx: CollectionContext): Promise<BoardName[]> {
  return (await ctx.knowledge.current()).catalogue.boards;
}

/** Where the controller is talking to the bot now (escalations go there). */
function turnTarget(turn: ChatTurn): SendTarget | undefined {
  const t = personalTarget(turn.conversation.reference, turn.conversation.tenantId);
  return t && { ...t, conversationType: turn.conversation.type, userId: turn.conversation.type === 'personal' ? turn.user.id : undefined };
}

// ---------------------------------------------------------------- rounds

export async function startCommand(ctx: CollectionContext, turn: ChatTurn, request: string): Promise<Reply> {
  const req = readRoundRequest(request, await boards(ctx), stockholmDate(new Date()));
  if (!req.ok) return { text: req.problem };
  const started = await startRound(ctx.db, req.value, { aadObjectId: turn.user.aadObjectId, name: userName(turn.user), target: turnTarget(turn) }, ctx.settings);
  if (!started.ok) return { text: started.problem };
  ctx.notify();
  if (started.value.unreachable) ctx.kick();
  const s = started.value;
  ctx.log.info({ event: 'insamling-start', round: s.round.id, managers: s.managers, items: s.items, queued: s.queued, unreachable: s.unreachable }, 'insamling startad');
  const reminders = s.plan.filter((p) => p.kind === JOBS.reminder).map((p) => stockholmTimeName(p.at));
  const text = [
    `Insamlingen för ${roundName(s.round)} är startad: ${s.managers} ${s.managers === 1 ? 'chef' : 'chefer'}, ${s.items} ${s.items === 1 ? 'uppgift' : 'uppgifter'}, sista dag ${dateName(s.round.deadline)}.`,
    `${s.queued} kort är på väg${s.unreachable ? `; ${s.unreachable} väntar på att boten hittar personen i Teams (installeras via Graph)` : ''}.`,
    reminders.length ? `Påminnelser till dem som inte svarat: ${reminders.join(', ')}.` : 'Inga påminnelser hinner gå ut före sista dagen.',
    s.round.requiresApproval ? 'Värdena läses in i rapportlagret när du har stängt och godkänt insamlingen.' : 'Värdena läses in i rapportlagret när du stänger insamlingen.',
    s.unknown.length ? `Utelämnade (finns inte i nämndens rapporter): ${s.unknown.join(', ')}.` : '',
  ].filter(Boolean).join(' ');
  return { text, card: statusCard([await roundProgress(ctx.db, s.round)], text) };
}

/** The round a command means: the one named (board, period), else the only one there is. */
export async function pickRound(ctx: CollectionContext, text: string, statuses: RoundStatus[], what: string, which: (r: Round) => boolean = () => true): Promise<{ round: Round } | { reply: Reply }> {
  const board = boardIn(text, await boards(ctx));
  const period = periodIn(text)?.period;
  const rounds = (await listRounds(ctx.db, statuses)).filter((r) => which(r) && (!board || board === 'flera' || r.board === board) && (!period || r.period === period));
  if (rounds.length === 1) return { round: rounds[0]! };
  if (rounds.length === 0) return { reply: { text: `Det finns ingen insamling att ${what}${board && board !== 'flera' ? ' för den nämnden' : ''}.` } };
  const view: AnswerView = {
    title: `Vilken insamling vill du ${what}?`,
    sections: [],
    quotes: [],
    notes: rounds.map((r) => `${roundName(r)} — ${r.status}, sista dag ${dateName(r.deadline)}`),
    actions: rounds.slice(0, 5).map((r) => action(roundName(r), VERBS.status, { round: r.id })),
  };
  return { reply: { text: `Det finns flera: ${rounds.map(roundName).join('; ')}. Skriv vilken nämnd och period du menar.`, card: renderCard('answer', view) } };
}

export async function statusCommand(ctx: CollectionContext, text: string): Promise<Reply> {
  const named = boardIn(text, await boards(ctx)) || periodIn(text);
  let rounds = await listRounds(ctx.db, ['öppen', 'stängd']);
  if (named) {
    const picked = await pickRound(ctx, text, ['öppen', 'stängd', 'godkänd'], 'visa');
    if ('reply' in picked) return picked.reply;
    rounds = [picked.round];
  }
  // closed rounds stay on the list while they wait for approval
  rounds = rounds.filter((r) => r.status === 'öppen' || (r.status === 'stängd' && r.requiresApproval) || named);
  if (rounds.length === 0) return { text: 'Ingen insamling pågår. Starta en med till exempel "starta insamling för SoN delår augusti 2025, sista dag 5 september".' };
  const progress = await Promise.all(rounds.map((r) => roundProgress(ctx.db, r)));
  return { text: progress.map(progressText).join(' '), card: statusCard(progress) };
}

export async function statusOf(ctx: CollectionContext, roundId: string, notice?: string): Promise<Reply> {
  const round = await roundById(ctx.db, roundId);
  if (!round) return { text: 'Insamlingen finns inte.' };
  const progress = await roundProgress(ctx.db, round);
  return { text: notice ?? progressText(progress), card: statusCard([progress], notice) };
}

const loaded = (n: number) => (n === 1 ? '1 indikator är inläst' : `${n} indikatorer är inlästa`);

export async function closeCommand(ctx: CollectionContext, turn: ChatTurn, roundId: string): Promise<Reply> {
  const closed = await closeRound(ctx.db, roundId, userName(turn.user));
  if (!closed.ok) return { text: closed.problem };
  const { round, published } = closed.value;
  if (published) ctx.knowledge.invalidate();
  ctx.log.info({ event: 'insamling-stängd', round: round.id, published: published?.indicators }, 'insamling stängd');
  const text = round.requiresApproval
    ? `Insamlingen för ${roundName(round)} är stängd och låst. Granska värdena (exportera) och godkänn dem för att läsa in dem i rapportlagret.`
    : `Insamlingen för ${roundName(round)} är stängd och låst. ${published?.indicators ? `${loaded(published.indicators)} i rapportlagret och svarar på frågor nu.` : 'Inga värden rapporterades, så inget lästes in.'}`;
  return statusOf(ctx, round.id, text);
}

export async function approveCommand(ctx: CollectionContext, turn: ChatTurn, roundId: string): Promise<Reply> {
  const approved = await approveRound(ctx.db, roundId, userName(turn.user));
  if (!approved.ok) return { text: approved.problem };
  ctx.knowledge.invalidate();
  const { round, published } = approved.value;
  ctx.log.info({ event: 'insamling-godkänd', round: round.id, published: published.indicators }, 'insamling godkänd');
  return statusOf(ctx, round.id, `Värdena för ${roundName(round)} är godkända${published.indicators ? ` och ${loaded(published.indicators)} i rapportlagret` : ', men inga värden rapporterades'}.`);
}

export async function exportCommand(ctx: CollectionContext, turn: ChatTurn, roundId: string): Promise<Reply> {
  const round = await roundById(ctx.db, roundId);
  if (!round) return { text: 'Insamlingen finns inte.' };
  const made = await ctx.exports.create(round, userName(turn.user));
  return { text: `Exporten av ${roundName(round)} är klar (${made.rows} rader): Excel och CSV, länkarna gäller till ${stockholmTimeName(made.until)}.`, card: exportCard(round, made.rows, made.links, made.until) };
}

/** "Påminn" on the status card: now, to one manager or everyone with something missing (a second press within five minutes sends nothing more). */
export async function remindButton(ctx: CollectionContext, turn: ChatTurn, roundId: string, manager?: string): Promise<Reply> {
  const round = await roundById(ctx.db, roundId);
  if (!round || round.status !== 'öppen') return { text: 'Insamlingen är inte öppen — ingen påminnelse skickades.' };
  const slot = `manuell-${Math.floor(Date.now() / 300_000)}`;
  const { queued, unreachable } = await ctx.db.transaction(async (tx) =>
    queueReminders(tx, round, await managerViews(tx, round, manager ? [manager] : undefined), slot, { intro: `${userName(turn.user)} påminner om insamlingen — sista dag ${dateName(round.deadline)}.`, now: new Date(), ignoreSnooze: true }),
  );
  ctx.notify();
  const people = manager ? await recipients(ctx.db, [manager]) : undefined;
  const who = manager ? personName(people?.get(manager), manager) : `${queued} ${queued === 1 ? 'person' : 'personer'}`;
  const notice = queued ? `Påminnelse skickad till ${who}.` : unreachable.length ? `Boten når inte ${manager ? who : `${unreachable.length} av dem`} i Teams ännu.` : 'Ingen påminnelse behövdes (eller en skickades nyss).';
  return statusOf(ctx, round.id, notice);
}

// ---------------------------------------------------------------- responsibilities

export async function responsibilityCommand(ctx: CollectionContext, turn: ChatTurn, text: string): Promise<Reply> {
  const allBoards = await boards(ctx);
  const remove = /^ta bort ansvar/i.test(text);
  const body = text.replace(/^(ta bort |visa )?ansvar(et|en|slistan)?\s*(för\s+)?/i, '');
  const [left = '', right] = body.split(/\s*[:=]\s*/, 2);
  const board = boardIn(left, allBoards);
  if (!remove && right === undefined) return listCommand(ctx, board === 'flera' ? undefined : board);
  if (!board || board === 'flera') return { text: `Ange en nämnd (${allBoards.map((b) => b.shortName).join(', ')}), t.ex. "ansvar sjukfrånvaro SoN: anna.andersson@linkoping.se".` };
  const b = allBoards.find((x) => x.id === board)!;
  const itemText = left.replace(new RegExp(`\\b(i|för|inom)?\\s*(${[b.shortName, b.name, ...b.aliases].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'i'), '').trim();
  const found = findIndicator(await indicatorChoices(ctx.db, board), itemText);
  if ('problem' in found) return { text: `${b.shortName}: ${found.problem}.` };
  if (remove) {
    const removed = await removeResponsibility(ctx.db, board, found.key);
    return { text: removed ? `Ansvaret för ${found.key} i ${b.shortName} är borttaget. Det gäller från nästa insamling.` : `Ingen var ansvarig för ${found.key} i ${b.shortName}.` };
  }
  const upn = emailAddress.safeParse(right ?? '');
  if (!upn.success) return { text: `"${(right ?? '').slice(0, 60)}" är ingen e-postadress.` };
  await ctx.db.transaction(async (tx) => {
    await setResponsibility(tx, { board, itemKey: found.key, upn: upn.data }, userName(turn.user));
    await new Scheduler(tx).schedule(PEOPLE_JOB_KEY, JOBS.people, {}, { at: new Date() });
  });
  ctx.kick();
  return { text: `${upn.data} svarar nu för ${found.key} i ${b.shortName}. Det gäller från nästa insamling; boten slår upp personen i Teams.` };
}

async function listCommand(ctx: CollectionContext, board?: string): Promise<Reply> {
  const rows = await listResponsibilities(ctx.db, board);
  if (rows.length === 0) return { text: 'Ansvarslistan är tom. Läs in den med "npm run collection:load -- ansvar.xlsx" eller skriv "ansvar sjukfrånvaro SoN: anna.andersson@linkoping.se".' };
  const state = (s: string, e: string | null) => (s === 'klar' ? 'nås i Teams' : s === 'fel' ? `nås inte: ${e ?? ''}` : 'slås upp');
  const view: AnswerView = {
    title: 'Ansvarslistan',
    subtitle: `${rows.length} uppgifter`,
    sections: [],
    table: {
      columns: [{ title: 'Nämnd', width: 'auto' }, { title: 'Indikator', width: 'stretch' }, { title: 'Ansvarig', width: 'auto' }, { title: 'Teams', width: 'auto' }],
      rows: rows.slice(0, 40).map((r) => ({ cells: [{ text: r.board_id }, { text: r.item_key }, { text: r.display_name ?? r.upn }, { text: state(r.state, r.error), color: r.state === 'fel' ? 'attention' : undefined }] })),
    },
    quotes: [],
    notes: rows.length > 40 ? [`Visar 40 av ${rows.length}.`] : [],
    actions: [],
  };
  return { text: `Ansvarslistan har ${rows.length} uppgifter.`, card: renderCard('answer', view) };
}
