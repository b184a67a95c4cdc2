/**
 * What a question asks for, as one typed value. The deterministic parser and
 * the optional language model both produce it; the answer is always computed
 * from the store by executing it.
 */
import { z } from 'zod';
import { boardId } from '../reports/report-file.js';

export const intent = z.enum([
  'belopp', // utfall/budget/prognos/avvikelse/plan of a line or the board total
  'rangordning', // which lines deviate most
  'jämförelse', // against the same period last year / last year's bokslut
  'indikator', // an indicator, volume measure or personnel figure, with target and trend
  'måluppfyllelse', // goal assessments
  'uppdrag', // strategic assignments and their status
  'förklaring', // "varför": the report's own analysis
  'åtgärdsplan', // effects of the action plan per year
  'investering', // investments
  'hjälp', // what the bot can answer
]);
export type Intent = z.infer<typeof intent>;

export const amountMeasure = z.enum(['utfall', 'budget', 'prognos', 'avvikelse', 'plan']);
export type AmountMeasure = z.infer<typeof amountMeasure>;

export const query = z
  .object({
    intent,
    /** the figure asked for; absent = the whole picture of the item */
    measure: amountMeasure.optional(),
    /** period: the year so far (utfall för perioden); helår: the full year (prognos, budget, bokslut) */
    scope: z.enum(['period', 'helår']).optional(),
    board: boardId.optional(),
    /** a board the store has no reports for ("Kultur- och fritidsnämnden") */
    otherBoard: z.string().max(100).optional(),
    /** the words that name the item: a line, indicator, goal or assignment */
    subject: z.string().max(200).optional(),
    /** the whole board rather than a line ("hela nämnden") */
    total: z.boolean().optional(),
    year: z.number().int().min(2000).max(2100).optional(),
    /** -1: "förra året" relative to the newest report (when no comparison is asked for) */
    yearOffset: z.number().int().min(-10).max(0).optional(),
    /** 1–12: "i mars", "per augusti" */
    month: z.number().int().min(1).max(12).optional(),
    /** the report's year when it differs from the figure's ("i åtgärdsplanen från augusti 2023 … 2025") */
    reportYear: z.number().int().min(2000).max(2100).optional(),
    reportKind: z.enum(['delårsrapport', 'internbudget', 'verksamhetsberättelse']).optional(),
    compareWith: z.enum(['föregående år', 'bokslut']).optional(),
    /** the figure to compare with, when named ("utfall 2022 jämfört med budget 2024") */
    compareMeasure: amountMeasure.optional(),
    /** the year to compare with, when named ("jämfört med bokslut 2023") */
    compareYear: z.number().int().min(2000).max(2100).optional(),
    /** an indicator's value for men or women only ("sjukfrånvaron bland kvinnor") */
    group: z.enum(['Män', 'Kvinnor']).optional(),
    /** "per avdelning", "per stadsdel", "män och kvinnor": a breakdown the answer must have, or say it has not */
    breakdown: z.enum(['avdelning', 'enhet', 'stadsdel', 'område', 'kön']).optional(),
    /** "hur många", "antal": a count is asked for, not an amount in kronor */
    count: z.boolean().optional(),
    /** which way a comparison or ranking by change looks ("ökade mest", "minskade") */
    change: z.enum(['ökning', 'minskning']).optional(),
    /** rangordning: lowest or highest first ("lägst budget", "lägst andel klara"), or indicators by how far each is from its target ("längst från målvärdet") */
    order: z.enum(['lägst', 'högst', 'från målvärdet']).optional(),
    /** indikator: the indicators going the desired way ("rätt håll"), the other way, or all, each judged by its direction */
    trend: z.enum(['rätt håll', 'fel håll', 'alla']).optional(),
    /** rangordning: deficits (default) or surpluses */
    direction: z.enum(['underskott', 'överskott']).optional(),
    /** uppdrag: only the kommungemensamma, nämndspecifika or the board's own */
    assignmentKind: z.enum(['kommungemensamt', 'nämndspecifikt', 'nämndens eget']).optional(),
    /** a sum the question states, to be checked against the report's ("stämmer det att vi gått back över 30 miljoner?"), in mnkr */
    claimMnkr: z.number().min(0).max(1e6).optional(),
    /** "över 30 miljoner": the claimed sum is a bound */
    claimBound: z.enum(['över', 'under']).optional(),
    /** måluppfyllelse/uppdrag: only goals with this assessment, assignments with this status */
    status: z.enum(['uppnås', 'delvis', 'ej', 'kan ej bedömas', 'genomfört', 'pågår', 'kvarstår', 'ej genomfört']).optional(),
  })
  .strict();
export type Query = z.infer<typeof query>;
