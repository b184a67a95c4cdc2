/**
 * Replies about more than one item: the other readings as buttons, the
 * indicators a question fits equally, two items asked for at once.
 */
import type { Catalogue, CatalogueReport } from '../catalogue/catalogue.js';
import type { Match } from '../catalogue/name-matcher.js';
import { finishCard, renderCard, type AdaptiveCard } from '../cards/render-card.js';
import { kindWord } from './indicator-answer.js';
import { action, type Reply } from './reply.js';

/** What an item is called in a list of readings. */
export type LabelOf = (m: Match) => string;
const byName: LabelOf = (m) => m.entity.label;

/** Names, with the report's table where one measure is in two of them ("Total sjukfrånvaro (Förvaltningsindikator)"). */
export function byTable(c: Catalogue, all: Match[]): LabelOf {
  const kindOf = (m: Match) => c.indicator(m.entity.reportId, m.entity.key)?.kind ?? '';
  return (m) => (all.filter((o) => o.entity.label === m.entity.label).length > 1 ? `${m.entity.label} (${kindWord(kindOf(m))})` : m.entity.label);
}

/** An answer about one item, with the other readings offered as buttons. */
export function withAlternatives(reply: Reply, report: CatalogueReport, others: Match[], labelOf: LabelOf = byName): Reply {
  const names = others.map(labelOf);
  return { ...withButtons(reply, report, others, labelOf), text: `${reply.text} Menade du något annat? Det finns också: ${names.join('; ')}.` };
}

/** An answer about several items the question fits equally, each offered on its own. */
export function withFamily(reply: Reply, report: CatalogueReport, shown: Match[]): Reply {
  return { ...withButtons(reply, report, shown), text: `${reply.text} Frågan passar ${shown.length} indikatorer, här visas alla. Gällde den en av dem? Välj den nedan.` };
}

function withButtons(reply: Reply, report: CatalogueReport, items: Match[], labelOf: LabelOf = byName): Reply {
  const buttons = items.slice(0, 4).map((o) => {
    const label = labelOf(o);
    return action(label.length > 40 ? `${label.slice(0, 38)}…` : label, 'visa', { ref: { type: o.entity.type, reportId: report.id, key: o.entity.key } });
  });
  return { ...reply, card: reply.card && finishCard({ ...reply.card, actions: [...((reply.card.actions as unknown[] | undefined) ?? []), ...buttons] }) };
}

/** Two answers as one message: the texts in turn, the cards' bodies one below the other (cards/answers.json), each button saying whose it is. */
export function together(replies: Reply[]): Reply {
  const cards = replies.flatMap((r) => (r.card ? [r.card] : []));
  const body = (card: AdaptiveCard) => (card.body as Array<{ text?: string }> | undefined) ?? [];
  const actions = cards.flatMap((k) => {
    const name = (body(k)[0]?.text ?? '').split(':')[0]!; // "varav intäkter: jämförelse med …"
    return ((k.actions as Array<{ title: string; verb?: string; data?: unknown }> | undefined) ?? [])
      .filter((a) => a.verb !== 'jämför') // a card holds five buttons: "Varför?" and "Detaljer" for each
      .map((a) => ({ type: 'Action.Execute', verb: a.verb, data: a.data, title: `${a.title} (${name.length > 30 ? `${name.slice(0, 28)}…` : name})` }));
  });
  const card = cards.length ? renderCard('answers', { answers: cards.map((k) => ({ body: body(k) })), actions: actions.slice(0, 5) }) : undefined;
  return { text: replies.map((r) => r.text).join(' '), card, context: replies[0]!.context };
}
