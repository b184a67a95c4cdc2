/**
 * Every number a language model writes must be one the sources already show.
 * Numbers are read the Swedish way — "1 800,9" (space, no-break or thin space
 * between thousands), "−9,8" (minus, en dash or hyphen), "83 mkr", "15 %",
 * "1,5 miljoner", "tre miljoner" — and compared by value, so "1,5 miljoner"
 * is grounded by "1 500 tkr" and "9,8" by "−9,8 mnkr" (prose says
 * "underskott på 9,8 mnkr" where the table prints −9,8). A rounded or
 * recomputed figure is not grounded: the model is told to copy figures.
 */

export type NumberKind = 'procent' | 'belopp' | 'tal';

export interface NumberMention {
  /** as written */
  text: string;
  /** absolute value as written, without its scale ("1,5 miljoner" → 1.5) */
  value: number;
  kind: NumberKind;
  /** with its scale word in kronor or units ("1,5 miljoner" → 1 500 000); only when a scale or currency follows */
  scaled?: number;
}

const SEP = '[ \\u00a0\\u202f\\u2009]';
const DIGITS = `(?:\\d{1,3}(?:${SEP}\\d{3})+(?!\\d)|\\d+)(?:[.,]\\d+)?`;
const WORDS: Record<string, number> = {
  en: 1, ett: 1, två: 2, tre: 3, fyra: 4, fem: 5, sex: 6, sju: 7, åtta: 8, nio: 9, tio: 10, elva: 11, tolv: 12, femton: 15, tjugo: 20, trettio: 30, fyrtio: 40, femtio: 50, hundra: 100,
};
const SCALES: Array<[RegExp, NumberKind, number]> = [
  [/^(?:%|procent(?:enheter)?)$/, 'procent', 1],
  [/^(?:mdkr|mdr|miljard(?:er)?)$/, 'belopp', 1e9],
  [/^(?:mnkr|mkr|mn|milj\.?|miljon(?:er)?)$/, 'belopp', 1e6],
  [/^(?:tkr|tusen)$/, 'belopp', 1e3],
  [/^(?:kr|kronor)$/, 'belopp', 1],
];
const UNIT = '%|procent(?:enheter)?|mdkr|mdr|miljard(?:er)?|mnkr|mkr|mn|milj\\.?|miljon(?:er)?|tkr|tusen|kronor|kr';
/** a figure in digits, or a number word that only counts with a scale or percent after it ("tre miljoner") */
const NUMBER = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(${DIGITS})|(${Object.keys(WORDS).join('|')})(?=\\s+(?:${UNIT})(?![\\p{L}])))(?:\\s?(${UNIT})(?![\\p{L}]))?`,
  'giu',
);

function toNumber(digits: string): number {
  let s = digits.replace(new RegExp(SEP, 'g'), '');
  // "1.500" is a thousands point; "1.5" a decimal point
  if (/^\d{1,3}(?:\.\d{3})+$/.test(s)) s = s.replace(/\./g, '');
  return Number(s.replace(',', '.'));
}

/** The numbers in a text, with their kind and scale. Citation markers ("[1]") are not numbers. */
export function numbersIn(text: string): NumberMention[] {
  const clean = text.replace(/\[\d+\]/g, ' ');
  const out: NumberMention[] = [];
  for (const m of clean.matchAll(NUMBER)) {
    const value = m[1] !== undefined ? toNumber(m[1]) : WORDS[m[2]!.toLowerCase()]!;
    if (!Number.isFinite(value)) continue;
    const unit = m[3]?.toLowerCase();
    const scale = unit ? SCALES.find(([re]) => re.test(unit)) : undefined;
    const kind = scale?.[1] ?? 'tal';
    out.push({ text: m[0], value, kind, ...(scale && kind === 'belopp' ? { scaled: value * scale[2] } : {}) });
  }
  return out;
}

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function grounds(source: NumberMention, claim: NumberMention): boolean {
  switch (claim.kind) {
    case 'procent':
      return source.kind !== 'belopp' && same(source.value, claim.value);
    case 'belopp':
      // an amount: the same in kronor, or the same figure printed without its unit (a table cell)
      return (source.scaled !== undefined && same(source.scaled, claim.scaled!)) || (source.kind === 'tal' && same(source.value, claim.value));
    case 'tal':
      return same(source.value, claim.value) || (source.scaled !== undefined && same(source.scaled, claim.value));
  }
}

/** The numbers of `claim` that none of the sources shows ([] = every number is grounded). */
export function ungroundedNumbers(claim: string, sources: string[]): string[] {
  const known = sources.flatMap(numbersIn);
  return numbersIn(claim)
    .filter((c) => !known.some((s) => grounds(s, c)))
    .map((c) => c.text);
}
