/**
 * The alert commands and card buttons. Anyone may subscribe and unsubscribe
 * their own 1:1 chat; a channel or group chat only by a controller — anyone
 * else gets a polite refusal and nothing changes. "status utskick" is for
 * controllers.
 */
import { z } from 'zod';
import type { Knowledge } from '../answering/knowledge.js';
import { action, type AnswerView, type Reply } from '../answering/reply.js';
import { renderCard } from '../cards/render-card.js';
import type { Roles } from '../auth/roles.js';
import type { CatalogueBoard } from '../catalogue/catalogue.js';
import type { CardVerbs, ChatCommand, ChatTurn } from '../chat/chat-service.js';
import { sendTarget } from '../proactive/message-sender.js';
import type { BoardId } from '../reports/report-file.js';
import type { Queryable } from '../store/database.js';
import { alertContent } from './alert-builder.js';
import { ALERT_VERBS, detailsReply, summaryReply, whyReply } from './alert-cards.js';
import { describeCron, parseSchedule, type ScheduleRequest } from './alert-schedule.js';
import { deliveryStatus } from './delivery-status.js';
import { DEFAULT_THRESHOLDS, type Subscription, type Thresholds } from './subscription.js';
import { confirmationReply, formReply, listReply, placeText, placeTitle, SUBSCRIPTION_VERBS } from './subscription-cards.js';
import { parseAlertRequest, type AlertRequest, type ThresholdRequest } from './subscription-request.js';
import type { SubscriptionStore } from './subscription-store.js';

export interface AlertCommandDeps {
  db: Queryable;
  knowledge: Knowledge;
  roles: Roles;
  subscriptions: SubscriptionStore;
}

const REFUSAL =
  'Bara controllers kan prenumerera på avvikelser för en kanal eller gruppchatt, eller ändra och avsluta sådana prenumerationer, så jag har inte ändrat något. ' +
  'Vill du själv få avvikelserna kan du skriva "prenumerera på avvikelser för SoN" till mig i en 1:1-chatt.';
const STATUS_REFUSAL = 'Status för utskick visas bara för controllers.';

const HOW_TO =
  'Skriv till exempel "prenumerera på avvikelser för SoN", gärna med tröskel och schema: "… över 2 mnkr", "… 3 %", "… varje månad den 5:e kl 8". ' +
  '"mina prenumerationer" visar dem, "sluta prenumerera" avslutar.';

const conversationReference = z
  .object({
    serviceUrl: z.string().url(),
    user: z.object({ id: z.string() }).partial().optional(),
    bot: z.object({ id: z.string() }).partial().optional(),
  })
  .passthrough();

const alertData = z.object({ alert: z.string().min(1).max(200) }).passthrough();
const stopData = z.object({ subscription: z.coerce.number().int(), alert: z.string().max(200).optional() }).passthrough();
const formOpen = z.object({ subscription: z.coerce.number().int().optional() }).passthrough();
const formData = z
  .object({
    subscription: z.coerce.number().int().optional(),
    board: z.string().max(40).optional(),
    belopp: z.string().max(40).optional(),
    procent: z.string().max(40).optional(),
    schema: z.string().max(200).optional(),
  })
  .passthrough();

/** Where alerts for this turn's conversation go: a channel itself, not the reply thread the command came from. */
function placeOf(turn: ChatTurn) {
  const c = turn.conversation;
  const conversationId = c.type === 'channel' ? c.id.split(';')[0]! : c.id;
  const ref = conversationReference.parse(c.reference);
  const target = sendTarget.parse({
    serviceUrl: ref.serviceUrl,
    conversationId,
    conversationType: c.type,
    tenantId: c.tenantId,
    userId: c.type === 'personal' ? (ref.user?.id ?? turn.user.id) : undefined,
    botId: ref.bot?.id,
  });
  return { conversationId, target };
}

const userKey = (turn: ChatTurn) => turn.user.aadObjectId ?? turn.user.id;

export class AlertActions {
  constructor(private readonly d: AlertCommandDeps) {}

  private async boards(): Promise<{ boards: CatalogueBoard[]; otherBoards: string[] }> {
    const { catalogue } = await this.d.knowledge.current();
    return { boards: catalogue.boards, otherBoards: catalogue.otherBoards };
  }

  /** 1:1: the user's own; a channel or group chat: controllers only. */
  private async mayManage(turn: ChatTurn): Promise<boolean> {
    return turn.conversation.type === 'personal' || this.d.roles.isController(turn.user);
  }

  async command(turn: ChatTurn, text: string): Promise<Reply | undefined> {
    const { boards, otherBoards } = await this.boards();
    const request = parseAlertRequest(text, boards, otherBoards);
    if (!request) return undefined;
    switch (request.kind) {
      case 'status':
        return (await this.d.roles.isController(turn.user)) ? deliveryStatus(this.d.db, { names: turn.conversation.type === 'personal' }) : { text: STATUS_REFUSAL };
      case 'list':
        return this.list(turn);
      case 'stop':
        return this.stopNamed(turn, request.boards);
      case 'help':
        return { text: HOW_TO, card: helpCard() };
      default:
        return this.subscribe(turn, request);
    }
  }

  async verb(turn: ChatTurn, verb: string, data: Record<string, unknown>): Promise<Reply> {
    switch (verb) {
      case ALERT_VERBS.summary:
      case ALERT_VERBS.details:
      case ALERT_VERBS.why:
        return this.alertView(verb, data);
      case ALERT_VERBS.stop:
        return this.stopOne(turn, data);
      case SUBSCRIPTION_VERBS.list:
        return this.list(turn);
      case SUBSCRIPTION_VERBS.form:
        return this.openForm(turn, data);
      case SUBSCRIPTION_VERBS.save:
        return this.saveForm(turn, data);
      default:
        return { text: 'Jag känner inte igen knappen.' };
    }
  }

  private async subscribe(turn: ChatTurn, request: Extract<AlertRequest, { kind: 'subscribe' | 'change' }>): Promise<Reply> {
    if (!(await this.mayManage(turn))) return { text: REFUSAL };
    const { boards } = await this.boards();
    if (request.unknownBoard) return { text: `Jag har inga rapporter för ${request.unknownBoard}, så där finns inga avvikelser att bevaka. Jag kan bevaka ${boards.map((b) => b.shortName).join(', ')}.` };
    if (request.thresholds.kind === 'error') return { text: `${request.thresholds.message} Jag har inte ändrat något.` };
    if (request.schedule.kind === 'error') return { text: `${request.schedule.message} Jag har inte ändrat något.` };
    const { conversationId } = placeOf(turn);
    const existing = await this.d.subscriptions.inConversation(conversationId);
    let chosen = request.boards;
    if (request.kind === 'change') {
      if (existing.length === 0) return { text: `${placeTitle(turn.conversation.type)} har ingen prenumeration att ändra. ${HOW_TO}` };
      if (chosen.length === 0 && existing.length === 1) chosen = [existing[0]!.board];
      if (chosen.length === 0) return { text: `Vilken prenumeration vill du ändra: ${existing.map((s) => this.shortName(boards, s.board)).join(' eller ')}? Skriv till exempel "ändra prenumerationen för ${this.shortName(boards, existing[0]!.board)} till 2 mnkr".` };
      const missing = chosen.filter((b) => !existing.some((s) => s.board === b));
      if (missing.length) return { text: `Här finns ingen prenumeration för ${missing.map((b) => this.shortName(boards, b)).join(', ')} att ändra. ${HOW_TO}` };
      if (request.thresholds.kind === 'none' && request.schedule.kind === 'none' && chosen.length === 1) {
        return formReply(boards, turn.conversation.type, {}, existing.find((s) => s.board === chosen[0]));
      }
    }
    if (chosen.length === 0) {
      // no board named: the form, with what was said filled in
      const thresholds = request.thresholds.kind === 'set' ? request.thresholds.thresholds : undefined;
      return formReply(boards, turn.conversation.type, { thresholds, schedule: request.schedule.kind === 'cron' ? describeCron(request.schedule.cron) : undefined });
    }
    const saved = [];
    for (const board of chosen) saved.push(await this.save(turn, board, request.thresholds, request.schedule, existing.find((s) => s.board === board)));
    return confirmationReply(saved, boards);
  }

  private save(turn: ChatTurn, board: BoardId, t: ThresholdRequest, schedule: ScheduleRequest, existing?: Subscription) {
    const { conversationId, target } = placeOf(turn);
    const thresholds: Thresholds = t.kind === 'set' ? t.thresholds : (existing?.thresholds ?? DEFAULT_THRESHOLDS);
    const cron = schedule.kind === 'cron' ? schedule.cron : schedule.kind === 'off' ? undefined : existing?.cron;
    return this.d.subscriptions.save({
      conversationId,
      conversationType: turn.conversation.type,
      teamId: turn.conversation.teamId,
      target,
      board,
      thresholds,
      cron,
      by: { id: userKey(turn), name: turn.user.name },
    });
  }

  private shortName(boards: CatalogueBoard[], id: string): string {
    return boards.find((b) => b.id === id)?.shortName ?? id;
  }

  private async list(turn: ChatTurn): Promise<Reply> {
    const { boards } = await this.boards();
    const { conversationId } = placeOf(turn);
    const here = await this.d.subscriptions.inConversation(conversationId);
    const elsewhere = turn.conversation.type === 'personal' ? await this.d.subscriptions.madeElsewhere(userKey(turn), conversationId) : [];
    return listReply(here, elsewhere, turn.conversation.type, boards);
  }

  private async stopNamed(turn: ChatTurn, named: BoardId[]): Promise<Reply> {
    if (!(await this.mayManage(turn))) return { text: REFUSAL };
    const { boards } = await this.boards();
    const { conversationId } = placeOf(turn);
    const here = await this.d.subscriptions.inConversation(conversationId);
    const ending = named.length ? here.filter((s) => named.includes(s.board)) : here;
    const place = placeText(turn.conversation.type);
    if (ending.length === 0) return { text: `${placeTitle(turn.conversation.type)} har ingen prenumeration på avvikelser${named.length ? ` för ${named.map((b) => this.shortName(boards, b)).join(', ')}` : ''}.` };
    for (const s of ending) await this.d.subscriptions.remove(s.id);
    return { text: `Klart: ${place} får inga fler avvikelser för ${ending.map((s) => this.shortName(boards, s.board)).join(' och ')}.` };
  }

  /** A subscription may be ended from its own conversation (by whoever may manage it there), or by the controller who made it. */
  private async mayEnd(turn: ChatTurn, s: Subscription): Promise<boolean> {
    if (s.conversationId === placeOf(turn).conversationId) return this.mayManage(turn);
    return s.createdBy === userKey(turn) && this.d.roles.isController(turn.user);
  }

  private async stopOne(turn: ChatTurn, data: Record<string, unknown>): Promise<Reply> {
    const parsed = stopData.safeParse(data);
    if (!parsed.success) return { text: 'Knappen saknar prenumerationen.' };
    const { boards } = await this.boards();
    const s = await this.d.subscriptions.get(parsed.data.subscription);
    const alert = parsed.data.alert ? await this.loadAlert(parsed.data.alert) : undefined;
    if (!s) {
      const text = 'Prenumerationen är redan avslutad.';
      return alert ? summaryReply(alert, parsed.data.alert!, { stopped: text }) : { text };
    }
    if (!(await this.mayEnd(turn, s))) return { text: REFUSAL };
    await this.d.subscriptions.remove(s.id);
    const text = `Prenumerationen är avslutad: inga fler avvikelser för ${this.shortName(boards, s.board)} till ${s.conversationId === placeOf(turn).conversationId ? placeText(s.conversationType) : 'det samtalet'}.`;
    return alert ? summaryReply(alert, parsed.data.alert!, { stopped: text }) : { text };
  }

  private async loadAlert(key: string) {
    const [row] = await this.d.db.query<{ content: unknown }>('select content from avvikelse_alert where key = $1', [key]);
    return row ? alertContent.parse(row.content) : undefined;
  }

  private async alertView(verb: string, data: Record<string, unknown>): Promise<Reply> {
    const parsed = alertData.safeParse(data);
    const content = parsed.success ? await this.loadAlert(parsed.data.alert) : undefined;
    if (!parsed.success || !content) return { text: 'Jag hittar inte den här avvikelsesammanfattningen längre.' };
    const key = parsed.data.alert;
    return verb === ALERT_VERBS.details ? detailsReply(content, key) : verb === ALERT_VERBS.why ? whyReply(content, key) : summaryReply(content, key);
  }

  private async openForm(turn: ChatTurn, data: Record<string, unknown>): Promise<Reply> {
    if (!(await this.mayManage(turn))) return { text: REFUSAL };
    const { boards } = await this.boards();
    const parsed = formOpen.safeParse(data);
    const existing = parsed.success && parsed.data.subscription !== undefined ? await this.d.subscriptions.get(parsed.data.subscription) : undefined;
    if (existing && existing.conversationId !== placeOf(turn).conversationId) return { text: 'Den prenumerationen ändras i samtalet den gäller.' };
    return formReply(boards, turn.conversation.type, {}, existing);
  }

  private async saveForm(turn: ChatTurn, data: Record<string, unknown>): Promise<Reply> {
    if (!(await this.mayManage(turn))) return { text: REFUSAL };
    const { boards } = await this.boards();
    const parsed = formData.safeParse(data);
    if (!parsed.success) return formReply(boards, turn.conversation.type, {}, undefined, 'Formuläret kom inte fram helt; försök igen.');
    const f = parsed.data;
    const existing = f.subscription !== undefined ? await this.d.subscriptions.get(f.subscription) : undefined;
    if (f.subscription !== undefined && (!existing || existing.conversationId !== placeOf(turn).conversationId)) return { text: 'Prenumerationen finns inte längre i det här samtalet; inget ändrades.' };
    const values = { board: f.board, amount: f.belopp, percent: f.procent, schedule: f.schema };
    const again = (error: string) => formReply(boards, turn.conversation.type, values, existing, `${error} Inget har sparats.`);
    const board = existing?.board ?? boards.find((b) => b.id === f.board)?.id;
    if (!board) return again('Välj en nämnd.');
    const amount = formNumber(f.belopp, /\s*(mnkr|mkr|miljoner)$/i);
    const percent = formNumber(f.procent, /\s*(%|procent)$/i);
    if (amount === 'fel') return again(`"${f.belopp}" är inget belopp i mnkr (skriv till exempel 1 eller 1,5).`);
    if (percent === 'fel' || (typeof percent === 'number' && percent > 100)) return again(`"${f.procent}" är ingen procentsats mellan 0 och 100.`);
    if (amount === null && percent === null) return again('Ange minst en tröskel: ett belopp eller en procentsats.');
    const scheduleText = f.schema?.trim() ?? '';
    const schedule: ScheduleRequest = scheduleText === '' ? { kind: 'off' } : parseSchedule(scheduleText);
    if (schedule.kind === 'error') return again(schedule.message);
    if (schedule.kind === 'none') return again(`Jag förstod inte schemat "${scheduleText}".`);
    const saved = await this.save(turn, board, { kind: 'set', thresholds: { amountTkr: amount === null ? null : Math.round(amount * 1000 * 1000) / 1000, percent } }, schedule, existing);
    return confirmationReply([saved], boards);
  }
}

/** A number typed in a form field, Swedish or English decimals; null = empty, 'fel' = not a number. */
function formNumber(raw: string | undefined, unit: RegExp): number | null | 'fel' {
  const s = (raw ?? '').trim().replace(unit, '').replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (s === '') return null;
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : 'fel';
}

function helpCard() {
  const view: AnswerView = {
    title: 'Avvikelser utan att fråga',
    subtitle: 'Jag skickar ett kort när en ny prognos eller ett nytt utfall har avvikelser över din tröskel.',
    sections: [],
    quotes: [],
    notes: [HOW_TO, 'Standardtröskel: minst 1 mnkr eller 2 % av verksamhetens budget. Kanaler och gruppchattar kan bara controllers prenumerera på.'],
    actions: [action('Prenumerera', SUBSCRIPTION_VERBS.form), action('Mina prenumerationer', SUBSCRIPTION_VERBS.list)],
  };
  return renderCard('answer', view);
}

export function alertCommand(actions: AlertActions): ChatCommand {
  return { handle: (turn, text) => actions.command(turn, text) };
}

export function alertVerbs(actions: AlertActions): CardVerbs {
  return { verbs: [...Object.values(ALERT_VERBS), ...Object.values(SUBSCRIPTION_VERBS)], handle: (turn, verb, data) => actions.verb(turn, verb, data) };
}
