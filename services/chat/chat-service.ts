/**
 * One turn of chat, independent of the bot SDK: a message or a card action
 * from someone in a conversation, and the reply. Features (deviation alerts,
 * indicator collection) plug in as commands and card verbs; everything else is
 * a question answered from the report store.
 */
import { z } from 'zod';
import { answerRef, answerText, itemRef } from '../answering/answer-question.js';
import type { AnswerContext, AnswerHelp } from '../answering/answer-context.js';
import { help, welcome } from '../answering/help-answer.js';
import type { AnswerWorkers } from '../answering/answer-workers.js';
import type { Knowledge } from '../answering/knowledge.js';
import type { ConversationContext, Reply } from '../answering/reply.js';
import { query } from '../understanding/query.js';
import type { ConversationInfo, ConversationStore } from '../conversation/conversation-store.js';

export interface ChatUser {
  id: string;
  aadObjectId?: string;
  name?: string;
  /** the user's e-mail/UPN, looked up from Teams only when asked for */
  email?: () => Promise<string | undefined>;
}

export interface ChatTurn {
  conversation: ConversationInfo;
  user: ChatUser;
}

/** A text command a feature understands ("prenumerera på avvikelser …"); undefined = not mine. */
export interface ChatCommand {
  handle(turn: ChatTurn, text: string): Promise<Reply | undefined>;
}

/** Card buttons a feature owns, by verb. */
export interface CardVerbs {
  verbs: readonly string[];
  handle(turn: ChatTurn, verb: string, data: Record<string, unknown>): Promise<Reply>;
}

/** The longest question worth reading; longer text gets a polite request to shorten it. */
export const MAX_QUESTION_LENGTH = 500;

const refAction = z.object({ ref: itemRef, query: query.optional() }).passthrough();
const askAction = z.object({ text: z.string().min(1).max(MAX_QUESTION_LENGTH) }).passthrough();

export class ChatService {
  private readonly commands: ChatCommand[] = [];
  private readonly verbs = new Map<string, CardVerbs>();

  constructor(
    private readonly knowledge: Knowledge,
    private readonly conversations: ConversationStore,
    /** optional language-model help for answering (services/llm/) */
    private readonly assist?: AnswerHelp,
    /** optional answering threads (ANSWER_WORKERS) */
    private readonly workers?: AnswerWorkers,
  ) {}

  addCommand(command: ChatCommand): this {
    this.commands.push(command);
    return this;
  }

  addVerbs(handler: CardVerbs): this {
    for (const v of handler.verbs) this.verbs.set(v, handler);
    return this;
  }

  private async context(turn?: ChatTurn): Promise<AnswerContext> {
    const { catalogue, names, reads } = await this.knowledge.current();
    // the model's per-user limit counts by Teams user; the id itself is never sent to the model
    const assist = turn && this.assist?.forUser(turn.user.aadObjectId ?? turn.user.id);
    return { db: reads, catalogue, names, ...assist };
  }

  /** turns (a message in, its reply out) in progress on this instance: how busy its main thread is */
  private turns = 0;

  /** Runs one whole turn, sending the reply included, so that answering knows how busy this instance is. */
  async during<T>(turn: () => Promise<T>): Promise<T> {
    this.turns++;
    try {
      return await turn();
    } finally {
      this.turns--;
    }
  }

  async message(turn: ChatTurn, rawText: string): Promise<Reply> {
    const previous = await this.conversations.remember(turn.conversation, { later: true });
    const text = rawText.replace(/\s+/g, ' ').trim();
    const ctx = await this.context(turn);
    if (text.length > MAX_QUESTION_LENGTH) {
      return help(ctx.catalogue, `Frågan är för lång (${text.length} tecken). Skriv en kortare fråga, högst ${MAX_QUESTION_LENGTH} tecken.`);
    }
    for (const command of this.commands) {
      const reply = await command.handle(turn, text);
      if (reply) return reply;
    }
    const reply = await this.answer(ctx, text, previous);
    if (reply.context) await this.conversations.saveContext(turn.conversation.id, reply.context);
    return reply;
  }

  /**
   * Here when no other turn is in progress (the quickest reply: no hand-over);
   * when others are, on an answering thread if there are any, so that the main
   * thread is free for HTTP and the Bot Framework. A language model taking
   * part always answers here.
   */
  private async answer(ctx: AnswerContext, text: string, previous?: ConversationContext): Promise<Reply> {
    if (this.workers && this.turns > 1 && !ctx.interpreter && !ctx.summarizer) {
      const reply = await this.workers.answer(text, previous, ctx.catalogue.version).catch(() => undefined);
      if (reply) return reply;
    }
    return answerText(ctx, text, previous);
  }

  /** A card button (Action.Execute or its Action.Submit fallback). */
  async action(turn: ChatTurn, verb: string, data: Record<string, unknown>): Promise<Reply> {
    await this.conversations.remember(turn.conversation);
    const feature = this.verbs.get(verb);
    if (feature) return feature.handle(turn, verb, data);
    // buttons name their item exactly, and their card replaces the old one without a message text: no model help
    const ctx = await this.context();
    if (verb === 'fråga') {
      const ask = askAction.safeParse(data);
      return ask.success ? this.message(turn, ask.data.text) : help(ctx.catalogue, 'Knappen saknar en fråga.');
    }
    if (['visa', 'varför', 'jämför', 'detaljer', 'mål'].includes(verb)) {
      const parsed = refAction.safeParse(data);
      if (!parsed.success) return help(ctx.catalogue, 'Knappen skickade något jag inte känner igen.');
      const reply = await answerRef(ctx, verb, parsed.data.ref, parsed.data.query);
      if (reply.context) await this.conversations.saveContext(turn.conversation.id, reply.context);
      return reply;
    }
    return help(ctx.catalogue, `Jag känner inte igen knappen "${verb.slice(0, 40)}".`);
  }

  async remember(turn: ChatTurn): Promise<void> {
    await this.conversations.remember(turn.conversation);
  }

  async installed(turn: ChatTurn): Promise<Reply> {
    await this.conversations.remember(turn.conversation);
    const { catalogue } = await this.knowledge.current();
    return welcome(catalogue, turn.conversation.type === 'personal' ? turn.user.name?.split(' ')[0] : undefined);
  }

  async uninstalled(turn: ChatTurn): Promise<void> {
    await this.conversations.forget(turn.conversation.id);
  }
}
