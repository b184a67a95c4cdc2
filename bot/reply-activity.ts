/** A service Reply as a Bot Framework message activity. */
import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { Reply } from '../services/answering/reply.js';

export function toActivity(reply: Reply): Partial<Activity> {
  const activity = reply.card
    ? MessageFactory.attachment(CardFactory.adaptiveCard(reply.card), reply.text)
    : MessageFactory.text(reply.text);
  activity.textFormat = 'plain';
  return activity;
}

/** The invoke response that replaces the card the button was on (Universal Actions). */
export function toInvokeResponse(reply: Reply) {
  return reply.card
    ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.card }
    : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: reply.text };
}
