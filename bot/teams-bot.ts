/**
 * The Teams activity handler: turns Teams activities into chat turns for the
 * ChatService and its replies back into activities. In group chats and
 * channels it answers only when @mentioned.
 */
import {
  TeamsActivityHandler,
  TeamsInfo,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ChannelAccount,
} from 'botbuilder';
import type { ChatService, ChatTurn } from '../services/chat/chat-service.js';
import { conversationType } from '../services/conversation/conversation-store.js';
import type { Logger } from '../services/logging/logger.js';
import { toActivity, toInvokeResponse } from './reply-activity.js';

export class TeamsBot extends TeamsActivityHandler {
  constructor(
    private readonly chat: ChatService,
    private readonly log: Logger,
  ) {
    super();

    this.onMessage(async (context, next) => {
      await this.chat.during(async () => {
        const started = performance.now();
        const activity = context.activity;
        const turn = chatTurn(context);
        const value = activity.value as Record<string, unknown> | undefined;
        if (value && typeof value === 'object' && typeof value.verb === 'string') {
          // Action.Submit fallback of a card button
          await context.sendActivity(toActivity(await this.chat.action(turn, value.verb, value)));
        } else if (turn.conversation.type === 'personal' || mentionsBot(context)) {
          const text = stripMarkup(TurnContext.removeRecipientMention(activity) ?? activity.text ?? '');
          const reply = await this.chat.message(turn, text);
          await context.sendActivity(toActivity(reply));
          this.log.info({ event: 'fråga', ms: Math.round(performance.now() - started), intent: reply.context?.query.intent, report: reply.context?.ref?.reportId }, 'svar skickat');
        }
      });
      await next();
    });

    // Teams sends both installationUpdate and conversationUpdate on install: welcome once, on the latter
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.chat.remember(chatTurn(context));
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.chat.uninstalled(chatTurn(context));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (botIn(context, context.activity.membersAdded)) await context.sendActivity(toActivity(await this.chat.installed(chatTurn(context))));
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      if (botIn(context, context.activity.membersRemoved)) await this.chat.uninstalled(chatTurn(context));
      await next();
    });
  }

  /** Action.Execute: the reply card replaces the card the button was on. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const verb = invoke.action?.verb ?? '';
    const data = (invoke.action?.data ?? {}) as Record<string, unknown>;
    const reply = await this.chat.action(chatTurn(context), verb, data);
    return toInvokeResponse(reply) as AdaptiveCardInvokeResponse;
  }
}

/** A conversation type Teams may add later is treated as a 1:1 (built once: a zod schema is costly to build per turn). */
const typeOrPersonal = conversationType.catch('personal');

function chatTurn(context: TurnContext): ChatTurn {
  const a = context.activity;
  const channelData = (a.channelData ?? {}) as { tenant?: { id?: string }; team?: { id?: string } };
  const type = typeOrPersonal.parse(a.conversation.conversationType ?? 'personal');
  return {
    conversation: {
      id: a.conversation.id,
      type,
      tenantId: a.conversation.tenantId ?? channelData.tenant?.id,
      teamId: channelData.team?.id,
      userAadId: type === 'personal' ? a.from.aadObjectId : undefined,
      reference: reachable(a),
    },
    user: {
      id: a.from.id,
      aadObjectId: a.from.aadObjectId,
      name: a.from.name,
      email: () => TeamsInfo.getMember(context, a.from.id).then((m) => m.email ?? m.userPrincipalName ?? undefined, () => undefined),
    },
  };
}

/** How to reach the conversation later: the reference without this turn's activity id (a proactive message is not a reply). */
function reachable(activity: TurnContext['activity']): Record<string, unknown> {
  const { activityId: _turnOnly, ...reference } = TurnContext.getConversationReference(activity);
  return reference as Record<string, unknown>;
}

function mentionsBot(context: TurnContext): boolean {
  return TurnContext.getMentions(context.activity).some((m) => m.mentioned?.id === context.activity.recipient.id);
}

function botIn(context: TurnContext, members: ChannelAccount[] | undefined): boolean {
  return (members ?? []).some((m) => m.id === context.activity.recipient.id);
}

/** Teams may send HTML; keep the words. */
function stripMarkup(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .trim();
}
