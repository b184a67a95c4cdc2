/**
 * Turning Swedish (and English) questions into queries: boards, periods,
 * measures and names the way people write them.
 */
import { describe, expect, it } from 'vitest';
import { readBoards } from '../services/reports/boards.js';
import { parseQuestion } from '../services/understanding/parse-question.js';
import { spokenNumber, writtenAsTyped } from '../services/understanding/spoken-text.js';
import { stem } from '../services/understanding/swedish-text.js';

const b = await readBoards();
const parse = (q: string) => parseQuestion(q, { boards: b.boards, otherBoards: b.otherBoards });

describe('question parsing', () => {
  it.each([
    ['hur ser prognosen ut för Barn och unga?', { intent: 'belopp', measure: 'prognos', scope: 'helår' }],
    ['vad blev resultatet för LSS i mars?', { intent: 'belopp', measure: 'utfall', month: 3 }],
    ['var är underskottet störst?', { intent: 'rangordning', direction: 'underskott' }],
    ['jämför missbruksvården med förra året', { intent: 'jämförelse', compareWith: 'föregående år' }],
    ['vilka nämndmål uppnås inte?', { intent: 'måluppfyllelse', status: 'ej' }],
    ['status för de strategiska uppdragen i Leanlink', { intent: 'uppdrag', board: 'leanlink' }],
    ['varför går Barn och ungdomsvård med underskott?', { intent: 'förklaring' }],
    ['what is the forecast for LSS?', { measure: 'prognos' }],
    ['Hur mycket ska åtgärdsplanen ge 2024?', { intent: 'åtgärdsplan', year: 2024 }],
    ['vad ligger IFO BoU på i plan 2026?', { measure: 'plan', year: 2026 }],
  ])('%s', (question, expected) => {
    expect(parse(question).query).toMatchObject(expected);
  });

  it('reads chat dates with two-digit years, "råd&stöd" as the name with "&", "top 3" as a ranking and "män och kvinnor" as both columns', () => {
    expect(parse('leanlink råd&stöd utfall aug-23').query).toMatchObject({ board: 'leanlink', year: 2023, month: 8 });
    expect(parse('avvik familjhem 31/8-18').query).toMatchObject({ year: 2018, month: 8 });
    expect(parse('heltid andel män kvinnor mars 24').query).toMatchObject({ year: 2024, month: 3, breakdown: 'kön', subject: 'heltid' });
    expect(parse('dygnsplaceringar vuxna utfall 22 vs budget 24').query).toMatchObject({ year: 2024, measure: 'budget', compareYear: 2022, compareMeasure: 'utfall' });
    // an amount, a day, a count: no year
    expect(parse('vilka områden har budget 22 mnkr?').query.year).toBeUndefined();
    expect(parse('delår 31 augusti 2018').query).toMatchObject({ year: 2018, month: 8 });
    expect(parse('periodiserad budget 31/8 2018').query).toMatchObject({ year: 2018, month: 8 });
    expect(parse('top 3 minus per verksamhet mars 2024').query).toMatchObject({ intent: 'rangordning', direction: 'underskott' });
  });

  it('reads "vad gör … för att få bukt med" as asking for the report\'s account of what is done', () => {
    expect(parse('Vad gör socialnämnden för att få bukt med HVB-underskottet 2018?').query).toMatchObject({ intent: 'förklaring', board: 'sn', subject: 'hvb', year: 2018 });
    expect(parse('vad görs för att minska kostnaderna för placeringar?').query).toMatchObject({ intent: 'förklaring', subject: 'placeringar' });
  });

  it('reads English report names with the year first ("the 2024 internal budget", "the Q1 2024 report"), and "children at risk" as no "risk"', () => {
    expect(parse('According to the 2024 internal budget, what was the actual 2022 outcome for individual and family care for adults (IFO Vuxna)?').query).toMatchObject({ reportKind: 'internbudget', reportYear: 2024, year: 2022 });
    expect(parse('What total effect does the action plan have in 2025 according to the Q1 2024 report?').query).toMatchObject({ intent: 'åtgärdsplan', year: 2025, reportYear: 2024, month: 3 });
    expect(parse('how many reports about children at risk had Socialnämnden received by 31 Aug 2018?').query.intent).not.toBe('förklaring');
  });

  it('reads "socialförvaltningen" as Socialnämnden\'s administration up to 2018, SoN\'s after', () => {
    expect(parse('Hur utvecklades stressindex för socialförvaltningen enligt delåret 2018?').query.board).toBe('sn');
    expect(parse('sjukfrånvaron på socialförvaltningen 2024?').query.board).toBe('son');
  });

  it('reads the indicators asked for by how they develop, only when several are asked for', () => {
    expect(parse('vilka indikatorer går åt fel håll?').query).toMatchObject({ intent: 'indikator', trend: 'fel håll' });
    expect(parse('hur många av nämndindikatorerna visar en positiv utveckling per mars 2024?').query).toMatchObject({ intent: 'indikator', trend: 'rätt håll', month: 3 });
    expect(parse('which indicators are getting worse?').query).toMatchObject({ trend: 'fel håll' });
    expect(parse('hur utvecklas nämndindikatorerna 2018?').query).toMatchObject({ trend: 'alla', year: 2018 });
    expect(parse('Finns det någon återaktualiseringsindikator för socialnämnden 2018 som har blivit sämre än 2017?').query).toMatchObject({ trend: 'fel håll', year: 2018, compareYear: 2017, board: 'sn' });
    expect(parse('har sjukfrånvaron förbättrats?').query.trend).toBeUndefined();
    expect(parse('går indikatorn för våldsutsatthet åt rätt håll?').query.trend).toBeUndefined();
  });

  it('reads periods: months, ranges, delår, years, "förra året", "helår"', () => {
    expect(parse('utfall per augusti 2020').query).toMatchObject({ month: 8, year: 2020 });
    expect(parse('kostnaden jan–mars').query).toMatchObject({ month: 3, scope: 'period' });
    expect(parse('prognos delår 2').query).toMatchObject({ month: 8 });
    expect(parse('vad blev utfallet förra året?').query).toMatchObject({ yearOffset: -1 });
    expect(parse('budget helåret 2024').query).toMatchObject({ scope: 'helår', year: 2024 });
    expect(parse('i åtgärdsplanen från augusti 2023 – vad ger boende 2025?').query).toMatchObject({ year: 2025, reportYear: 2023, month: 8 });
    expect(parse('utfall per 31/8 2018').query).toMatchObject({ month: 8, year: 2018 });
    expect(parse('avvikelse per 2020-08-31').query).toMatchObject({ month: 8, year: 2020 });
  });

  it('reads "jämfört med budget" as the deviation, "jämför budgeten med" as a comparison', () => {
    expect(parse('leanlink resultat jan-aug 2023 jämfört med budget').query).toMatchObject({ intent: 'belopp', measure: 'avvikelse', board: 'leanlink' });
    expect(parse('compared with the budget, how is BoU doing?').query).toMatchObject({ measure: 'avvikelse' });
    expect(parse('jämför budgeten med förra året för LSS').query).toMatchObject({ intent: 'jämförelse', measure: 'budget' });
  });

  it('reads what something costs in a budget as the budget, and "senaste prognosen" as the forecast', () => {
    expect(parse('Hur mycket kostar dygnsplaceringarna enligt budget 2024?').query).toMatchObject({ intent: 'belopp', measure: 'budget', year: 2024 });
    expect(parse('vad kostade LSS i mars?').query).toMatchObject({ measure: 'utfall' });
    expect(parse('vad landar SoN på enligt senaste prognosen?').query).toMatchObject({ intent: 'belopp', measure: 'prognos' });
  });

  it('reads months counted ("efter åtta månader"), the report\'s month before another named later, and deficits in other words', () => {
    expect(parse('hur stort underskott hade leanlink efter åtta månader 2023?').query).toMatchObject({ month: 8, scope: 'period', year: 2023 });
    expect(parse('What was LSS\'s result for the first three months of 2024?').query).toMatchObject({ month: 3, scope: 'period' });
    expect(parse('delår aug 2020 – hur mycket hade åtgärdsplanen från juni gett hittills?').query).toMatchObject({ month: 8, year: 2020, reportKind: 'delårsrapport' });
    expect(parse('Which Leanlink departments are forecast to overspend their budget in 2023?').query).toMatchObject({ intent: 'rangordning', direction: 'underskott' });
    expect(parse('hur mycket sämre än budget gick BoU?').query).toMatchObject({ measure: 'avvikelse', direction: 'underskott' });
  });

  it('reads the report\'s year apart from the figure\'s, and "vad låg bakom" as a why', () => {
    expect(parse('I internbudgeten 2024 – vilken utredningstid (median) anges för barn och unga 2023?').query).toMatchObject({ reportKind: 'internbudget', reportYear: 2024, year: 2023 });
    expect(parse('vad är budgeten för LSS i internbudgeten 2024?').query).toMatchObject({ reportYear: 2024, year: 2024, measure: 'budget' });
    expect(parse('SN 2018: vad låg bakom att HVB drog så mycket över budget?').query).toMatchObject({ intent: 'förklaring', board: 'sn' });
    expect(parse('What was behind the large deficit?').query).toMatchObject({ intent: 'förklaring' });
  });

  it('reads "vilka områden driver underskottet" as a ranking (an explanation only with "varför"), and who is asked ("vad säger förvaltningen om") as no subject', () => {
    expect(parse('Vilka verksamhetsområden är det som driver underskottet per mars 2024?').query).toMatchObject({ intent: 'rangordning', direction: 'underskott' });
    expect(parse('Vilka områden går back och varför?').query).toMatchObject({ intent: 'förklaring' });
    expect(parse('vad driver underskottet inom LSS?').query).toMatchObject({ intent: 'förklaring' });
    // "vs budget" is the deviation, as "jämfört med budget" is; "vs 2019" a comparison
    expect(parse('forvaltningskostnader jan-aug 2020 vs budget').query).toMatchObject({ intent: 'belopp', measure: 'avvikelse' });
    expect(parse('forvaltningskostnader jan-aug 2020 vs 2019').query).toMatchObject({ intent: 'jämförelse', compareYear: 2019 });
    const asked = parse('Vad säger förvaltningen om helårsprognosen för 2024?');
    expect(asked.query).toMatchObject({ measure: 'prognos', year: 2024 });
    expect(asked.query.subject).toBeUndefined();
  });

  it('reads "uppnås fullt ut" as the goals met, "IB" as the internbudget and "hur då" as a why', () => {
    expect(parse('Vilka nämndmål bedömdes uppnås fullt ut vid helår 2020?').query).toMatchObject({ intent: 'måluppfyllelse', status: 'uppnås', year: 2020 });
    expect(parse('Varför minskar budgeten i planen enligt IB 2024?').query).toMatchObject({ intent: 'förklaring', reportKind: 'internbudget', reportYear: 2024 });
    expect(parse('ek bistånd visar överskott men kostnaderna har ökat – hur då?').query).toMatchObject({ intent: 'förklaring' });
    // "stöd" folds to "stod": only "står" and "stått" are empty words
    expect(parse('leanlink råd och stöd prognos').subjectWords).toContain('stod');
  });

  it('reads the year compared with after a month, the report\'s year as the one compared, and "får mest pengar" as the budget', () => {
    expect(parse('In the August 2020 report, how many ongoing IFO cases for children and young people were there, compared with August 2019?').query).toMatchObject({ year: 2020, compareYear: 2019, intent: 'jämförelse' });
    expect(parse('How does SoN\'s total net cost in the internal budget 2024 compare with the actual outcome for 2022?').query).toMatchObject({ year: 2024, compareYear: 2022, reportYear: 2024 });
    expect(parse('Vilken del av verksamheten får mest pengar i år?').query).toMatchObject({ intent: 'rangordning', measure: 'budget' });
    expect(parse('Vilken del av verksamheten får mest pengar i år?').query.scope).toBeUndefined();
    expect(parse('vad är underskottet i år?').query).toMatchObject({ scope: 'period' });
  });

  it('reads the asker\'s own area as context, and as the subject when nothing else is named', () => {
    expect(parse('Som chef för LSS undrar jag: finns det något strategiskt uppdrag som rör daglig verksamhet?').query).toMatchObject({ intent: 'uppdrag', subject: 'daglig' });
    expect(parse('Jag leder äldreomsorgen i Leanlink – hur står vår helårsprognos 2023 mot bokslut 2022?').query).toMatchObject({ subject: 'aldreomsorgen', board: 'leanlink', compareYear: 2022 });
    expect(parse('Vilka nämndspecifika strategiska utvecklingsuppdrag har SoN i internbudget 2024?').query).toMatchObject({ intent: 'uppdrag', assignmentKind: 'nämndspecifikt' });
    expect(parse('Vilka nämndspecifika strategiska utvecklingsuppdrag har SoN i internbudget 2024?').query.subject).toBeUndefined();
  });

  it('reads "blödde pengar" as a deficit, "invested" as investments, and "investigations" as no investment', () => {
    expect(parse('Varför blödde HVB pengar hos Socialnämnden 2018?').query).toMatchObject({ intent: 'förklaring', direction: 'underskott', board: 'sn' });
    expect(parse('how much have we invested so far in 2024?').query).toMatchObject({ intent: 'investering' });
    expect(parse('What share of child investigations ended with a need for support?').query.intent).not.toBe('investering');
    expect(parse('Andelen hyresavtal – var ligger den nu?').query.intent).not.toBe('rangordning');
  });

  it('reads "än i mars 2023" as the year compared with, and "fler eller färre" as a comparison', () => {
    expect(parse('Fler eller färre pågående IFO-ärenden för barn och unga i mars 2024 än i mars 2023?').query).toMatchObject({ intent: 'jämförelse', year: 2024, compareYear: 2023, subject: 'ifo arenden barn unga' });
  });

  it('reads which kind of assignment a list asks for', () => {
    expect(parse('vilka nämndspecifika utvecklingsuppdrag har SoN fått i budget 2024?').query).toMatchObject({ intent: 'uppdrag', assignmentKind: 'nämndspecifikt', board: 'son' });
    expect(parse('de kommungemensamma uppdragen').query).toMatchObject({ intent: 'uppdrag', assignmentKind: 'kommungemensamt' });
  });

  it('reads tertials, chat shorthand and how people say "forecast"', () => {
    expect(parse('Leanlink – resultat efter andra tertialet 2023?').query).toMatchObject({ month: 8, reportKind: 'delårsrapport', year: 2023 });
    expect(parse('lss kostn jan-mars vs ifjol?').query).toMatchObject({ intent: 'jämförelse', month: 3 });
    expect(parse('antal aktualiseringar jmf med samma period förra året').query).toMatchObject({ intent: 'jämförelse' });
    expect(parse('vad trodde man i augusti 2020 att LSS skulle kosta helåret?').query).toMatchObject({ measure: 'prognos', month: 8 });
  });

  it('keeps what is added to an item ("inkl egen regi") out of its name', () => {
    expect(parse('lss totalt inkl egen regi, hur mkt back per mars?').subjectWords).toEqual(['lss']);
    expect(parse('hur mycket går LSS back om man tar med LSS Funktionsstöd i egen regi?').subjectWords).toEqual(['lss']);
  });

  it('reads two figures named with their years, in Swedish and English, the later one as the figure asked about', () => {
    expect(parse('övriga insatser till vuxna: prognos 2024 jämfört med bokslut 2023?').query).toMatchObject({ intent: 'jämförelse' });
    const q = parse('Are total gross costs in the 2024 forecast lower than in the 2023 accounts?').query;
    expect(q).toMatchObject({ intent: 'jämförelse', measure: 'prognos', year: 2024, compareMeasure: 'utfall', compareYear: 2023 });
  });

  it('ranks surpluses for "bäst", deficits for "sämst"', () => {
    expect(parse('vilken verksamhet gick bäst mot budget?').query).toMatchObject({ intent: 'rangordning', direction: 'överskott' });
    expect(parse('vilket område går sämst?').query).toMatchObject({ intent: 'rangordning', direction: 'underskott' });
  });

  it('reads the words of a measure with a typo in them', () => {
    expect(parse('vad är helårsprognsen för LSS?').query).toMatchObject({ measure: 'prognos', subject: 'lss' });
    expect(parse('hur stort är underskotet för BoU').query).toMatchObject({ measure: 'avvikelse', direction: 'underskott' });
  });

  it('puts English item names in the catalogue\'s Swedish, and writes out abbreviations', () => {
    expect(parse('How high is sick leave?').subjectWords).toEqual(['sjukfranvaro']);
    expect(parse('what is the forecast for children and young people?').subjectWords).toEqual(['barn', 'unga']);
    expect(parse('prognos exkl egen regi').subjectWords).toEqual(['exklusive', 'egen', 'regi']);
  });

  it('reads everyday and short names in the reports\' terms: "äldreboendena", "BoU", "households"', () => {
    expect(parse('beläggningen på äldreboendena?').subjectWords).toEqual(['belaggningen', 'vardboende']);
    expect(parse('antal inledda utredningar BoU hittills i år?').subjectWords).toEqual(['inledda', 'utredningar', 'barn', 'unga']);
    expect(parse('how many households got ekonomiskt bistånd in 2023?').query).toMatchObject({ subject: 'hushall ekonomiskt bistand', count: true, year: 2023 });
  });

  it('reads a target named by a compound ("sjukfrånvaromål") as its item and the goal, and "bland kvinnor" as the gender column', () => {
    expect(parse('vilket sjukfrånvaromål har internbudgeten för 2024?').query).toMatchObject({ intent: 'måluppfyllelse', subject: 'sjukfranvaro', reportKind: 'internbudget', year: 2024 });
    expect(parse('hur hög är sjukfrånvaron bland kvinnor?').query).toMatchObject({ subject: 'sjukfranvaron', group: 'Kvinnor' });
    expect(parse('Leanlink: hur hög var sjukfrånvaron bland män i augusti 2023?').query).toMatchObject({ board: 'leanlink', group: 'Män' });
    expect(parse('what is sick leave among women?').query.group).toBe('Kvinnor');
    // "män" alone may be part of a name; only with a word that says "among"
    expect(parse('antal män i daglig verksamhet').query.group).toBeUndefined();
  });

  it('reads "motsvarande period", "nådde … inte", "hur illa … vad berodde det på", and the report\'s date before a month named later', () => {
    expect(parse('Delåret aug 2020 – hur förhöll sig nettokostnaden hittills i år till motsvarande period 2019?').query).toMatchObject({ intent: 'jämförelse', year: 2020, compareYear: 2019 });
    expect(parse('Delåret aug 2020 – hur förhöll sig nettokostnaden hittills i år till motsvarande period 2019?').subjectWords).toEqual([]);
    expect(parse('Vilka mål nådde Socialnämnden inte 2018?').query).toMatchObject({ intent: 'måluppfyllelse', status: 'ej', board: 'sn' });
    expect(parse('hur illa var det med HVB för Socialnämnden 2018, och vad berodde det på?').query).toMatchObject({ intent: 'förklaring', subject: 'hvb' });
    // "barn som far illa" keeps its words
    expect(parse('anmälningar om barn som far illa 2018').subjectWords).toContain('illa');
    expect(parse('Enligt delårsrapporten per 31 mars 2024, hur mycket ska den beslutade åtgärdsplanen (från augusti 2023) ge 2026?').query).toMatchObject({ month: 3, reportYear: 2024, year: 2026 });
    expect(parse('In the 2024 internal budget, which areas get less money than in budget 2023?').query).toMatchObject({ intent: 'rangordning', compareYear: 2023, change: 'minskning' });
    expect(parse('Vilken typ av utredning låg längst från sitt målvärde i augusti 2020?').query).toMatchObject({ intent: 'rangordning', order: 'från målvärdet', subject: 'typ utredning' });
    expect(parse('which indicator is furthest from its target?').query).toMatchObject({ intent: 'rangordning', order: 'från målvärdet' });
    expect(parse('vilken verksamhet har lägst budget?').query).toMatchObject({ intent: 'rangordning', order: 'lägst', measure: 'budget' });
  });

  it('reads chat shorthand for items, a breakdown asked for, and English figure pairs and assignment kinds', () => {
    expect(parse('pers.oms leanlink?').query).toMatchObject({ board: 'leanlink', subject: 'personalomsattning' });
    expect(parse('externa pers.avgångar plan 2026?').query).toMatchObject({ subject: 'externa personalavgangar', measure: 'plan', year: 2026 });
    expect(parse('sjukfrånv per avdelning i leanlink?').query).toMatchObject({ subject: 'sjukfranvaro', breakdown: 'avdelning' });
    expect(parse('Hur fördelar sig kostnaderna för barn- och ungdomsvården per stadsdel?').query.breakdown).toBe('stadsdel');
    expect(parse('hur fördelar sig underskottet mellan stadsdelarna?').query.breakdown).toBe('stadsdel');
    expect(parse('Internal budget: compare the 2022 outturn with the 2024 budget for the board\'s total net costs.').query).toMatchObject({ year: 2022, measure: 'utfall', compareYear: 2024, compareMeasure: 'budget' });
    expect(parse('Which board-specific assignment in the internal budget concerns restaurants and bars?').query).toMatchObject({ intent: 'uppdrag', assignmentKind: 'nämndspecifikt', subject: 'krog' });
    expect(parse('Hur full är Leanlinks vårdboenden – alltså där de äldre bor – i år?').subjectWords).toEqual(['belaggning', 'vardboenden', 'aldreomsorg', 'bor']);
  });

  it('reads "lagstadgad" as no "lägst", a plan\'s span beside the year asked as no year, and "inte realiserat" of the action plan as a question for its analysis', () => {
    expect(parse('hur mycket ger icke lagstadgad verksamhet 2025?').query).toMatchObject({ intent: 'belopp', subject: 'icke lagstadgad', year: 2025 });
    expect(parse('vilken verksamhet har lägst budget?').query.order).toBe('lägst');
    expect(parse('vad ger åtgärdsplanen 2024-2027 år 2025?').query.year).toBe(2025);
    expect(parse('investeringsplanen för 2025–2029?').query.year).toBe(2025);
    expect(parse('BoU – hur mkt av åtgärdsplanen är inte realiserat per mars?').query).toMatchObject({ intent: 'förklaring', subject: 'barn unga' });
    expect(parse('vilka åtgärder i åtgärdsplanen är inte genomförda?').query.intent).toBe('åtgärdsplan');
  });

  it('reads an item in the action plan as one, even when its name says "uppdrag"', () => {
    expect(parse('omställningen av socialtjänstens uppdrag i åtgärdsplanen – vilken effekt 2025?').query).toMatchObject({ intent: 'åtgärdsplan', year: 2025 });
    expect(parse('status för de strategiska uppdragen').query.intent).toBe('uppdrag');
  });

  it('recognises boards by abbreviation, name and small typos, and boards we have no reports for', () => {
    expect(parse('SoN prognos').query.board).toBe('son');
    expect(parse('Socialnämnden 2018: HVB unga').query.board).toBe('sn');
    expect(parse('hur mycket har leanlnk investerat?').query.board).toBe('leanlink');
    expect(parse('LL råd o stöd, avvikelse mot budget i helårsprognosen?').query).toMatchObject({ board: 'leanlink', measure: 'avvikelse' });
    expect(parse('varför är LL:s LSS-avdelning inte i balans?').query).toMatchObject({ board: 'leanlink', intent: 'förklaring' });
    expect(parse('prognos för Äldrenämnden').query.otherBoard).toBe('Äldrenämnden');
    expect(parse('Äldrenämndens prognos för 2024?').query).toMatchObject({ otherBoard: 'Äldrenämnden' });
    expect(parse('vad är social- och omsorgsnämndens prognos?').query).toMatchObject({ board: 'son' });
    expect(parse('vad är social- och omsorgsnämndens prognos?').query.otherBoard).toBeUndefined();
    // "SoN" as written, not "nämndens" read as the board, so that "nämndens enheter" stays the item's name
    expect(parse('prognos för SoN exkl egen regi (nämndens enheter)').subjectWords).toContain('namndens');
    expect(parse('Vad är budgeten för 2024 för hela SoN?').query.total).toBe(true);
  });

  it('does not read "internbudgeten" as a question about budget', () => {
    expect(parse('i internbudgeten: antal vuxna med boendestöd 2024').query).toMatchObject({ reportKind: 'internbudget', intent: 'indikator' });
  });

  it('keeps the words that name the item, compared without å, ä, ö', () => {
    expect(parse('hur mycket har missbruksvården kostat hittills i år?').subjectWords).toEqual(['missbruksvarden']);
    expect(parse('Kompetensförsörjningsmålet hos Leanlink?').subjectWords).toContain('kompetensforsorjning');
    // words that are also names of JavaScript's object properties are words like any other
    expect(parse('constructor toString för LSS').subjectWords).toEqual(['constructor', 'tostring', 'lss']);
  });

  it('understands a question typed without å, ä, ö', () => {
    expect(parse('hur mkt har familjeratten kostat forsta kvartalet').query).toMatchObject({ measure: 'utfall', month: 3, subject: 'familjeratten' });
    expect(parse('vrf har familjehemmen overskott 2018?').query).toMatchObject({ intent: 'förklaring', direction: 'överskott', year: 2018 });
  });

  it('knows a follow-up from a question', () => {
    expect(parse('och för LSS?').followUp).toBe(true);
    expect(parse('jämfört med förra året?').followUp).toBe(true);
    expect(parse('Hur ser prognosen ut för LSS?').followUp).toBe(false);
  });
});

describe('the pronoun "man"', () => {
  it('is no word of the item, though folded it is "män"; beside "kvinnor" it is the men', () => {
    expect(parse('Socialnämnden 2018 – hur mycket låg man totalt efter den periodiserade budgeten?').contextWords).not.toContain('man');
    expect(parse('hur stor är sjukfrånvaron bland man och kvinnor?').contextWords).toContain('man');
    expect(parse('sjukfrånvaro för män').contextWords).toContain('man');
  });
});

describe('questions dictated on a phone', () => {
  const said = (q: string) => parse(writtenAsTyped(q));

  it('reads years and figures said in words, and leaves small words that are articles or names alone', () => {
    expect(said('prognosen för lss i augusti tjugotjugo').query).toMatchObject({ year: 2020, month: 8, measure: 'prognos' });
    expect(said('socialnämnden tjugoarton').query).toMatchObject({ board: 'sn', year: 2018 });
    expect(said('budgeten tvåtusentjugofyra').query).toMatchObject({ year: 2024, measure: 'budget' });
    expect([spokenNumber('hundratjugo'), spokenNumber('trettiotre'), spokenNumber('tjugofyra'), spokenNumber('sexton')]).toEqual([120, 33, 24, 16]);
    expect([spokenNumber('en'), spokenNumber('tre'), spokenNumber('sex'), spokenNumber('entre'), spokenNumber('tusen'), spokenNumber('femte')]).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('takes the correction made while talking, not what it corrects', () => {
    expect(said('sjukfrånvaron i augusti tjugonitton nej tjugotjugo').query.year).toBe(2020);
    expect(said('prognosen för lss nej förlåt ifo').subjectWords).toEqual(['ifo']);
    // "eller nej" without a correction after it is part of the question
    expect(writtenAsTyped('nåddes målet eller nej')).toBe('nåddes målet eller nej');
  });

  it('joins a compound heard as two words where the whole is a known word, and keeps two words a name has side by side', () => {
    const known = new Set(['internbudgeten', 'aldreomsorgen', 'egenregi']);
    const names = (l: string, r: string) => known.has(l + r) && `${l} ${r}` !== 'egen regi';
    expect(writtenAsTyped('budgeten i intern budgeten för äldre omsorgen i egen regi', names)).toBe('budgeten i internbudgeten för äldreomsorgen i egen regi');
  });
});

describe('Swedish stemming', () => {
  it('brings inflected forms together', () => {
    expect(stem('missbruksvården')).toBe(stem('missbruksvård'));
    expect(stem('frågan')).toBe(stem('frågor'));
    expect(stem('placeringar')).toBe(stem('placering'));
  });
});
