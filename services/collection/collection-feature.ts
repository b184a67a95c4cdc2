/**
 * Indicator collection (insamling) as a feature of the bot: its chat
 * commands, card buttons, scheduled jobs (people lookup, reminders,
 * escalation, snooze) and the export download route. See docs/collection.md.
 */
import type { Reply } from '../answering/reply.js';
import type { ChatTurn } from '../chat/chat-service.js';
import type { FeatureFactory } from '../chat/feature.js';
import { VERBS } from './collection-cards.js';
import { collectionSettings } from './collection-config.js';
import type { CollectionContext } from './collection-context.js';
import { approveCommand, closeCommand, exportCommand, NOT_CONTROLLER, pickRound, remindButton, responsibilityCommand, startCommand, statusCommand, statusOf } from './controller-replies.js';
import { Exports } from './exports.js';
import { GraphDirectory } from './graph-directory.js';
import { chatDelegate, chatForOthers, chatReport, chatSnooze, delegateCard, editCard, snoozeCard, submitCard } from './manager-replies.js';
import { PeopleResolver } from './people.js';
import { queueMissingPrompts } from './prompt-queue.js';
import { JOBS, PEOPLE_JOB_KEY, reminderHandlers, resumeInterruptedRuns } from './reminders.js';
import { mightBeReport } from './report-text.js';
import type { Round, RoundStatus } from './round-store.js';

type ControllerCommand = { re: RegExp; run: (ctx: CollectionContext, turn: ChatTurn, text: string) => Promise<Reply> };

/** Picks the round a command names, then runs it. */
const onRound = (statuses: RoundStatus[], what: string, run: (ctx: CollectionContext, turn: ChatTurn, roundId: string) => Promise<Reply>, which?: (r: Round) => boolean) =>
  async (ctx: CollectionContext, turn: ChatTurn, text: string) => {
    const picked = await pickRound(ctx, text, statuses, what, which);
    return 'reply' in picked ? picked.reply : run(ctx, turn, picked.round.id);
  };

const CONTROLLER_COMMANDS: ControllerCommand[] = [
  { re: /^starta (en )?insamling/, run: startCommand },
  { re: /^(visa )?(status|läget)( för| på| i)? insamling|^insamlingsstatus/, run: (ctx, _turn, text) => statusCommand(ctx, text) },
  { re: /^stäng (av )?insamling/, run: onRound(['öppen'], 'stänga', closeCommand) },
  { re: /^godkänn insamling/, run: onRound(['stängd'], 'godkänna', approveCommand, (r) => r.requiresApproval) },
  { re: /^exportera insamling/, run: onRound(['öppen', 'stängd', 'godkänd'], 'exportera', exportCommand) },
  { re: /^(visa |ta bort )?ansvar(et|en|slistan)?(\s|:|$)/, run: responsibilityCommand },
];

const roundOf = (data: Record<string, unknown>) => (typeof data.round === 'string' ? data.round : '');

export const collectionFeature: FeatureFactory = (services) => {
  const { db, scheduler, log } = services;
  const settings = collectionSettings(services.config);
  const directory = settings.graph ? new GraphDirectory(db, settings.graph) : undefined;
  const people = new PeopleResolver(db, directory, services.sender, log);
  const exports = new Exports(db, settings);
  let kicked: Promise<unknown> | undefined;
  const ctx: CollectionContext = {
    db,
    roles: services.roles,
    settings,
    knowledge: services.knowledge,
    sender: services.sender,
    exports,
    log,
    languageModel: services.languageModel,
    notify: () => services.outbox.notify(),
    kick: () => {
      kicked ??= scheduler.tick().catch((e: Error) => log.warn({ err: { message: e.message } }, 'schemalagda jobb kunde inte köras')).finally(() => (kicked = undefined));
    },
  };

  scheduler.handle(JOBS.people, async () => {
    await services.conversations.flush(); // the lookup reads the conversations this process may still hold
    const result = await people.resolvePending(async () => {
      await db.transaction((tx) => queueMissingPrompts(tx));
      ctx.notify();
    });
    if (result.retryLater) await scheduler.schedule(PEOPLE_JOB_KEY, JOBS.people, {}, { at: new Date(Date.now() + 5 * 60_000) });
  });
  const handlers = reminderHandlers(db, settings, ctx.notify);
  scheduler.handle(JOBS.reminder, handlers.reminder).handle(JOBS.escalation, handlers.escalation).handle(JOBS.snooze, handlers.snooze);

  services.chat.addCommand({
    async handle(turn, text) {
      const lower = text.trim().toLowerCase();
      const command = CONTROLLER_COMMANDS.find((c) => c.re.test(lower));
      if (command) return (await services.roles.isController(turn.user)) ? command.run(ctx, turn, text.trim()) : { text: NOT_CONTROLLER };
      if (/^påminn mig (i ?morgon|senare)/.test(lower)) return chatSnooze(ctx, turn);
      const delegate = lower.match(/^(?:min |ange )?ersättare(?: är| blir)?:?\s+(\S+@\S+?)\.?$/);
      if (delegate) return chatDelegate(ctx, turn, delegate[1]!);
      if (!mightBeReport(text)) return undefined;
      return (await chatReport(ctx, turn, text)) ?? chatForOthers(ctx, turn, text);
    },
  });

  const controllerOnly = (run: (turn: ChatTurn, data: Record<string, unknown>) => Promise<Reply>) => async (turn: ChatTurn, data: Record<string, unknown>) =>
    (await services.roles.isController(turn.user)) ? run(turn, data) : { text: NOT_CONTROLLER };
  const verbs: Record<string, (turn: ChatTurn, data: Record<string, unknown>) => Promise<Reply>> = {
    [VERBS.submit]: (turn, data) => submitCard(ctx, turn, data),
    [VERBS.edit]: (turn, data) => editCard(ctx, turn, data),
    [VERBS.snooze]: (turn, data) => snoozeCard(ctx, turn, data),
    [VERBS.delegate]: (turn, data) => delegateCard(ctx, turn, data),
    [VERBS.remind]: controllerOnly((turn, data) => remindButton(ctx, turn, roundOf(data), typeof data.manager === 'string' ? data.manager : undefined)),
    [VERBS.status]: controllerOnly((_turn, data) => statusOf(ctx, roundOf(data))),
    [VERBS.close]: controllerOnly((turn, data) => closeCommand(ctx, turn, roundOf(data))),
    [VERBS.approve]: controllerOnly((turn, data) => approveCommand(ctx, turn, roundOf(data))),
    [VERBS.export]: controllerOnly((turn, data) => exportCommand(ctx, turn, roundOf(data))),
  };
  services.chat.addVerbs({ verbs: Object.keys(verbs), handle: (turn, verb, data) => verbs[verb]!(turn, data) });

  return {
    name: 'insamling',
    routes: [exports.route],
    async start() {
      const resumed = await resumeInterruptedRuns(db, settings, handlers);
      if (resumed) log.info({ event: 'insamling-påminnelser', resumed }, 'påbörjade påminnelser körda igen');
      // people a stopped process was still looking up (or was to retry): look them up once their claim runs out
      const [pending] = await db.query<{ at: Date | null }>(`select min(coalesce(claimed_until, now())) as at from collection_person where state in ('ny', 'söker')`);
      if (pending?.at) await scheduler.schedule(PEOPLE_JOB_KEY, JOBS.people, {}, { at: new Date(pending.at) });
    },
    async stop() {
      await kicked;
    },
  };
};
