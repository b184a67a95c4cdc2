/**
 * What the bot says back: a short Swedish sentence and, usually, an Adaptive
 * Card. Independent of any bot SDK.
 */
import type { AdaptiveCard } from '../cards/render-card.js';
import type { EntityType } from '../catalogue/name-matcher.js';
import type { Query } from '../understanding/query.js';

/** A resolved item in the store: a line, indicator, goal or assignment of one report. */
export interface ItemRef {
  type: EntityType;
  reportId: string;
  key: string;
}

/** What a conversation remembers for follow-up questions. */
export interface ConversationContext {
  query: Query;
  ref?: ItemRef;
}

export interface Reply {
  text: string;
  card?: AdaptiveCard;
  /** set when the answer executed a query, to remember for follow-ups */
  context?: ConversationContext;
  /** the text was written by a language model: Teams labels it AI-generated and shows these citations */
  ai?: { citations: AiCitation[] };
}

/** A source the AI-written text cites as [position]. */
export interface AiCitation {
  position: number;
  /** at most 80 characters */
  name: string;
  /** at most 160 characters */
  abstract: string;
}

export type Tone = 'good' | 'attention' | 'warning' | 'default';

/** A card button as Teams reads it (a Universal Action), so a template can bind a list of them as it is. */
export interface CardAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

/** The data of cards/answer.json. */
export interface AnswerView {
  title: string;
  subtitle?: string;
  headline?: { label: string; value: string; color?: Tone; note?: string };
  sections: Array<{ heading?: string; facts: Array<{ title: string; value: string }> }>;
  table?: {
    /** a column's alignment holds for its cells */
    columns: Array<{ title: string; width: 'auto' | 'stretch' | number; align?: 'right' }>;
    rows: Array<{ cells: Array<{ text: string; color?: Tone }> }>;
  };
  quotes: Array<{ heading?: string; text: string }>;
  notes: string[];
  source?: string;
  actions: CardAction[];
}

export function action(title: string, verb: string, data: Record<string, unknown> = {}): CardAction {
  return { type: 'Action.Execute', title, verb, data: { ...data, verb } };
}
