/** A service Reply as a Bot Framework message activity. */
import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { AiCitation, Reply } from '../services/answering/reply.js';
import { keepCustomEntityFields } from './entity-fields.js';

keepCustomEntityFields();

export function toActivity(reply: Reply): Partial<Activity> {
  const activity = reply.card
    ? MessageFactory.attachment(CardFactory.adaptiveCard(reply.card), reply.text)
    : MessageFactory.text(reply.text);
  activity.textFormat = 'plain';
  if (reply.ai) {
    // Teams renders in-text citations ([1]) in markdown messages, as the Teams AI library sends them
    activity.textFormat = 'markdown';
    activity.entities = [...(activity.entities ?? []), aiMessageEntity(reply.ai.citations)];
  }
  return activity;
}

/**
 * Teams' AI label and citations: the root schema.org Message entity of the
 * activity, marked AIGeneratedContent, with one Claim per [n] in the text.
 */
function aiMessageEntity(citations: AiCitation[]) {
  return {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    additionalType: ['AIGeneratedContent'],
    ...(citations.length
      ? {
          citation: citations.map((c) => ({
            '@type': 'Claim',
            position: c.position,
            appearance: { '@type': 'DigitalDocument', name: c.name, abstract: c.abstract },
          })),
        }
      : {}),
  };
}

/** The invoke response that replaces the card the button was on (Universal Actions). */
export function toInvokeResponse(reply: Reply) {
  return reply.card
    ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.card }
    : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: reply.text };
}
