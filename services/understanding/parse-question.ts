/**
 * Deterministic understanding of a question: Swedish (and plain English)
 * text → Query. Each detector recognises one thing (board, period, intent,
 * measure …) and removes the words it used; what is left names the item the
 * question is about (the subject), which the resolver matches against the
 * store's catalogue.
 */
import type { BoardId } from '../reports/report-file.js';
import { query as querySchema, type Query } from './query.js';
import { swedishTerms } from './item-terms.js';
import { STOPWORDS, editDistance, fold, typoAllowance, words } from './swedish-text.js';

export interface BoardNames {
  boards: Array<{ id: BoardId; name: string; aliases: string[] }>;
  otherBoards: string[];
}

export interface ParsedQuestion {
  query: Query;
  /** true when the text leans on the previous question ("och för LSS?", "jämfört med förra året?") */
  followUp: boolean;
  /** the words left when board, period, intent and measure words are taken out: the item's name */
  subjectWords: string[];
  /** every meaningful word of the question but board names (an item's name may contain "resultat", "budget" …) */
  contextWords: string[];
  /** the subject's words in the parts "och"/"and" separate: two items may be asked for at once */
  subjectParts: string[][];
  /** "LSS inklusive egen regi": what is added to the item ("egen", "regi") */
  includedWords: string[];
}

const MONTHS: Array<[RegExp, number]> = [
  [/^jan(uari)?$|^january$/, 1],
  [/^feb(ruari)?$|^february$/, 2],
  [/^mar(s)?$|^march$/, 3],
  [/^apr(il)?$/, 4],
  [/^maj$|^may$/, 5],
  [/^jun(i|e)?$/, 6],
  [/^jul(i|y)?$/, 7],
  [/^aug(usti|ust)?$/, 8],
  [/^sep(t|tember)?$/, 9],
  [/^okt(ober)?$|^oct(ober)?$/, 10],
  [/^nov(ember)?$/, 11],
  [/^dec(ember)?$/, 12],
];
/** the months as the reports' names write them, folded ("augusti" in "åtgärdsplanen från augusti 2023") */
const MONTH_NAMES = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
/** Numbers written as words, one to twelve (Swedish and English), for "åtta månader" */
const COUNTS = ['en|ett|one', 'två|two', 'tre|three', 'fyra|four', 'fem|five', 'sex|six', 'sju|seven', 'åtta|eight', 'nio|nine', 'tio|ten', 'elva|eleven', 'tolv|twelve'];
const COUNT_WORD = COUNTS.join('|');
const countOf = (w: string) => (/^\d+$/.test(w) ? Number(w) : COUNTS.findIndex((c) => c.split('|').some((x) => fold(x) === w)) + 1);
/** A figure named in a comparison: "bokslut", "accounts", "outturn", "actuals" are the outturn. */
const measureOf = (w: string): NonNullable<Query['measure']> => (/^(forecast|prognos)$/.test(w) ? 'prognos' : /^(budget|plan)$/.test(w) ? (w as 'budget' | 'plan') : 'utfall');
/** a month's name as people write it, Swedish or English, in full or short */
export const MONTH_WORD = String.raw`(?:jan(?:uari|uary)?|feb(?:ruari|ruary)?|mars?|march|apr(?:il)?|maj|may|jun[ie]?|jul[iy]?|aug(?:usti|ust)?|sep(?:t|tember)?|okt(?:ober)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;

/** A detector: pattern over the normalised text, and what a match means. */
interface Rule {
  re: RegExp;
  apply: (q: Draft, m: RegExpExecArray) => void;
}

type Draft = Partial<Query> & {
  /** decimal numbers as the words split them ("30,9" → "30 9"), which are no dates */
  decimals: Set<string>;
  monthYear?: number;
  /** "bokslut": the year's final outturn, whatever else the question mentions */
  final?: boolean;
  /** "hur många", "antal", "andel": a count or share, not an amount */
  countWords?: boolean;
  /** name words found inside an intent word, to keep in the subject */
  keep: string[];
  /** items a rule took whole, each a part of the subject of its own ("kostnaderna och intäkterna") */
  keepParts: string[][];
  intents: Set<Query['intent']>;
  measures: Set<NonNullable<Query['measure']>>;
  comparing: boolean;
  lastYear: boolean;
  indicatorWords: boolean;
  /** "som chef för LSS": the asker's own area, the subject when the question names no other ("vår helårsprognos") */
  ownArea?: string;
  /** "i år": the year so far, unless a budget is asked for */
  thisYear?: boolean;
  /** the month came with the report ("delår aug 2020"): a month named later describes something else ("åtgärdsplanen från juni") */
  reportMonth?: boolean;
  /** "kostar", "kostnaden": the outturn, unless the question names the budget ("kostar enligt budget 2024") */
  costWords?: boolean;
  /** "i åtgärdsplanen": the item is one of the plan's measures, even when its name says "uppdrag" */
  actionPlanNamed?: boolean;
  /** "inte realiserat": how much of the action plan has had no effect yet, which only the analysis says */
  unrealised?: boolean;
  /** "vilka områden …": a list of areas is asked for, even when "driver underskottet" sounds like a "varför" */
  whichAreas?: boolean;
  /** "varför", "why": an explanation asked for in so many words */
  whyAsked?: boolean;
  /** the board was named as "socialförvaltningen", whose board depends on the year */
  socialAdministration?: boolean;
  /** a sum the question states, to check ("gått back 30 miljoner") */
  claimMnkr?: number;
  claimBound?: Query['claimBound'];
  /** "sämst", "bäst" said of a ranking: of money a deficit or surplus, of a share its lowest or highest */
  bestOrWorst?: 'bäst' | 'sämst';
  /** "vad görs åt …": what is done about it, which the analysis says */
  doneAbout?: boolean;
  /** "när vi …" written with its ä: "when", which folds like "når" (reach) */
  whenWritten?: boolean;
};

/**
 * A whole-word pattern, folded like the text it runs on (no å, ä, ö). The text
 * is words of letters, digits and & between single spaces, with a space at
 * each end, so a word boundary is a space or an &: checking for those is a
 * quarter of the parse time cheaper than checking for "not a letter or digit".
 */
const b = (s: string) => new RegExp(fold(String.raw`(?<=[ &])(?:${s})(?=[ &])`), 'gu');
/** A pattern literal folded the same way. */
const f = (re: RegExp) => new RegExp(fold(re.source), re.flags);

const MORE = f(/^(fler|ök|increase|grow|mer|högre|större än|gone up|went up|risen|more|(?:gått|gick|går|gå) upp|stigit|steg)/);
const LESS = f(/^(färre|minsk|decrease|mindre|lägre|gone down|went down|dropped|fallen|declined|less|fewer|(?:gått|gick|går|gå) ne[rd]|sjunkit|sjönk)/);
const SURPLUS = f(/överskott|surplus|plus|under budget|^positiv|bättre än|better than|underspen/);
const DEFICIT = f(/underskott|deficit|back|minus|över budget|over budget|drog över|drar (?:\p{L}+ )?över|iväg|överskrid|^negativ|sämre än|worse than|overspen|in the red|blöd|efter (?:den |sin )?(?:\p{L}+ )?budget/u);

const LOWEST = f(/^(lägst|lowest|minst|billigast|cheapest|smallest)/);
const HIGHEST = f(/^(högst|highest)/);
const BEST = f(/^(bäst|best)/);
const WHICH_AREAS = f(/^(vilk|which)/);
/** the words that ask for an explanation as such (not "driver", "ligger bakom", "risk") */
const WHY = f(/^(varför|vrf|why|how come|förklar|explain|orsak|anledning|reason|vad beror|vad berodde)/);
/** "fler", "färre", "fewer": said of things counted, never of amounts ("mer", "mindre") */
/** the two figures of "utfall 2022 för X med budget 2024", read apart: measure, year, the words between, measure, year */
/** a figure named with its year ("utfall 2022", "budgeterat för 2024") */
const FIGURE_NAMED = String.raw`(?:utfall|budget|prognos|plan|bokslut)(?:et|en|s|erat|erade)? (?:för |år )?20\d\d`;
const TWO_FIGURES = f(/^(utfall|budget|prognos|plan|bokslut)(?:et|en|s|erat|erade)? (?:för |år )?(20\d\d)((?: \p{L}+){0,5}?) (?:jämfört med|jämför med|mot|med|och|till|vs|versus) (?:\p{L}+ ){0,2}(utfall|budget|prognos|plan|bokslut)(?:et|en|s|erat|erade)? (?:för |år )?(20\d\d)$/u);
/** "jämför X och Y", "compare X and Y": items compared with each other */
const COMPARE_ITEMS = f(/(?<!\p{L})(?:jämför|compare)(?: \p{L}+){1,6} (?:och|med|and|with|mot) \p{L}/u);
const MORE_OR_FEWER = f(/(?<!\p{L})(?:fler|färre|fewer)(?!\p{L})/u);
const COSTLIEST = f(/^(dyrast|billigast|most expensive|cheapest|utgiftspost|kostnadspost)/);
const WORST = f(/^(sämst|värst|worst)/);

/** several indicators (a single one's trend is told in its own answer) */
const INDICATORS = String.raw`\p{L}*indikatorer\p{L}*|(?:någon|några|vilken|any|which) \p{L}*indikator(?:n)?|indicators|nyckeltalen`;
const TREND_UP = String.raw`(?:går|gått|gick|utvecklas|utvecklats|rör sig|pekar|är på väg) (?:åt|i) (?:rätt|önskad|positiv) (?:håll|riktning)|i önskad riktning|(?:en )?positiv\p{L}* utveckling|(?:utvecklas|utvecklats) positivt|förbättr\p{L}*|(?:blivit|blir) bättre|(?:moving|going|heading|trending) (?:in )?the right direction|improv\p{L}*|getting better|positive (?:trend|development)`;
const TREND_DOWN = String.raw`(?:går|gått|gick|utvecklas|utvecklats|rör sig|pekar|är på väg) (?:åt|i) (?:fel|negativ) (?:håll|riktning)|mot önskad riktning|(?:en )?negativ\p{L}* utveckling|(?:utvecklas|utvecklats) negativt|försämr\p{L}*|(?:blivit|blir) sämre|(?:moving|going|heading|trending) (?:in )?the wrong direction|wors\p{L}*|getting worse|deteriorat\p{L}*|negative (?:trend|development)`;
const TREND_ANY = String.raw`utvecklas|utvecklats|utveckling\p{L}*|trend\p{L}*|developing|developed`;
const TREND_UP_RE = f(new RegExp(`(?:^| )(?:${TREND_UP})`, 'u'));
const TREND_DOWN_RE = f(new RegExp(`(?:^| )(?:${TREND_DOWN})`, 'u'));

const monthOf = (w: string) => MONTHS.find(([re]) => re.test(w))?.[1];

const RULES: Rule[] = [
  // "åtgärdsplanen från aug 2023 – vad ska den ge i år": which plan (its name says "från augusti 2023"), the period being "i år"
  // (without such a period the date is the plan's year, which the effect years follow: "… från augusti 2023 – 'förändring av riktlinjer' 2024?")
  { re: b(String.raw`(?<=(?:åtgärdsplan|besparingsplan)\p{L}* )(?:från|beslutad\p{L}* i|som beslutades i|from) (${MONTH_WORD})(?: (20\d\d))?(?=.* (?:i år|this year|nästa år|next year)(?: |$))`), apply: (q, m) => {
    q.keep.push(MONTH_NAMES[monthOf(m[1]!)! - 1]!);
    if (m[2]) q.keep.push(m[2]);
  } },
  // help and greetings
  { re: b(String.raw`hjälp|help|vad kan (?:du|jag fråga)(?: om)?|vad vet du|vilka frågor|exempel(?:frågor)?|kommandon|hej|hallå|tjena|hi|hello|god (?:morgon|dag)`), apply: (q) => q.intents.add('hjälp') },
  // "jag är enhetschef på vuxensidan": who asks, not what about ("chef" is a word of a line's passage)
  { re: b(String.raw`(?:jag är|jag jobbar som|jag arbetar som|i am|i m|as an?) (?:en |an? |ny |nyanställd |new )?\p{L}*(?:chef|ledare|ledamot|controller|ekonom|samordnare|handläggare|ordförande|politiker|strateg|analytiker|revisor|manager|auditor|analyst|reporter|journalist)`), apply: () => {} },
  // "stämmer det att vi gått back 30 miljoner?": a figure claimed, to be checked against the report's — no name of an item ("30." is an assignment, "90 dagar" an indicator)
  // (the number just before the unit only: words have lost the punctuation of "569: 133.1 mkr", where 569 is a code)
  { re: b(String.raw`(?:(över|under|nästan|drygt|knappt|runt|omkring|ca|cirka|about|over|around|almost|more than|mer än|mindre än|less than) )?(\d+)(?: (\d{1,2}))? (miljoner|miljon|miljarder|mnkr|mkr|tkr|kronor|kr|millions?|sek|procent|percent)(?: kronor| kr| sek)?(?! (?:inv\p{L}*|per|invånare))`), apply: (q, m) => {
    const scale = CLAIM_SCALE.find(([re]) => re.test(m[4]!))?.[1];
    if (scale === undefined) return;
    // ("över" folds to "over", like the English word)
    q.claimMnkr = Number(`${m[2]}.${m[3] ?? 0}`) * scale;
    q.claimBound = /^(?:over|more than|mer an|drygt)$/.test(m[1] ?? '') ? 'över' : /^(?:under|less than|mindre an|knappt)$/.test(m[1] ?? '') ? 'under' : undefined;
  } },
  { re: b(String.raw`stämmer det(?: att)?|är det sant(?: att)?|är det rätt(?: att)?|påstår(?: att)?|sa att|säger att|hävdar(?: att)?|is it true(?: that)?|someone (?:told me|said)(?: that)?|is that true|is that right`), apply: () => {} },
  // a controller's request for a slide ("Skriv vad rapporten säger om …", "Plocka fram …", "till bild 3:"): what to do with the answer, not what it is about
  { re: b(String.raw`(?:skriv(?: ut)?|ge mig|visa mig|plocka fram|ta fram|kolla(?: om)?|jag behöver|behöver|till bild \d+|för presidiet)(?: vad (?:rapporten|texten|internbudgeten|delårsrapporten) (?:säger|skriver)(?: om)?)?`), apply: () => {} },
  // "vad säger förvaltningen om prognosen": who is asked about it, not what (922 is a line named "Social- och omsorgsförvaltningen")
  { re: b(String.raw`(?:vad|hur) (?:säger|skriver|bedömer|anser|tror|menar) (?:förvaltningen|nämnden|rapporten|controllern|ekonomerna|ledningen)(?: om)?|what does the (?:administration|department|report) say(?: about)?`), apply: () => {} },
  // "jämfört med föregående prognos": the reports compare forecasts only in their text, which the explanation quotes
  { re: b(String.raw`(?:föregående|förra|tidigare|previous|earlier|prior) (?:prognos\p{L}*|forecasts?)`), apply: (q) => q.intents.add('förklaring') },
  // "förändrats sedan delårsbokslutet i mars", "jämfört med delåret i mars": the change since an earlier report, which the later report's text explains
  { re: b(String.raw`(?:sedan|jämfört med|mot|än i) (?:delår\p{L}*|delårsbokslut\p{L}*|förra (?:rapporten|delåret))(?: (?:i|per))? ${MONTH_WORD}`), apply: (q) => q.intents.add('förklaring') },
  // "augusti-planen (2023–2026) … ge 2024": a span naming a plan is not the year asked about, when the question names that too
  { re: b(String.raw`20\d\d 20\d\d(?=.* 20\d\d )|20\d\d 20\d\d(?<= 20\d\d .*20\d\d 20\d\d)`), apply: () => {} },
  // "utfall 2022 jämfört med budget 2024": two figures named with their years
  // (the words between them name the item: "utfall 2022 för funktionshindrade enligt SFB med budget 2024"; "från utfall 22 till budget 24")
  // ("till" only after "från": "från utfall 2022 via budget 2024 till plan 2029" is a series, not two figures)
  { re: b(String.raw`(?:(?<=från )${FIGURE_NAMED}(?: \p{L}+){0,5}? till |${FIGURE_NAMED}(?: \p{L}+){0,5}? (?:jämfört med|jämför med|mot|med|och|vs|versus) )(?:\p{L}+ ){0,2}${FIGURE_NAMED}`), apply: (q, m) => {
    const [, first, firstYear, between, second, secondYear] = TWO_FIGURES.exec(m[0])!;
    q.measures.add(measureOf(second!));
    q.year = Number(secondYear);
    q.compareMeasure = measureOf(first!);
    q.compareYear = Number(firstYear);
    q.comparing = true;
    q.keep.push(...between!.trim().split(' ').filter(Boolean));
  } },
  // "the 2024 forecast … than the 2023 accounts", "2024 års prognos mot 2023 års bokslut"
  { re: b(String.raw`(20\d\d)(?: års)? (forecast|budget|accounts|outturn|actuals?|plan|prognos|bokslut|utfall)(?: \p{L}+){0,3} (?:than|compared (?:with|to)|with|and|to|vs|versus|against|jämfört med|mot|med|och) (?:in |with |to )?(?:the )?(20\d\d)(?: års)? (forecast|budget|accounts|outturn|actuals?|plan|prognos|bokslut|utfall)`), apply: (q, m) => {
    q.measures.add(measureOf(m[2]!));
    q.year = Number(m[1]);
    q.compareMeasure = measureOf(m[4]!);
    q.compareYear = Number(m[3]);
    q.comparing = true;
  } },
  // explanations
  { re: b(String.raw`varför|vrf|why|how come|förklar\p{L}*|explain\p{L}*|orsak\p{L}*|anledning\p{L}*|reasons?|(?:beror|berodde) \p{L}* på|(?:beror|berodde) på|vad (?:beror|berodde)|(?:låg|ligger|står) bakom|what (?:was|is|lies) behind|what caused|what drives|what (?:is |are )?driving|drivs av|driver|hur hänger (?:det|detta|de|dom) ihop|(?:vad|vilket) (?:är|var) det som (?:gör|gjorde|gjort|får|fick|orsakar|orsakade|driver)(?: att)?|what (?:made|makes)|hur kommer det sig|hur då|(?:vad|hur) (?:gör|görs|jobbar|arbetar)(?: \p{L}+){0,3}? för att(?: få bukt med| komma tillrätta med| vända| minska)?|få bukt med|komma tillrätta med|what is (?:being )?done|what are (?:they|we) doing|how so|hur kan|trots att|despite|although|(?<!at )risk\p{L}*|osäkerhet\p{L}*|uncertaint\p{L}*`), apply: (q, m) => {
    q.intents.add('förklaring');
    if (WHY.test(m[0])) q.whyAsked = true;
  } },
  // "vad görs åt HVB-underskottet?": what the report says is done, from its analysis — unless the action plan is named, whose table says it
  // (only "vad gör" is taken: a year or a name between it and "åt" stays the question's)
  { re: b(String.raw`vad (?:görs|gjordes|har gjorts|gör|gjorde)(?=(?: [\p{L}\d]+){0,2}? åt (?!(?:det |de |\p{L}+ )?\p{L}*uppdrag))`), apply: (q) => (q.doneAbout = true) },
  // "längst från sitt målvärde", "furthest from target": indicators ranked by their distance to the target (before "mål" is read as a goal)
  { re: b(String.raw`längst (?:ifrån|från|bort från) (?:sitt |sina |deras )?mål\p{L}*|furthest (?:away )?from (?:its |their |the )?targets?`), apply: (q) => {
    q.intents.add('rangordning');
    q.order = 'från målvärdet';
  } },
  // "räknar man med": what is expected, said with a pronoun that is no name ("man" folds like "män"); "hur illa" is how bad, not "barn som far illa";
  // "hur stod prognosen sig mot …" compares ("stod" folds like "stöd", a name word, so it goes only before its "sig")
  { re: b(String.raw`räkna(?:r|de)? (?:(?:man|vi|ni|de) )?med|räknas med|hur illa|illa till|(?:står|stod|stått)(?=(?: \p{L}+){0,3} sig )`), apply: (q, m) => {
    // ("rangordna efter hur illa de ligger till", "varför ligger LSS så illa till": the deficits)
    if (m[0] === 'hur illa' || m[0] === 'illa till') q.direction ??= 'underskott';
  } },
  // who is asking ("som chef för LSS", "jag leder äldreomsorgen"): their area is context, not what is asked about
  { re: b(String.raw`(?:som|jag är|jag e|jag jobbar som) (?:\p{L}*chef|ansvarig|controller|ekonom|handläggare) (?:för|inom|på|i|över) (\p{L}+)|jag (?:leder|samordnar|ansvarar för|har hand om|håller i|jobbar (?:med|inom|på)|arbetar (?:med|inom|på)) (\p{L}+)`), apply: (q, m) => {
    q.ownArea = m[1] ?? m[2];
  } },
  // "den översyn som politikerna beställde": an assignment from the council
  { re: b(String.raw`(?:som )?(?:politikerna|fullmäktige|kommunfullmäktige|kf) (?:beställde|beställt|har beställt|begärde|begärt|gav (?:oss |nämnden |dem )?i uppdrag)`), apply: (q) => q.intents.add('uppdrag') },
  // strategic assignments, and which kind ("de nämndspecifika uppdragen")
  { re: b(String.raw`(kommungemensamma|kommungemensamt|gemensamma|nämndspecifika|nämndspecifikt|nämndens egna|egna|board specific|municipal)(?= (?:strategiska |strategic )?(?:\p{L}*uppdrag|assignments?))`), apply: (q, m) => {
    q.assignmentKind = /^kommun|^gemensam|^municipal/.test(m[1]!) ? 'kommungemensamt' : /specifi/.test(m[1]!) ? 'nämndspecifikt' : 'nämndens eget';
  } },
  // ("basuppdraget", "grunduppdraget": the board's ordinary work, a heading of the volumes, no assignment)
  { re: b(String.raw`(?:bas|grund)uppdrag\p{L}*`), apply: () => {} },
  // "SON:s verksamhetsuppdrag": Leanlink's contract with the board — a name word, no assignment
  { re: b(String.raw`verksamhetsuppdrag\p{L}*`), apply: (q, m) => q.keep.push(m[0].trim()) },
  { re: b(String.raw`(?:strategiska |strategiskt |strategic )?\p{L}*uppdrag\p{L}*|(?:strategic )?assignments?`), apply: (q) => q.intents.add('uppdrag') },
  // goals ("målvärde" is an indicator's target, not a goal)
  { re: b(String.raw`(?:nämnd|förvaltnings)?mål(?:et|en|s)?|måluppfyllelse\p{L}*|goals?|objectives?`), apply: (q) => q.intents.add('måluppfyllelse') },
  // "klarade man att ordna akuta bostäder?": whether a goal was met
  { re: b(String.raw`(?:klarade|klarat|lyckades|lyckats) (?:man|vi|ni|de|nämnden|förvaltningen|socialnämnden|leanlink) (?:med )?att`), apply: (q) => q.intents.add('måluppfyllelse') },
  // "når" folds to "nar" like "när" (when): only as "når vi/de/nämnden …"
  { re: b(String.raw`når (?:vi|de|ni|man|nämnden|förvaltningen|leanlink)`), apply: (q) => {
    if (!q.whenWritten) q.intents.add('måluppfyllelse');
  } },
  // "kompetensförsörjningsmålet": a goal named by a compound — keep its first part as a name word
  { re: b(String.raw`(\p{L}{5,}?)s?mål(?:et|en)?`), apply: (q, m) => {
    q.intents.add('måluppfyllelse');
    q.keep.push(m[1]!);
  } },
  // "uppnås fullt ut", "helt uppfyllda", "fully met": only the goals met
  { re: b(String.raw`(?:uppnås|uppnåtts|uppnåddes|uppnått|uppfylls|uppfylldes|uppfyllt|nås|nåddes|nått) (?:fullt ut|fullt|helt)|(?:helt|fullt) (?:uppnådda|uppnått|uppfyllda|uppfyllt|nådda)|fully (?:met|achieved)`), apply: (q) => {
    q.intents.add('måluppfyllelse');
    q.status = 'uppnås';
  } },
  // ("bedömdes inte uppnås": the negation read before the bare verb takes "uppnås")
  { re: b(String.raw`(?:inte|ej|icke) (?:uppnås|nås|uppfylls|uppnått|nått|uppnåddes|nåddes|uppnådde|nådde)|inte (?:kommer att )?nå\p{L}*`), apply: (q) => {
    q.intents.add('måluppfyllelse');
    q.status = 'ej';
  } },
  { re: b(String.raw`(?:uppnås|uppnåtts|uppnåddes|uppnått|uppnår|uppnådde|nås|nåddes|nått|nådde|uppfylls|uppfylldes|uppfyllt|uppfyllas|lyckades|lyckats|achieved?|met)(?: inte| ej)?`), apply: (q, m) => {
    q.intents.add('måluppfyllelse');
    if (/ (inte|ej)$/.test(m[0])) q.status = 'ej';
  } },
  { re: b(String.raw`bedömning(?:en|ar)?|måluppfyllnad\p{L}*|assessment`), apply: (q) => q.intents.add('måluppfyllelse') },
  { re: b('delvis'), apply: (q) => (q.status = 'delvis') },
  { re: b(String.raw`kan (?:inte|ej) bedömas`), apply: (q) => (q.status = 'kan ej bedömas') },
  { re: b(String.raw`(?:inte|ej|icke)(?: än| ännu)? (?:genomförda|genomfört|genomförts|avklarade|klara|färdiga|slutförda)|not (?:yet )?(?:done|completed|finished)`), apply: (q) => (q.status = 'ej genomfört') },
  { re: b(String.raw`genomförda|genomfört|genomförts|avklarade`), apply: (q) => (q.status = 'genomfört') },
  { re: b(String.raw`pågående|pågår`), apply: (q) => (q.status = 'pågår') },
  { re: b(String.raw`kvarstår|kvarstående|ej påbörjade`), apply: (q) => (q.status = 'kvarstår') },
  // action plan and investments
  // "andelen rapporterade avvikelser som avslutas med dokumenterad åtgärd": incidents in the care, an indicator's words — neither a budget deviation nor the action plan
  { re: b(String.raw`(?:(?:in)?rapporterade )?avvikelse(?:r|rna)? som (?:\p{L}+ ){0,3}?(?:dokumenterad\p{L}* )?åtgärd\p{L}*|(?:in)?rapporterade avvikelse(?:r|rna)?`), apply: (q, m) => {
    q.indicatorWords = true;
    q.keep.push(...m[0].trim().split(' '));
  } },
  // "hur mycket av åtgärdsplanen är inte realiserat", "hade ännu inte gett effekt": the reports say so only in their analysis, per area
  { re: b(String.raw`(?:(?:ännu|än) )?(?:inte|ej)(?: ännu| än| fullt)?(?: är| har| hade)?(?: fullt)? (?:realiser\p{L}*|fått genomslag|gett (?:någon )?effekt|fått (?:någon )?effekt)|orealiser\p{L}*|not (?:yet )?(?:been )?realised|not (?:yet )?had (?:an |any )?effect`), apply: (q) => (q.unrealised = true) },
  { re: b(String.raw`åtgärdsplan\p{L}*|action plans?`), apply: (q) => {
    q.intents.add('åtgärdsplan');
    q.actionPlanNamed = true;
  } },
  { re: b(String.raw`åtgärd\p{L}*|besparing\p{L}*|spara\p{L}*|effektivisering\p{L}*|savings?|save|efficiency measures?|effekt(?:en|er|erna)?`), apply: (q) => q.intents.add('åtgärdsplan') },
  // "inv budget 2023": controllers' shorthand ("kr/inv" is per inhabitant)
  { re: b(String.raw`investering\p{L}*|investment\p{L}*|invest|invested|investing|investera\p{L}*|inv(?<!(?:per|kr|kostnad|\d) inv)`), apply: (q) => q.intents.add('investering') },
  // ranking
  { re: b(String.raw`störst\p{L}*|tyngst\p{L}*|heaviest|mest|sämst(?:a|e)?|värst|minst(?:a)?(?! \d| lika)|smallest|(?:dyrast|billigast)\p{L}*|most expensive|cheapest|(?:utgifts|kostnads)post\p{L}*|högst\p{L}*|lägst(?:a|e)?|bäst(?:a|e)?|vilka (?:verksamheter|verksamhetsområden|områden|delar|avdelningar|enheter)|vilk(?:en|et) av (?:\p{L}+ )?(?:verksamheter|verksamhetsområden|områden|avdelningar|enheter)(?:na)?|vilken verksamhet|vilket (?:verksamhets)?område|var (?:är|finns|ligger)(?! (?:den|det|de|vi|ni|andelen|nivån|värdet))|topp\p{L}*(?: \d+)?|top(?: \d+| three| five| ten)?|rangordn\p{L}*|largest|biggest|worst|most|lowest|highest|where is|best|which (?:departments|areas|units|activities|services|parts)`), apply: (q, m) => {
    q.intents.add('rangordning');
    if (WHICH_AREAS.test(m[0])) q.whichAreas = true;
    // "dyrast", "största utgiftsposten": ranked by what things cost
    if (COSTLIEST.test(m[0])) q.measures.add('utfall');
    // "gick bäst mot budget" ranks surpluses, "sämst"/"värst" deficits (a deficit word later in the question still decides)
    if (BEST.test(m[0])) {
      q.direction ??= 'överskott';
      q.bestOrWorst ??= 'bäst';
    } else if (WORST.test(m[0])) {
      q.direction ??= 'underskott';
      q.bestOrWorst ??= 'sämst';
    }
    // "lägst budget", "lägst andel klara" (indicators by their value, when the words name several)
    if (LOWEST.test(m[0])) q.order ??= 'lägst';
    else if (HIGHEST.test(m[0])) q.order ??= 'högst';
  } },
  // comparison
  // "jämfört med budget 2023": that figure is what is compared with (without a year, "jämfört med budget" is the deviation)
  { re: b(String.raw`(?:jämfört med|jämför med|compared (?:with|to)|mot) (?:the )?(budget|bokslut|utfall|prognos|plan)(?:en|et)? (?:för |år |for )?(20\d\d)`), apply: (q, m) => {
    q.compareMeasure = measureOf(m[1]!);
    q.compareYear = Number(m[2]);
    q.comparing = true;
  } },
  // "kostar mer än budgeterat": over budget, a deviation — not a comparison with another year
  { re: b(String.raw`(mer|mindre|högre|lägre|more|less|higher|lower) (?:än|than) (?:vad som (?:var |är )?)?(?:budgeterat|planerat|beräknat|budget(?:en)?|budgeted|planned)`), apply: (q, m) => {
    q.measures.add('avvikelse');
    q.direction = /^(?:mer|hogre|more|higher)$/.test(m[1]!) ? 'underskott' : 'överskott';
  } },
  // "the action plan decided in August 2023": when the plan was decided, not the period asked about
  // (the month only: the year says which plan, "adopted in June 2020")
  { re: b(String.raw`(?:decided|adopted|approved|agreed) (?:on |in )?${MONTH_WORD}`), apply: () => {} },
  // "jämför dom två", "båda": what was talked about before, not an item's name
  { re: b(String.raw`(?:dom|de|dem|them|these|those|the) (?:två|båda|both|two)|båda(?: två)?|bägge|both`), apply: () => {} },
  // "bättre än förra året": a comparison with the year before, not a word naming an item
  { re: b(String.raw`(?:(?:bättre|sämre|better|worse) (?:eller|or) )?(?:bättre|sämre|better|worse) (?:än|than)(?= (?:förra|i fjol|fjolåret|föregående|last|the previous|the year before))`), apply: (q) => (q.comparing = true) },
  // "från 2023 till 2024", "mellan 2023 och 2024", "from 2023 to 2024": the later year compared with the earlier
  { re: b(String.raw`(?:från|mellan|from|between) (20\d\d) (?:till|och|to|and) (20\d\d)`), apply: (q, m) => {
    const [a, b] = [Number(m[1]), Number(m[2])].sort();
    q.year = b;
    q.compareYear = a;
    q.comparing = true;
  } },
  // "avvikelsen hittills jämfört med avvikelsen i helårsprognosen": the period's deviation beside the year's, which every deviation answer shows
  { re: b(String.raw`(?:jämfört med|mot|versus|vs|compared (?:with|to)) (?:the |den |det )?(?:avvikelse\p{L}*|deviation) (?:i |in )?(?:the )?(?:helårsprognos\p{L}*|full year forecast|årsprognos\p{L}*|prognos\p{L}* för helåret)`), apply: (q) => q.measures.add('avvikelse') },
  // "när väntas nästa års värde publiceras?": when, not a forecast
  { re: b(String.raw`när (?:väntas|förväntas|beräknas)|when (?:is|are) (?:\p{L}+ ){0,4}expected`), apply: () => {} },
  // "what does the budget plan for?": the verb, not the plan years ("plan for 2026" is one)
  { re: b(String.raw`(?:plans?|planned|planning) for(?! 20\d\d)`), apply: () => {} },
  // "prognos för hela 2024", "hela året": the full year, not the whole board
  { re: b(String.raw`hela(?= (?:året|20\d\d|perioden|år 20\d\d))`), apply: () => {} },
  // "har antalet gått upp eller ner?": a change asked about, whichever way
  { re: b(String.raw`(?:(?:gått|gick|går|gå) )?(?:upp eller ner|ner eller upp|upp eller ned|up or down)`), apply: (q) => (q.comparing = true) },
  // "blir det fler eller färre": a change asked about, not a forecast
  { re: b(String.raw`blir det(?= (?:fler|färre|bättre|sämre|högre|lägre|mer|mindre) (?:eller|än))`), apply: () => {} },
  // "jämfört med (augusti) 2019", "jämfört med hur det gick 2022", "till motsvarande period 2019": the year compared with (before the comparison words take "jämfört")
  { re: b(String.raw`(?:jämfört med|jämför med|mot|än|till|compared (?:with|to)) (?:i |in )?(?:samma|motsvarande) period (?:år )?(?:${MONTH_WORD} )?(20\d\d)|(?:jämfört med|jämför med|mot|än|compared (?:with|to)) (?:(?:hur|vad) (?:det|vi|de|man) (?:gick|blev|var|såg ut|hade|låg) |how (?:it|we|they) (?:went|did|were|was) )?(?:i |in |per )?(?:år )?(?:${MONTH_WORD} |\d{1,2} \d{1,2} )?(20\d\d)`), apply: (q, m) => {
    q.compareYear = Number(m[1] ?? m[2]);
    q.comparing = true;
  } },
  // "jämfört med budget" is the deviation (read below), not a comparison with last year
  { re: b(String.raw`(?:jämför\p{L}*|compar\p{L}*)(?! (?:med|mot|with|to|against) (?:the )?budget)|skillnad\p{L}*|förändring\p{L}*|difference|fler|färre|ökat|ökade|ökar|ökning\p{L}*|minskat|minskade|minskar|minskning\p{L}*|mer än|mindre än|större(?: eller mindre)? än|(?:more|less|fewer)(?: \p{L}+)? than|högre|lägre|(?:vs\.?|versus)(?! budget)|samma period|motsvarande period|increase\p{L}*|decrease\p{L}*|grow\p{L}*|change since|(?:gone|went) (?:up|down)|(?:gått|gick|går|gå) (?:ner|ned|upp)|sjunkit|sjönk|stigit|steg|risen|dropped|fallen|declined`), apply: (q, m) => {
    q.comparing = true;
    if (MORE.test(m[0])) q.change = 'ökning';
    if (LESS.test(m[0])) q.change = 'minskning';
  } },
  { re: b(String.raw`(?:förra|föregående|fjolårets|fjol) året?|föregående år|i fjol|fjolåret|last year|previous year|året innan`), apply: (q) => (q.lastYear = true) },
  { re: b(String.raw`(?:förra|föregående|tidigare) prognos\p{L}*|previous forecast`), apply: (q) => (q.comparing = true) },
  // "bokslut 2023": a comparison when comparing, otherwise the year's outturn
  // "bokslutet för helåret 2018": that year's accounts
  { re: b(String.raw`(?:(mot|med|vs) )?(?:bokslut(?:et)?|(?:annual |closing |final )?accounts)(?: för)?(?: (?:hel)?året| hela året)?(?: (20\d\d))?`), apply: (q, m) => {
    const year = m[2] ? Number(m[2]) : undefined;
    if (q.comparing || m[1]) {
      q.comparing = true;
      q.compareWith = 'bokslut';
      if (year) q.compareYear = year;
    } else {
      q.final = true;
      q.scope = 'helår';
      if (year) q.year = year;
    }
  } },
  // "delår 2" is a period (before "delår" is read as the kind of report)
  // "the Q1 2024 report … in 2025": the year between the period and "report" dates the report ("in Q1 2024" is a period); "DÅ mars 2024" is a report
  { re: b(String.raw`(?:delår(?:srapport(?:en)?)? ?(?:1|ett|03|mar(?:s|ch)?)|då ?(?:03|mar(?:s|ch)?))(?: (20\d\d))?|(?:första delåret|tertial 1|första tertialet|första kvartalet|kvartal 1|q1)(?: (20\d\d)(?= (?:interim )?(?:report|rapport\p{L}*)))?`), apply: (q, m) => {
    q.month = 3;
    q.reportMonth = true;
    q.reportKind = 'delårsrapport';
    const year = m[1] ?? m[2];
    if (year) q.monthYear = Number(year);
  } },
  { re: b(String.raw`delår(?:srapport(?:en)?)? ?(?:2|två|08|aug(?:usti)?)|andra delåret|då ?(?:08|aug(?:usti)?)|tertial 2|andra tertialet|aug(?:usti)? ?rapport\p{L}*`), apply: (q) => {
    q.month = 8;
    q.reportMonth = true;
    q.reportKind = 'delårsrapport';
  } },
  // which report (before the measures: "internbudgeten" is not a question about budget)
  // "internbudgeten 2024": the year names the report; another year is then the figure's ("… för 2023")
  { re: b(String.raw`(?:internbudget\p{L}*|internal budget|(?:the )?budget plan|ib) (?:för |for )?(20\d\d)|(20\d\d)(?: års)? (?:internbudget\p{L}*|internal budget|budget plan)`), apply: (q, m) => {
    q.reportKind = 'internbudget';
    q.reportYear = Number(m[1] ?? m[2]);
  } },
  // "IB hade 1 mnkr – vad är ramen i DÅ mars?": a delår named with its month is the report asked about (an internbudget has no month)
  { re: b(String.raw`internbudget\p{L}*|internal budget|(?:the )?budget plan|ib`), apply: (q) => (q.reportKind = q.reportMonth ? q.reportKind : 'internbudget') },
  { re: b(String.raw`delårsrapport\p{L}*|delårsbokslut\p{L}*|delåret|delår|interim (?:reports?|accounts)`), apply: (q) => (q.reportKind = 'delårsrapport') },
  { re: b(String.raw`verksamhetsberättelse\p{L}*|årsredovisning\p{L}*`), apply: (q) => (q.reportKind = 'verksamhetsberättelse') },
  // measures
  // "för planåren 2025–2029", "under planperioden": the years of the internbudget's plan (the years named say which)
  { re: b(String.raw`planår\p{L}*|planperiod\p{L}*|plan years?|planning period`), apply: (q) => (q.reportKind ??= 'internbudget') },
  { re: b(String.raw`plan(?:en)? (?:för )?(20\d\d)|(20\d\d) (?:i|enligt) plan(?:en)?`), apply: (q, m) => {
    q.measures.add('plan');
    q.year = Number(m[1] ?? m[2]);
  } },
  // "planerad nettokostnad för 2026": a plan year's figure
  { re: b(String.raw`planerad|planerade|planerat|planned`), apply: (q) => q.measures.add('plan') },
  { re: b(String.raw`\p{L}*prognos\p{L}*|forecast\p{L}*|beräknas|beräknades|beräknat|väntas|väntades|förväntas|förväntades|bedöms bli|blir det|expected|projected|trodde|tror|(?:skulle|ska|kommer att) kosta|will cost`), apply: (q) => q.measures.add('prognos') },
  { re: b(String.raw`(?:negativ|positiv)a? avvik\p{L}*|avvik\p{L}*|underskott\p{L}*|överskott\p{L}*|(?:går|gick|gå|gått) back|back|(?:går|gick|gå) plus|plus\p{L}*|minus\p{L}*|deficit\p{L}*|surplus\p{L}*|deviation\p{L}*|variance|över budget(?:en)?|under budget(?:en)?|drog över|överskrid\p{L}*|(?:mot|jämfört med|i förhållande till|vs\.?|versus) budget(?:en)?(?! (?:för |år )?20\d\d)|(?:against|compared (?:with|to)) (?:the )?budget(?! (?:for )?20\d\d)|over budget|under budget|(?:sämre|bättre|dyrare|billigare) än (?:budget(?:en)?|budgeterat)|(?:worse|better) than (?:the )?budget|(?:höll|håller|hålla|hållit|klarade|klarar|klara|klarat) (?:(?:de|vi|man|ni|dom|den|det) )?budget(?:en)?|(?:höll|håller|klarade|klarar)(?= (?:\p{L}+ ){1,3}budget(?:en)?(?: |$))|(?:stay\p{L}*|kept|keep\p{L}*) (?:with)?in (?:the )?budget|overspen\p{L}*|in the red|(?:i|på) minus(?:sidan)?|dr(?:ar|a|agit) (?:mest |mycket )?över(?: budget(?:en)?)?|(?:drar|drog|dragit|dra) iväg|sprack|spräck\p{L}*|underspen\p{L}*|blöd\p{L}* pengar|blöder|blödde|efter(?<=(?:låg|ligger|ligga) (?:\p{L}+ ){0,2}efter) (?:den |sin )?(?:periodiserade |årets )?budget(?:en)?`), apply: (q, m) => {
    q.measures.add('avvikelse');
    if (SURPLUS.test(m[0])) q.direction = 'överskott';
    if (DEFICIT.test(m[0])) q.direction = 'underskott';
  } },
  { re: b(String.raw`utfall\p{L}*|resultat\p{L}*|redovisa\p{L}*|gjort av med|förbruka\p{L}*|spent|actual\p{L}*|outcome|outturn|results?`), apply: (q) => q.measures.add('utfall') },
  // "kostnaderna och intäkterna": the two lines, not a word for the outturn
  { re: b(String.raw`(kostnaderna|intäkterna) (?:och|samt) (kostnaderna|intäkterna)`), apply: (q, m) => q.keepParts.push([fold(m[1]!)], [fold(m[2]!)]) },
  // "de totala kostnaderna", "intäkterna totalt": the board's line of that name (not "… för LSS"), not its net total nor a word for the outturn
  { re: b(String.raw`(?:(?:de )?totala (kostnader|intäkter)(?:na)?|(kostnader|intäkter)(?:na)? totalt)(?! (?:för|inom|på|hos|i|inkl\p{L}*|exkl\p{L}*) )`), apply: (q, m) => q.keepParts.push([fold(m[1] ?? m[2]!)]) },
  // ("what had foster care cost", "how much did costs change": English cost as a verb or with a change, as "kostade", "kostnaderna ökade")
  { re: b(String.raw`kosta|kostat|kostar|kostade|kostnad(?:en|erna)?|nettokostnad\p{L}*|netto|net costs?|cost(?<=(?:did|does|do|had|has|have|will|would) (?:[\p{L}\d]+ ){0,5}cost)(?! per)|costs(?= (?:change|changed|increase|increased|decrease|decreased|rise|rose|fall|fell|grow|grew|develop|developed))`), apply: (q) => (q.costWords = true) },
  { re: b(String.raw`\p{L}*budget\p{L}*|budgeted|ram(?:en)?|(?:får|fick|ges|gets?) (?:\p{L}+ )?(?:pengar|resurser|money)|tilldela\p{L}*|anslag\p{L}*`), apply: (q) => q.measures.add('budget') },
  // "per avdelning", "by district": a breakdown asked for
  { re: b(String.raw`(?:per|fördelat på|uppdelat på|uppdelad på|mellan|by|per each|between) (?:de |the )?(avdelning|enhet|stadsdel|område|department|unit|district|area)\p{L}*`), apply: (q, m) => {
    const word = m[1]!;
    q.breakdown = /^(avdelning|department)/.test(word) ? 'avdelning' : /^(enhet|unit)/.test(word) ? 'enhet' : /^(stadsdel|district)/.test(word) ? 'stadsdel' : 'område';
  } },
  // "män och kvinnor", "per kön": both gender columns beside the total
  { re: b(String.raw`(?:bland |för |hos |among |for )?(?:män(?:nen)?|men) (?:och |o |resp\p{L}* |vs |and |eller |or )?(?:kvinnor(?:na)?|women)|(?:kvinnor(?:na)?|women) (?:och |o |resp\p{L}* |vs |and |eller |or )?(?:män(?:nen)?|men)|per kön|uppdelat på kön|könsuppdelat|by (?:gender|sex)`), apply: (q) => (q.breakdown = 'kön') },
  // "bland kvinnor", "männens", "for men": the indicator's value for one of its gender columns
  { re: b(String.raw`(?:bland|för|hos|among|for) (?:de |the )?(män|männen|kvinnor|kvinnorna|men|women)|(männens|kvinnornas|manliga|kvinnliga|male|female|kvinnor|kvinnorna|women)`), apply: (q, m) => {
    q.group = /^(kvinn|women|female)/.test(m[1] ?? m[2]!) ? 'Kvinnor' : 'Män';
  } },
  // "vilka indikatorer går åt fel håll", "hur många av nämndindikatorerna visar en positiv utveckling": the indicators judged by their direction
  { re: b(String.raw`(?:${INDICATORS})(?: [\p{L}\p{N}]+){0,6}? (?:${TREND_UP}|${TREND_DOWN}|${TREND_ANY})|(?:${TREND_UP}|${TREND_DOWN}|${TREND_ANY}|hur går det (?:för|med))(?: \p{L}+){0,3}? (?:(?:bland|av|för|med|of|among|for) )?(?:de |the )?(?:${INDICATORS})`), apply: (q, m) => {
    q.trend = TREND_DOWN_RE.test(m[0]) ? 'fel håll' : TREND_UP_RE.test(m[0]) ? 'rätt håll' : 'alla';
    q.indicatorWords = true;
    // "återaktualiseringsindikatorerna", "ekonomiindikatorer": which of them
    const kind = /(?<= )(\p{L}{4,}?)s?indikator/u.exec(m[0])?.[1];
    if (kind && !/^(namnd|forvaltning|kvalitet)$/.test(kind)) q.keep.push(kind);
    // "någon indikator för 2018 som blivit sämre": the year is the question's still
    for (const [, y] of m[0].matchAll(/ (20\d\d)(?= )/g)) {
      if (q.year === undefined) q.year = Number(y);
      else if (Number(y) !== q.year) q.compareYear ??= Number(y);
    }
  } },
  // indicator words
  // ("hur många slutar" is staff leaving, which the item words read)
  { re: b(String.raw`antal\p{L}*|hur många(?! (?:som )?slutar)|how many|number of`), apply: (q) => {
    q.indicatorWords = true;
    q.countWords = true;
    q.count = true;
  } },
  { re: b(String.raw`andel\p{L}*|procent\p{L}*|share of`), apply: (q) => {
    q.indicatorWords = true;
    q.countWords = true;
  } },
  { re: b(String.raw`hur hög\p{L}*|hur lång\p{L}*|indikator\p{L}*|nyckeltal\p{L}*|målvärde\p{L}*|målnivå\p{L}*|targets?|median|index|senaste (?:siffran|värdet|mätningen)|senaste|trend\p{L}*|nivå\p{L}*|rate|level`), apply: (q) => (q.indicatorWords = true) },
  // scope
  { re: b(String.raw`helår\p{L}*|hela året|årsprognos\p{L}*|full[- ]year|whole year|annual|för året`), apply: (q) => (q.scope = 'helår') },
  { re: b(String.raw`hittills(?: i år)?|so far|year to date|ytd|t\.? ?o\.? ?m\.?|till och med|up to|(?:för |under )?perioden?s?|ackumulera\p{L}*|cumulative`), apply: (q) => (q.scope ??= 'period') },
  // "i år": so far for an outturn, but this year's budget for a budget ("får mest pengar i år")
  { re: b(String.raw`i år|this year`), apply: (q) => (q.thisYear = true) },
  // "gick det bättre eller sämre än året innan?": a comparison, whichever way it went
  { re: b(String.raw`(?:bättre|sämre) eller (?:bättre|sämre)|(?:better|worse) or (?:better|worse)`), apply: (q) => (q.comparing = true) },
  // "behandlingshem och liknande": no second item
  { re: b(String.raw`(?:och|o|eller) (?:liknande|dylikt|sånt|sådant|annat)|med mera|osv|etc|and (?:the like|similar|so on)`), apply: () => {} },
  // "räcker pengarna (hela året)?": the board's full-year forecast against its budget
  { re: b(String.raw`räcker (?:pengarna|budgeten|anslaget|ramen)|(?:will|does) the (?:money|budget) last`), apply: (q) => {
    q.total = true;
    q.measures.add('prognos');
  } },
  // "coronaåret", "första coronahösten", "pandemiåret": 2020
  { re: b(String.raw`(?:(?:den )?första |the first )?(?:corona|covid|pandemi)(?: ?19)? ?(?:året|år|hösten|våren|sommaren|delåret|year|autumn)`), apply: (q) => (q.year ??= 2020) },
  // periods: "delår 2", "31 mars 2024", "jan–mars", "per augusti", "2023"
  // "jan–aug" (the dash is gone by now: words are split on it)
  { re: b(String.raw`(?:${MONTH_WORD}) (?:- |till |t o m |tom )?(${MONTH_WORD})`), apply: (q, m) => {
    q.month = monthOf(m[1]!);
    q.scope ??= 'period';
  } },
  // "efter åtta månader", "de första tre månaderna", "the first eight months": the year so far, to that month
  { re: b(String.raw`(?:(?:efter|under|på) |de |the |first )?(?:årets )?(?:första )?(${COUNT_WORD}|[1-9]|1[0-2]) (?:månader(?:na)?|mån|months)`), apply: (q, m) => {
    q.month = countOf(m[1]!);
    q.scope ??= 'period';
  } },
  // "31/8 2018", "2018-08-31" (the slash and dashes are gone by now: words are split on them)
  { re: b(String.raw`(?:[12]?\d|3[01]) (0?[1-9]|1[0-2])(?: (20\d\d))?|(20\d\d) (0?[1-9]|1[0-2]) (?:[0-2]?\d|3[01])`), apply: (q, m) => {
    // "IB sa 30,9": an amount, not the 30th of September
    if (q.decimals.has(m[0].split(' ').slice(0, 2).join(' '))) return;
    q.month = Number(m[1] ?? m[4]);
    const year = m[2] ?? m[3];
    if (year) q.monthYear = Number(year);
  } },
  // "per 31 mars 2024": the report's date; a month named after it describes something else ("åtgärdsplanen från augusti 2023")
  { re: b(String.raw`(per )?(?:\d{1,2} )?(${MONTH_WORD})(?: (20\d\d))?`), apply: (q, m) => {
    if (q.reportMonth) return;
    q.month = monthOf(m[2]!);
    // "augusti 2020 respektive augusti 2019": two dates compared, the later the figure's
    const y = m[3] ? Number(m[3]) : undefined;
    if (y !== undefined && q.monthYear !== undefined && q.monthYear !== y) {
      q.comparing = true;
      q.compareYear = Math.min(y, q.monthYear);
      q.monthYear = Math.max(y, q.monthYear);
    } else if (y !== undefined) q.monthYear = y;
    if (m[1] && m[3]) q.reportMonth = true;
  } },
  { re: b(String.raw`(20\d\d)`), apply: (q, m) => {
    const y = Number(m[1]);
    if (q.year === undefined) q.year = y;
    else if (y !== q.year) q.compareYear ??= y;
  } },
  { re: b(String.raw`rapport\p{L}*|beslutad\p{L}*|beslutade\p{L}*|beslutades|beslutats|bedöm\p{L}*|hela(?! (?:nämnden|förvaltningen|organisationen))|driftsammandrag\p{L}*|driftredovisning\p{L}*`), apply: (q, m) => {
    if (m[0] === 'hela') q.total = true;
  } },
  // the whole board
  { re: b(String.raw`hela (?:nämnden|förvaltningen|organisationen)|(?:nämnden|förvaltningen|organisationen) (?:totalt|som helhet)|totalt|total\p{L}*|sammantaget|summa|whole board|in total|overall`), apply: (q) => (q.total = true) },
];


/** The words the rules read, to catch typos in them ("helårsprognsen", "underskotet"). */
const KEYWORDS = `prognos prognosen prognoser helårsprognos helårsprognosen årsprognos årsprognosen budget budgeten budgeterat
  avvikelse avvikelsen avvikelser underskott underskottet överskott överskottet utfall utfallet resultat resultatet
  nettokostnad nettokostnaden nettokostnader nettokostnaderna jämfört jämförelse varför förklaring måluppfyllelse
  uppdrag uppdragen uppdraget åtgärdsplan åtgärdsplanen investering investeringar investeringarna hittills helåret
  internbudget internbudgeten forecast deviation budgeted`
  .split(/\s+/)
  .map(fold);
const KEYWORD_SET = new Set(KEYWORDS);
/** A word the rules read, compounds of a report's or figure's name included ("delårsrapporten", "investeringsbudgeten"). */
export const isRuleWord = (w: string) => KEYWORD_SET.has(w) || /^(?:intern|delars|helars|ars|investerings?)(?:budget|rapport|prognos|bokslut)(?:en|et|ens|ets|s|ar|er|arna|erna)?$/.test(w);
const KEYWORDS_BY_LETTER = new Map<string, string[]>();
for (const k of KEYWORDS) KEYWORDS_BY_LETTER.set(k[0]!, [...(KEYWORDS_BY_LETTER.get(k[0]!) ?? []), k]);

/** Chat shorthand for the words the rules read. */
const SHORTHAND = new Map([['kostn', 'kostnad'], ['progn', 'prognos'], ['avvik', 'avvikelse'], ['ifjol', 'fjolaret'], ['jmf', 'jamfor'], ['jfr', 'jamfor']]);

/** what a figure is counted in */
const AMOUNT_UNIT = /^(mnkr|mkr|tkr|kr|miljoner|milj|procent|%)$/;
const YEAR_BEFORE = /^(utfall\p{L}*|budget\p{L}*|prognos\p{L}*|bokslut\p{L}*|plan|planen|vs|mot)$/u;

/** A controller's column shorthand: "B24" budget 2024, "U22" utfall 2022, "P25" plan 2025, "BS23" bokslut 2023. */
const COLUMN_SHORTHAND: Record<string, string> = { b: 'budget', u: 'utfall', p: 'plan', bs: 'bokslut' };
function columnShorthand(asked: string[]): string[] {
  return asked.flatMap((w) => {
    const m = /^(bs|b|u|p)(?:20)?([1-3]\d)$/.exec(w);
    return m ? [COLUMN_SHORTHAND[m[1]!]!, `20${m[2]}`] : [w];
  });
}

/**
 * Years written with two digits, as in chat: "aug-23", "mars 24", "31/8-18",
 * "utfall 22 vs budget 24" — after a month, a day and month, or a figure's
 * name — are the years 2010–2039.
 */
function fullYears(asked: string[]): string[] {
  return asked.map((w, i) => {
    const next = asked[i + 1] ?? '';
    // "budget 22 mnkr" is an amount, "budget 31/8" a day
    if (!/^[1-3]\d$/.test(w) || AMOUNT_UNIT.test(next) || monthOf(next) !== undefined || /^\d{1,2}$/.test(next)) return w;
    const before = asked[i - 1] ?? '';
    const dated = monthOf(before) !== undefined || (/^\d{1,2}$/.test(before) && /^\d{1,2}$/.test(asked[i - 2] ?? '')) || YEAR_BEFORE.test(before);
    return dated ? `20${w}` : w;
  });
}

/** A word one typo (two in a long word) from a rule's word is read as that word; the first letter is rarely the mistyped one. */
function readTypos(asked: string[]): string[] {
  return asked.map((w) => {
    const short = SHORTHAND.get(w);
    if (short) return short;
    if (w.length < 6 || KEYWORD_SET.has(w)) return w;
    const allowed = typoAllowance(w);
    return KEYWORDS_BY_LETTER.get(w[0]!)?.find((k) => Math.abs(k.length - w.length) <= allowed && editDistance(w, k, allowed) <= allowed) ?? w;
  });
}

/** "inkl egen regi", "om man räknar med LSS Funktionsstöd": up to the next punctuation */
/** names for SoN that were Socialnämnden's until 2018 */
const SOCIAL_SERVICES = / (?:socialforvaltning(?:en|ens)?|social welfare (?:board|committee)|social services (?:board|committee)) /;
/** a claimed sum's unit, in mnkr (a share claimed is not checked) */
const CLAIM_SCALE: Array<[RegExp, number]> = [[/^(?:miljoner|miljon|mnkr|mkr|millions?)$/, 1], [/^miljarder$/, 1000], [/^tkr$/, 0.001], [/^(?:kronor|kr|sek)$/, 1e-6]];
const INCLUDING_WORD = /^(?:inklusive|inkl|inraknat|inberaknat|including|tar|tas|raknar|raknas|med|m|in)$/;
const INCLUDED = f(/(?<![\p{L}])(?:inklusive|inkl\.?|inräknat|inberäknat|including|om (?:man|vi) (?:tar|räknar) (?:med|m|in)|om (?=[^,.;:?!()]+ (?:räknas|tas) (?:med|in)(?![\p{L}]))|även (?=(?:vår|våra|den|de|vår egen|egen|egna) ))\s*[^,.;:?!()]+/u);

/** Words that join two things asked for ("kostnader och intäkter", "IFO o LSS" as typed in chat) */
const JOINS = new Set(['och', 'o', 'and', 'samt', 'plus', 'respektive', 'resp']);
const RESPECTIVELY = new Set(['respektive', 'resp']);

/** "och för LSS?": the question leans on the previous one */
const ONLY_CONTEXT = f(/^\s*(och|samt|men|än|and|what about|hur är det med|samma för|likadant för)(?![\p{L}])/iu);
const QUESTION_WORD = f(/(?<![\p{L}])(hur|vad|vilk\p{L}*|när|var|how|what|which|when|where)(?![\p{L}])/iu);

const WHEN = /(?<!\p{L})när (?:vi|de|ni|man|nämnden|förvaltningen|leanlink)(?!\p{L})/iu;
const PRONOUN_MAN = /(?<!\p{L})man(?!\p{L})/iu;
const MEN = /(?<!\p{L})män(?!\p{L})|kvinn|wom[ae]n/iu;

export function parseQuestion(text: string, names: BoardNames): ParsedQuestion {
  // "är det fler eller färre vuxna placerade …", "blev det färre hushåll": a count, whichever rule takes the word
  const counted = MORE_OR_FEWER.test(fold(text.toLowerCase())) || undefined;
  const draft: Draft = { count: counted, countWords: counted, decimals: new Set([...text.matchAll(/(\d+),(\d+)/g)].map((m) => `${m[1]} ${m[2]}`)), intents: new Set(), measures: new Set(), comparing: false, lastYear: false, indicatorWords: false, keep: [], keepParts: [], whenWritten: WHEN.test(text) };
  const asked = fullYears(columnShorthand(readTypos(words(text))));
  let rest = ` ${asked.join(' ')} `;

  // boards first: their names must not be read as subject words ("Socialnämnden", "Leanlink")
  const boardHits = findBoards(rest, names);
  // another board's name stays a word of the question: an item may name it ("ihop med överförmyndarnämnden")
  for (const hit of boardHits) if (hit.id) rest = rest.replace(hit.text, ' ');
  // "Norrköpings socialnämnd": another municipality's board is not ours, whatever its name
  const elsewhere = boardHits.find((h) => h.municipality);
  const ours = elsewhere ? undefined : boardHits.find((h) => h.id);
  if (boardHits.some((h) => h.whole)) draft.total = true;
  if (ours?.id) draft.board = ours.id;
  // "socialförvaltningen", "the social welfare board" served Socialnämnden until 2018, SoN after
  draft.socialAdministration = ours?.id === 'son' && SOCIAL_SERVICES.test(ours.text);
  const other = elsewhere ?? boardHits.find((h) => !h.id);
  if (other && !ours) draft.otherBoard = other.name;

  // "LSS inkl egen regi": what is added to the item is neither its name nor a rival reading of it
  const added = INCLUDED.exec(fold(text.toLowerCase()));
  const addedWords = added ? ` ${words(added[0]).join(' ')} ` : undefined;
  if (addedWords) rest = rest.replace(addedWords, ' ');

  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    const spans: string[] = [];
    while ((m = rule.re.exec(rest))) {
      rule.apply(draft, m);
      spans.push(m[0]);
    }
    if (spans.length === 0) continue;
    for (const s of spans) rest = rest.replace(s, ' ');
    rest = rest.replace(/\s+/g, ' ');
  }

  // "hur mycket låg man efter": folded, the pronoun is "män"; typed without "ä" and beside "kvinnor" it is still the men
  const pronoun = PRONOUN_MAN.test(text) && !MEN.test(text);
  const meaningful = (w: string) => !STOPWORDS.has(w) && !(pronoun && w === 'man');
  // a word may name both parts ("varav kostnader och varav intäkter"), once each
  const subjectParts: string[][] = [[]];
  const terms = swedishTerms(rest.trim()).split(' ');
  // "kost och boende respektive tobak- och alkoholtillstånd": "respektive" separates the items, "och" is inside their names
  const joins = terms.some((w) => RESPECTIVELY.has(w)) ? RESPECTIVELY : JOINS;
  for (const w of [...terms, ...draft.keep]) {
    if (joins.has(w)) subjectParts.push([]);
    else if (w.length > 1 && meaningful(w) && !subjectParts.at(-1)!.includes(w)) subjectParts.at(-1)!.push(w);
  }
  subjectParts.unshift(...draft.keepParts);
  if (subjectParts.every((p) => p.length === 0) && draft.ownArea) subjectParts[0] = swedishTerms(draft.ownArea).split(' ');
  const subjectWords = [...new Set(subjectParts.flat())];
  const boardWords = new Set(boardHits.filter((h) => h.id).flatMap((h) => h.text.trim().split(/\s+/)));
  const askedText = ` ${asked.join(' ')} `;
  const contextText = addedWords ? askedText.replace(addedWords, ' ') : askedText;
  const contextWords = swedishTerms(contextText.trim()).split(' ').filter((w) => w && meaningful(w) && !boardWords.has(w));
  const query = toQuery(draft, subjectWords);
  // "jämför BoU och LSS": two items side by side, each with its figures — not each against last year
  if (query.intent === 'jämförelse' && subjectParts.filter((p) => p.length).length >= 2 && !draft.lastYear && query.compareYear === undefined && query.compareMeasure === undefined && COMPARE_ITEMS.test(fold(text.toLowerCase()))) {
    query.intent = 'belopp';
    delete query.compareWith;
  }
  const folded = fold(text.trim());
  const onlyContext = ONLY_CONTEXT.test(folded);
  const anchored = query.board !== undefined || query.year !== undefined || query.month !== undefined || query.total === true;
  const questionWord = QUESTION_WORD.test(folded);
  const followUp =
    onlyContext ||
    (!anchored && query.intent === 'jämförelse' && subjectWords.length === 0) ||
    (!anchored && !questionWord && draft.intents.size === 0 && draft.measures.size === 0 && !draft.indicatorWords && subjectWords.length > 0 && subjectWords.length <= 3);
  const includedWords = addedWords ? addedWords.trim().split(' ').filter((w) => w.length > 1 && meaningful(w) && !INCLUDING_WORD.test(w) && !monthOf(w) && !/\d/.test(w)) : [];
  return { query, followUp, subjectWords, contextWords, subjectParts: subjectParts.filter((x) => x.length), includedWords };
}

function toQuery(d: Draft, subjectWords: string[]): Query {
  const q: Query = { intent: 'belopp' };
  const pick = <K extends keyof Query>(k: K) => {
    if (d[k] !== undefined) q[k] = d[k] as Query[K];
  };
  (['board', 'otherBoard', 'total', 'year', 'month', 'compareWith', 'compareMeasure', 'compareYear', 'change', 'direction', 'status', 'scope', 'reportKind', 'assignmentKind', 'count', 'group', 'order', 'breakdown', 'trend', 'claimMnkr', 'claimBound'] as const).forEach(pick);
  // "augusti 2023" dates the report; a bare year then names the figure's year
  if (d.monthYear !== undefined) {
    if (q.year === undefined) q.year = d.monthYear;
    // "mars 2023 jämfört med mars 2024, och prognosen för hela 2024": two dates compared, neither the report's
    else if (q.year !== d.monthYear && d.comparing && q.compareYear === q.year) q.compareYear = d.monthYear;
    else if (q.year !== d.monthYear) {
      if (q.compareYear === q.year) delete q.compareYear;
      q.reportYear = d.monthYear;
    }
  }
  // "internbudgeten 2024 … för 2023": the report's year, and the figure's when no other is named
  if (d.reportYear !== undefined) {
    q.reportYear = d.reportYear;
    if (q.year === undefined) q.year = d.reportYear;
    // "compare the internal budget 2024 with the outcome for 2022": the report's year is the one compared
    else if ((d.comparing || d.compareWith) && q.year !== d.reportYear && q.compareYear === undefined) {
      q.compareYear = q.year;
      q.year = d.reportYear;
    }
  }
  // (without a year it may be either: the item decides)
  if (d.socialAdministration) {
    if (q.year !== undefined && (q.reportYear ?? q.year) <= 2018) q.board = 'sn';
    else if (q.year === undefined && q.reportYear === undefined) delete q.board;
  }
  // the query holds at most 200 characters of subject; a name is never that long, so the rest cannot matter
  if (subjectWords.length) q.subject = subjectWords.join(' ').slice(0, 200).trim();

  // the most specific intent wins
  const order: Query['intent'][] = ['förklaring', ...(d.actionPlanNamed ? ['åtgärdsplan' as const] : []), 'uppdrag', 'måluppfyllelse', 'åtgärdsplan', 'investering', 'rangordning'];
  if (d.unrealised && d.intents.has('åtgärdsplan')) d.intents.add('förklaring');
  if (d.doneAbout && !d.actionPlanNamed) d.intents.add('förklaring');
  // "vilka områden driver underskottet?": the areas, ranked; "vilka områden … och varför?" still explains
  if (d.whichAreas && !d.whyAsked) d.intents.delete('förklaring');
  // "bedöms målet nås trots att sjukfrånvaron …": the goal's assessment, whose text says why; "varför nås inte målet?" still explains
  if (d.intents.has('måluppfyllelse') && !d.whyAsked) d.intents.delete('förklaring');
  const explicit = order.find((i) => d.intents.has(i));
  const comparing = d.comparing || d.compareWith !== undefined;
  if (explicit) q.intent = explicit;
  else if (comparing) q.intent = 'jämförelse';
  else if (d.indicatorWords && d.measures.size === 0) q.intent = 'indikator';
  else if (d.intents.has('hjälp') && !subjectWords.length && d.measures.size === 0 && !d.indicatorWords && !q.total) q.intent = 'hjälp';
  // "vilka indikatorer går åt fel håll": the indicators judged, whatever else the words sound like
  if (q.trend && q.intent !== 'förklaring') q.intent = 'indikator';
  // "vilka nämndmål uppnås inte" lists goals, not lines
  if (q.intent === 'rangordning' && d.intents.has('måluppfyllelse')) q.intent = 'måluppfyllelse';

  if (comparing) q.compareWith ??= 'föregående år';
  else if (d.lastYear) q.yearOffset = -1;
  // "hur många … budgeterat": a count in a budget, not an amount
  if (d.countWords && !explicit && !comparing) q.intent = 'indikator';
  // "vilken sorts utredningar låg sämst till när det gäller andel klara": the lowest share, not the largest deficit
  if (d.bestOrWorst && d.countWords && !d.count && d.measures.size === 0 && q.direction === (d.bestOrWorst === 'sämst' ? 'underskott' : 'överskott')) {
    delete q.direction;
    q.order ??= d.bestOrWorst === 'sämst' ? 'lägst' : 'högst';
  }

  // measure: avvikelse > prognos > plan > utfall > budget (a question about the deviation mentions budget too)
  const m = ['avvikelse', 'prognos', 'plan', 'utfall', 'budget'] as const;
  if (d.costWords && !d.measures.has('budget')) d.measures.add('utfall');
  const measure = d.final ? 'utfall' : m.find((x) => d.measures.has(x));
  if (measure) q.measure = measure;
  if (measure === 'avvikelse' && d.measures.has('prognos')) q.scope ??= 'helår';
  if (measure === 'prognos' || measure === 'plan') q.scope ??= 'helår';
  if (d.thisYear && measure !== 'budget') q.scope ??= 'period';
  if (q.month && !q.scope && (measure === 'utfall' || measure === 'avvikelse')) q.scope = 'period';
  return querySchema.parse(q);
}

interface BoardHit {
  id?: BoardId;
  name: string;
  text: string;
  /** "hela nämnden", "hela SoN", "nämnden totalt" */
  whole?: boolean;
  /** another municipality ("Norrköping"), not a board of this one */
  municipality?: boolean;
}

/**
 * Where the text names one board: "hela …"/"… totalt" first, then a name as
 * written, then in the genitive ("social- och omsorgsnämndens"), and only then
 * a single-word name with a typo ("leanlnk") — "SoN" written out beats
 * "nämndens" read as the board's "nämnden".
 */
function boardHit(text: string, tokens: string[], variants: Array<{ v: string; whole: RegExp }>): Omit<BoardHit, 'id' | 'name'> | undefined {
  for (const { v, whole } of variants) {
    // the pattern only where the name is (most questions name no board: this runs for every name)
    const m = text.includes(v) ? text.match(whole) : null;
    if (m) return { text: m[0], whole: true };
  }
  for (const { v } of variants) if (text.includes(` ${v} `)) return { text: ` ${v} ` };
  // a short abbreviation only as written
  for (const { v } of variants) if (v.length >= 6 && text.includes(` ${v}s `)) return { text: ` ${v}s ` };
  for (const { v } of variants) {
    if (v.includes(' ') || v.length < 6) continue;
    const allowed = typoAllowance(v);
    const t = tokens.find((w) => editDistance(w, v, allowed) <= allowed || editDistance(w.replace(/s$/, ''), v, allowed) <= allowed);
    if (t) return { text: ` ${t} ` };
  }
  return undefined;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Board names in the text, ours (with aliases, small typos allowed) or other boards of the municipality. */
/** The boards' names as matched: folded words, longest first, with their patterns (built once per catalogue). */
const preparedBoards = new WeakMap<BoardNames, ReturnType<typeof prepareBoards>>();
function prepareBoards(names: BoardNames) {
  return {
    boards: names.boards.map((board) => ({
      board,
      variants: [board.name, ...board.aliases]
        .map((a) => words(a).join(' '))
        .sort((x, y) => y.length - x.length)
        .map((v) => ({ v, whole: new RegExp(` (hela ${esc(v)}|${esc(v)} (?:totalt|som helhet)) `) })),
    })),
    known: new Set(names.boards.flatMap((x) => [x.name, ...x.aliases].map((a) => words(a).join(' ')))),
    others: names.otherBoards.map((name) => ({ name, v: words(name).join(' ') })),
  };
}

function findBoards(text: string, names: BoardNames): BoardHit[] {
  const hits: BoardHit[] = [];
  const tokens = text.trim().split(/\s+/);
  let prepared = preparedBoards.get(names);
  if (!prepared) preparedBoards.set(names, (prepared = prepareBoards(names)));
  for (const { board, variants } of prepared.boards) {
    const hit = boardHit(text, tokens, variants);
    if (hit) hits.push({ id: board.id, name: board.name, ...hit });
  }
  const { known } = prepared;
  for (const { name, v } of prepared.others) {
    // "äldrenämnden", "äldrenämnd", genitive "äldrenämndens"
    const form = [v, v.replace(/en$/, ''), `${v}s`].find((x) => text.includes(` ${x} `));
    if (form) hits.push({ name, text: ` ${form} `, municipality: !/namnd|fullmaktige/.test(v) });
  }
  // any other "…nämnden" the municipality may have
  for (const m of text.matchAll(/ ((?:[\p{L}]+ och )?[\p{L}-]+namnd(?:en)?s?) /gu)) {
    const v = m[1]!;
    if (!known.has(v.replace(/s$/, '')) && !hits.some((h) => h.text.includes(v))) hits.push({ name: v, text: ` ${v} ` });
  }
  return hits;
}
