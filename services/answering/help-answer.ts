/**
 * The welcome card, the help, and the plain answers for what the store does
 * not have: another board, a year without a report, a name nothing matches.
 */
import type { Catalogue } from '../catalogue/catalogue.js';
import { renderCard } from '../cards/render-card.js';
import { words as toWords } from '../understanding/swedish-text.js';
import { reportName } from './describe.js';
import { action, type Reply } from './reply.js';

export const EXAMPLES = [
  { heading: 'Ekonomi', examples: ['Hur ser prognosen ut för Barn och unga?', 'Var är underskottet störst?', 'Vad blev resultatet för LSS i mars?', 'Jämför missbruksvården med förra året'] },
  { heading: 'Förklaringar', examples: ['Varför går Barn och ungdomsvård med underskott?', 'Hur mycket ska åtgärdsplanen ge 2024?'] },
  { heading: 'Indikatorer, volymer och personal', examples: ['Hur går det med sjukfrånvaron?', 'Antal aktualiseringar hittills i år?', 'Utredningstid barn och unga?'] },
  { heading: 'Mål och uppdrag', examples: ['Vilka nämndmål uppnås inte?', 'Status för de strategiska uppdragen i Leanlink'] },
];

export function availableReports(c: Catalogue): string {
  return c.reports.map((r) => reportName(c, r)).join('; ');
}

const INTRO = 'Jag svarar på frågor om ekonomi, indikatorer, mål och uppdrag med exakta siffror ur nämndernas rapporter, och säger alltid varifrån siffran kommer. Skriv som du brukar, till exempel:';

function examplesCard(c: Catalogue, title: string, intro: string) {
  return renderCard('welcome', {
    title,
    intro,
    groups: EXAMPLES,
    reports: `Rapporter jag har: ${availableReports(c)}.`,
    tryIt: [EXAMPLES[0]!.examples[0]!, EXAMPLES[0]!.examples[1]!, EXAMPLES[2]!.examples[0]!].map((text) => ({ title: text, text })),
  });
}

export function welcome(c: Catalogue, firstName?: string): Reply {
  return {
    text: 'Hej! Jag är Rapportboten. Fråga mig om prognoser, avvikelser, indikatorer, mål och uppdrag.',
    card: examplesCard(c, `Hej${firstName ? ` ${firstName}` : ''}! Jag är Rapportboten.`, INTRO),
  };
}

export function help(c: Catalogue, lead = 'Det här kan jag svara på.'): Reply {
  return {
    text: `${lead} Exempel: ${EXAMPLES.flatMap((g) => g.examples.slice(0, 2)).join(' · ')}`,
    card: examplesCard(c, lead, INTRO),
  };
}

/** Words that name nothing in the store, shown as the user wrote them ("hemlösa", not the folded "hemlosa"). */
export function notUnderstood(c: Catalogue, words: string[], asked = ''): Reply {
  const written = new Map(asked.split(/[^\p{L}\p{N}&-]+/u).filter(Boolean).map((t) => [toWords(t).join(' '), t.toLowerCase()]));
  const unknown = words.length ? ` Jag hittar ingen uppgift om "${words.map((w) => written.get(w) ?? w).join(' ')}" i rapporterna.` : '';
  return help(c, `Jag förstod inte riktigt frågan.${unknown}`);
}

export function otherBoard(c: Catalogue, board: string): Reply {
  const ours = c.boards.map((b) => b.name).join(', ');
  const text = `Jag har inga rapporter för ${board}, så jag kan inte svara på det. Jag har uppgifter för ${ours}: ${availableReports(c)}.`;
  return { text, card: renderCard('choice', { title: `Inga uppgifter för ${board}`, text, notes: [], options: [] }) };
}

/** The asked figure exists for no report: say so, and say what there is. */
export function noFigure(c: Catalogue, what: string, available: string[]): Reply {
  const text = `Det finns ingen uppgift om ${what} i rapporterna jag har.${available.length ? ` Det som finns: ${available.join('; ')}.` : ''} Rapporter: ${availableReports(c)}.`;
  return { text, card: renderCard('choice', { title: 'Uppgiften saknas', text, notes: [], options: [] }) };
}

export function choose(title: string, text: string, options: Array<{ title: string; data: Record<string, unknown> }>): Reply {
  return {
    text: `${title} ${text}`,
    card: renderCard('choice', { title, text, notes: [], options: options.map((o) => action(o.title, 'visa', o.data)) }),
  };
}
