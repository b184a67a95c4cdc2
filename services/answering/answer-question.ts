/**
 * From a question (or a card button) to a reply: understand, find the report
 * and the item, read the figures from the store, and say it with the source.
 * Never a number that is not in the store.
 */
import { z } from 'zod';
import type { Catalogue, CatalogueLine, CatalogueReport, CatalogueTable } from '../catalogue/catalogue.js';
import type { EntityType, Match } from '../catalogue/name-matcher.js';
import { MONTH_WORD, isRuleWord, parseQuestion, type BoardNames, type ParsedQuestion } from '../understanding/parse-question.js';
import { secondOpinion } from '../understanding/interpreter.js';
import { writtenAsTyped } from '../understanding/spoken-text.js';
import type { Query } from '../understanding/query.js';
import { STOPWORDS, fold, stem, words as toWords } from '../understanding/swedish-text.js';
import { answerAmounts, answerComparison, answerDetails, shareOfBoard } from './amount-answer.js';
import { MONEY, isCost, negationNotNamed, timeNotNamed, unitCostAsked, withoutCount, withoutSplit, withoutWhatWasAsked } from './answer-caveats.js';
import type { AnswerContext } from './answer-context.js';
import { answerAssignment, answerAssignmentList } from './assignment-answer.js';
import { isFullYear, monthName, periodText, reportName } from './describe.js';
import { lineLabel } from './describe.js';
import { answerExplanation, lineComment, passageWords, rankPassages } from './explanation-answer.js';
import { offers } from './figures.js';
import { rankIndicators } from './indicator-ranking.js';
import { answerIndicatorTrends } from './indicator-trends.js';
import { earlierDeviation } from './earlier-deviation.js';
import { unrealisedByArea } from './unrealised-measures.js';
import { ASSESSMENT_PHRASE, answerGoal, answerGoalList } from './goal-answer.js';
import { choose, help, noFigure, notUnderstood, otherBoard } from './help-answer.js';
import { answerIndicators } from './indicator-answer.js';
import { chooseKind, countFirst, distinctFrom, isConfident } from './item-choice.js';
import { allowedReports, complete, COMPLETE, effectiveYear, findItem, totalLine, type Found } from './item-finder.js';
import { averageInText, proseMention, sentencesOf, sumBesideItem, totalInText, type Compound } from './prose-answer.js';
import { answerRanking, deviationTables, type RankingOptions } from './ranking-answer.js';
import { type ConversationContext, type ItemRef, type Reply } from './reply.js';
import { byTable, together, withAlternatives, withFamily } from './several-items.js';
import { answerActionPlan, answerInvestments } from './table-answer.js';

export interface Words {
  subject: string[];
  context: string[];
  /** the subject in the parts "och" separates, when it has more than one */
  parts?: string[][];
  /** the question as written, to quote its words back */
  asked?: string;
  /** subject words no name has that were read as two that names do ("skyddsplacerades" → "skydd", "placerades") */
  compounds?: Compound[];
  /** "inklusive egen regi": what the question adds to the item */
  included?: string[];
}

/** One per catalogue, so the parser's prepared board patterns are built once. */
const namesOf = new WeakMap<AnswerContext['catalogue'], BoardNames>();
export function boardNames(ctx: AnswerContext): BoardNames {
  let names = namesOf.get(ctx.catalogue);
  if (!names) namesOf.set(ctx.catalogue, (names = { boards: ctx.catalogue.boards, otherBoards: ctx.catalogue.otherBoards }));
  return names;
}

export function understand(ctx: AnswerContext, said: string, previous?: ConversationContext): { query: Query; words: Words; parsed: ParsedQuestion } {
  const text = writtenAsTyped(said, (left, right) => isRuleWord(left + right) || ctx.names.compound(left, right));
  const parsed = parseQuestion(text, boardNames(ctx));
  let query = parsed.query;
  let words: Words = { subject: parsed.subjectWords, context: parsed.contextWords, parts: parsed.subjectParts, asked: text, included: parsed.includedWords };
  if (parsed.followUp && previous) {
    query = mergeFollowUp(previous.query, parsed.query);
    if (!parsed.query.subject && previous.query.subject) words = { subject: toWords(previous.query.subject), context: [...parsed.contextWords, ...toWords(previous.query.subject)] };
  }
  return { query, words, parsed };
}

/** Answer a question typed in chat. */
export async function answerText(ctx: AnswerContext, text: string, previous?: ConversationContext): Promise<Reply> {
  if (!text.trim()) return help(ctx.catalogue, 'Skriv en fråga så svarar jag.');
  const { query, words, parsed } = understand(ctx, text, previous);
  // unsure (words that name nothing): a configured language model may read the question; its query is checked, then executed
  const second = parsed.followUp && previous ? undefined : await secondOpinion(ctx.interpreter, ctx.catalogue, ctx.names, text, parsed);
  if (second) return answerQuery(ctx, second.query, { subject: second.subjectWords, context: [...second.subjectWords, ...parsed.contextWords] });
  // "är det bättre än förra året?", "jämför dom två" with no answer before it to point back to: ask what is meant
  if (parsed.followUp && !previous && !parsed.subjectWords.length && query.board === undefined && query.year === undefined && POINTS_BACK.test(text)) {
    return help(ctx.catalogue, 'Vad syftar du på? Jag har inget tidigare svar i den här konversationen att utgå från — skriv vad du menar, till exempel "Är underskottet för Barn och ungdomsvård större än förra året?"');
  }
  // "med respektive utan egenregin": the figure with it and without it, side by side
  const both = WITH_AND_WITHOUT.exec(text);
  if (both) {
    const each = await Promise.all(['inklusive', 'utan'].map((w) => answerText(ctx, text.replace(both[0], w), previous)));
    if (each.every((r) => r.context)) return together(each);
  }
  // "vad anger internbudgeten och vad anger delårsrapporten?": the same thing from each, side by side
  if (!parsed.followUp && NAMES_INTERNBUDGET.test(text) && NAMES_DELAR.test(text) && ['belopp', 'indikator', 'jämförelse', 'investering'].includes(query.intent)) {
    const ofKind = (reportKind: 'internbudget' | 'delårsrapport') =>
      answerQuery(ctx, { ...query, intent: query.intent === 'jämförelse' ? 'belopp' : query.intent, compareWith: undefined, reportKind, ...(reportKind === 'internbudget' ? { month: undefined } : {}) }, words);
    const each = (await Promise.all([ofKind('internbudget'), ofKind('delårsrapport')])).filter((r) => r.context);
    if (each.length === 2) return together(each);
  }
  // "jämfört med förra året?" right after an answer about a line: compare that line
  if (parsed.followUp && previous?.ref?.type === 'line' && !parsed.query.subject && query.intent === 'jämförelse') {
    return answerRef(ctx, 'jämför', previous.ref, query);
  }
  return answerQuery(ctx, query, words);
}

function mergeFollowUp(prev: Query, next: Query): Query {
  const merged: Query = { ...prev };
  for (const [k, v] of Object.entries(next)) if (v !== undefined && k !== 'intent') (merged as Record<string, unknown>)[k] = v;
  if (next.intent !== 'belopp' || next.measure) merged.intent = next.intent;
  if (next.subject) delete merged.total;
  if (next.intent !== 'jämförelse' && !next.compareWith) delete merged.compareWith;
  return merged;
}

/** An outturn or forecast asked for a year: where the reports have none, the year may still have a budget or plan. */
const plannedOnly = (q: Query, year: number | undefined) => (q.measure === 'utfall' || q.measure === 'prognos') && year !== undefined && q.intent !== 'jämförelse';
/** That budget or plan, said first not to be the outturn asked for. */
const asPlanned = (q: Query, year: number, reply: Reply) => (q.measure === 'utfall' ? withoutWhatWasAsked(reply, `ingen uppgift om utfall för ${year}`) : reply);

/** Unknown words this long are compound nouns that name something ("bemanningsföretag"), not the filler beside a board ("egentligen", "pressrelease"). */
const THING = 13;

/** "vilka …", "which …": more than one thing is asked for */
const WHICH_PLURAL = /(?<!\p{L})(?:vilka|which ones|what are the)(?!\p{L})/iu;

/** the staff situation as a whole ("personalläget", "how is the staffing situation") */
const STAFF_SITUATION = /(?<!\p{L})(?:personalläge\p{L}*|personalsituation\p{L}*|läget för personalen|staff(?:ing)? situation|personnel situation|workforce situation)(?!\p{L})/iu;

/** a plural in the definite form ("gruppbostäderna", "boendena"): the asker means every item it names */
const PLURAL_DEFINITE = /(?<![\p{L}])\p{L}{4,}(?:erna|arna|orna|ena)(?![\p{L}])/u;

/** a queue or waiting list, which no report counts ("kön till äldreboende", "the queue for a care home"; "mellan kön" is the sexes) */
const QUEUE = /(?<!\p{L})(?:kö|köer|köerna|kötid\p{L}*|väntelist\p{L}*|queues?|waiting lists?|kön(?= (?:till|för|på|vid|hos) )|väntar på (?:en )?plats|(?:are |people )?waiting for a place)(?!\p{L})/iu;

/** a rent asked for ("hyran", "årshyran", "the rent"), which no report's tables hold ("hyresavtal" is a share of tenancies; "rent ekonomiskt" is Swedish) */
const RENT = /(?<!\p{L})(?:hyr(?:a|an|or|orna|orne)|årshyr\p{L}*|hyreskostnad\p{L}*|hyresnivå\p{L}*|(?:the|annual|monthly|yearly) rents?|rents? (?:for|of|on|at)|rental costs?)(?!\p{L})/iu;

/** two questions in one (", och hur mycket …", "och vad är …"), not an "och" inside a name */
const CLAUSE_JOIN = /,\s*(?:och|samt|and)\s|(?<!\p{L})(?:och|samt|and) (?:hur|vad|vilk\p{L}*|how|what|which)(?!\p{L})/iu;

/** the head of a compound that makes an item's name a word for its costs ("familjehems|kostnaderna") */
const COST_HEAD = /^kostnad/;

/** units within an area, which no table ranks ("vilket av vårdboendena", "vilken LSS-enhet", "vilken av R9-kommunerna") */
const UNITS_RANKED = /(?<!\p{L})(?:vilk(?:en|et|a) av (?:\p{L}+ )?(?:[\p{L}-]*enhet\p{L}*|vårdboend\p{L}*|boende\p{L}*|gruppbostä\p{L}*|[\p{L}-]*kommuner\p{L}*)|vilk(?:en|et|a) [\p{L}-]*enhet(?:en|er)?)(?!\p{L})/iu;

/** "i år", "this year": the newest report's year */
const THIS_YEAR = /(?<!\p{L})(?:i år|this year|hittills i år)(?!\p{L})/iu;

/** "X respektive Y": two items, said to be two */
const RESPECTIVELY = /(?<!\p{L})(?:respektive|resp\.?)(?!\p{L})/iu;

/** "med respektive utan", "inklusive och exklusive", "with and without": the figure both ways */
const WITH_AND_WITHOUT = /(?<!\p{L})(?:med (?:respektive|resp\.?|och) utan|inklusive (?:respektive|resp\.?|och) exklusive|inkl(?:\.|usive)? (?:resp\.?|och) exkl(?:\.|usive)?|with and without)(?!\p{L})/iu;

/** the internbudget and a delårsrapport, both named in one question */
const NAMES_INTERNBUDGET = /(?<!\p{L})(?:internbudget\p{L}*|ib|internal budget)(?!\p{L})/iu;
const NAMES_DELAR = /(?<!\p{L})(?:delår\p{L}*|delårsbokslut\p{L}*|då (?:mars|aug\p{L}*|03|08)|interim reports?)(?!\p{L})/iu;

/** who holds a post ("vem är HR-chef?", "who is the director?"), which the reports do not name */
const PERSON = /(?<!\p{L})(?:vem är|vilka är|vem var|who is|who are|who was) (?:\p{L}+ ){0,2}[\p{L}-]*(?:chef|ordförande|direktör|controller|handläggare|manager|director|head|chair)(?!\p{L})/iu;

/** a person's pay ("vad tjänar förvaltningschefen?", "what does the director earn?"), which no report gives */
const SALARY = /(?<!\p{L})(?:(?:vad|hur mycket) tjänar|(?:vilken|hur hög) lön (?:har|får)|what does (?:\p{L}+ ){1,4}earn|how much does (?:\p{L}+ ){1,4}earn|salary of)(?!\p{L})/iu;

/** a part asked as a share of the whole ("hur stor del av nämndens budget", "what share of the budget") */
const SHARE_OF_WHOLE = /(?<!\p{L})(?:hur stor (?:del|andel)|vilken andel|hur många procent|what share|how much of|what proportion|what percentage)(?!\p{L})/iu;

/** A reading that explains less of the subject's words than this is a guess from a side word ("kostnader"). */
const LOOSE = 0.4;

/** Execute a query against the store. */
export async function answerQuery(ctx: AnswerContext, q: Query, asked: Words): Promise<Reply> {
  let words = asked;
  const c = ctx.catalogue;
  // (a word that is a name word with a typo, "boendstöd", is no compound of two others)
  // ("familjehemskostnaderna": the item, whose costs are its amounts — the cost head names no second item)
  const split = (ws: string[]) => ws.flatMap((w) => (ctx.names.knows(w) ? undefined : ctx.names.split(w)?.filter((part, i) => i === 0 || !COST_HEAD.test(part))) ?? [w]);
  const subject = split(words.subject);
  const knownOf = (ws: string[]) => split(ws).filter((w) => ctx.names.knows(w));
  const known: Words = { subject: subject.filter((w) => ctx.names.knows(w)), context: split(words.context), parts: words.parts?.map(knownOf).filter((p) => p.length) };
  words = { subject, context: known.context, asked: words.asked, compounds: compoundsOf(ctx, words.subject), included: words.included };
  if (q.otherBoard && !q.board && !namedItem(ctx, q, known)) return otherBoard(c, q.otherBoard);
  // "budgeten för 2026": the internbudget's later years are plan years
  if (q.measure === 'budget' && q.year !== undefined && !anyFigure(c, 'budget', q.year) && anyFigure(c, 'plan', q.year)) q = { ...q, measure: 'plan' };
  const unpublished = monthWithoutReport(c, q, words.asked ?? '') ?? unpublishedReport(c, q);
  if (unpublished) {
    // "ökat jämfört med första kvartalet 2023", "in 2023, and in Q1 2024": the report of the later year named, which prints the earlier beside it
    const year = (q.reportYear ?? q.year)!;
    const laterNamed = q.compareYear !== undefined && q.compareYear > year;
    const later = laterNamed ? q.compareYear! : year + 1;
    const compared: Query = { ...q, year: later, reportYear: later, compareYear: year };
    if ((q.intent !== 'jämförelse' && !laterNamed) || unpublishedReport(c, compared)) return noFigure(c, unpublished, []);
    return answerQuery(ctx, compared, asked);
  }
  // "blev bokslutet 2018 större än prognosen?": a year whose accounts no report has yet is a figure that is not there
  if (q.compareWith === 'bokslut' && q.compareYear !== undefined && !anyFigure(c, 'utfall', q.compareYear, q.board)) {
    return answerQuery(ctx, { intent: 'belopp', measure: 'utfall', scope: 'helår', board: q.board, year: q.compareYear }, asked);
  }
  // "sammanfatta personalläget i Leanlink": the report's personnel table, every row of it
  if (STAFF_SITUATION.test(words.asked ?? '')) {
    const report = (q.board ? allowedReports(c, q) : defaultReports(ctx, q)).find((r) => c.indicators.some((i) => i.reportId === r.id && i.kind === 'personal'));
    if (report) {
      const reply = await answerIndicators(ctx, { ...q, intent: 'indikator' }, report, c.indicators.filter((i) => i.reportId === report.id && i.kind === 'personal').map((i) => i.key));
      // "personalläget inom LSS": the personnel tables are the whole board's, which is said first
      const area = known.subject.length ? findItem(c, ctx.names, { ...q, board: report.board }, known, 'line') : undefined;
      return area && complete(area) ? { ...reply, text: `Rapporten har ingen personaltabell för ${area.match.entity.label} — det som finns gäller hela ${report.board === 'leanlink' ? 'Leanlink' : 'nämnden'}: ${reply.text}` } : reply;
    }
  }
  // "hur lång är kön till äldreboende?": no report measures a queue — said plainly, not answered with the item's money or a nearby indicator
  if (QUEUE.test(words.asked ?? '')) return noFigure(c, 'köer eller väntelistor', ['väntetider och andel inom viss tid för vissa insatser (fråga till exempel "väntetid försörjningsstöd 2018")']);
  if (PERSON.test(words.asked ?? '')) return noFigure(c, 'namngivna personer', ['nämnder, verksamheter och deras siffror']);
  if (SALARY.test(words.asked ?? '')) return noFigure(c, 'enskilda personers löner', ['personalkostnader och personalens sjukfrånvaro, övertid och avgångar (fråga till exempel "personalkostnader Leanlink")']);
  // "vad blir hyran för Drottninggatan 45?": no table holds rents; what there is about the thing, said not to be its rent
  const rent = RENT.exec(words.asked ?? '');
  if (rent) {
    const reply = await answerQuery(ctx, q, { ...words, asked: words.asked!.replace(RENT, ' ') });
    return withoutWhatWasAsked(reply, 'ingen uppgift om hyror');
  }
  // "hur stort underskott väntas 2027?": a plan year has no deviation column — the internbudget's analysis says what deficit it plans
  if (q.intent === 'belopp' && q.measure === 'avvikelse' && q.year !== undefined && !anyFigure(c, 'avvikelse', q.year) && anyFigure(c, 'plan', q.year)) {
    return explanationFlow(ctx, { ...q, intent: 'förklaring' }, known, words);
  }
  // "underskottet i prognosen 2020 jämfört med 2019": the earlier year's deviation only the text gives
  if (q.intent === 'jämförelse' && q.measure === 'avvikelse' && !words.subject.length) {
    const earlier = await earlierDeviation(ctx, q, defaultReports(ctx, q));
    if (earlier) return earlier;
  }
  switch (q.intent) {
    case 'hjälp':
      return help(c);
    case 'måluppfyllelse':
      return goalsFlow(ctx, q, known);
    case 'uppdrag':
      return assignmentsFlow(ctx, q, { ...known, asked: words.asked });
    case 'förklaring':
      return explanationFlow(ctx, q, known, words);
    case 'åtgärdsplan':
      return tableFlow(ctx, q, known, 'åtgärdsplan', words.asked);
    case 'investering':
      return tableFlow(ctx, q, known, 'investeringar', words.asked);
    case 'rangordning':
      return rankingFlow(ctx, q, known, words);
    case 'indikator': {
      const trends = q.trend && (await answerIndicatorTrends(ctx, q, defaultReports(ctx, q), known.subject));
      return trends || itemFlow(ctx, q, known, words);
    }
    default:
      return itemFlow(ctx, q, known, words);
  }
}

/** Whether any line (of the board's reports, when one is named) has a full-year figure of this measure for the year. */
function anyFigure(c: Catalogue, measure: string, year: number, board?: Query['board']): boolean {
  const reports = board && new Set(c.reports.filter((r) => r.board === board).map((r) => r.id));
  return c.lines.some((l) => (!reports || reports.has(l.reportId)) && l.available.some((a) => a.measure === measure && isFullYear({ period_from: a.from, period_to: a.to }) && a.to?.startsWith(String(year))));
}

/** What a goal, assignment or explanation question may name: another board is then a word of its name ("uppdrag ihop med överförmyndarnämnden"). */
const ITEM_OF_INTENT: Partial<Record<Query['intent'], EntityType>> = { uppdrag: 'assignment', måluppfyllelse: 'goal', förklaring: 'line' };

function namedItem(ctx: AnswerContext, q: Query, known: Words): boolean {
  const type = ITEM_OF_INTENT[q.intent];
  return !!type && known.subject.length > 0 && ctx.names.match(known.subject, known.context, (e) => e.type === type).some((m) => m.subjectCoverage >= COMPLETE);
}

/** The subject's words that were read as two ("skyddsplacerades" → "skydd", "placerades"), with where the second starts. */
function compoundsOf(ctx: AnswerContext, subject: string[]): Compound[] {
  return subject.flatMap((word) => {
    const parts = ctx.names.split(word);
    return parts ? [{ word, head: word.length - parts[1]!.length }] : [];
  });
}

/** a word pointing back to something said before ("det", "dom två", "them") */
const POINTS_BACK = /(?<![\p{L}])(?:det|den|dom|dem|de två|them|it|that)(?![\p{L}])/iu;

/** what of the action plan has had no effect yet ("ännu inte fått genomslag", "inte realiserats", "not yet realised") */
const UNREALISED_ASKED = /(?<![\p{L}])(?:inte|ej|not)(?![\p{L}]).*(?:realiser|realis|genomslag|gett effekt|fått effekt|haft effekt|had (?:an |any )?effect)|orealiser|unrealised/iu;
/** the action plan in so many words, beside "effekt" (which may be any effect) */
const ACTION_PLAN = /åtgärd|besparing|spar|effektivisering|action plan|saving|save|efficiency/iu;

/**
 * A passage on investments that uses a word the question asks about and
 * no row of the table names ("gruppboenden" beside "Övriga investeringar"): the
 * report's account of what the table leaves out. A word shares a long start with
 * the text's ("gruppbostäder", "gruppboenden").
 */
function textBesideTable(ctx: AnswerContext, report: CatalogueReport, table: CatalogueTable, asked: string[]): string | undefined {
  const c = ctx.catalogue;
  const rows = c.lines.filter((l) => l.reportId === report.id && l.available.some((a) => a.table === table.key));
  const head = (w: string) => w.slice(0, 7);
  const named = new Set(rows.flatMap((l) => toWords(`${l.name} ${l.aliases.join(' ')}`).map(head)));
  const wanted = new Set(asked.filter((w) => w.length >= 8 && !STOPWORDS.has(w) && !named.has(head(w))).map(head));
  if (wanted.size === 0) return undefined;
  const passage = c.passagesOf(report.id).find((p) => /invester/i.test(`${p.heading ?? ''} ${p.text}`) && passageWords(p).body.some((w) => w.length >= 8 && wanted.has(head(w))));
  return passage?.text.replace(/\s+/g, ' ').trim();
}

/** an average asked for ("i snitt", "genomsnittlig", "on average") */
const AVERAGE = /(?<![\p{L}])(?:i snitt|snitt\p{L}*|genomsnitt\p{L}*|medelvärde\p{L}*|on average|average)(?![\p{L}])/iu;

/** A month said as the period ("i maj", "per juni 2024", "t.o.m. augusti"), not as a name ("augusti-planen"). */
const MONTH_AS_PERIOD = new RegExp(
  // "i maj", "per juni"; or dated as in chat, "utfall jun-24", "juni 2024" — not "från augusti 2023"
  String.raw`(?:^|[^\p{L}])(?:(?:i|per|under|t\.?\s?o\.?\s?m\.?|tom|till och med|in|as of|through)\s+${MONTH_WORD}(?![-\p{L}])|(?<!(?:från|sedan|efter|from|since)\s)${MONTH_WORD}(?:\s*-\s*|\s+)'?(?:\d{2}|20\d{2})(?!\d))`,
  'iu',
);

/** "resultatet för LSS i maj": an amount so far for a month no report ends in (the newest report's months are no answer). */
function monthWithoutReport(c: Catalogue, q: Query, asked: string): string | undefined {
  const soFar = q.intent === 'belopp' && q.scope !== 'helår' && (q.measure === undefined || q.measure === 'utfall' || q.measure === 'avvikelse');
  // "prognosen per augusti 2024": the forecast as made in that month's report
  const forecastThen = q.intent === 'belopp' && q.measure === 'prognos';
  if (q.reportKind || !q.month || !(soFar || forecastThen) || !MONTH_AS_PERIOD.test(asked)) return undefined;
  const year = q.reportYear ?? q.year;
  const ends = c.reports.some((r) => (!q.board || r.board === q.board) && Number(r.periodEnd.slice(5, 7)) === q.month && (!year || r.periodEnd.startsWith(String(year))));
  if (ends) return undefined;
  const board = q.board && c.boards.find((b) => b.id === q.board)?.shortName;
  const what = q.measure === 'utfall' ? 'utfallet' : q.measure === 'avvikelse' ? 'avvikelsen' : q.measure === 'prognos' ? 'prognosen' : 'läget';
  return `${what}${board ? ` för ${board}` : ''} per ${monthName(q.month)}${year ? ` ${year}` : ''}`;
}

/** "prognosen i delåret per augusti 2024": a report named by its kind and date that the store does not have. */
function unpublishedReport(c: Catalogue, q: Query): string | undefined {
  const year = q.reportYear ?? q.year;
  if (!q.reportKind || !q.month || !year) return undefined;
  const exists = c.reports.some(
    (r) => r.kind === q.reportKind && (!q.board || r.board === q.board) && Number(r.periodEnd.slice(5, 7)) === q.month && r.periodEnd.startsWith(String(year)),
  );
  return exists ? undefined : `${q.reportKind === 'delårsrapport' ? 'en delårsrapport' : `en ${q.reportKind}`} per ${monthName(q.month)} ${year}`;
}

/** An indicator the words name nearly in full (a word's form may differ: "inleds" for "inledda") that `usable` accepts, from the newest report that has one. */
function countingItem(ctx: AnswerContext, q: Query, known: Words, usable: (m: Match, r: CatalogueReport) => boolean): Found | undefined {
  const matches = ctx.names.match(known.subject, known.context, (e) => e.type === 'indicator').filter((m) => m.subjectCoverage >= 0.75);
  for (const report of defaultReports(ctx, q)) {
    const match = matches.find((m) => m.entity.reportId === report.id && usable(m, report));
    if (match) return { match, report, rivals: [], kin: [] };
  }
  return undefined;
}

/** A report's costs per a unit ("Kostnad/vård dygn för …" for "vårddygn"): the newest report that has any, all of them. */
function costPer(ctx: AnswerContext, q: Query, perUnit: string): { report: CatalogueReport; keys: string[] } | undefined {
  const squash = (s: string) => fold(s.toLowerCase()).replace(/[^\p{L}]/gu, '');
  const unitStem = stem(squash(perUnit));
  for (const report of allowedReports(ctx.catalogue, { ...q, year: undefined, month: undefined })) {
    const keys = ctx.catalogue.indicators.filter((i) => i.reportId === report.id && isCost(i.name, i.unit) && squash(i.name).includes(unitStem)).map((i) => i.key);
    if (keys.length) return { report, keys };
  }
  return undefined;
}

/** Reports to try for a question without a named item: its board, else SoN before the others; Leanlink only when named. */
function defaultReports(ctx: AnswerContext, q: Query): CatalogueReport[] {
  const all = allowedReports(ctx.catalogue, q);
  return q.board ? all : all.filter((r) => r.board !== 'leanlink');
}

async function itemFlow(ctx: AnswerContext, q: Query, known: Words, raw: Words): Promise<Reply> {
  const c = ctx.catalogue;
  const year = effectiveYear(c, q);
  const measure = q.intent === 'jämförelse' ? undefined : q.measure;
  const figureScope = q.measure === 'utfall' && q.scope === 'helår' ? 'helår' : undefined;
  /** a folded word as the user wrote it ("funktionsstöd", not "funktionsstod") */
  const asWritten = (word: string) => (raw.asked ?? '').split(/[^\p{L}\d]+/u).find((t) => fold(t.toLowerCase()) === word) ?? word;
  /** the report's sentence with a sum or change for a rare word no name has, beside the item ("dygnsvila", "stressindex") */
  const withSumBeside = (reply: Reply, report: CatalogueReport, item: Match): Reply => {
    // (the words the item's own name does not explain)
    const explained = (w: string) => (ctx.names.match([w], [], (e) => e.type === item.entity.type && e.reportId === item.entity.reportId && e.key === item.entity.key)[0]?.subjectCoverage ?? 0) >= 0.5;
    const beside = sumBesideItem(ctx, report, raw.subject.filter((w) => !explained(w)));
    if (!beside) return reply;
    return { ...reply, text: `${reply.text} Rapportens text om "${asWritten(beside.word)}": ${beside.text}` };
  };

  const lineUsable = (m: Match, r: CatalogueReport) => {
    const line = c.line(r.id, m.entity.key)!;
    if (q.compareMeasure && q.measure) return offersBoth(line, q);
    // "från 2023 till 2024": the report that has both years
    if (q.intent === 'jämförelse' && q.compareYear && q.year && q.compareYear !== q.year) {
      return offers(line.available, { year: q.year }) && offers(line.available, { measure: q.measure === 'budget' ? 'budget' : undefined, year: q.compareYear });
    }
    return offers(line.available, { measure, year: year ?? (measure === 'plan' || measure === undefined ? undefined : r.year), scope: figureScope }) ||
      (measure === undefined && year === undefined && line.available.length > 0);
  };
  const indicatorUsable = (m: Match, r: CatalogueReport) => {
    const ind = c.indicator(r.id, m.entity.key)!;
    const kind = q.measure === 'prognos' || q.measure === 'budget' || q.measure === 'plan' ? q.measure : undefined;
    // "2016 och 2017, och prognosen för 2018": a series asked for several years has them, whatever the first one's kind
    const several = q.compareYear !== undefined && q.compareYear !== year;
    return ind.points.some((p) => (year === undefined || p.at.startsWith(String(year))) && (!kind || p.kind === kind)) ||
      (several && [year, q.compareYear].every((y) => ind.points.some((p) => p.at.startsWith(String(y)))));
  };
  // "sjukfrånvaron bland kvinnor", "… män och kvinnor": an indicator with that column first, else the total with a word that the report has no split
  const column = q.group ?? (q.breakdown === 'kön' ? 'Män' : undefined);
  const ofGroup = (m: Match, r: CatalogueReport) =>
    indicatorUsable(m, r) && !!c.indicator(r.id, m.entity.key)?.points.some((p) => p.groups.includes(column!));
  const line = known.subject.length ? findItem(c, ctx.names, q, known, 'line', lineUsable) : undefined;
  // "i internbudgeten 2024: … var låg vi senast?": the year names the report, whose indicators show earlier years' values
  const ofInternbudget = q.reportKind === 'internbudget' && q.reportYear === year && q.measure !== 'budget' && q.measure !== 'plan';
  const general = known.subject.length
    ? (findItem(c, ctx.names, q, known, 'indicator', indicatorUsable) ?? (ofInternbudget ? findItem(c, ctx.names, { ...q, year: undefined }, known, 'indicator') : undefined))
    : undefined;
  const split = known.subject.length && column ? findItem(c, ctx.names, q, known, 'indicator', ofGroup) : undefined;
  // one group asked: its column only when the words name the item in full; both: the split one when it fits the words as well
  const found = q.group ? (complete(split) ?? general) : split && general && split.match.subjectCoverage >= general.match.subjectCoverage ? split : general;
  // "inleds det fler barnutredningar?": a count asked, a share found — an indicator that counts, named nearly as well, instead
  const counts = (m: Match, r: CatalogueReport) => { const unit = c.indicator(r.id, m.entity.key)?.unit ?? ''; return !unit.includes('%') && !MONEY.test(unit); };
  const counting = found && q.count && !counts(found.match, found.report) ? countingItem(ctx, q, known, (m, r) => indicatorUsable(m, r) && counts(m, r)) : undefined;
  const indicator = counting ?? (found && q.count ? countFirst(c, found) : found);
  // "från 2022 till augusti 2023": a month no report of the item ends in dates a value of its series ("Augusti 2023" in the internbudget)
  if (!line && !indicator && q.reportYear !== undefined && q.month !== undefined && !q.reportKind && known.subject.length) {
    const at = `${q.reportYear}-${String(q.month).padStart(2, '0')}`;
    const dated: Query = { ...q, year: q.reportYear, compareYear: q.year, reportYear: undefined };
    const hit = complete(findItem(c, ctx.names, { ...dated, month: undefined }, known, 'indicator', (m, r) => !!c.indicator(r.id, m.entity.key)?.points.some((p) => p.at === at)));
    if (hit) return answerIndicators(ctx, dated, hit.report, [hit.match.entity.key]);
  }
  // a compound the text uses as it was asked, that tables have only in parts ("skyddsplacerades" against "skyddat boende"): the text's sentence
  const asCompound = raw.compounds?.length ? proseMention(ctx, defaultReports(ctx, q), raw.subject, raw.context, raw.asked ?? '', { compounds: raw.compounds }) : undefined;
  if (asCompound) return asCompound;
  const choice = chooseKind(q, line, indicator);
  // two items asked for at once ("kostnader och intäkter", "sjukfrånvaro och externa personalavgångar"): both
  if ((known.parts?.length ?? 0) >= 2) {
    const both = await twoItems(ctx, q, { ...known, asked: raw.asked }, lineUsable, indicatorUsable, choice === 'line' ? line : choice === 'indicator' ? indicator : undefined);
    if (both) return both;
  }
  // an assignment or goal the words name in full, looked for once
  let inFull: Promise<Reply | undefined> | undefined;
  const namedGoalOrAssignment = () => (inFull ??= namedInFull(ctx, q, known));
  // words no table has, that the text gives a figure for ("bemanningssjuksköterskor vid årets slut", "genomsnittlig tid för en barnutredning")
  // (beside an item named in part, only words that name no item at all count)
  const inProse = (words = raw.subject) => proseMention(ctx, defaultReports(ctx, q), words, raw.context, raw.asked ?? '');
  // named, but not with the asked figure: say where it exists
  const namedWithoutFigure = async (): Promise<Reply | undefined> => {
    if (!known.subject.length || q.total) return undefined;
    const unrestricted: Query = { intent: q.intent, measure: q.measure };
    const elsewhere = complete(findItem(c, ctx.names, unrestricted, known, 'line')) ?? complete(findItem(c, ctx.names, unrestricted, known, 'indicator'));
    if (!elsewhere) return undefined;
    // "vad kostar gruppbostaden 2024": that year's budget and plan
    const planned = plannedOnly(q, year)
      ? complete(findItem(c, ctx.names, { ...q, measure: undefined }, known, 'line', (m, r) => (['plan', 'budget'] as const).some((measure) => offers(c.line(r.id, m.entity.key)!.available, { measure, year }))))
      : undefined;
    if (!planned) return noFigureReply(ctx, q, year, elsewhere);
    return asPlanned(q, year!, await answerLine(ctx, { ...q, measure: undefined }, c.line(planned.report.id, planned.match.entity.key)!, planned.report, known.context));
  };
  // a line or indicator named only in part gives way to it ("översynen av lednings- och stödfunktioner", "säkerställa inrapporteringen av ej återaktualiserade …"),
  // and, when it explains little of the words or the question is one word ("hemtjänsttimmar" for SoN: Leanlink's), to an item named in full that lacks the asked figure ("average cost per care day in HVB … 2024": no 2024 for it)
  if ((line || indicator) && !complete(line) && !complete(indicator)) {
    const coverage = Math.max(line?.match.subjectCoverage ?? 0, indicator?.match.subjectCoverage ?? 0);
    // (or when another report's line has every word and this reading not half of them: "harvestad-gruppbostaden … 2024" is a budgeted line, not a count of housing decisions)
    const inFullElsewhere = () => (findItem(c, ctx.names, { intent: q.intent }, known, 'line')?.match.subjectCoverage ?? 0) >= 0.99;
    const named = (await namedGoalOrAssignment()) ?? (coverage < LOOSE || known.subject.length === 1 || (coverage < 0.5 && inFullElsewhere()) ? await namedWithoutFigure() : undefined) ?? inProse(raw.subject.filter((w) => !ctx.names.knows(w)));
    if (named) return named;
  }

  if (choice === 'indicator' && indicator) {
    // the words name what a few indicators share ("kostnad per invånare jämfört med R9"): all of them, side by side
    const family = indicator.match.nameCoverage >= 0.99 ? [] : distinctFrom(indicator.match, indicator.kin);
    const shown = [indicator.match, ...family];
    const options = [indicator.match, ...indicator.rivals].filter((o) => !shown.includes(o));
    let reply = await answerIndicators(ctx, q, indicator.report, shown.map((m) => m.entity.key));
    if (family.length) reply = withFamily(reply, indicator.report, shown);
    const unit = c.indicator(indicator.report.id, indicator.match.entity.key)?.unit;
    if (q.count && !family.length) reply = withoutCount(reply, indicator.match.entity.label, unit, raw.asked ?? '');
    // "kostnad per vårddygn" of a count of days: the reports' cost per that unit, else a word that there is none
    const perUnit = unitCostAsked(raw.asked ?? '');
    if (perUnit && !family.length && !isCost(indicator.match.entity.label, unit)) {
      const costs = costPer(ctx, q, perUnit);
      if (costs) {
        const reply = await answerIndicators(ctx, q, costs.report, costs.keys);
        // ("vad kostar ett vårddygn?": in familjehem or in institution — both, and which was meant)
        return costs.keys.length > 1 ? { ...reply, text: `Rapporten har kostnad per ${perUnit} för ${costs.keys.length} slags insatser — vilken menar du? Här är alla: ${reply.text}` } : reply;
      }
      reply = withoutWhatWasAsked(reply, `ingen kostnad per ${perUnit}`);
    }
    const negated = family.length ? undefined : negationNotNamed(raw.asked ?? '', indicator.match.entity.label);
    if (negated) reply = withoutWhatWasAsked(reply, `ingen uppgift om "${negated}"`);
    // "hur många hushåll har försörjningsstöd i år?" of a series only an older report has: said to be no figure for this year
    const older = THIS_YEAR.test(raw.asked ?? '') && defaultReports(ctx, { ...q, year: undefined, month: undefined }).some((r) => r.year > indicator.report.year);
    if (older) reply = { ...reply, text: `Rapporterna har ingen uppgift om det för i år — det senaste som finns är från ${reportName(c, indicator.report)}: ${reply.text}` };
    const time = family.length ? undefined : timeNotNamed(raw.asked ?? '', indicator.match.entity.label);
    if (time) reply = withoutWhatWasAsked(reply, `ingen uppgift om ${time} för detta`);
    // "i snitt per månad" of a figure the table gives in total: the text's average beside it
    if (options.length > 0 && !isConfident(indicator)) reply = withAlternatives(reply, indicator.report, options.slice(0, 5), byTable(c, [...shown, ...options]));
    const average = AVERAGE.test(raw.asked ?? '') && !AVERAGE.test(indicator.match.entity.label) ? averageInText(ctx, indicator.report, known.subject) : undefined;
    if (average) return { ...reply, text: `${reply.text} Rapportens text om snittet: ${average}` };
    return withSumBeside(reply, indicator.report, indicator.match);
  }
  if (choice === 'line' && line) {
    const options = [line.match, ...line.rivals].slice(0, 6);
    if (options.length > 1 && !isConfident(line)) {
      // "gruppbostäderna": a plural naming the lines it fits is all of them, side by side
      const all = PLURAL_DEFINITE.test(raw.subject.join(' ')) && options.length <= 3 && options.every((o) => o.subjectCoverage >= COMPLETE);
      if (!all) return askWhich(ctx, q, line.report, options, known.subject);
      return together(await Promise.all(options.map((o) => answerLine(ctx, q, c.line(line.report.id, o.entity.key)!, line.report, known.context))));
    }
    const item = c.line(line.report.id, line.match.entity.key)!;
    let reply = await answerLine(ctx, q, item, line.report, known.context);
    // "LSS inklusive egen regi": the tables keep them apart, the text may add them up
    const total = raw.included?.length ? totalInText(ctx, line.report, known.subject, raw.included) : undefined;
    if (total) reply = { ...reply, text: `${reply.text} Rapportens text, med ${raw.included!.filter((w) => !known.subject.includes(w)).map(asWritten).join(' ')}: ${total}` };
    // "de nya reglerna om dygnsvila": a sum the text gives for a word beside the item
    if (!total) reply = withSumBeside(reply, line.report, line.match);
    // "hur stor del av nämndens budget går till IFO?": the line's share of the board's total
    const share = SHARE_OF_WHOLE.test(raw.asked ?? '') ? await shareOfBoard(ctx, q, item, line.report) : undefined;
    if (share) reply = { ...reply, text: `${reply.text} ${share}` };
    // "väntetiden … för plats i LSS-gruppbostad": a line is money, never a time
    const time = timeNotNamed(raw.asked ?? '', line.match.entity.label);
    if (time) reply = withoutWhatWasAsked(reply, `ingen uppgift om ${time} för detta`);
    // a line's only split is its "varav" lines
    const split = q.breakdown && !c.lines.some((l) => l.reportId === line.report.id && l.parentKey === line.match.entity.key);
    if (split) return { ...reply, text: withoutSplit(reply.text, line.match.entity.label, q) };
    return q.count ? withoutCount(reply, line.match.entity.label, undefined, raw.asked ?? '') : reply;
  }

  const missing = await namedWithoutFigure();
  if (missing) return missing;
  // a goal or an assignment named without saying so ("vad gjordes för att säkerställa inrapporteringen …?")
  if (known.subject.length) {
    const named = await namedGoalOrAssignment();
    if (named) return named;
  }
  if (!q.total) {
    const prose = inProse();
    if (prose) return prose;
  }
  // nothing named (or only words that name nothing): the board as a whole, when the question says enough
  // a board named beside them answers a question about its money, not one about an indicator ("Leanlink's share of …")
  // a long compound naming nothing in the reports is what is asked about ("bemanningsföretag", "hemtjänstkunder"), even beside a board
  const namesAThing = raw.subject.some((w) => w.length >= THING && !ctx.names.knows(w));
  if (known.subject.length === 0 && raw.subject.length > 0 && !q.total && (!q.board || namesAThing || (q.intent === 'indikator' && !q.measure)) && q.intent !== 'jämförelse') return notUnderstood(c, raw.subject, raw.asked);
  if (known.subject.length > 0 && !q.total && !q.measure) return notUnderstood(c, raw.subject, raw.asked);
  return boardTotal(ctx, q, year, measure, figureScope);
}

type Usable = (m: Match, r: CatalogueReport) => boolean;

/**
 * The subject's words split in two, each naming a line or an indicator in
 * full, while the item found for all of them leaves one part unexplained:
 * both answered, in one card.
 */
async function twoItems(ctx: AnswerContext, q: Query, known: Words, lineUsable: Usable, indicatorUsable: Usable, whole?: Found): Promise<Reply | undefined> {
  const c = ctx.catalogue;
  const explains = (found: Found, subject: string[]) =>
    ctx.names.match(subject, known.context, (e) => e.type === found.match.entity.type && e.reportId === found.report.id && e.key === found.match.entity.key)[0]?.subjectCoverage ?? 0;
  // "kost och boende respektive tobak- och alkoholtillstånd": items said to be two, each named by most of its half (a word before them, "avgiftsintäkter", is the table's)
  const least = RESPECTIVELY.test(known.asked ?? '') ? 0.6 : COMPLETE;
  const enough = (f: Found | undefined) => (f && f.match.subjectCoverage >= least ? f : undefined);
  const itemOf = (subject: string[]) => {
    const words = { subject, context: known.context };
    const line = enough(findItem(c, ctx.names, q, words, 'line', lineUsable));
    const indicator = enough(findItem(c, ctx.names, q, words, 'indicator', indicatorUsable));
    const kind = chooseKind(q, line, indicator);
    return kind === 'line' ? line : kind === 'indicator' ? indicator : undefined;
  };
  const parts = known.parts ?? [];
  for (let i = 1; i < parts.length; i++) {
    const halves = [parts.slice(0, i).flat(), parts.slice(i).flat()];
    const [a, b] = halves.map(itemOf);
    if (!a || !b || (a.match.entity.key === b.match.entity.key && a.report.id === b.report.id)) continue;
    // each half names its item in full, and the item found for all the words leaves one half unexplained ("barn och unga" is one item)
    if ([a, b].some((x, h) => explains(x, halves[h]!) < least)) continue;
    // (the words both halves share, "varav kostnader och varav intäkter", decide nothing)
    const own = halves.map((h, i) => h.filter((w) => !halves[1 - i]!.includes(w)));
    // (an indicator naming both only as its breakdown, "IFO/LSS/FH SoL", is no one item when two lines are asked about for money: "prognos för LSS och IFO")
    const linesForMoney = !q.count && q.intent !== 'indikator' && whole?.match.entity.type === 'indicator' && a.match.entity.type === 'line' && b.match.entity.type === 'line';
    // (a line and its own "varav" line, each named by its half, are two: "IFO BoU, och hur mycket av den är varav dygnsplaceringar")
    const parentAndPart = CLAUSE_JOIN.test(known.asked ?? '') && a.match.entity.type === 'line' && b.match.entity.type === 'line' && a.report.id === b.report.id &&
      [a, b].some((x, i) => c.line(x.report.id, x.match.entity.key)?.parentKey === [b, a][i]!.match.entity.key);
    if (whole && complete(whole) && !linesForMoney && !parentAndPart && own.every((h, i) => explains(whole, h.length ? h : halves[i]!) >= 0.85)) continue;
    const indicators = a.match.entity.type === 'indicator' && b.match.entity.type === 'indicator' && a.report.id === b.report.id;
    if (indicators) return answerIndicators(ctx, q, a.report, [a.match.entity.key, b.match.entity.key]);
    const answer = (f: Found) =>
      f.match.entity.type === 'line' ? answerLine(ctx, q, c.line(f.report.id, f.match.entity.key)!, f.report, known.context) : answerIndicators(ctx, q, f.report, [f.match.entity.key]);
    return together([await answer(a), await answer(b)]);
  }
  return undefined;
}

/** The assignment, else the goal, the words name in full. */
async function namedInFull(ctx: AnswerContext, q: Query, known: Words): Promise<Reply | undefined> {
  const assignment = complete(findItem(ctx.catalogue, ctx.names, q, known, 'assignment'));
  if (assignment) return answerAssignment(ctx, q, assignment.report, assignment.match.entity.key);
  const goal = complete(findItem(ctx.catalogue, ctx.names, q, known, 'goal'));
  if (goal) return answerGoal(ctx, q, goal.report, goal.match.entity.key);
  return undefined;
}

async function boardTotal(ctx: AnswerContext, q: Query, year: number | undefined, measure: Query['measure'], scope: 'helår' | undefined): Promise<Reply> {
  const c = ctx.catalogue;
  for (const report of defaultReports(ctx, q)) {
    const total = totalLine(c, report.id);
    if (total && (q.compareMeasure && q.measure ? offersBoth(total, q) || subtotalOffersBoth(c, report, q) : offers(total.available, { measure, year: year ?? (measure === 'plan' ? undefined : report.year), scope }))) {
      const reply = q.intent === 'jämförelse' ? await answerComparison(ctx, q, total, report) : await answerAmounts(ctx, q, total, report);
      if (!q.total && !q.board && year === undefined && q.intent !== 'jämförelse') {
        return { ...reply, text: `${reply.text} Gällde frågan en viss verksamhet? Skriv till exempel "avvikelse för Barn och ungdomsvård" eller fråga "var är underskottet störst?".` };
      }
      return reply;
    }
  }
  // "nettokostnad 2026": that year's budget and plan, as for a named line
  const planned = plannedOnly(q, year) ? defaultReports(ctx, q).find((r) => offers(totalLine(c, r.id)?.available ?? [], { year })) : undefined;
  if (planned) return asPlanned(q, year!, await answerAmounts(ctx, { ...q, measure: undefined }, totalLine(c, planned.id)!, planned));
  return noFigureReply(ctx, q, year, undefined);
}

/** Two figures named ("utfall 2022 jämfört med budget 2024"): the line has both in its report. */
function offersBoth(line: CatalogueLine, q: Query): boolean {
  return offers(line.available, { measure: q.measure, year: q.year }) && offers(line.available, { measure: q.compareMeasure, year: q.compareYear });
}

/** The total lacks one of the two figures, a subtotal the report compares has both (answerComparison then takes it). */
function subtotalOffersBoth(c: Catalogue, report: CatalogueReport, q: Query): boolean {
  return c.lines.some((l) => l.reportId === report.id && l.kind === 'delsumma' && offersBoth(l, q));
}

async function answerLine(ctx: AnswerContext, q: Query, line: CatalogueLine, report: CatalogueReport, words: string[] = []): Promise<Reply> {
  const tables = new Set(line.available.map((a) => ctx.catalogue.table(report.id, a.table)?.kind));
  if (tables.size === 1 && tables.has('åtgärdsplan')) return answerActionPlan(ctx, q, report, ctx.catalogue.table(report.id, line.available[0]!.table)!, line, words);
  if (tables.size === 1 && tables.has('investeringar')) return answerInvestments(ctx, q, report, ctx.catalogue.table(report.id, line.available[0]!.table)!, line);
  if (line.available.length === 0) return answerExplanation(ctx, q, report, [line], words);
  return q.intent === 'jämförelse' ? answerComparison(ctx, q, line, report) : answerAmounts(ctx, q, line, report, words);
}

function askWhich(ctx: AnswerContext, q: Query, report: CatalogueReport, options: Match[], subject: string[]): Reply {
  const c = ctx.catalogue;
  // two "varav dygnsplaceringar" are told apart by the line they belong to
  const labels = options.map((o) => o.entity.label);
  const titled = options.map((o, i) => {
    const label = labels[i]!;
    const parentKey = labels.indexOf(label) !== labels.lastIndexOf(label) ? c.line(report.id, o.entity.key)?.parentKey : undefined;
    const parent = parentKey ? c.line(report.id, parentKey) : undefined;
    return parent ? `${label} (${lineLabel(parent)})` : label;
  });
  return choose(
    `"${subject.join(' ')}" kan avse flera verksamheter i ${reportName(c, report)}. Vilken menar du?`,
    `Välj en: ${titled.join(' · ')}`,
    options.map((o, i) => ({ title: titled[i]!, data: { ref: { type: o.entity.type, reportId: report.id, key: o.entity.key }, query: q } })),
  );
}

async function noFigureReply(ctx: AnswerContext, q: Query, year: number | undefined, found: Found | undefined): Promise<Reply> {
  const c = ctx.catalogue;
  const what = [q.measure ?? 'uppgifter', q.scope === 'helår' ? 'för helår' : '', year ? String(year) : '', q.board ? `för ${c.boards.find((b) => b.id === q.board)?.name}` : ''].filter(Boolean).join(' ');
  // an indicator the question names, with another year or report: what it has
  const indicator = found?.match.entity.type === 'indicator' ? c.indicator(found.report.id, found.match.entity.key) : undefined;
  if (found && indicator) {
    const when = (at: string) => at.replace(/^(\d{4})-(\d{2})$/, (_, y: string, m: string) => `${monthName(Number(m))} ${y}`);
    const points = [...new Set(indicator.points.map((p) => (p.kind === 'utfall' ? when(p.at) : `${p.kind} ${when(p.at)}`)))];
    return noFigure(c, `${indicator.name}${year ? ` ${year}` : ''}`, [`${reportName(c, found.report)}: ${points.join(', ')}`]);
  }
  const available: string[] = [];
  const line = found && found.match.entity.type === 'line' ? c.line(found.report.id, found.match.entity.key) : undefined;
  const lines = line ? [line] : defaultReports(ctx, { ...q, year: undefined, month: undefined }).flatMap((r) => totalLine(c, r.id) ?? []);
  for (const l of lines) {
    const r = c.report(l.reportId);
    const periods = [...new Set(l.available.filter((a) => !q.measure || a.measure === q.measure).map((a) => `${a.measure} ${periodText(a.from, a.to)}`))];
    if (periods.length) available.push(`${reportName(c, r)}: ${periods.slice(0, 6).join(', ')}`);
  }
  const reply = noFigure(c, `${what}${line ? ` för ${lineLabel(line)}` : ''}`, available);
  // the report's own words on the line, where its tables lack the figure ("Utfallet för perioden är -47 mkr och resultatavvikelsen är -30 mkr")
  const comment = line && q.measure === 'avvikelse' ? lineComment(c.passagesOf(line.reportId), line, [], []) : undefined;
  const sentence = comment && sentencesOf(comment.text).find((t) => /avvik|underskott|överskott/i.test(t) && /\d/.test(t));
  return sentence ? { ...reply, text: `Tabellerna har ingen avvikelse för ${lineLabel(line!)}, men texten i ${reportName(c, c.report(line!.reportId))} säger: "${sentence}"` } : reply;
}

/**
 * Rankings rank the lines of a table; a named line with "varav" lines ranks
 * those, one named line without them is simply answered about.
 */
async function rankingFlow(ctx: AnswerContext, q: Query, known: Words, raw: Words): Promise<Reply> {
  const c = ctx.catalogue;
  const year = effectiveYear(c, q);
  // "vem har högst sjukfrånvaro, män eller kvinnor?": one indicator's columns, not a ranking of items
  if (q.breakdown === 'kön' && known.subject.length) return itemFlow(ctx, { ...q, intent: 'indikator', order: undefined }, known, raw);
  // "vilken typ av utredning låg längst från sitt målvärde", "lägst andel klara": the indicators the words name together
  if (q.order && (q.order === 'från målvärdet' || known.subject.length > 0)) {
    const ranked = await rankIndicators(ctx, { ...q, year }, { ...known, asked: raw.asked }, defaultReports(ctx, q), q.order);
    if (ranked) return ranked;
  }
  let within: CatalogueLine | undefined;
  if (known.subject.length) {
    const found = findItem(c, ctx.names, q, known, 'line');
    const line = found && c.line(found.report.id, found.match.entity.key);
    if (found && line && found.rivals.length === 0 && found.match.subjectCoverage >= 0.99) {
      const hasChildren = c.lines.some((l) => l.reportId === line.reportId && l.parentKey === line.key);
      if (hasChildren) within = line;
      // (a sum named, "störst avvikelse … egen regi borträknat", ranks the lines it sums)
      else if (line.kind !== 'total' && line.kind !== 'delsumma') return itemFlow(ctx, { ...q, intent: 'belopp', measure: q.measure ?? 'avvikelse' }, known, raw);
    }
  }
  // "från bokslut 2023 till prognosen för 2024": the earlier year's accounts against the later year's figure
  if (q.compareWith === 'bokslut' && q.compareYear !== undefined && q.compareMeasure === undefined && q.measure !== undefined && q.measure !== 'avvikelse') q = { ...q, compareMeasure: 'utfall' };
  // a deficit or surplus ranks deviations; a comparison ranks changes; otherwise size ("störst budget")
  const by: RankingOptions['by'] =
    q.measure === 'avvikelse' || q.direction ? 'avvikelse'
    : q.compareWith || q.compareYear !== undefined ? 'förändring'
    : q.measure === 'utfall' || q.measure === 'prognos' || q.measure === 'plan' ? q.measure
    : 'budget';
  // "ökar mest 2024 jämfört med budget 2023", "mellan 2024 och 2029 i internbudgeten": between two years' budgets or plans, from the report that has both
  // (a period asked, "jan–aug 2018 jämfört med 2017", is the change against the same period)
  const budgetYears = !q.month && q.scope !== 'period' && (q.measure === 'budget' || q.measure === 'plan' || q.compareMeasure !== undefined || q.reportKind === 'internbudget');
  const compareYear = by === 'förändring' && budgetYears && year !== undefined && q.compareYear !== undefined && q.compareYear !== year ? q.compareYear : undefined;
  const fullYearOf = (r: CatalogueReport, y: number) =>
    c.lines.some((l) => l.reportId === r.id && l.available.some((a) => isFullYear({ period_from: a.from, period_to: a.to }) && a.to?.startsWith(String(y))));
  const periodOutturn = (r: CatalogueReport) => c.lines.some((l) => l.reportId === r.id && l.available.some((a) => a.measure === 'utfall' && !isFullYear({ period_from: a.from, period_to: a.to })));
  const fits = (r: CatalogueReport): boolean => {
    if (within && r.id !== within.reportId) return false;
    if (by === 'avvikelse') return (year === undefined || r.year === year) && deviationTables(c, r).length > 0;
    if (!r.tables.some((t) => t.kind === 'driftsammandrag')) return false;
    if (compareYear !== undefined) return fullYearOf(r, year!) && fullYearOf(r, compareYear);
    if (by === 'förändring') return (year === undefined || r.year === year) && periodOutturn(r);
    return year === undefined || c.lines.some((l) => l.reportId === r.id && offers(l.available, { measure: by, year }));
  };
  // "vilket av Leanlinks vårdboenden har högst beläggning?", "vilken LSS-enhet …": units no table ranks — the indicator, said to have no such split
  if (known.subject.length && !within && UNITS_RANKED.test(raw.asked ?? '')) {
    const indicator = complete(findItem(c, ctx.names, { ...q, year: undefined }, known, 'indicator'));
    if (indicator) return itemFlow(ctx, { ...q, intent: 'indikator', order: undefined, breakdown: q.breakdown ?? 'enhet' }, known, raw);
  }
  // "dyrast 2020" of a year a delår forecasts: what the year costs is its forecast, not the months so far
  if (by === 'utfall' && year !== undefined && !q.month && q.scope !== 'period') {
    const has = (r: CatalogueReport, measure: 'utfall' | 'prognos') => c.lines.some((l) => l.reportId === r.id && offers(l.available, { measure, year, scope: 'helår' }));
    const forecast = defaultReports(ctx, q).find((r) => fits(r) && !has(r, 'utfall') && has(r, 'prognos'));
    if (forecast) return rankingFlow(ctx, { ...q, measure: 'prognos' }, known, raw);
  }
  const report = defaultReports(ctx, q).find(fits);
  // "störst nettokostnad i internbudgeten 2024": a year without an outturn is ranked by its budget
  if (!report && by === 'utfall' && year !== undefined) return rankingFlow(ctx, { ...q, measure: 'budget' }, known, raw);
  // "gick sämst i bokslut 2022" of Leanlink, whose tables print results: a year without deviations is ranked by its results, the deficits first
  const results = !report && by === 'avvikelse' && q.measure === 'utfall' && year !== undefined && !q.month
    ? defaultReports(ctx, q).find((r) => r.tables.some((t) => t.sign === 'resultat') && c.lines.some((l) => l.reportId === r.id && offers(l.available, { measure: 'utfall', year })))
    : undefined;
  if (results) return answerRanking(ctx, { ...q, order: q.direction === 'överskott' ? 'högst' : 'lägst' }, results, { by: 'utfall', year, within: within?.key });
  if (!report) return noFigureReply(ctx, { ...q, measure: by === 'förändring' ? 'utfall' : by }, year, undefined);
  return answerRanking(ctx, q, report, { by, year, compareYear, within: within?.key });
}

async function goalsFlow(ctx: AnswerContext, q: Query, known: Words): Promise<Reply> {
  const c = ctx.catalogue;
  const year = effectiveYear(c, q);
  if (known.subject.length) {
    const found = findItem(c, ctx.names, q, known, 'goal', (_m, r) => year === undefined || r.year === year);
    // "målet för sjukfrånvaron och personalomsättningen 2025": two indicators, each with its target
    const indicatorNamed = (part: string[]) => complete(findItem(c, ctx.names, { ...q, year: undefined }, { subject: part, context: known.context }, 'indicator'))?.match.entity.label;
    const perPart = (known.parts?.length ?? 0) >= 2 ? known.parts!.map(indicatorNamed) : [];
    if (!complete(found) && perPart.length && perPart.every(Boolean) && new Set(perPart).size > 1) return itemFlow(ctx, { ...q, intent: 'indikator' }, known, known);
    // "beläggningen på vårdboendena, når de målet?": an indicator, shown with its target
    // with a year, the indicator that has a value for it ("sjukfrånvaromålet 2024": the internbudget's planned level, not last year's outcome)
    const ofYear = (m: Match, r: CatalogueReport) => !!c.indicator(r.id, m.entity.key)?.points.some((p) => p.at.startsWith(String(year)));
    const named = complete(found) ? undefined : (year !== undefined ? complete(findItem(c, ctx.names, q, known, 'indicator', ofYear)) : undefined) ?? findItem(c, ctx.names, q, known, 'indicator');
    // also when an area is named beside it ("Äldreomsorgen i Leanlink: hur hög är beläggningen …?"): it explains more of the words than any goal
    const indicator = named && (complete(named) || named.match.subjectCoverage >= (found?.match.subjectCoverage ?? 0) + 0.1) ? named : undefined;
    if (indicator) {
      const reply = await answerIndicators(ctx, q, indicator.report, [indicator.match.entity.key]);
      // "lyckades nämnden ordna akuta bostäder?": the indicator, and how the report assesses the goal it measures
      const goalKey = c.indicator(indicator.report.id, indicator.match.entity.key)?.goalKey;
      const goal = goalKey ? c.goals.find((g) => g.reportId === indicator.report.id && g.key === goalKey) : undefined;
      return goal?.assessment ? { ...reply, text: `${reply.text} Målet "${goal.name}" ${ASSESSMENT_PHRASE[goal.assessment] ?? goal.assessment}.` } : reply;
    }
    if (found) return answerGoal(ctx, q, found.report, found.match.entity.key);
  }
  const reports = defaultReports(ctx, q).filter((r) => year === undefined || r.year === year);
  const withGoals = reports.filter((r) => c.goals.some((g) => g.reportId === r.id));
  const assessed = withGoals.find((r) => c.goals.some((g) => g.reportId === r.id && g.assessment !== null));
  if (!assessed) {
    if (withGoals[0]) return answerGoalList(ctx, q, withGoals[0], `${reportName(c, withGoals[0])} gör ingen bedömning av måluppfyllelsen: rapporten saknar bedömningar av målen.`);
    return noFigure(c, `måluppfyllelse${year ? ` ${year}` : ''}`, []);
  }
  const newest = withGoals[0];
  const note = newest && newest !== assessed ? `${reportName(c, newest)} gör ingen bedömning av enskilda mål; senaste bedömningen är från ${reportName(c, assessed)}.` : undefined;
  return answerGoalList(ctx, q, assessed, note);
}

async function assignmentsFlow(ctx: AnswerContext, q: Query, known: Words): Promise<Reply> {
  const c = ctx.catalogue;
  const year = effectiveYear(c, q);
  if (known.subject.length) {
    const ofYear = (_m: Match, r: CatalogueReport) => year === undefined || r.year === year;
    // (two things asked: the first part may name the assignment in full, "uppdrag om ekologisk hållbarhet …, och hur stor andel av fordonen …")
    const whole = findItem(c, ctx.names, q, known, 'assignment', ofYear);
    const firstPart = !complete(whole) && (known.parts?.length ?? 0) >= 2 ? complete(findItem(c, ctx.names, q, { subject: known.parts![0]!, context: known.context }, 'assignment', ofYear)) : undefined;
    const found = firstPart ?? whole;
    // "vilka uppdrag … rör barn och unga?": every assignment of the report the words name in full, listed
    if (found && WHICH_PLURAL.test(known.asked ?? '')) {
      const named = ctx.names
        .match(known.subject, known.context, (e) => e.type === 'assignment' && e.reportId === found.report.id)
        .filter((m) => m.subjectCoverage >= COMPLETE && (!q.assignmentKind || c.assignments.find((a) => a.reportId === found.report.id && a.key === m.entity.key)?.kind === q.assignmentKind))
        .map((m) => m.entity.key);
      if (named.length >= 2) return answerAssignmentList(ctx, q, found.report, named);
    }
    // "omställningen av socialtjänstens uppdrag": a line (an action plan's measure) whose name says "uppdrag"
    if (!complete(found) && complete(findItem(c, ctx.names, q, known, 'line'))) return itemFlow(ctx, { ...q, intent: 'belopp' }, known, known);
    if (found) {
      const reply = await answerAssignment(ctx, q, found.report, found.match.entity.key);
      // "… uppdraget att minska personalomsättningen, och hur höga var personalavgångarna?": a second part naming an indicator in full gets it too
      const second = (known.parts ?? []).slice(1).map((part) => complete(findItem(c, ctx.names, { ...q, intent: 'indikator' }, { subject: part, context: known.context }, 'indicator')));
      const indicator = second.find((f): f is Found => !!f && f.report.id === found.report.id);
      return indicator ? together([reply, await answerIndicators(ctx, { ...q, intent: 'indikator' }, indicator.report, [indicator.match.entity.key])]) : reply;
    }
  }
  const asked = (r: CatalogueReport) => c.assignments.filter((a) => a.reportId === r.id && (!q.assignmentKind || a.kind === q.assignmentKind));
  const reports = defaultReports(ctx, q).filter((r) => (year === undefined || r.year === year) && asked(r).length > 0);
  const withStatus = reports.find((r) => asked(r).some((a) => a.status !== null)) ?? reports[0];
  if (!withStatus) return noFigure(c, 'strategiska uppdrag', []);
  return answerAssignmentList(ctx, q, withStatus);
}

/**
 * "Varför …": the newest report whose own analysis speaks to the question —
 * its passages about the named lines or indicators, and about the question's words.
 */
async function explanationFlow(ctx: AnswerContext, q: Query, known: Words, raw: Words): Promise<Reply> {
  const c = ctx.catalogue;
  const year = effectiveYear(c, q);
  const words = [...known.context];
  // "hur mycket av åtgärdsplanen har ännu inte fått genomslag (inom BoU respektive LSS)?": the analysis's sentence per area
  if (UNREALISED_ASKED.test(raw.asked ?? '') && ACTION_PLAN.test(raw.asked ?? '')) {
    // each part's area, named in full ("Barn och ungdomsvård respektive LSS"; "i de olika verksamhetsområdena" names none)
    const parts = known.parts?.length ? known.parts : [known.subject];
    const areas = parts.flatMap((part) => ctx.names.match(part, known.context, (e) => e.type === 'line').filter((m) => m.subjectCoverage >= COMPLETE).map((m) => m.entity.key));
    const unrealised = unrealisedByArea(ctx, q, defaultReports(ctx, q), areas);
    if (unrealised) return unrealised;
  }
  // words no item is named by ("OPI") leave the item less of the question: a line named by the rest explains less of it
  const named = known.subject.length / Math.max(1, raw.subject.filter((w) => w.length > 2).length);
  const matches = known.subject.length
    ? ctx.names.match(known.subject, known.context, (e) => e.type === 'line' || e.type === 'indicator').map((m) => ({ ...m, subjectCoverage: m.subjectCoverage * Math.min(1, named) }))
    : [];
  // "varför går X back": the reports where X has a deviation to explain
  const aboutDeviation = q.direction !== undefined || q.measure === 'avvikelse';
  // a plan year ("varför uppstår underskott i planen från 2027?") is in the report that plans it
  const plans = (r: CatalogueReport, y: number) => c.lines.some((l) => l.reportId === r.id && offers(l.available, { measure: 'plan', year: y }));
  // "från 2024 fram till 2026": a plan year named beside it is only in the report that plans it
  const planYears = [q.compareYear].filter((y): y is number => y !== undefined && y !== year && c.reports.some((r) => r.year !== y && plans(r, y)));
  // "varför ökar budgeten 2024 jämfört med 2023?": the report that budgets both years (the internbudget), when one does
  const budgets = (r: CatalogueReport, y: number) => c.lines.some((l) => l.reportId === r.id && offers(l.available, { measure: 'budget', year: y }));
  const budgetYears = q.measure === 'budget' && year !== undefined && q.compareYear !== undefined ? [year, q.compareYear] : [];
  const bothBudgeted = (r: CatalogueReport) => budgetYears.every((y) => budgets(r, y));
  const anyBothBudgeted = budgetYears.length > 0 && c.reports.some(bothBudgeted);
  const ofYear = (r: CatalogueReport) =>
    (year === undefined || r.year === year || plans(r, year)) && planYears.every((y) => plans(r, y)) && (!anyBothBudgeted || bothBudgeted(r));
  // amounts the question names, not years ("52 miljoner")
  const figuresAsked = (raw.asked ?? '').match(/(?<![\d,.])\d{1,4}(?:,\d+)?(?=\s*(?:miljoner|milj|mnkr|mkr|tkr|procent|%))/g) ?? [];
  // Leanlink, unnamed, when its item fits the words best ("Öppna vårdformer inom äldreomsorgen")
  const best = matches.reduce<Match | undefined>((top, m) => (!top || m.score > top.score ? m : top), undefined);
  const leanlinkFits = !q.board && best !== undefined && best.subjectCoverage >= 0.5 && c.report(best.entity.reportId).board === 'leanlink';
  const candidates = (leanlinkFits ? allowedReports(c, q) : defaultReports(ctx, q))
    .filter(ofYear)
    .map((report) => {
      const here = matches.filter(
        (m) =>
          m.entity.reportId === report.id &&
          m.subjectCoverage >= 0.5 &&
          (!aboutDeviation || m.entity.type !== 'line' || c.line(report.id, m.entity.key)!.available.some((a) => a.measure === 'avvikelse')),
      );
      const top = here[0]?.score ?? 0;
      const near = here.filter((m) => m.score >= top - 0.06).slice(0, 3);
      const lines = near.filter((m) => m.entity.type === 'line').map((m) => c.line(report.id, m.entity.key)!);
      const indicators = near.filter((m) => m.entity.type === 'indicator').map((m) => m.entity.key);
      const ranked = rankPassages(c.passagesOf(report.id), lines, words, indicators);
      const cites = !!ranked[0] && figuresAsked.some((n) => new RegExp(`(?<![\\d,])${n}(?![\\d]|,\\d)`).test(ranked[0]!.passage.text));
      return { report, lines, indicators, best: ranked[0]?.score ?? 0, cites };
    });
  const strongest = Math.max(0, ...candidates.map((x) => x.best));
  // the report whose analysis cites the figure the question names ("ligga kvar på 52 miljoner"), else
  // the newest report whose analysis speaks to the question clearly and about as well as any other's
  const chosen = candidates.find((x) => x.cites && x.best >= 3) ?? candidates.find((x) => x.best >= Math.max(3, 0.7 * strongest)) ?? candidates.find((x) => x.best > 0);
  if (!chosen) {
    const report = defaultReports(ctx, q)[0];
    if (!report) return noFigure(c, 'förklaringar', []);
    const total = totalLine(c, report.id);
    return answerExplanation(ctx, q, report, total ? [total] : [], words);
  }
  const lines = chosen.lines.length || chosen.indicators.length || known.subject.length ? chosen.lines : [totalLine(c, chosen.report.id)].filter((l): l is CatalogueLine => !!l);
  return answerExplanation(ctx, q, chosen.report, lines, words, chosen.indicators);
}

async function tableFlow(ctx: AnswerContext, q: Query, known: Words, kind: 'åtgärdsplan' | 'investeringar', question = ''): Promise<Reply> {
  const c = ctx.catalogue;
  const year = effectiveYear(c, q);
  const hasYear = (r: CatalogueReport, tableKey: string) =>
    year === undefined || c.lines.some((l) => l.reportId === r.id && l.available.some((a) => a.table === tableKey && a.to?.startsWith(String(year))));
  const inTable = (m: Match, r: CatalogueReport) => {
    const l = c.line(r.id, m.entity.key);
    return !!l && l.available.some((a) => c.table(r.id, a.table)?.kind === kind && hasYear(r, a.table));
  };
  // "… och gruppboendena, hur hanteras de?": what the text says of investments the table does not hold
  const withTextBeside = (reply: Reply, r: CatalogueReport, table: CatalogueTable): Reply => {
    const besides = textBesideTable(ctx, r, table, known.context);
    if (besides) return { ...reply, text: `${reply.text} Rapportens text: "${besides}"` };
    // (or another report of the board that writes about it: the internbudget on gruppboenden, which Lejonfastigheter builds)
    for (const other of defaultReports(ctx, { ...q, year: undefined }).filter((x) => x.board === r.board && x.id !== r.id)) {
      const t = other.tables.find((x) => x.kind === kind);
      const text = t && textBesideTable(ctx, other, t, known.context);
      if (text) return { ...reply, text: `${reply.text} Texten i ${reportName(c, other)}: "${text}"` };
    }
    return reply;
  };
  // the other lines the question names (the area an åtgärd concerns), for the report's comments
  const relatedIn = (reportId: string, except?: string) =>
    ctx.names
      .match(known.subject, known.context, (e) => e.type === 'line' && e.reportId === reportId && e.key !== except)
      .filter((m) => m.subjectCoverage >= 0.5)
      .slice(0, 2)
      .map((m) => c.line(reportId, m.entity.key)!);
  if (known.subject.length) {
    const found = findItem(c, ctx.names, q, known, 'line', inTable);
    if (found) {
      const line = c.line(found.report.id, found.match.entity.key)!;
      const table = c.table(found.report.id, line.available.find((a) => c.table(found.report.id, a.table)?.kind === kind)!.table)!;
      return kind === 'åtgärdsplan'
        ? answerActionPlan(ctx, q, found.report, table, line, known.context, relatedIn(found.report.id, line.key))
        : withTextBeside(await answerInvestments(ctx, q, found.report, table, line), found.report, table);
    }
  }
  // "effekterna av coronapandemin": an effect, not the action plan's, of a line the words name (an area's savings are the plan's)
  const named = kind === 'åtgärdsplan' && known.subject.length && !ACTION_PLAN.test(question) ? findItem(c, ctx.names, { ...q, intent: 'belopp' }, known, 'line') : undefined;
  if (named && named.match.subjectCoverage >= 0.6) return itemFlow(ctx, { ...q, intent: 'belopp' }, known, known);
  const withTable = defaultReports(ctx, q).flatMap((report) => {
    const table = report.tables.find((t) => t.kind === kind && hasYear(report, t.key));
    return table ? [{ report, table }] : [];
  });
  const whole = (r: CatalogueReport, table: CatalogueTable) =>
    kind === 'åtgärdsplan' ? answerActionPlan(ctx, q, r, table, undefined, known.context, known.subject.length ? relatedIn(r.id) : []) : answerInvestments(ctx, q, r, table);
  if (withTable[0]) {
    const reply = await whole(withTable[0].report, withTable[0].table);
    if (kind === 'investeringar') return withTextBeside(reply, withTable[0].report, withTable[0].table);
    // the board's earlier plan, where another report has one ("åtgärdsplanen från augusti 2023" in the internbudget): which one was meant is the asker's call
    const earlier = kind === 'åtgärdsplan' && !known.subject.length && withTable.find((t) => t.report.board === withTable[0]!.report.board && t.report !== withTable[0]!.report);
    return earlier ? { ...reply, text: `${reply.text} Det finns också en tidigare plan: ${(await whole(earlier.report, earlier.table)).text} Menade du den?` } : reply;
  }
  // no table: what the report's own text says about it — a passage that names it, or none ("Vilka investeringar gjorde Socialnämnden 2018?")
  // the topic's word forms as the passages write them (folded: "åtgärdsplanen", "verkställda åtgärder")
  const topic = kind === 'åtgärdsplan' ? ['atgardsplan', 'atgardsplanen', 'atgarder'] : ['investering', 'investeringar'];
  const naming = (r: CatalogueReport) => c.passagesOf(r.id).filter((p) => passageWords(p).body.some((w) => w.startsWith(kind === 'åtgärdsplan' ? 'atgard' : 'invester')));
  const asked = [...known.context, ...topic];
  const withText = defaultReports(ctx, q).find((r) => (year === undefined || r.year === year) && rankPassages(c.passagesOf(r.id), [], asked, [], [], naming(r)).length > 0);
  if (withText) {
    // (said first: a sum in the text is no table's, and a plan the report only refers to has none)
    const reply = await answerExplanation(ctx, q, withText, [], asked, [], naming(withText));
    const what = kind === 'åtgärdsplan' ? 'åtgärdsplanens effekter' : 'investeringar';
    return { ...reply, text: `${reportName(c, withText)} har ingen tabell över ${what}; det som finns är rapportens text. ${reply.text}` };
  }
  return noFigure(c, `${kind === 'åtgärdsplan' ? 'åtgärdsplanens effekt' : 'investeringar'}${year ? ` ${year}` : ''}`, []);
}

/** What a card button may carry. */
export const itemRef = z.object({ type: z.enum(['line', 'indicator', 'goal', 'assignment']), reportId: z.string().max(100), key: z.string().max(100) }).strict();

/** A card button: show, explain, compare or drill into an item. */
export async function answerRef(ctx: AnswerContext, verb: string, ref: ItemRef, q: Query = { intent: 'belopp' }): Promise<Reply> {
  const c = ctx.catalogue;
  const report = c.reports.find((r) => r.id === ref.reportId);
  if (!report) return help(c, 'Den rapporten finns inte längre i rapportlagret.');
  switch (ref.type) {
    case 'line': {
      const line = c.line(report.id, ref.key);
      if (!line) break;
      if (verb === 'varför') return answerExplanation(ctx, { ...q, intent: 'förklaring' }, report, [line], [line.name, ...line.aliases].flatMap(toWords));
      if (verb === 'jämför') return answerComparison(ctx, { ...q, intent: 'jämförelse', compareWith: q.compareWith ?? 'föregående år' }, line, report);
      if (verb === 'detaljer') return answerDetails(ctx, line, report);
      return answerLine(ctx, q.intent === 'rangordning' ? { ...q, intent: 'belopp' } : q, line, report);
    }
    case 'indicator':
      if (c.indicator(report.id, ref.key)) return answerIndicators(ctx, q, report, [ref.key]);
      break;
    case 'goal':
      if (c.goals.some((g) => g.reportId === report.id && g.key === ref.key)) return answerGoal(ctx, q, report, ref.key);
      break;
    case 'assignment':
      if (c.assignments.some((a) => a.reportId === report.id && a.key === ref.key)) return answerAssignment(ctx, q, report, ref.key);
      break;
  }
  return help(c, 'Jag hittar inte det kortet pekar på i rapportlagret.');
}
