/**
 * Item words as the catalogue writes them: English names in Swedish ("sick
 * leave" → "sjukfrånvaro"), everyday names in the reports' terms
 * ("äldreboendet" → "vårdboende") and abbreviations written out ("exkl" →
 * "exklusive"), so that such a question finds the same line or indicator.
 * Only item words: measures and periods ("forecast", "so far") are read by
 * the parser's own rules.
 */

/** Term (folded, lower case, whole words) → the catalogue's Swedish word(s), folded like words(). */
const TERMS: Array<[string, string]> = [
  ['exkl', 'exklusive'],
  ['inkl', 'inklusive'],
  ['gross costs?|gross', 'bruttokostnader'],
  ['costs? per inhabitant|per capita costs?|costs? per capita', 'kostnad per invanare'],
  ['costs?|expenses|expenditures?', 'kostnader'],
  ['revenues?|income(?! support)', 'intakter'],
  ['sick ?leave|sickness absence|absence due to illness', 'sjukfranvaro'],
  ['individual and family care', 'individ och familjeomsorg'],
  ['(?:exposure|exposed) to violence|violence exposure', 'valdsutsatthet'],
  ['(?:been |being )?asked about|questions about', 'fragor om'],
  ['investigation times?|lead times?', 'utredningstid'],
  ['processing times?|handling times?', 'handlaggningstid'],
  ['children at risk|children in danger', 'barn som far illa'],
  ['staff turnover|employee turnover', 'personalomsattning'],
  ['staff|employees|personnel|workforce', 'medarbetare'],
  ['permanent employees|permanently employed', 'tillsvidareanstallda'],
  ['elderly care|elder care|care of the elderly|the elderly|elderly people|older people', 'aldreomsorg'],
  // "pengarna till de äldre": the care of the elderly, not "de äldre rapporterna"
  ['de aldre(?! rapport| arens| aren)|aldre personer|aldre manniskor|pensionarer(?:na)?', 'aldreomsorg'],
  ['home care', 'hemtjanst'],
  ['personal assistance', 'personlig assistans'],
  ['daily activities', 'daglig verksamhet'],
  ['special housing|special-service housing|supported housing', 'boende sarskild service'],
  ['substance abuse|addiction|substance misuse', 'missbruk'],
  ['financial assistance|social assistance|income support|welfare benefits?', 'ekonomiskt bistand'],
  ['refugee reception|refugees?', 'flyktingmottagande'],
  ['family law', 'familjeratt'],
  ['family homes?|foster care|foster homes?', 'familjehem'],
  ['residential care|institutional care|out-of-home care', 'dygnsvard'],
  ['placements?', 'placeringar'],
  ['children and young people|children and youth|children and adolescents', 'barn och unga'],
  ['children', 'barn'],
  ['young people|youth', 'unga'],
  ['adults?', 'vuxna'],
  ['disabilit(?:y|ies)|functional impairments?', 'funktionsnedsattning'],
  ['(?:social ?)?psychiatry|mental health', 'socialpsykiatri'],
  ['domestic violence', 'vald i nara relationer'],
  ['overtime', 'overtid'],
  ['care days?|bed days?|days? of care', 'varddygn'],
  ['average|mean', 'genomsnitt'],
  ['waiting times?|wait(?:ed)?', 'vantetid'],
  ['headcount|head count|number of (?:permanent )?employees', 'tillsvidareanstallda'],
  ['hours', 'timmar'],
  ['decisions?', 'beslut'],
  ['ongoing cases|open cases|active cases', 'pagaende arenden'],
  ['cases', 'arenden'],
  ['investigations?|assessments? of need', 'utredningar'],
  ['occupancy(?: rate)?', 'belaggning'],
  ['nursing homes?|care homes?|residential homes?', 'vardboende'],
  // the everyday word for what the reports call vårdboende (vård- och omsorgsboende)
  ['aldreboende(?:t|n|na)?', 'vardboende'],
  ['households?', 'hushall'],
  // "hur länge fick man vänta på beslut": the waiting time the reports measure
  ['(?:fick|far|maste|behovde) (?:man|de|vi|folk|en) vanta|vantade|vantan', 'vantetid'],
  // everyday words for drugs, as the reports write it
  ['knark(?:et)?|droger(?:na)?|drugs', 'narkotika'],
  ['fire alarms?(?: systems?)?', 'brandlarm'],
  // "placera barn utanför hemmet": placements, which the reports call (dygns)placeringar
  ['placera(?:s|de|t|r)?(?= )|placeras|placerar', 'placeringar'],
  ['(?:placeringar )?utanfor hemmet|(?:placeringar )?utanfor sina hem|out of home placements?', 'dygnsplaceringar'],
  ['full[ -]time(?: positions?| employment| jobs?| employees| staff)?', 'heltid'],
  // "vuxenenheten", "på vuxensidan": the adults' side of IFO
  ['vuxen(?:enhet|sida|sidan|omrade|verksamhet)[a-z]*', 'vuxna'],
  // chat shorthand for item words ("pers.oms", "sjukfrånv")
  ['pers oms|persoms', 'personalomsattning'],
  ['pers avgangar', 'personalavgangar'],
  ['sjukfranv', 'sjukfranvaro'],
  // the everyday word for what the reports measure as sjukfrånvaro
  ['sjukskrivn(?:a|ing|ingar|ingen|ingarna)|sjukskrivna', 'sjukfranvaro'],
  // "är folk sjuka mer än i fjol": no item is named "sjuka" ("psykiskt sjuka" are socialpsykiatrins)
  ['(?<!psykiskt )sjuka', 'sjukfranvaro'],
  // "slutar det många hos oss": staff leaving, not "chefer som har börjat eller slutat"
  ['slutar det manga|(?:hur )?manga (?:som )?(?:slutar|har slutat|slutat)|folk (?:som )?(?:slutar|har slutat)|(?:personal|personalen|medarbetare|anstallda) (?:som )?(?:slutar|har slutat)', 'personalavgangar'],
  ['hur (?:full|fullt|fulla)', 'belaggning'],
  ['excluding|except|without', 'exklusive'],
  // "om man räknar bort våra egna enheter": the line without them
  ['(?:raknar|rakna|raknat|drar|dra) bort|bortraknat|bortraknad|bortraknade|bortsett fran|fransett', 'exklusive'],
  ['(?:the )?(?:board\'?s )?(?:own )?in-house(?: units)?|own units', 'egen regi'],
  ['departments?', 'avdelning'],
  ['(?:financial |economic )?balance|balanced', 'balans'],
  ['restaurants?(?: and bars)?|bars|pubs|nightlife', 'krog'],
  ['(?:environmentally friendly|eco-friendly|green|clean) vehicles?', 'miljovanliga fordon'],
  ['vehicles?|cars?', 'fordon'],
  ['bou', 'barn och unga'],
  ['managers?', 'chef'],
  ['agency nurses?|agency staff nurses?', 'bemanningssjukskoterskor'],
  ['year-end|year end|end of (?:the )?year', 'arets slut'],
  // "förvaltningen (administrationen)": the administration is the förvaltning's line
  ['administrationen', 'forvaltningen'],
  // "liknande kommuner": the R9 group the reports compare costs with
  ['(?:liknande|jamforbara|jamforelse|andra liknande) kommuner(?:na)?|(?:similar|comparable|peer) municipalities', 'r9'],
];

const PATTERN = new RegExp(`(?<= )(?:${TERMS.map(([en]) => `(${en})`).join('|')})(?= )`, 'g');

/** The text (words between single spaces, folded) with item words as the catalogue writes them. */
export function swedishTerms(text: string): string {
  return ` ${text} `.replace(PATTERN, (...m: unknown[]) => TERMS[(m as Array<string | undefined>).slice(1, TERMS.length + 1).findIndex((g) => g !== undefined)]![1]).slice(1, -1);
}
