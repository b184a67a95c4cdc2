/**
 * "Hur mycket av åtgärdsplanen har ännu inte fått genomslag, per område?":
 * the reports say it only in their analysis, one sentence per area
 * ("Åtgärdsplanen som påverkar verksamhetsområdet och inte ännu är fullt
 * realiserad uppgår till 12 miljoner kronor för perioden."). Those sentences,
 * each with the area its passage is about.
 */
import type { CatalogueReport } from '../catalogue/catalogue.js';
import { renderCard } from '../cards/render-card.js';
import type { Query } from '../understanding/query.js';
import type { AnswerContext } from './answer-context.js';
import { lineLabel, reportName, sourceLine } from './describe.js';
import type { Reply } from './reply.js';

/** a sentence on what of the action plan has had no effect yet, with its figure */
const UNREALISED = /åtgärdsplan[^.]*\b(?:inte|ej)\b[^.]*(?:realiser|genomslag|effekt)[^.]*\d[^.]*\./iu;

/** The newest report with such sentences; only the areas among `lineKeys` when some are named. */
export function unrealisedByArea(ctx: AnswerContext, q: Query, reports: CatalogueReport[], lineKeys: string[] = []): Reply | undefined {
  const c = ctx.catalogue;
  for (const report of reports) {
    const found = c.passagesOf(report.id).flatMap((p) => {
      const sentence = UNREALISED.exec(p.text.replace(/\s+/g, ' '))?.[0].trim();
      const line = p.lineKeys.map((k) => c.line(report.id, k)).find((l) => l && l.kind !== 'total');
      if (!sentence || !line || (lineKeys.length && !p.lineKeys.some((k) => lineKeys.includes(k)))) return [];
      return [{ area: lineLabel(line), sentence }];
    });
    if (found.length === 0) continue;
    const text = `Det som ännu inte fått effekt av åtgärdsplanen, enligt analysen per område (${reportName(c, report)}): ${found.map((f) => `${f.area}: "${f.sentence}"`).join(' ')}`;
    const card = renderCard('answer', {
      title: 'Åtgärdsplanen: ännu utan effekt, per område',
      subtitle: `Rapportens egen analys · ${reportName(c, report)}`,
      sections: [],
      quotes: found.map((f) => ({ heading: f.area, text: f.sentence })),
      notes: ['Beloppen står bara i rapportens analys, inte i någon tabell.'],
      source: sourceLine(c, report),
      actions: [],
    });
    return { text, card, context: { query: q } };
  }
  return undefined;
}
