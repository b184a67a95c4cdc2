/**
 * Which report, and which item in it, a question is about. The newest report
 * that has the item (with the asked figure, for the asked period) wins;
 * Leanlink only when Leanlink or something only Leanlink has is named.
 */
import type { Catalogue, CatalogueLine, CatalogueReport } from '../catalogue/catalogue.js';
import type { EntityType, Match, NameIndex } from '../catalogue/name-matcher.js';
import type { Query } from '../understanding/query.js';

/** A subject match is "complete" when it explains (nearly) all of the subject's words. */
export const COMPLETE = 0.8;
/** How much more of the subject another report's item must explain to beat the newer report's partial match. */
const CLEARLY_FULLER = 0.25;
/** A complete match this close to the subject's words needs no look at Leanlink's items (below it, a word is only part of a compound or a typo). */
const CLOSE = 0.85;
/** Two items within this score of each other are equally good readings. */
const TIE = 0.06;

export interface Found {
  match: Match;
  report: CatalogueReport;
  /** other items of the same report that fit the question as well */
  rivals: Match[];
  /** other items of the same report whose names hold every word the question names the item by (a family: "kostnad per invånare jämfört med R9") */
  kin: Match[];
}

/** Reports the question allows, newest first. */
export function allowedReports(c: Catalogue, q: Query): CatalogueReport[] {
  let reports = c.reports;
  if (q.board) reports = reports.filter((r) => r.board === q.board);
  if (q.reportKind) {
    const ofKind = reports.filter((r) => r.kind === q.reportKind);
    if (ofKind.length) reports = ofKind;
  }
  if (q.reportYear) {
    const ofYear = reports.filter((r) => r.year === q.reportYear || r.periodEnd.startsWith(String(q.reportYear)));
    // "internbudgeten 2025" with no internbudget 2025 in the store: an earlier one plans 2025
    reports = ofYear.length || q.reportKind !== 'internbudget' ? ofYear : reports.filter((r) => r.kind === 'internbudget' && r.year < q.reportYear!);
  }
  if (q.month) {
    const ofMonth = reports.filter((r) => Number(r.periodEnd.slice(5, 7)) === q.month && (!q.year || Math.abs(r.year - q.year) <= 1));
    if (ofMonth.length) reports = ofMonth;
  }
  return reports;
}

/** The year "förra året" means: one before the newest allowed report's year. */
export function effectiveYear(c: Catalogue, q: Query): number | undefined {
  if (q.year !== undefined) return q.year;
  if (q.yearOffset !== undefined) {
    const newest = allowedReports(c, { ...q, yearOffset: undefined })[0];
    return newest ? newest.year + q.yearOffset : undefined;
  }
  return undefined;
}

/**
 * The best item of `type` for the subject words: among the allowed reports
 * (Leanlink only when named, when nothing else fits, or when only its item
 * fits the words closely), the newest report
 * holding a complete match that `usable` accepts.
 */
export function findItem(
  c: Catalogue,
  names: NameIndex,
  q: Query,
  words: { subject: string[]; context: string[] },
  type: EntityType,
  usable: (m: Match, report: CatalogueReport) => boolean = () => true,
): Found | undefined {
  const reports = allowedReports(c, q);
  const passes = q.board ? [reports] : [reports.filter((r) => r.board !== 'leanlink'), reports];
  let partial: Found | undefined;
  for (const allowed of passes) {
    const ids = new Set(allowed.map((r) => r.id));
    const matches = names.match(words.subject, words.context, (e) => e.type === type && ids.has(e.reportId));
    const found = pick(c, matches, allowed, usable);
    // a reading outside Leanlink that explains the words only loosely is weighed against Leanlink's items too ("beläggningen på äldreboendena": its vårdboende)
    if (complete(found) && (allowed === passes.at(-1) || found!.match.subjectCoverage >= CLOSE)) return found;
    // a partial reading outside Leanlink gives way to a clearly fuller one in Leanlink ("uppdrag 38 om översyn av …")
    if (found && (!partial || found.match.subjectCoverage >= partial.match.subjectCoverage + CLEARLY_FULLER)) partial = found;
  }
  return partial;
}

function pick(c: Catalogue, matches: Match[], reports: CatalogueReport[], usable: (m: Match, r: CatalogueReport) => boolean): Found | undefined {
  if (matches.length === 0) return undefined;
  // a report's item counts when it explains the subject about as well as the best item anywhere;
  // among those the newest report wins (how well the item's own name is covered decides within a report)
  const bestCoverage = Math.max(...matches.map((m) => m.subjectCoverage));
  const complete = matches.filter((m) => m.subjectCoverage >= COMPLETE && m.subjectCoverage >= bestCoverage - 0.1);
  // without a complete match anywhere, accept the best partial ones (a word left unexplained)
  // (the best one's report's indicators the words explain as fully stay in, whatever their names' length)
  const asFully = (m: Match) => m.entity.type === 'indicator' && m.entity.reportId === matches[0]!.entity.reportId && m.subjectCoverage >= matches[0]!.subjectCoverage && m.score >= 0.45;
  const pool = complete.length ? complete : matches.filter((m) => m.score >= Math.max(0.45, matches[0]!.score - TIE) || asFully(m));
  // the best-named items lack the asked figure: one named (nearly) in full that has it ("tillsvidare per mars 2024": tillsvidareanställda)
  return inPool(c, pool, reports, usable) ?? (complete.length ? inPool(c, matches.filter((m) => m.subjectCoverage >= COMPLETE), reports, usable) : undefined);
}

function inPool(c: Catalogue, pool: Match[], reports: CatalogueReport[], usable: (m: Match, r: CatalogueReport) => boolean): Found | undefined {
  for (const report of reports) {
    const here = pool.filter((m) => m.entity.reportId === report.id && usable(m, report));
    if (here.length === 0) continue;
    const best = here[0]!;
    // an item named by less than half its name has as rivals the others the words explain as fully ("funktionshindrade": LSS-insatser and personlig assistans)
    // an indicator named only in part has as rivals the indicators the words explain as fully ("R9-snittet i kostnad per invånare": three of them)
    const partly = best.entity.type === 'indicator' && best.subjectCoverage < COMPLETE;
    const rivals = here.slice(1).filter((m) => (m.score >= best.score - TIE || ((best.nameCoverage < 0.5 || partly) && m.subjectCoverage >= best.subjectCoverage)) && !related(c, best, m));
    const kin = best.subjectCoverage >= COMPLETE ? here.slice(1).filter((m) => m.subjectCoverage >= best.subjectCoverage) : [];
    return { match: best, report, rivals, kin };
  }
  return undefined;
}

/** The found item, when it explains (nearly) all of the subject's words. */
export function complete(found: Found | undefined): Found | undefined {
  return found && found.match.subjectCoverage >= COMPLETE ? found : undefined;
}

/** A line and its own "varav" lines are not rival readings of a name. */
function related(c: Catalogue, a: Match, b: Match): boolean {
  if (a.entity.type !== 'line' || b.entity.type !== 'line') return false;
  const la = c.line(a.entity.reportId, a.entity.key);
  const lb = c.line(b.entity.reportId, b.entity.key);
  return la?.parentKey === lb?.key || lb?.parentKey === la?.key;
}

/** The board's total line of a report. */
export function totalLine(c: Catalogue, reportId: string): CatalogueLine | undefined {
  return c.lines.find((l) => l.reportId === reportId && l.kind === 'total');
}
