/**
 * Swedish text the way people type it: lower case, compound words,
 * inflections ("missbruksvården" → "missbruksvård"), and small typos.
 */

/** Words that carry no meaning of their own in a question (Swedish and English), folded like words(). */
export const STOPWORDS = new Set<string>(
  `hur vad vilken vilket vilka är var varit blir blev bli ser såg ut det den de dem denna detta dessa för i på av med om till och eller som har hade ha
   vi ni jag du mig oss er en ett att inom mot från per år året åren års kr mnkr tkr mkr miljoner miljon kronor mycket stor stort stora hög högt
   liten litet lite ska skulle kan kunde kommer att går gick gå läge ligger låg läget status just nu idag aktuell aktuella aktuellt det någon något
   några all alla allt sin sitt sina sig här där då när nu också även bara så än inte ej ingen inga mer mindre också totala gäller gällde
   sett vara varje under över efter före sedan enligt samt både visa visar visade se fram dag dagar räknar räkna ge ger gav gett tänkt tänker
   klart klar klara färdigt färdig färdiga sen senare därefter framöver tillsammans göra gör gjorde gjort görs rad raden rader raderna
   ungefär cirka ca gått förut ju bra inför själva själv självaste liknande kraftigt rejält ordentligt hette kallades kostat drog nu finns fanns finnas nåt nån hos resp respektive anges anger angett börjat började börjar igen återigen fortfarande står stått vid linköping linköpings undrar undra rör berör handlar lagt lägger läggs landa landar landade landat behöver behövs behövde siktar sikta siktade alltså planerar planeras planerat enl förhåller förhöll förhållit ännu mkt
   verksamhetsområde verksamhetsområden verksamhetsområdet verksamhetsområdena område områden området områdena avdelning avdelningen avdelningar avdelningarna verksamhet verksamheten verksamheter verksamheterna ihop eller få får fått fick belopp siffra siffran siffror siffrorna värde värdet läget hur's
   what is the for of in on at to and or a an how much many does did do was were be been are this that these those with from by our we
   there it its show me tell please period through specific actual actually after area areas kan du high big large small low much has have had running run runs year years got get gets getting than which who whose concerns concerning regarding about care represent represents represented representing according större ju accumulated ackumulerad ackumulerat ackumulerade redan åt bort pengar lägger möte mötet sägs påstås journalist journalisten journalister väljare väljaren partikollega partikollegor medborgare medborgarna someone resident citizen`
    .split(/\s+/)
    .map((w) => fold(w)),
);

/**
 * Without diacritics: people type "forsta kvartalet" and "familjeratten" on
 * phones, so words are compared with å, ä, ö folded to a, a, o.
 */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

/** Lower-cased words without diacritics; hyphens and punctuation split words, digits stay. */
export function words(text: string): string[] {
  return fold(text)
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/(\p{L})['’:]s(?!\p{L})/gu, '$1') // "Leanlink's", "SoN:s" → "leanlink", "son"
    .replace(/(\d)[\s\u00a0\u202f](?=\d{3}\b)/g, '$1') // "1 800" → "1800"
    .replace(/&(?<=\p{L}{2}&)(?=\p{L}{2})/gu, ' & ') // "råd&stöd" as "Råd & Stöd"; "R&S" stays a word (the "&" first: tried only where one is)
    .split(/[^\p{L}\p{N}&]+/u)
    .filter(Boolean);
}

const VOWELS = 'aeiouyäåö';
const isVowel = (c: string | undefined) => c !== undefined && VOWELS.includes(c);

/** Region after the first non-vowel that follows a vowel (at least 3 letters in). */
function r1(word: string): number {
  for (let i = 1; i < word.length; i++) {
    if (!isVowel(word[i]) && isVowel(word[i - 1])) return Math.max(i + 1, 3);
  }
  return word.length;
}

const STEP1 = [
  'heterna', 'hetens', 'anden', 'andes', 'heten', 'heter', 'arnas', 'ernas', 'ornas', 'arens', 'andet',
  'arna', 'erna', 'orna', 'ande', 'arne', 'aste', 'aren', 'ades', 'erns', 'ade', 'are', 'ern', 'ens', 'het',
  'ast', 'ad', 'en', 'an', 'ar', 'er', 'or', 'as', 'es', 'at', 'et', 'a', 'e',
];
const S_ENDING = 'bcdfghjklmnoprtvy';

/** Inflected forms too short for the stemmer's rules ("nya gruppbostaden" names "Ny gruppbostad"). */
const SHORT_FORMS = new Map([['nya', 'ny'], ['nytt', 'ny']]);

/** The Snowball Swedish stemmer (Porter's algorithm for Swedish), also taking the definite "-an" and "-et" ("frågan" → "fråg", "bytet" → "byt"). */
export function stem(word: string): string {
  const short = SHORT_FORMS.get(word);
  if (short) return short;
  if (word.length < 4 || /\d/.test(word)) return word;
  let w = word;
  const region = r1(w);
  // step 1: inflectional suffixes
  const suffix = STEP1.find((s) => w.endsWith(s) && w.length - s.length >= region);
  if (suffix) w = w.slice(0, -suffix.length);
  else if (w.endsWith('s') && w.length - 1 >= region && S_ENDING.includes(w[w.length - 2] ?? '')) w = w.slice(0, -1);
  // step 2: double consonants left by step 1
  if (['dd', 'gd', 'nn', 'dt', 'gt', 'kt', 'tt'].some((s) => w.endsWith(s) && w.length - s.length >= region)) w = w.slice(0, -1);
  // step 3: derivational suffixes
  if (w.endsWith('fullt') && w.length - 5 >= region) w = w.slice(0, -1);
  else if (w.endsWith('löst') && w.length - 4 >= region) w = w.slice(0, -1);
  else {
    const s3 = ['lig', 'els', 'ig'].find((s) => w.endsWith(s) && w.length - s.length >= region);
    if (s3) w = w.slice(0, -s3.length);
  }
  return w;
}

/** Optimal string alignment distance (Damerau–Levenshtein without repeated edits), capped. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length + 1;
  // three rows (i-2, i-1, i) in one reused buffer: this runs for every question word against every name word
  if (rows.length < 3 * n) rows = new Int32Array(3 * n * 2);
  let prev2 = 0;
  let prev = n;
  let cur = 2 * n;
  for (let j = 0; j < n; j++) rows[prev + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[cur] = i;
    let rowMin = i;
    for (let j = 1; j < n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[prev + j]! + 1, rows[cur + j - 1]! + 1, rows[prev + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[prev2 + j - 2]! + 1);
      rows[cur + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return rows[prev + b.length]!;
}
let rows = new Int32Array(96);

/** How far a typed word may be from a known word and still count as it. */
export function typoAllowance(word: string): number {
  return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
}
