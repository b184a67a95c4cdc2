/**
 * The import template: which sheets a report workbook (or CSV folder) has,
 * their Swedish column headers, what each column means and which values it
 * allows. One sheet per section of the report data file; the allowed values
 * come from the data file's own zod schema, so the two cannot drift apart.
 */
import {
  assessment,
  assignment,
  assignmentStatus,
  boardId,
  checkKind,
  component,
  direction,
  indicatorKind,
  indicatorValue,
  lineKind,
  measure,
  reportKind,
  signConvention,
  tableKind,
  unit,
  valueKind,
  type Table,
} from './report-file.js';
import { MISSING_MARKERS } from './sheet-cells.js';

const MARKERS = MISSING_MARKERS.map((m) => `"${m}"`).join(', ');

/** How a column's cells are read (see sheet-cells.ts). */
export type CellType =
  | 'text'
  /** a day, ÅÅÅÅ-MM-DD (a spreadsheet date is read as its day) */
  | 'date'
  /** a year or a month, ÅÅÅÅ or ÅÅÅÅ-MM (a spreadsheet date is read as its month) */
  | 'month'
  /** a year or a span of months, ÅÅÅÅ or ÅÅÅÅ-MM/ÅÅÅÅ-MM */
  | 'period'
  /** several values separated by semicolons */
  | 'list'
  | 'number'
  | 'integer'
  /** a table figure: a number, empty, or the report's marker for a missing figure */
  | 'amount'
  | readonly string[];

export interface ColumnSpec {
  header: string;
  /** where the value goes in the section's item ("key", "of.0", "share.percent"); none for a column that groups items */
  field?: string;
  type: CellType;
  required?: boolean;
  /** an empty cell means "no value" (null in the data file) rather than "not given" */
  emptyIsNull?: boolean;
  /** the sheet whose keys the column refers to: a pick list in the template */
  refersTo?: string;
  /** the wording of an unknown value: "okänd nämnd" */
  unknown?: string;
  /** spreadsheet number format of the column (template only) */
  numFmt?: string;
  help: string;
}

export interface SheetSpec {
  name: string;
  help: string;
  columns: ColumnSpec[];
  /** a form (Rapport): one row per field, columns fält | värde | förklaring */
  form?: boolean;
}

export const INSTRUCTIONS_SHEET = 'Instruktioner';
export const TABLE_SHEET_PREFIX = 'Tabell ';
/** Excel's limit on sheet names */
export const MAX_SHEET_NAME = 31;

const TEXT = '@';
const key = (help: string): ColumnSpec => ({
  header: 'nyckel', field: 'key', type: 'text', required: true, numFmt: TEXT,
  help: `${help} Bokstäver, siffror, punkt, bindestreck och understreck.`,
});

export const REPORT_SHEET: SheetSpec = {
  name: 'Rapport',
  form: true,
  help: 'Rapportens huvud: ett fält per rad. Fyll i kolumnen värde.',
  columns: [
    { header: 'id', field: 'id', type: 'text', required: true, help: 'Rapportens nyckel, t.ex. son-2024-08. Importeras en rapport med samma id igen ersätts den.' },
    { header: 'nämnd', field: 'board', type: boardId.options, required: true, unknown: 'okänd nämnd', help: 'son = Social- och omsorgsnämnden, sn = Socialnämnden, leanlink = Leanlink.' },
    { header: 'typ', field: 'kind', type: reportKind.options, required: true, help: 'Rapportens slag.' },
    { header: 'titel', field: 'title', type: 'text', required: true, help: 'Rapportens titel som den står på framsidan.' },
    { header: 'år', field: 'year', type: 'integer', required: true, help: 'Verksamhetsåret, t.ex. 2024.' },
    { header: 'periodslut', field: 'periodEnd', type: 'date', required: true, help: 'Sista dagen rapporten avser, ÅÅÅÅ-MM-DD (t.ex. 2024-08-31).' },
    { header: 'enhet', field: 'unit', type: unit.options, required: true, help: 'Rapportens huvudsakliga enhet för belopp, som den trycks.' },
    { header: 'källa', field: 'source', type: 'text', required: true, help: 'Var rapporten finns: dokumentets filnamn eller diarienummer.' },
    { header: 'anteckning', field: 'note', type: 'text', help: 'Frivillig kommentar om rapporten eller om överföringen.' },
  ],
};

export const LINES_SHEET: SheetSpec = {
  name: 'Rader',
  help: 'Alla rader som förekommer i rapportens tabeller (verksamheter i driftsammandraget, summarader, investeringsobjekt, åtgärder): en rad per post.',
  columns: [
    key('Radens nyckel, t.ex. verksamhetskoden 569 eller ett kort namn som total.'),
    { header: 'kod', field: 'code', type: 'text', numFmt: TEXT, help: 'Verksamhetskoden, om raden har en (t.ex. 569).' },
    { header: 'namn', field: 'name', type: 'text', required: true, help: 'Radens namn, t.ex. Barn och ungdomsvård.' },
    { header: 'typ', field: 'kind', type: lineKind.options, help: 'verksamhet (tomt = verksamhet), total = nämndens totala nettokostnad, delsumma = annan summarad, kostnader/intäkter = "varav"-rader.' },
    { header: 'del av', field: 'parent', type: 'text', refersTo: 'Rader', numFmt: TEXT, help: 'För en "varav"-rad: nyckeln till raden den är en del av.' },
    { header: 'alias', field: 'aliases', type: 'list', help: 'Andra namn som används, åtskilda med semikolon (BoU; IFO barn och unga).' },
    { header: 'beskrivning', field: 'description', type: 'text', help: 'Vad raden omfattar, som rapporten beskriver det.' },
  ],
};

export const TABLES_SHEET: SheetSpec = {
  name: 'Tabeller',
  help: 'Rapportens tabeller: en rad per tabell. Varje tabell har sina kolumner på bladet Kolumner och sina belopp på ett eget blad "Tabell <nyckel>".',
  columns: [
    key('Tabellens nyckel, t.ex. resultat. Bladet med beloppen heter "Tabell " och nyckeln (högst 24 tecken).'),
    { header: 'typ', field: 'kind', type: tableKind.options, required: true, help: 'ekonomi, driftsammandrag, investeringar, åtgärdsplan, avgifter eller corona.' },
    { header: 'titel', field: 'title', type: 'text', required: true, help: 'Tabellens rubrik som den trycks.' },
    { header: 'enhet', field: 'unit', type: unit.options, required: true, help: 'Den enhet beloppen verkligen är i.' },
    { header: 'tryckt enhet', field: 'statedUnit', type: unit.options, help: 'Den enhet rapporten anger, om den skiljer sig från den verkliga (annars tomt).' },
    { header: 'tecken', field: 'sign', type: signConvention.options, help: 'kostnad (tomt = kostnad): positiva belopp är nettokostnader, avvikelse = budget − utfall/prognos. resultat: positiva belopp är överskott, avvikelse = utfall/prognos − budget.' },
    { header: 'decimaler', field: 'decimals', type: 'integer', help: 'Antal decimaler rapporten trycker (0–3, tomt = 0); styr avrundningstoleransen i kontrollerna.' },
    { header: 'anteckning', field: 'note', type: 'text', help: 'Frivillig kommentar om tabellen.' },
  ],
};

export const COLUMNS_SHEET: SheetSpec = {
  name: 'Kolumner',
  help: 'Tabellernas kolumner: en rad per kolumn, i den ordning de står i tabellen.',
  columns: [
    { header: 'tabell', type: 'text', required: true, refersTo: 'Tabeller', numFmt: TEXT, help: 'Nyckeln till tabellen (bladet Tabeller).' },
    key('Kolumnens nyckel, t.ex. prognos; den är också kolumnens rubrik på tabellens blad. Unik inom tabellen.'),
    { header: 'mått', field: 'measure', type: measure.options, required: true, help: 'Vad kolumnen visar.' },
    { header: 'period', field: 'period', type: 'period', emptyIsNull: true, numFmt: TEXT, help: '"2024" = helår 2024, "2024-01/2024-08" = januari–augusti 2024; tomt = ingen period (t.ex. en åtgärds helårseffekt).' },
    { header: 'del', field: 'component', type: component.options, help: 'netto (tomt = netto), kostnader, intäkter, utgifter eller inkomster.' },
    { header: 'rubrik', field: 'label', type: 'text', required: true, help: 'Kolumnrubriken som den trycks, t.ex. Prognos helår.' },
    { header: 'jämför', field: 'of.0', type: 'text', numFmt: TEXT, help: 'Bara för avvikelse och förändring: kolumnen som jämförs (utfall/prognos, eller denna period). Fyll i både jämför och med.' },
    { header: 'med', field: 'of.1', type: 'text', numFmt: TEXT, help: 'Bara för avvikelse och förändring: kolumnen det jämförs med (budget, eller den tidigare perioden).' },
    { header: 'anteckning', field: 'note', type: 'text', help: 'Frivillig kommentar, t.ex. en fotnot till kolumnen.' },
  ],
};

export const INDICATORS_SHEET: SheetSpec = {
  name: 'Indikatorer',
  help: 'Volymmått, personalmått, nämnd- och förvaltningsindikatorer: en rad per indikator. Värdena står på bladet Indikatorvärden.',
  columns: [
    key('Indikatorns nyckel, t.ex. personal-sjukfranvaro.'),
    { header: 'typ', field: 'kind', type: indicatorKind.options, required: true, help: 'volym, personal, nämndindikator eller förvaltningsindikator.' },
    { header: 'namn', field: 'name', type: 'text', required: true, help: 'Indikatorns namn som det trycks.' },
    { header: 'alias', field: 'aliases', type: 'list', help: 'Andra namn som används, åtskilda med semikolon.' },
    { header: 'enhet', field: 'unit', type: 'text', required: true, help: '%, antal, dagar, kr/inv, timmar, index …' },
    { header: 'målområde', field: 'area', type: 'text', help: 'Samhälle, Medborgare, Ekonomi, Verksamhet eller Medarbetare.' },
    { header: 'kommunövergripande mål', field: 'municipalGoal', type: 'text', help: 'Det kommunövergripande målet indikatorn hör till.' },
    { header: 'mål', field: 'goal', type: 'text', refersTo: 'Mål', numFmt: TEXT, help: 'Nyckeln till nämndmålet (bladet Mål) som indikatorn följer.' },
    { header: 'riktning', field: 'direction', type: direction.options, help: 'Önskad riktning, om rapporten anger en.' },
    { header: 'målvärde', field: 'target', type: 'text', numFmt: TEXT, help: 'Målvärdet som det trycks ("5,0", "95% inom 120 dgr").' },
    { header: 'målvärde (tal)', field: 'targetValue', type: 'number', help: 'Målvärdet som tal, när det är ett tal.' },
    { header: 'fotnot', field: 'footnote', type: 'text', help: 'Fotnot eller förklaring till indikatorn.' },
    { header: 'texten anger', field: 'conflictingText', type: 'text', help: 'När rapportens text anger andra tal än tabellen: textens tal, citerade med var de står.' },
    { header: 'källa', field: 'source', type: 'text', help: 'Var siffran kommer ifrån, t.ex. Kolada N35001.' },
  ],
};

export const INDICATOR_VALUES_SHEET: SheetSpec = {
  name: 'Indikatorvärden',
  help: 'Indikatorernas värden: en rad per värde (tidpunkt, värdetyp och grupp). Varje indikator behöver minst ett värde.',
  columns: [
    { header: 'indikator', type: 'text', required: true, refersTo: 'Indikatorer', numFmt: TEXT, help: 'Nyckeln till indikatorn (bladet Indikatorer).' },
    { header: 'tidpunkt', field: 'at', type: 'month', required: true, numFmt: TEXT, help: '"2023" = året 2023, "2024-08" = per augusti 2024.' },
    { header: 'periodtext', field: 'label', type: 'text', numFmt: TEXT, help: 'Perioden som den trycks, t.ex. Augusti 2024.' },
    { header: 'värdetyp', field: 'kind', type: valueKind.options, help: 'utfall (tomt = utfall), prognos, budget eller plan.' },
    { header: 'grupp', field: 'group', type: 'text', help: 'Uppdelning: Män, Kvinnor, IFO, LSS, tätort … (tomt = totalen).' },
    { header: 'värde', field: 'value', type: 'number', help: 'Värdet som tal (procent som 6,4, inte 0,064).' },
    { header: 'saknas', field: 'missing', type: 'text', help: 'Rapportens markering när värdet saknas: i.u, -, publiceras juni 2024. Skriv aldrig 0 för ett saknat värde.' },
    { header: 'text', field: 'text', type: 'text', help: 'Ett värde i ord ("Arbete pågår", "Ja"). Varje rad behöver värde, saknas eller text.' },
    { header: 'andel avser', field: 'share.label', type: indicatorValue.shape.share.unwrap().shape.label.options, help: 'När rapporten trycker en könsandel bredvid värdet, t.ex. "(43% flickor)": flickor, pojkar, kvinnor eller män.' },
    { header: 'andel (%)', field: 'share.percent', type: 'number', help: 'Andelen i procent, t.ex. 43. Fyll i både andel avser och andel (%).' },
    { header: 'anteckning', field: 'note', type: 'text', help: 'Frivillig kommentar om värdet.' },
  ],
};

export const GOALS_SHEET: SheetSpec = {
  name: 'Mål',
  help: 'Nämndmål och förvaltningsmål med rapportens bedömning: en rad per mål.',
  columns: [
    key('Målets nyckel, t.ex. hallbar-ekonomi.'),
    { header: 'målområde', field: 'area', type: 'text', help: 'Samhälle, Medborgare, Ekonomi, Verksamhet eller Medarbetare.' },
    { header: 'kommunövergripande mål', field: 'municipalGoal', type: 'text', help: 'Det kommunövergripande målet.' },
    { header: 'namn', field: 'name', type: 'text', required: true, help: 'Målets namn.' },
    { header: 'alias', field: 'aliases', type: 'list', help: 'Andra namn som används, åtskilda med semikolon.' },
    { header: 'beskrivning', field: 'description', type: 'text', help: 'Målets beskrivning.' },
    { header: 'bedömning', field: 'assessment', type: assessment.options, emptyIsNull: true, help: 'uppnås, delvis, ej eller kan ej bedömas; tomt = rapporten gör ingen bedömning.' },
    { header: 'bedömning i text', field: 'assessmentText', type: 'text', help: 'Bedömningen med rapportens ord.' },
    { header: 'text', field: 'text', type: 'text', help: 'Rapportens analys av målet.' },
  ],
};

export const ASSIGNMENTS_SHEET: SheetSpec = {
  name: 'Uppdrag',
  help: 'Strategiska uppdrag med status: en rad per uppdrag.',
  columns: [
    key('Uppdragets nyckel, t.ex. uppdrag-1.'),
    { header: 'nummer', field: 'number', type: 'text', numFmt: TEXT, help: 'Uppdragets nummer som det trycks.' },
    { header: 'typ', field: 'kind', type: assignment.shape.kind.options, required: true, help: 'kommungemensamt, nämndspecifikt eller nämndens eget.' },
    { header: 'text', field: 'text', type: 'text', required: true, help: 'Uppdraget.' },
    { header: 'status', field: 'status', type: assignmentStatus.options, emptyIsNull: true, help: 'genomfört, pågår eller kvarstår; tomt = ingen status i rapporten.' },
    { header: 'kommentar', field: 'comment', type: 'text', help: 'Rapportens kommentar om uppdraget.' },
  ],
};

export const PASSAGES_SHEET: SheetSpec = {
  name: 'Texter',
  help: 'Rapportens text (Händelser av väsentlig betydelse, Analys och kommentar …) ordagrant: en rad per stycke, kopplat till raderna och indikatorerna det handlar om. Boten citerar dem när någon frågar varför.',
  columns: [
    key('Styckets nyckel, t.ex. analys-569.'),
    { header: 'avsnitt', field: 'section', type: 'text', required: true, help: 'Avsnittet, t.ex. Analys och kommentar.' },
    { header: 'rubrik', field: 'heading', type: 'text', help: 'Underrubriken, om det finns en.' },
    { header: 'rader', field: 'lines', type: 'list', help: 'Nycklar till raderna (bladet Rader) som stycket handlar om, åtskilda med semikolon.' },
    { header: 'indikatorer', field: 'indicators', type: 'list', help: 'Nycklar till indikatorerna stycket handlar om, åtskilda med semikolon.' },
    { header: 'text', field: 'text', type: 'text', required: true, help: 'Stycket ordagrant.' },
  ],
};

export const DISCREPANCIES_SHEET: SheetSpec = {
  name: 'Kända avvikelser',
  help: 'Där rapporten själv inte går ihop (en summa, avvikelse eller netto som inte stämmer i källan): en rad per cell. Kontrollen listar dem i stället för att stoppa importen.',
  columns: [
    { header: 'kontroll', field: 'check', type: checkKind.options, required: true, help: 'summa, avvikelse, netto eller samma-värde — kontrollen som inte går ihop.' },
    { header: 'tabell', field: 'table', type: 'text', required: true, refersTo: 'Tabeller', numFmt: TEXT, help: 'Tabellens nyckel.' },
    { header: 'rad', field: 'row', type: 'text', required: true, refersTo: 'Rader', numFmt: TEXT, help: 'Radens nyckel.' },
    { header: 'kolumn', field: 'column', type: 'text', required: true, numFmt: TEXT, help: 'Kolumnens nyckel.' },
    { header: 'förklaring', field: 'note', type: 'text', required: true, help: 'Vad som inte går ihop i källan och varför siffran ändå är rätt återgiven.' },
  ],
};

/** The fixed sheets, in workbook order (the table sheets follow Kolumner). */
export const FIXED_SHEETS: SheetSpec[] = [
  REPORT_SHEET, LINES_SHEET, TABLES_SHEET, COLUMNS_SHEET,
  INDICATORS_SHEET, INDICATOR_VALUES_SHEET, GOALS_SHEET, ASSIGNMENTS_SHEET, PASSAGES_SHEET, DISCREPANCIES_SHEET,
];

/** The columns a table's own sheet starts with; one column per table column follows. */
export const TABLE_ROW_COLUMNS: ColumnSpec[] = [
  { header: 'rad', field: 'line', type: 'text', required: true, refersTo: 'Rader', numFmt: TEXT, help: 'Radens nyckel (bladet Rader), i den ordning raderna står i tabellen.' },
  { header: 'radtext', field: 'label', type: 'text', help: 'Radens text som den trycks i tabellen, om den skiljer sig från radens namn.' },
  { header: 'summa av', field: 'sumOf', type: 'list', help: 'För en summarad: nycklarna till raderna den är summan av, åtskilda med semikolon. Kontrollen räknar efter.' },
];

export const tableSheetName = (tableKey: string) => `${TABLE_SHEET_PREFIX}${tableKey}`;

/** The sheet of one table: its rows, with one column per table column (headed by the column's key). */
export function tableSheet(t: Pick<Table, 'key' | 'decimals' | 'title'> & { columns: Array<{ key: string; label: string }> }): SheetSpec {
  const numFmt = t.decimals > 0 ? `#,##0.${'0'.repeat(t.decimals)}` : '#,##0';
  return {
    name: tableSheetName(t.key),
    help: `Beloppen i tabellen ${t.title}: en rad per tabellrad.`,
    columns: [
      ...TABLE_ROW_COLUMNS,
      ...t.columns.map((c, i): ColumnSpec => ({
        header: c.key,
        field: `values.${i}`,
        type: 'amount',
        numFmt,
        help: `${c.label}. Ett tal som det trycks (1 800,9; −9,8); tom cell = tom i rapporten; ${MARKERS} = rapportens markering för ett saknat belopp.`,
      })),
    ],
  };
}

/** The Instruktioner sheet: how to fill in the workbook, then every sheet's columns explained. */
export function instructionsSheet(): { spec: SheetSpec; rows: Array<Array<string | null>> } {
  const allowed = (c: ColumnSpec) =>
    Array.isArray(c.type) ? (c.type as readonly string[]).join(', ')
    : c.type === 'list' ? 'flera värden åtskilda med semikolon'
    : c.type === 'number' ? 'tal (1 800,9 eller −9,8)'
    : c.type === 'integer' ? 'heltal'
    : c.type === 'date' ? 'ÅÅÅÅ-MM-DD'
    : c.type === 'month' ? 'ÅÅÅÅ eller ÅÅÅÅ-MM'
    : c.type === 'period' ? 'ÅÅÅÅ eller ÅÅÅÅ-MM/ÅÅÅÅ-MM, eller tomt'
    : c.refersTo ? `en nyckel från bladet ${c.refersTo}`
    : null;
  const describe = (sheet: string, columns: ColumnSpec[]) =>
    columns.map((c) => [sheet, c.header, c.required ? 'ja' : null, c.help, allowed(c)]);
  const intro = [
    'Så fyller du i arbetsboken: ett blad per del av rapporten, en rad per post, rubrikerna på första raden (ändra dem inte). Bladet Instruktioner läses inte vid importen.',
    'Belopp skrivs som i rapporten, i tabellens enhet: som tal eller som text med decimalkomma och mellanslag mellan tusental (1 800,9; −9,8). Lämna en cell tom när rapportens cell är tom.',
    `Varje tabell har en rad på bladet ${TABLES_SHEET.name}, sina kolumner på bladet ${COLUMNS_SHEET.name} och beloppen på ett eget blad som heter "${TABLE_SHEET_PREFIX}" och tabellens nyckel. Där är första raden rad | radtext | summa av och sedan kolumnernas nycklar i samma ordning som på bladet ${COLUMNS_SHEET.name}.`,
    'Importera med: npm run import -- arbetsbok.xlsx. Importen kontrollerar allt (värden, hänvisningar mellan bladen, summor och avvikelser) och sparar ingenting om något är fel; felen anges med blad, rad och kolumn. Samma rapport-id igen ersätter rapporten.',
  ];
  const tablesFollow = FIXED_SHEETS.indexOf(COLUMNS_SHEET) + 1;
  return {
    spec: {
      name: INSTRUCTIONS_SHEET,
      help: 'Hur arbetsboken fylls i.',
      columns: [
        { header: 'blad', type: 'text', help: 'Bladet.' },
        { header: 'kolumn', type: 'text', help: 'Kolumnens rubrik (för Rapport: fältet).' },
        { header: 'måste fyllas i', type: 'text', help: 'ja = får inte vara tom.' },
        { header: 'förklaring', type: 'text', help: 'Vad kolumnen innehåller.' },
        { header: 'tillåtna värden', type: 'text', help: 'Vilka värden kolumnen tar emot.' },
      ],
    },
    rows: [
      ...intro.map((text) => [null, null, null, text, null]),
      [null, null, null, null, null],
      ...FIXED_SHEETS.slice(0, tablesFollow).flatMap((s) => [[s.name, null, null, s.help, null], ...describe(s.name, s.columns)]),
      [`${TABLE_SHEET_PREFIX}<nyckel>`, null, null, 'Beloppen i en tabell: en rad per tabellrad, en kolumn per tabellkolumn.', null],
      ...describe(`${TABLE_SHEET_PREFIX}<nyckel>`, TABLE_ROW_COLUMNS),
      [`${TABLE_SHEET_PREFIX}<nyckel>`, '<kolumnens nyckel>', null, `Beloppet som det trycks, i tabellens enhet; tom cell = tom i rapporten; ${MARKERS} = rapportens markering för ett saknat belopp.`, 'tal, tomt eller markering'],
      ...FIXED_SHEETS.slice(tablesFollow).flatMap((s) => [[s.name, null, null, s.help, null], ...describe(s.name, s.columns)]),
    ],
  };
}
