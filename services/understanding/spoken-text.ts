/**
 * A question as Teams' speech-to-text writes it down: numbers spelled out
 * ("tjugotjugofyra", "hundratjugo dagar") and corrections made while talking
 * ("augusti tjugonitton nej tjugotjugo", "lss nej förlåt ifo"), and compound
 * words heard as two ("intern budgeten", "äldre omsorgen"). Rewritten to what
 * the same person would have typed, before the question is read.
 */
import { STOPWORDS, fold } from './swedish-text.js';

const ONES = ['noll', 'ett', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio', 'tio', 'elva', 'tolv', 'tretton', 'fjorton', 'femton', 'sexton', 'sjutton', 'arton', 'nitton'];
const TENS = ['', '', 'tjugo', 'trettio', 'fyrtio', 'femtio', 'sextio', 'sjuttio', 'åttio', 'nittio'];

/** Each number word's parts, longest first so "sexton" is not read as "sex" + "ton". */
const PARTS: Array<[string, number]> = [
  ...ONES.map((w, n): [string, number] => [w, n]),
  ...TENS.map((w, n): [string, number] => [w, n * 10]).filter(([w]) => w),
  ...([['en', 1], ['aderton', 18], ['hundra', 100], ['tusen', 1000]] as Array<[string, number]>),
].sort((a, b) => b[0].length - a[0].length);

/** A word split into number parts, or undefined when any of it is something else. */
function parts(word: string): number[] | undefined {
  const out: number[] = [];
  for (let rest = word; rest; ) {
    const part = PARTS.find(([w]) => rest.startsWith(w));
    if (!part) return undefined;
    out.push(part[1]);
    rest = rest.slice(part[0].length);
  }
  return out;
}

/** Below a hundred: "trettiotre", "nitton", "tjugo". */
function belowHundred(p: number[]): number | undefined {
  if (p.length === 1 && p[0]! < 100) return p[0];
  if (p.length === 2 && p[0]! >= 20 && p[0]! % 10 === 0 && p[0]! < 100 && p[1]! >= 1 && p[1]! <= 9) return p[0]! + p[1]!;
  return undefined;
}

/** A count of `unit` and what follows it ("tvåhundrafemtio", "tusentjugo"), each part read by `below`; without `unit`, `below` alone. */
function scaled(p: number[], unit: number, below: (p: number[]) => number | undefined, most: number): number | undefined {
  const at = p.indexOf(unit);
  if (at < 0) return below(p);
  const times = at === 0 ? 1 : below(p.slice(0, at));
  const rest = p.slice(at + 1);
  const tail = rest.length ? below(rest) : 0;
  return times === undefined || times < 1 || times > most || tail === undefined ? undefined : times * unit + tail;
}

const belowThousand = (p: number[]) => scaled(p, 100, belowHundred, 9);

/**
 * The number a spelled-out word says: "tjugotjugofyra" and "tjugoarton" are
 * years as people say them (2024, 2018), "tvåtusentjugo" too; others are
 * counts and values ("hundratjugo", "trettiotre"). A single small word ("en",
 * "tre", "sex") stays a word: it is as often an article or part of a name.
 */
export function spokenNumber(word: string): number | undefined {
  const p = parts(word);
  if (!p || p.length < 2 && (p[0]! < 13 || p[0]! === 1000)) return undefined;
  // "tjugo" + ten to ninety-nine: a year of this century, said in two halves
  if (p[0] === 20 && p.length >= 2) {
    const year = belowHundred(p.slice(1));
    if (year !== undefined && year >= 10) return 2000 + year;
  }
  return scaled(p, 1000, belowThousand, 999);
}

/** "X nej förlåt Y", "X nej vänta Y", "X eller nej Y", "X nej jag menar Y": Y replaces X. */
const CORRECTION = /(\S+)\s+(?:nej|eller nej)[,.]?\s+(?:(?:förlåt|vänta|jag menar|menar|jag menade|alltså)[,.]?\s+)+/giu;
/** "augusti 2019 nej 2020": a number corrected by another. */
const NUMBER_CORRECTION = /(?<!\p{L})(\d+)\s+nej[,.]?\s+(?=\d)/gu;

/** Two words with only spaces between: a compound when joined they make a known word ("jämställdhets index"). */
const PAIR = /(?<!\p{L})(\p{L}{3,}) +(?=(\p{L}{3,})(?!\p{L}))/gu;

/**
 * The question with spelled-out numbers as digits, spoken corrections applied
 * and split compounds joined where `isCompound` says the two words (folded,
 * lower case) are one word heard as two.
 */
export function writtenAsTyped(text: string, isCompound: (left: string, right: string) => boolean = () => false): string {
  return text
    .replace(/\p{L}+/gu, (w) => {
      const n = spokenNumber(w.toLowerCase());
      return n === undefined ? w : String(n);
    })
    .replace(CORRECTION, ' ')
    .replace(NUMBER_CORRECTION, ' ')
    .replace(PAIR, (all, left: string, right: string) => {
      const [l, r] = [fold(left.toLowerCase()), fold(right.toLowerCase())];
      // two small words are two words ("var det" is no "värdet")
      return !(STOPWORDS.has(l) && STOPWORDS.has(r)) && isCompound(l, r) ? left : all;
    });
}
