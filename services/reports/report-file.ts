/**
 * The report data file: one follow-up report (delårsrapport, internbudget …) as
 * reviewable structured data. Every data file in `data/`, every imported
 * workbook and every collected value passes through this schema.
 */
import { z } from 'zod';

const key = z
  .string()
  .min(1)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, 'nyckeln får bara innehålla bokstäver, siffror, punkt, bindestreck och understreck');

const MONTH = '(0[1-9]|1[0-2])';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'datum skrivs ÅÅÅÅ-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'datumet finns inte');

/** "2024" = helår 2024; "2024-01/2024-03" = januari–mars 2024 (months inclusive). */
export const periodText = z
  .string()
  .regex(new RegExp(`^\\d{4}$|^\\d{4}-${MONTH}\\/\\d{4}-${MONTH}$`), 'period skrivs "ÅÅÅÅ" (helår) eller "ÅÅÅÅ-MM/ÅÅÅÅ-MM"');

/** A point in time for indicator values: "2023" (året), "2024-03" (per mars 2024). */
export const pointText = z.string().regex(new RegExp(`^\\d{4}(-${MONTH})?$`), 'tidpunkt skrivs "ÅÅÅÅ" eller "ÅÅÅÅ-MM"');

export const boardId = z.enum(['son', 'sn', 'leanlink']);
export type BoardId = z.infer<typeof boardId>;

export const reportKind = z.enum(['delårsrapport', 'internbudget', 'verksamhetsberättelse']);
export const unit = z.enum(['kr', 'tkr', 'mnkr']);
export type Unit = z.infer<typeof unit>;

export const measure = z.enum(['utfall', 'budget', 'prognos', 'avvikelse', 'plan', 'förändring', 'effekt']);
export type Measure = z.infer<typeof measure>;

/** Which part of an amount a column holds; netto unless the table splits it. */
export const component = z.enum(['netto', 'kostnader', 'intäkter', 'utgifter', 'inkomster']);
export type Component = z.infer<typeof component>;

export const tableKind = z.enum(['ekonomi', 'driftsammandrag', 'investeringar', 'åtgärdsplan', 'avgifter', 'corona']);
export type TableKind = z.infer<typeof tableKind>;

/**
 * kostnad: positive figures are net costs, avvikelse = budget − utfall/prognos (negative = underskott).
 * resultat: positive figures are surpluses (Leanlink), avvikelse = utfall/prognos − budget.
 */
export const signConvention = z.enum(['kostnad', 'resultat']);
export type SignConvention = z.infer<typeof signConvention>;

export const lineKind = z.enum([
  'verksamhet', // a line of the driftsammandrag (or an åtgärd, investment object, avgift)
  'total', // the board's total (verksamhetens nettokostnader)
  'delsumma', // a sum row that is not the board total
  'kostnader', // "varav kostnader"
  'intäkter', // "varav intäkter"
]);
export type LineKind = z.infer<typeof lineKind>;

export const line = z
  .object({
    key,
    code: z.string().optional(),
    name: z.string().min(1),
    kind: lineKind.default('verksamhet'),
    /** the line this is a "varav" of */
    parent: key.optional(),
    /** other names people use for it (abbreviations, everyday names) */
    aliases: z.array(z.string().min(1)).default([]),
    /** what the line covers, as the report describes it */
    description: z.string().optional(),
  })
  .strict();
export type Line = z.infer<typeof line>;

export const column = z
  .object({
    key,
    measure,
    /** null: no period (e.g. an åtgärd's full-year effect) */
    period: periodText.nullable(),
    component: component.default('netto'),
    label: z.string().min(1),
    /**
     * avvikelse: [the utfall/prognos column, the budget column] it compares;
     * förändring: [this period's column, the earlier period's column].
     */
    of: z.tuple([key, key]).optional(),
    note: z.string().optional(),
  })
  .strict();
export type Column = z.infer<typeof column>;

/** A cell: a number, null for an empty cell, or the report's own marker for a missing value ("i.u", "-"). */
export const cell = z.union([z.number(), z.null(), z.string().min(1)]);
export type Cell = z.infer<typeof cell>;

export const row = z
  .object({
    line: key,
    /** the row text exactly as printed, when it differs from the line's name */
    label: z.string().optional(),
    values: z.array(cell),
    /** sum rows: the rows (line keys) that add up to this one */
    sumOf: z.array(key).optional(),
  })
  .strict();
export type Row = z.infer<typeof row>;

export const table = z
  .object({
    key,
    kind: tableKind,
    title: z.string().min(1),
    /** the unit the figures really are in */
    unit,
    /** the unit the report prints, when it differs from the real one (Leanlink) */
    statedUnit: unit.optional(),
    sign: signConvention.default('kostnad'),
    /** decimals the report prints; sets the rounding tolerance of the checks */
    decimals: z.number().int().min(0).max(3).default(0),
    columns: z.array(column).min(1),
    rows: z.array(row).min(1),
    note: z.string().optional(),
  })
  .strict();
export type Table = z.infer<typeof table>;

export const indicatorKind = z.enum(['volym', 'personal', 'nämndindikator', 'förvaltningsindikator']);
export type IndicatorKind = z.infer<typeof indicatorKind>;

export const valueKind = z.enum(['utfall', 'prognos', 'budget', 'plan']);

export const indicatorValue = z
  .object({
    at: pointText,
    /** the period as printed ("Mars 2024", "Aug 2020") */
    label: z.string().optional(),
    kind: valueKind.default('utfall'),
    /** breakdown: Män, Kvinnor, IFO, LSS, FH SoL, tätort, Linköping, R9 … (absent = total) */
    group: z.string().min(1).optional(),
    value: z.number().optional(),
    /** the report's marker for a missing value: "i.u", "-", "publiceras juni 2024" */
    missing: z.string().min(1).optional(),
    /** a qualitative value ("Arbete pågår", "Ja") */
    text: z.string().min(1).optional(),
    /** share of a gender as printed next to the value: "(43% flickor)" */
    share: z.object({ label: z.enum(['flickor', 'pojkar', 'kvinnor', 'män']), percent: z.number().min(0).max(100) }).strict().optional(),
    note: z.string().optional(),
  })
  .strict()
  .refine((v) => [v.value, v.missing, v.text].filter((x) => x !== undefined).length >= 1, {
    message: 'ett värde behöver value, missing eller text',
  });
export type IndicatorValue = z.infer<typeof indicatorValue>;

export const direction = z.enum(['öka', 'minska', 'bibehålla', 'samma eller lägre']);
export type Direction = z.infer<typeof direction>;

export const indicator = z
  .object({
    key,
    kind: indicatorKind,
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    /** %, antal, dagar, kr/inv, timmar, index … */
    unit: z.string().min(1),
    /** målområde: Samhälle, Medborgare, Ekonomi, Verksamhet, Medarbetare */
    area: z.string().optional(),
    municipalGoal: z.string().optional(),
    /** key of the goal (nämndmål/förvaltningsmål) the indicator follows */
    goal: key.optional(),
    direction: direction.optional(),
    /** målvärde as printed ("5,0", "95% inom 120 dgr", "minska") */
    target: z.string().optional(),
    targetValue: z.number().optional(),
    footnote: z.string().optional(),
    /** other figures the report's text gives for the same thing, quoted with where (the table's are the values) */
    conflictingText: z.string().optional(),
    /** where the figure comes from: "Kolada N35001", "Qliksense …" */
    source: z.string().optional(),
    values: z.array(indicatorValue).min(1),
  })
  .strict();
export type Indicator = z.infer<typeof indicator>;

export const assessment = z.enum(['uppnås', 'delvis', 'ej', 'kan ej bedömas']);
export type Assessment = z.infer<typeof assessment>;

export const goal = z
  .object({
    key,
    area: z.string().optional(),
    municipalGoal: z.string().optional(),
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    description: z.string().optional(),
    /** null: the report makes no assessment (e.g. per 31 mars) */
    assessment: assessment.nullable(),
    /** the assessment as the report words it */
    assessmentText: z.string().optional(),
    text: z.string().optional(),
  })
  .strict();
export type Goal = z.infer<typeof goal>;

export const assignmentStatus = z.enum(['genomfört', 'pågår', 'kvarstår']);
export type AssignmentStatus = z.infer<typeof assignmentStatus>;

export const assignment = z
  .object({
    key,
    number: z.string().optional(),
    kind: z.enum(['kommungemensamt', 'nämndspecifikt', 'nämndens eget']),
    text: z.string().min(1),
    status: assignmentStatus.nullable(),
    comment: z.string().optional(),
  })
  .strict();
export type Assignment = z.infer<typeof assignment>;

export const passage = z
  .object({
    key,
    /** Händelser av väsentlig betydelse, Analys och kommentar, … */
    section: z.string().min(1),
    heading: z.string().optional(),
    /** the driftsammandrag lines the passage discusses */
    lines: z.array(key).default([]),
    indicators: z.array(key).default([]),
    text: z.string().min(1),
  })
  .strict();
export type Passage = z.infer<typeof passage>;

export const checkKind = z.enum(['summa', 'avvikelse', 'netto', 'samma-värde']);
export type CheckKind = z.infer<typeof checkKind>;

/** Where the source report itself does not add up. */
export const discrepancy = z
  .object({
    check: checkKind,
    table: key,
    row: key,
    column: key,
    note: z.string().min(1),
  })
  .strict();
export type Discrepancy = z.infer<typeof discrepancy>;

export const reportHeader = z
  .object({
    id: key,
    board: boardId,
    kind: reportKind,
    title: z.string().min(1),
    year: z.number().int().min(2000).max(2100),
    periodEnd: isoDate,
    /** the report's main unit as printed */
    unit,
    source: z.string().min(1),
    note: z.string().optional(),
  })
  .strict();
export type ReportHeader = z.infer<typeof reportHeader>;

export const reportFile = z
  .object({
    report: reportHeader,
    lines: z.array(line).default([]),
    tables: z.array(table).default([]),
    indicators: z.array(indicator).default([]),
    goals: z.array(goal).default([]),
    assignments: z.array(assignment).default([]),
    passages: z.array(passage).default([]),
    discrepancies: z.array(discrepancy).default([]),
  })
  .strict()
  .superRefine(checkReferences);
export type ReportFile = z.infer<typeof reportFile>;

/** Keys are unique and every reference points at something that exists. */
function checkReferences(file: z.infer<z.ZodObject<any>>, ctx: z.RefinementCtx): void {
  const f = file as ReportFile;
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const unique = (section: string, keys: string[]) => {
    const seen = new Set<string>();
    keys.forEach((k, i) => {
      if (seen.has(k)) issue([section, i, 'key'], `nyckeln "${k}" finns redan i ${section}`);
      seen.add(k);
    });
    return seen;
  };
  const lineKeys = unique('lines', f.lines.map((l) => l.key));
  unique('tables', f.tables.map((t) => t.key));
  const indicatorKeys = unique('indicators', f.indicators.map((i) => i.key));
  const goalKeys = unique('goals', f.goals.map((g) => g.key));
  unique('assignments', f.assignments.map((a) => a.key));
  unique('passages', f.passages.map((p) => p.key));

  f.lines.forEach((l, i) => {
    if (l.parent && !lineKeys.has(l.parent)) issue(['lines', i, 'parent'], `okänd rad "${l.parent}"`);
  });
  f.tables.forEach((t, ti) => {
    const columnKeys = unique(`tables.${t.key}.columns`, t.columns.map((c) => c.key));
    t.columns.forEach((c, ci) => {
      for (const ref of c.of ?? []) {
        if (!columnKeys.has(ref)) issue(['tables', ti, 'columns', ci, 'of'], `okänd kolumn "${ref}"`);
      }
      if (c.of && c.measure !== 'avvikelse' && c.measure !== 'förändring') {
        issue(['tables', ti, 'columns', ci, 'of'], '"of" gäller bara kolumner för avvikelse och förändring');
      }
    });
    const rowKeys = unique(`tables.${t.key}.rows`, t.rows.map((r) => r.line));
    t.rows.forEach((r, ri) => {
      if (!lineKeys.has(r.line)) issue(['tables', ti, 'rows', ri, 'line'], `raden "${r.line}" saknas under lines`);
      if (r.values.length !== t.columns.length) {
        issue(['tables', ti, 'rows', ri, 'values'], `${r.values.length} värden men tabellen har ${t.columns.length} kolumner`);
      }
      for (const s of r.sumOf ?? []) if (!rowKeys.has(s)) issue(['tables', ti, 'rows', ri, 'sumOf'], `raden "${s}" finns inte i tabellen`);
    });
  });
  f.indicators.forEach((ind, i) => {
    if (ind.goal && !goalKeys.has(ind.goal)) issue(['indicators', i, 'goal'], `okänt mål "${ind.goal}"`);
    const points = new Set<string>();
    ind.values.forEach((v, vi) => {
      const point = `${v.at} ${v.kind} ${v.group ?? ''}`;
      if (points.has(point)) issue(['indicators', i, 'values', vi], `värdet för ${point.trim()} finns redan`);
      points.add(point);
    });
  });
  f.passages.forEach((p, i) => {
    p.lines.forEach((l) => lineKeys.has(l) || issue(['passages', i, 'lines'], `okänd rad "${l}"`));
    p.indicators.forEach((k) => indicatorKeys.has(k) || issue(['passages', i, 'indicators'], `okänd indikator "${k}"`));
  });
  f.discrepancies.forEach((d, i) => {
    const t = f.tables.find((x) => x.key === d.table);
    if (!t) return issue(['discrepancies', i, 'table'], `okänd tabell "${d.table}"`);
    if (!t.rows.some((r) => r.line === d.row)) issue(['discrepancies', i, 'row'], `raden "${d.row}" finns inte i ${d.table}`);
    if (!t.columns.some((c) => c.key === d.column)) issue(['discrepancies', i, 'column'], `kolumnen "${d.column}" finns inte i ${d.table}`);
  });
}
