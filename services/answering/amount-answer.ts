/**
 * Answers about a line's (or the board's) figures: utfall, budget, prognos,
 * avvikelse, plan — and comparisons with last year or last year's bokslut.
 */
import type { CatalogueLine, CatalogueReport } from '../catalogue/catalogue.js';
import { renderCard } from '../cards/render-card.js';
import { formatNumber } from '../format/swedish-number.js';
import { fromTkr } from '../reports/amount.js';
import { discrepancies, lineAmounts } from '../reports/report-queries.js';
import type { Query } from '../understanding/query.js';
import type { AnswerContext } from './answer-context.js';
import {
  amountText, deviationPhrase, lineLabel, deviationTone, isFullYear, percentChange, periodText, reportName, sourceLine, unitNotes, yearOf,
} from './describe.js';
import { lineComment } from './explanation-answer.js';
import { findFigure, latestPeriod, toFigures, type Figure } from './figures.js';
import { clip } from './goal-answer.js';
import { action, type AnswerView, type ItemRef, type Reply } from './reply.js';

const withRef = (ref: ItemRef) => ({ ref });

export async function answerAmounts(ctx: AnswerContext, q: Query, line: CatalogueLine, report: CatalogueReport, questionWords: string[] = []): Promise<Reply> {
  const c = ctx.catalogue;
  const figures = toFigures(c, report, await lineAmounts(ctx.db, report.id, [line.key]));
  const year = q.year ?? report.year;
  const ref: ItemRef = { type: 'line', reportId: report.id, key: line.key };
  const name = line.kind === 'total' ? `${c.boards.find((b) => b.id === report.board)?.name ?? ''} totalt` : lineLabel(line);
  const resultat = figures.some((f) => f.table.sign === 'resultat');
  const amountWord = resultat ? 'resultatet' : 'nettokostnaden';

  const period = latestPeriod(figures, q.month || q.scope === 'period' ? year : undefined) ?? latestPeriod(figures);
  const periodYear = period ? yearOf(period) : undefined;
  const at = (measure: Figure['measure'], y: number | undefined, scope: 'period' | 'helår') =>
    scope === 'period'
      ? figures.find((f) => f.measure === measure && f.component === 'netto' && f.period_to === period?.period_to && f.period_from === period?.period_from)
      : findFigure(figures, { measure, year: y, scope: 'helår' });
  const parts = figures.every((f) => f.component !== 'netto');

  // the year so far
  const periodFacts: Array<{ title: string; value: string }> = [];
  const pu = at('utfall', periodYear, 'period');
  const pb = at('budget', periodYear, 'period');
  const pa = at('avvikelse', periodYear, 'period');
  const pfg = period && figures.find((f) => f.measure === 'utfall' && f.component === 'netto' && !isFullYear(f) && yearOf(f) === periodYear! - 1 && f.period_to?.slice(5) === period.period_to?.slice(5));
  if (pu) periodFacts.push({ title: `Utfall ${periodText(pu.period_from, pu.period_to)}`, value: amountText(pu, pu.table) });
  if (pb) periodFacts.push({ title: 'Budget för perioden', value: amountText(pb, pb.table) });
  if (pa) periodFacts.push({ title: 'Avvikelse', value: `${amountText(pa, pa.table)}${pa.value ? ` (${pa.value < 0 ? 'underskott' : 'överskott'})` : ''}` });
  if (pfg) periodFacts.push({ title: `Samma period ${yearOf(pfg)}`, value: amountText(pfg, pfg.table) });
  const change = figures.find((f) => f.measure === 'förändring');
  if (change) periodFacts.push({ title: change.column_label, value: amountText(change, change.table) });

  // the full year
  const fullYear = findFigure(figures, { measure: 'prognos', year, scope: 'helår' }) ? year : (figures.find((f) => f.measure === 'prognos') ? yearOf(figures.find((f) => f.measure === 'prognos')!) : year);
  const yp = at('prognos', fullYear, 'helår');
  const yb = at('budget', fullYear, 'helår');
  const ya = at('avvikelse', fullYear, 'helår');
  const ybs = at('utfall', (fullYear ?? year) - 1, 'helår');
  const yearFacts: Array<{ title: string; value: string }> = [];
  if (yp) yearFacts.push({ title: `Prognos helår ${fullYear}`, value: amountText(yp, yp.table) });
  if (yb) yearFacts.push({ title: `Budget ${fullYear}`, value: amountText(yb, yb.table) });
  if (ya) yearFacts.push({ title: 'Avvikelse helår', value: `${amountText(ya, ya.table)}${ya.value ? ` (${ya.value < 0 ? 'underskott' : 'överskott'})` : ''}` });
  if (ybs) yearFacts.push({ title: `Bokslut ${yearOf(ybs)}`, value: amountText(ybs, ybs.table) });

  // multi-year tables (internbudget): utfall, budget and plan per year
  const yearly = figures.filter((f) => isFullYear(f) && (f.component === 'netto' || parts) && f.table.kind !== 'ekonomi' && ['utfall', 'budget', 'plan'].includes(f.measure));
  const multiYear = !yp && new Set(yearly.map((f) => yearOf(f))).size >= 3;

  const view: AnswerView = {
    title: name,
    subtitle: reportName(c, report),
    sections: [],
    quotes: [],
    notes: unitNotes(figures.map((f) => f.table)),
    source: sourceLine(c, report, [...new Set(figures.map((f) => f.table))]),
    actions: [action('Varför?', 'varför', withRef(ref)), action('Jämför med förra året', 'jämför', withRef(ref)), action('Detaljer', 'detaljer', withRef(ref))],
  };
  if (periodFacts.length) view.sections.push({ heading: `Hittills i år (${periodText(period?.period_from ?? null, period?.period_to ?? null)})`, facts: periodFacts });
  if (yearFacts.length) view.sections.push({ heading: `Helår ${fullYear}`, facts: yearFacts });
  // a table of effects on the line ("ökade kostnader … med anledning av coronapandemin"): its columns as printed
  const effects = figures.filter((f) => f.measure === 'effekt' && f.table.kind !== 'åtgärdsplan');
  for (const table of new Set(effects.map((f) => f.table))) {
    view.sections.push({ heading: table.title, facts: effects.filter((f) => f.table === table).map((f) => ({ title: f.column_label, value: amountText(f, table) })) });
  }
  if (multiYear) {
    const sorted = [...yearly].sort((a, b) => (a.period_to ?? '').localeCompare(b.period_to ?? ''));
    view.table = {
      columns: [{ title: 'År', width: 'stretch' }, { title: 'Belopp', width: 'auto', align: 'right' }],
      rows: sorted.map((f) => ({ cells: [{ text: f.column_label }, { text: amountText(f, f.table) }] })),
    };
  }

  // the headline: what was asked
  let headline: Figure | undefined;
  let sentence: string;
  // "ekonomiskt bistånd 2023?" in a 2024 report: that year's outturn, not this year's forecast
  const pastYear = q.year !== undefined && fullYear !== undefined && q.year < fullYear && !!at('utfall', q.year, 'helår');
  const measure = q.measure ?? (pastYear ? 'utfall' : yp ? 'prognos' : pu ? 'utfall' : undefined);
  const scope = q.scope ?? (measure === 'utfall' || measure === 'avvikelse' ? (pu && (q.year === undefined || q.year === periodYear) ? 'period' : 'helår') : 'helår');
  switch (measure) {
    case 'prognos':
      headline = yp;
      sentence = yp
        ? `Prognosen för helår ${fullYear} för ${name} är ${amountText(yp, yp.table)}${yb ? ` mot budget ${amountText(yb, yb.table)}` : ''}${ya ? ` — ${deviationPhrase(ya, ya.table)}` : ''}.`
        : '';
      break;
    case 'avvikelse': {
      const a = scope === 'period' ? (pa ?? ya) : (ya ?? pa);
      headline = a;
      // a report that prints no period budget (SN 2018) leaves that side out rather than a blank
      const against = (word: string, v: typeof pu, b: typeof pb) => [v && `${word} ${amountText(v, v.table)}`, b && `budget ${amountText(b, b.table)}`].filter(Boolean).join(' mot ');
      const basis = a === pa ? `${against('utfall', pu, pb)} ${periodText(pa?.period_from ?? null, pa?.period_to ?? null)}` : `${against('prognos', yp, yb)} för helår ${fullYear}`;
      sentence = a ? `Avvikelsen för ${name} är ${amountText(a, a.table)} (${deviationPhrase(a, a.table)}${shareOfBudget(a, a === pa ? pb : yb)}): ${basis.trim()}.` : '';
      break;
    }
    case 'budget': {
      const b = scope === 'period' ? (pb ?? at('budget', year, 'helår')) : (at('budget', year, 'helår') ?? pb);
      headline = b;
      sentence = b ? `Budgeten ${b === pb ? `för ${periodText(pb.period_from, pb.period_to)}` : `för ${year}`} för ${name} är ${amountText(b, b.table)}.` : '';
      break;
    }
    case 'plan': {
      const p = findFigure(figures, { measure: 'plan', year });
      headline = p;
      sentence = p ? `${name} ligger på ${amountText(p, p.table)} i plan ${year}.` : '';
      break;
    }
    case 'utfall': {
      const u = scope === 'period' ? pu : (at('utfall', year, 'helår') ?? pu);
      headline = u;
      sentence = u
        ? u === pu
          ? `${capital(amountWord)} för ${name} ${periodText(pu.period_from, pu.period_to)} är ${amountText(pu, pu.table)}${pb ? ` mot budget ${amountText(pb, pb.table)}` : ''}${pa ? ` — ${deviationPhrase(pa, pa.table)}` : ''}.`
          : `Utfallet för ${name} ${periodText(u.period_from, u.period_to)} är ${amountText(u, u.table)}.`
        : '';
      break;
    }
    default:
      // the asked year's budget, else its plan ("vad planerar nämnden för 2026")
      headline = yearly.find((f) => yearOf(f) === year && f.measure === 'budget') ?? yearly.find((f) => yearOf(f) === year) ?? yearly[0];
      sentence = headline ? `${name}: ${headline.column_label} ${amountText(headline, headline.table)}.` : '';
  }
  if (headline) {
    view.headline = {
      label: headline.measure === 'avvikelse' ? `Avvikelse ${periodText(headline.period_from, headline.period_to)}` : headline.period_from ? withPeriod(headline) : headline.column_label,
      value: amountText(headline, headline.table),
      color: headline.measure === 'avvikelse' ? deviationTone(headline.value) : 'default',
    };
  }
  // the report's own comment on the line, when it has one: the one citing the deviation the answer leads with
  const cited = headline && isFullYear(headline) ? ya : pa;
  const comment = lineComment(c.passagesOf(report.id), line, questionWords, cited?.value ? [Math.round(fromTkr(cited.value_tkr!, 'mnkr') * 10) / 10] : []);
  if (comment) view.quotes.push({ heading: `Rapportens kommentar (${comment.section})`, text: clip(comment.text, 700) });
  if (!sentence) sentence = `Rapporten har ingen uppgift om ${measureWord(measure)} ${q.year ?? ''} för ${name}; här är det den har.`.replace(/\s+/g, ' ');
  else if (q.claimMnkr !== undefined && headline?.value_tkr) {
    // a deviation claimed may be the year's where the period's was shown, or the other way round
    const other = headline === pa ? ya : headline === ya ? pa : undefined;
    sentence = `${claimVerdict({ mnkr: q.claimMnkr, bound: q.claimBound }, headline, other)} ${sentence}`;
  }
  return {
    text: `${sentence} (${reportName(c, report)})`,
    card: renderCard('answer', view),
    context: { query: q, ref },
  };
}

export async function answerComparison(ctx: AnswerContext, q: Query, line: CatalogueLine, report: CatalogueReport, lead = ''): Promise<Reply> {
  const c = ctx.catalogue;
  const figures = toFigures(c, report, await lineAmounts(ctx.db, report.id, [line.key]));
  const name = line.kind === 'total' ? `${c.boards.find((b) => b.id === report.board)?.name ?? ''} totalt` : lineLabel(line);
  const ref: ItemRef = { type: 'line', reportId: report.id, key: line.key };
  const { now, before, phrase } = comparedFigures(q, figures, report);
  if (!now || !before || now.value === undefined || before.value === undefined) {
    // the report may compare only part of its total (SoN's March 2024: the sum without the units in egen regi)
    const part = line.kind === 'total' && now?.value !== undefined ? await comparedPart(ctx, q, report, now) : undefined;
    if (part) {
      const without = part.description ? ` (${part.description.charAt(0).toLowerCase()}${part.description.slice(1)})` : '';
      return answerComparison(ctx, q, part, report, `${name} har inget jämförbart värde (${phrase}); rapporten jämför ${part.name}${without}. `);
    }
    const reply = await answerAmounts(ctx, { ...q, intent: 'belopp' }, line, report);
    return { ...reply, text: `Rapporten har inget jämförbart värde (${phrase || 'föregående år'}) för ${name}. ${reply.text}` };
  }
  // in tkr: the two figures may come from tables in different units
  const unit = now.table.unit;
  const diff = fromTkr(String(Math.round((Number(now.value_tkr) - Number(before.value_tkr)) * 1e6) / 1e6), unit);
  const decimals = before.table.unit === unit ? Math.max(now.table.decimals, before.table.decimals) : now.table.decimals;
  const printedChange = figures.find((f) => f.measure === 'förändring' && f.period_to === now!.period_to);
  const diffText = printedChange ? amountText(printedChange, printedChange.table) : `${formatNumber(diff, decimals)} ${unit}`;
  const pct = percentChange(Number(now.value_tkr), Number(before.value_tkr));
  const more = diff > 0 ? 'mer' : diff < 0 ? 'mindre' : 'lika mycket';
  const what = capital(figureName(now, true));
  const deviation = q.measure === 'avvikelse' && now.measure !== 'avvikelse' ? figures.find((f) => f.measure === 'avvikelse' && f.table === now.table && f.period_to === now.period_to) : undefined;
  const sentence = `${what} för ${name} är ${amountText(now, now.table)} mot ${amountText(before, before.table)} ${phrase}: ${formatNumber(Math.abs(diff), decimals)} ${unit} ${more}${pct ? ` (${diff > 0 ? '+' : ''}${pct})` : ''}.${deviation ? ` Avvikelsen mot budget är ${amountText(deviation, deviation.table)}.` : ''}`;
  const view: AnswerView = {
    title: `${name}: jämförelse med ${phrase}`,
    subtitle: reportName(c, report),
    headline: { label: `Förändring mot ${phrase}`, value: diff > 0 && !printedChange ? `+${diffText}` : diffText, note: pct ? `${diff > 0 ? '+' : ''}${pct}` : undefined, color: 'default' },
    sections: [{ facts: [now, before].map((f) => ({ title: withPeriod(f), value: amountText(f, f.table) })) }],
    quotes: [],
    notes: [...unitNotes([now.table, before.table]), ...(before.column_note ? [before.column_note] : [])],
    source: sourceLine(c, report, [now.table, before.table]),
    actions: [action('Varför?', 'varför', withRef(ref)), action('Detaljer', 'detaljer', withRef(ref))],
  };
  return { text: `${lead}${sentence} (${reportName(c, report)})`, card: renderCard('answer', view), context: { query: q, ref } };
}

/** The two figures a comparison sets side by side, and what the earlier one is called. */
function comparedFigures(q: Query, figures: Figure[], report: CatalogueReport): { now?: Figure; before?: Figure; phrase: string } {
  const period = latestPeriod(figures);
  const wantsYear = q.measure === 'prognos' || q.measure === 'budget' || q.compareWith === 'bokslut' || q.scope === 'helår' || !period;
  if (q.compareMeasure && q.measure) {
    // two figures named with their years ("prognos 2024 jämfört med bokslut 2023"): the later one is "now"
    // "underskottet 2020 jämfört med bokslut 2019": a deviation beside an outturn says nothing; the forecast (or outturn) is set beside it, the deviation told after
    // (in a table of results, Leanlink's, the deficit is the result itself)
    const results = figures.some((f) => f.table.sign === 'resultat');
    const own = q.measure === 'avvikelse' && q.compareMeasure !== 'avvikelse' && !results ? (q.scope === 'helår' ? 'prognos' : 'utfall') : q.measure;
    const first = namedFigure(figures, own, q.year);
    const named = [first, namedFigure(besideFirst(figures, first), q.compareMeasure, q.compareYear)];
    if (named[0] && named[1] && yearOf(named[1])! > yearOf(named[0])!) named.reverse();
    const [now, before] = named;
    return { now, before, phrase: before ? figureName(before) : `${measureWord(q.compareMeasure)}${q.compareYear ? ` ${q.compareYear}` : ''}` };
  }
  if (!wantsYear && period) {
    const y = q.compareYear ?? yearOf(period)! - 1;
    return {
      now: figures.find((f) => f.measure === 'utfall' && f.period_from === period.period_from && f.period_to === period.period_to),
      before: figures.find((f) => f.measure === 'utfall' && !isFullYear(f) && yearOf(f) === y && f.period_to?.slice(5) === period.period_to?.slice(5)),
      phrase: `samma period ${y}`,
    };
  }
  const measure = q.measure === 'budget' ? 'budget' : 'prognos';
  const inYear = (f: Figure) => q.year === undefined || yearOf(f) === q.year;
  const now =
    figures.find((f) => f.measure === measure && isFullYear(f) && inYear(f)) ??
    figures.find((f) => f.measure === 'budget' && isFullYear(f) && inYear(f)) ??
    figures.find((f) => f.measure === 'budget' && isFullYear(f));
  const y = q.compareYear ?? (now ? yearOf(now)! - 1 : report.year - 1);
  const near = besideFirst(figures, now);
  // a budget against last year's budget when the question is about the budget ("budgeten från 2023 till 2024"), else against the bokslut
  const order = q.measure === 'budget' && q.compareYear ? (['budget', 'utfall'] as const) : (['utfall', 'budget'] as const);
  const before = findFigure(near, { measure: order[0], year: y, scope: 'helår' }) ?? findFigure(near, { measure: order[1], year: y, scope: 'helår' });
  return { now, before, phrase: before?.measure === 'utfall' ? `bokslut ${y}` : `budget ${y}` };
}

/** The figures of a figure's own table first: the bokslut printed beside the prognos (tkr) before a rounded one elsewhere ("221 mnkr"). */
function besideFirst(figures: Figure[], f: Figure | undefined): Figure[] {
  return f ? [...figures.filter((x) => x.table === f.table), ...figures.filter((x) => x.table !== f.table)] : figures;
}

/** A subtotal in the total's own table that the report does compare. */
async function comparedPart(ctx: AnswerContext, q: Query, report: CatalogueReport, total: Figure): Promise<CatalogueLine | undefined> {
  const parts = ctx.catalogue.lines.filter((l) => l.reportId === report.id && l.kind === 'delsumma');
  if (parts.length === 0) return undefined;
  const figures = toFigures(ctx.catalogue, report, await lineAmounts(ctx.db, report.id, parts.map((l) => l.key)));
  return parts.find((l) => {
    const own = figures.filter((f) => f.line_key === l.key);
    const { now, before } = comparedFigures(q, own, report);
    return now?.table === total.table && now.value !== undefined && before?.value !== undefined;
  });
}

/** A figure named in a question: the full year's (a bokslut, a budget, a plan year), else the year so far. */
function namedFigure(figures: Figure[], measure: NonNullable<Query['measure']>, year?: number): Figure | undefined {
  return findFigure(figures, { measure, year, scope: 'helår' }) ?? (measure === 'utfall' ? latestPeriod(figures, year) : undefined);
}

const DEFINITE: Record<string, string> = { prognos: 'prognosen för helår', budget: 'budgeten', plan: 'planen för', bokslut: 'bokslutet', utfall: 'utfallet' };

/** "prognos 2024", "budget 2024", "plan 2025", "bokslut 2023", "utfall jan–mars 2024"; definite: "prognosen för helår 2024" */
function figureName(f: Figure, definite = false): string {
  const [word, when] =
    f.measure !== 'utfall' ? [measureWord(f.measure), String(yearOf(f))]
    : isFullYear(f) ? ['bokslut', String(yearOf(f))]
    : ['utfall', periodText(f.period_from, f.period_to)];
  return `${definite ? DEFINITE[word] ?? word : word} ${when}`;
}

const MONTH_IN_LABEL = /jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec|\d{1,2}\/\d{1,2}/i;

/** A column label with its period, unless the label already says it ("Redovisat jan-mars 2024"). */
function withPeriod(f: Figure): string {
  return isFullYear(f) || MONTH_IN_LABEL.test(f.column_label) ? f.column_label : `${f.column_label} (${periodText(f.period_from, f.period_to)})`;
}

function measureWord(m: string | undefined): string {
  return m === 'utfall' ? 'utfall' : m === 'budget' ? 'budget' : m === 'prognos' ? 'prognos' : m === 'avvikelse' ? 'avvikelse' : m === 'plan' ? 'plan' : 'belopp';
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Drill-down: every figure of the line and its "varav" lines, table by table, with the source's known discrepancies. */
export async function answerDetails(ctx: AnswerContext, line: CatalogueLine, report: CatalogueReport): Promise<Reply> {
  const c = ctx.catalogue;
  const children = c.lines.filter((l) => l.reportId === report.id && l.parentKey === line.key);
  const keys = [line.key, ...children.map((l) => l.key)];
  const [rows, known] = await Promise.all([lineAmounts(ctx.db, report.id, keys), discrepancies(ctx.db, report.id, keys)]);
  const figures = toFigures(c, report, rows);
  const view: AnswerView = {
    title: `${lineLabel(line)} — detaljer`,
    subtitle: reportName(c, report),
    sections: [...new Set(figures.map((f) => f.table))].map((t) => ({
      heading: t.title,
      facts: figures
        .filter((f) => f.table === t)
        .sort((a, b) => keys.indexOf(a.line_key) - keys.indexOf(b.line_key) || a.ordinal - b.ordinal)
        .map((f) => ({
          title: `${f.line_key === line.key ? '' : `varav ${c.line(report.id, f.line_key)?.name ?? f.line_key}: `}${f.column_label}${f.component !== 'netto' ? ` (${f.component})` : ''}`,
          value: amountText(f, f.table),
        })),
    })),
    quotes: line.description ? [{ heading: 'Omfattar', text: line.description }] : [],
    notes: [...unitNotes(figures.map((f) => f.table)), ...known.map((d) => `Rapporten går inte ihop här: ${d.note}`), ...[...new Set(figures.flatMap((f) => (f.column_note ? [f.column_note] : [])))]],
    source: sourceLine(c, report, [...new Set(figures.map((f) => f.table))]),
    actions: [action('Varför?', 'varför', { ref: { type: 'line', reportId: report.id, key: line.key } })],
  };
  return {
    text: `Alla uppgifter om ${lineLabel(line)} i ${reportName(c, report)}.`,
    card: renderCard('answer', view),
    context: { query: { intent: 'belopp' }, ref: { type: 'line', reportId: report.id, key: line.key } },
  };
}

/** ", 2,6 % av budgeten": a deviation's size against a cost budget (a result's budget may be zero or negative: no share then). */
function shareOfBudget(deviation: Figure, budget: Figure | undefined): string {
  const [d, b] = [deviation, budget].map((f) => (f?.value_tkr ? fromTkr(f.value_tkr, f.table.unit) : undefined));
  // (a deviation larger than the budget is a small net line, "Resultat nämndens enheter": a share says nothing there)
  if (d === undefined || !b || b <= 0 || deviation.table.sign === 'resultat' || d === 0 || Math.abs(d) >= b) return '';
  return `, ${formatNumber((Math.abs(d) / b) * 100, 1)} % av budgeten`;
}

/** "Stämmer det att vi gått back 30 miljoner?": yes or no against the report's figure — about the same (within 5 %), or beyond the bound said. */
function claimVerdict(claim: { mnkr: number; bound?: Query['claimBound'] }, figure: Figure, other?: Figure): string {
  const said = `${claim.bound ? `${claim.bound} ` : ''}${formatNumber(claim.mnkr, Number.isInteger(claim.mnkr) ? 0 : 1)} mnkr`;
  const holds = (f: Figure) => {
    const mnkr = Math.abs(fromTkr(f.value_tkr!, 'mnkr'));
    return claim.bound === 'över' ? mnkr > claim.mnkr : claim.bound === 'under' ? mnkr < claim.mnkr : Math.abs(mnkr - claim.mnkr) <= Math.max(0.5, claim.mnkr * 0.05);
  };
  if (holds(figure)) return `Ja, det stämmer (${said}):`;
  if (other?.value_tkr && holds(other)) {
    return isFullYear(other)
      ? `Ja, för helåret enligt prognosen (${amountText(other, other.table)}, ${said}) — hittills i år:`
      : `Ja, för perioden ${periodText(other.period_from, other.period_to)} (${amountText(other, other.table)}, ${said}) — för helåret:`;
  }
  return `Nej, inte ${said}:`;
}

/**
 * "Hur stor del av nämndens budget 2020 gick till IFO?": the line's figure
 * as a share of the board's total in the same column — both figures the
 * report prints, the share worked out from them.
 */
export async function shareOfBoard(ctx: AnswerContext, q: Query, line: CatalogueLine, report: CatalogueReport): Promise<string | undefined> {
  const total = ctx.catalogue.lines.find((l) => l.reportId === report.id && l.kind === 'total');
  if (!total || total.key === line.key) return undefined;
  const measure = q.measure === 'prognos' || q.measure === 'utfall' || q.measure === 'plan' ? q.measure : 'budget';
  const year = q.year ?? report.year;
  const [own, all] = await Promise.all([line, total].map(async (l) => findFigure(toFigures(ctx.catalogue, report, await lineAmounts(ctx.db, report.id, [l.key])), { measure, year, scope: 'helår' })));
  if (!own?.value_tkr || !all?.value_tkr || all.table.key !== own.table.key) return undefined;
  const share = formatNumber((100 * Number(own.value_tkr)) / Number(all.value_tkr), 1);
  const whole = `${ctx.catalogue.boards.find((b) => b.id === report.board)?.name ?? 'nämnden'} totalt`;
  return `Det är ${share} % av ${measure === 'budget' ? 'budgeten' : measure === 'prognos' ? 'prognosen' : measure === 'plan' ? 'planen' : 'utfallet'} ${year} för ${whole}, ${amountText(all, all.table)}.`;
}
