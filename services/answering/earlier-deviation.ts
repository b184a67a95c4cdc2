/**
 * "Hur stort är underskottet i prognosen 2020 jämfört med 2019?": the year
 * before's deviation is no table's figure — the report states it only in its
 * text ("För år 2019 redovisades ett underskott med 18,6 mnkr."). The board's
 * deviation for the later year from the table, the earlier one quoted.
 */
import type { CatalogueReport } from '../catalogue/catalogue.js';
import { renderCard } from '../cards/render-card.js';
import { lineAmounts } from '../reports/report-queries.js';
import type { Query } from '../understanding/query.js';
import type { AnswerContext } from './answer-context.js';
import { amountText, deviationPhrase, reportName, sourceLine } from './describe.js';
import { findFigure, toFigures } from './figures.js';
import { totalLine } from './item-finder.js';
import type { Reply } from './reply.js';

/** The text's own account of a year's result ("För år 2019 redovisades ett underskott med 18,6 mnkr"), not a line's. */
const yearResult = (year: number) =>
  new RegExp(`(?:^|\\s)(?:för|under) (?:år )?${year},? (?:redovisade\\p{L}*|visade\\p{L}*|blev|uppgick|hade)[^.]*?(?:underskott|överskott)[^.]*\\d[^.]*\\.`, 'iu');

/** Undefined when no report has the later year's deviation, or has the earlier one in a table too (then it is an ordinary comparison). */
export async function earlierDeviation(ctx: AnswerContext, q: Query, reports: CatalogueReport[]): Promise<Reply | undefined> {
  const c = ctx.catalogue;
  const asked = [q.year, q.compareYear].filter((y): y is number => y !== undefined);
  if (asked.length === 0) return undefined;
  const later = Math.max(...asked);
  const earlier = asked.length > 1 ? Math.min(...asked) : later - 1;
  for (const report of reports) {
    const total = totalLine(c, report.id);
    if (!total) continue;
    const figures = toFigures(c, report, await lineAmounts(ctx.db, report.id, [total.key]));
    const now = findFigure(figures, { measure: 'avvikelse', year: later, scope: 'helår' });
    if (!now?.value_tkr || findFigure(figures, { measure: 'avvikelse', year: earlier, scope: 'helår' })) continue;
    const pattern = yearResult(earlier);
    const said = c.passagesOf(report.id).map((p) => pattern.exec(p.text.replace(/\s+/g, ' '))?.[0].trim()).find(Boolean);
    if (!said) return undefined;
    const name = `${c.boards.find((b) => b.id === report.board)?.name ?? ''} totalt`;
    const text =
      `Avvikelsen för ${name} helår ${later} är ${amountText(now, now.table)} (${deviationPhrase(now, now.table)}). ` +
      `För ${earlier} har tabellerna ingen avvikelse, men rapportens text säger: "${said}" (${reportName(c, report)})`;
    const card = renderCard('answer', {
      title: `${name}: avvikelse ${later} och ${earlier}`,
      subtitle: reportName(c, report),
      headline: { label: `Avvikelse helår ${later}`, value: amountText(now, now.table), color: now.value! < 0 ? 'attention' : 'good' },
      sections: [],
      quotes: [{ heading: `${earlier}, ur rapportens text`, text: said }],
      notes: [`Avvikelsen för ${earlier} står bara i rapportens text, inte i någon tabell.`],
      source: sourceLine(c, report, [now.table]),
      actions: [],
    });
    return { text, card, context: { query: q } };
  }
  return undefined;
}
