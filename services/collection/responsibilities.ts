/**
 * Who answers for which indicator of which board: read from a CSV or Excel
 * file (one row per item: nämnd, indikator, ansvarig), checked against the
 * store with every problem named by row, and kept in the store. Controllers
 * change single rows in chat. A running round keeps the list it started with.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { Queryable } from '../store/database.js';
import { stem, words } from '../understanding/swedish-text.js';
import type { BoardName } from './round-request.js';

export class ResponsibilityFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ansvarslistan lästes inte in — inget har ändrats. ${problems.length === 1 ? '1 fel' : `${problems.length} fel`}:\n  ${problems.join('\n  ')}`);
  }
}

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, 'är inte en e-postadress');

export const aadId = z.string().trim().toLowerCase().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'är inte ett objekt-id (GUID)');

export interface Responsibility {
  board: string;
  itemKey: string;
  upn: string;
  displayName?: string;
  aadObjectId?: string;
}

export interface IndicatorChoice {
  key: string;
  name: string;
  aliases: string[];
  /** the end of the newest report that has it */
  period_end: string;
}

/** The indicators of a board's reports, newest version of each. */
export function indicatorChoices(db: Queryable, board: string): Promise<IndicatorChoice[]> {
  return db.query<IndicatorChoice>(
    `select distinct on (i.key) i.key, i.name, i.aliases, r.period_end from indicator i join report r on r.id = i.report_id
      where r.board_id = $1 order by i.key, r.period_end desc, r.id`,
    [board],
  );
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** An indicator by key, else by name or alias exactly, else the only one whose names hold all the words. */
export function findIndicator(choices: IndicatorChoice[], text: string): { key: string } | { problem: string } {
  const t = norm(text);
  const byKey = choices.find((c) => c.key === t);
  if (byKey) return { key: byKey.key };
  const exact = newest(choices.filter((c) => norm(c.name) === t || c.aliases.some((a) => norm(a) === t)));
  if (exact.length === 1) return { key: exact[0]!.key };
  const stems = words(t).map(stem);
  const partial = newest(
    (exact.length ? exact : choices).filter((c) => {
      const name = words([c.name, ...c.aliases].join(' ')).map(stem);
      return stems.length > 0 && stems.every((s) => name.some((n) => n === s || (s.length >= 5 && n.startsWith(s))));
    }),
  );
  if (partial.length === 1) return { key: partial[0]!.key };
  if (partial.length > 1) return { problem: `"${text}" passar flera indikatorer: ${partial.slice(0, 6).map((c) => `${c.name} (${c.key})`).join('; ')}. Skriv nyckeln` };
  return { problem: `hittar ingen indikator "${text}" — skriv nyckeln eller namnet som i rapporten` };
}

/** Several reports name the same figure differently: the board's newest report decides. */
function newest(choices: IndicatorChoice[]): IndicatorChoice[] {
  const latest = choices.reduce((m, c) => (c.period_end > m ? c.period_end : m), '');
  return choices.filter((c) => c.period_end === latest);
}

// ---------------------------------------------------------------- the file

const HEADERS: Record<string, keyof Row> = {
  nämnd: 'board', namnd: 'board', board: 'board',
  indikator: 'item', nyckel: 'item', mått: 'item', item: 'item',
  ansvarig: 'upn', 'e-post': 'upn', epost: 'upn', upn: 'upn',
  namn: 'name', name: 'name',
  'objekt-id': 'aad', 'aad-objekt-id': 'aad', objektid: 'aad', aad: 'aad',
};
interface Row {
  board?: string;
  item?: string;
  upn?: string;
  name?: string;
  aad?: string;
}

/** The rows of a CSV (; , or tab separated) or Excel file, header first. */
export async function readTable(file: string): Promise<string[][]> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) return [];
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= ws.columnCount; c++) cells.push(row.getCell(c).text.trim());
      rows.push(cells);
    });
    return rows;
  }
  if (ext !== '.csv' && ext !== '.txt') throw new ResponsibilityFileError([`filen ska vara .csv eller .xlsx, inte ${ext || 'utan ändelse'}`]);
  const text = (await readFile(file, 'utf8')).replace(/^\ufeff/, '');
  const lines = text.split(/\r?\n/);
  const sep = [';', '\t', ','].find((s) => lines[0]!.includes(s)) ?? ';';
  return lines.map((l) => splitCsv(l, sep));
}

function splitCsv(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) out.push(cur.trim()), (cur = '');
    else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** Checks every row against the boards and indicators in the store; all problems at once. */
export async function checkResponsibilities(db: Queryable, table: string[][], boards: BoardName[]): Promise<Responsibility[]> {
  const [header, ...rows] = table;
  const problems: string[] = [];
  const columns = (header ?? []).map((h) => HEADERS[h.trim().toLowerCase()]);
  for (const needed of ['board', 'item', 'upn'] as const) {
    if (!columns.includes(needed)) problems.push(`kolumnen ${{ board: 'nämnd', item: 'indikator', upn: 'ansvarig' }[needed]} saknas i första raden`);
  }
  if (problems.length) throw new ResponsibilityFileError(problems);
  const choices = new Map<string, IndicatorChoice[]>();
  const seen = new Map<string, number>();
  const out: Responsibility[] = [];
  for (const [i, cells] of rows.entries()) {
    const n = i + 2;
    const row: Row = {};
    columns.forEach((c, ci) => c && cells[ci] && (row[c] = cells[ci]));
    if (!row.board && !row.item && !row.upn) continue;
    const board = boards.find((b) => [b.id, b.shortName, b.name, ...b.aliases].some((x) => norm(x) === norm(row.board ?? '')));
    if (!board) {
      problems.push(`rad ${n}: okänd nämnd "${row.board ?? ''}" (${boards.map((b) => b.shortName).join(', ')})`);
      continue;
    }
    if (!choices.has(board.id)) choices.set(board.id, await indicatorChoices(db, board.id));
    const found = findIndicator(choices.get(board.id)!, row.item ?? '');
    const upn = email.safeParse(row.upn ?? '');
    const aad = row.aad ? aadId.safeParse(row.aad) : undefined;
    if ('problem' in found) problems.push(`rad ${n}: ${row.item ? found.problem : 'indikator saknas'}`);
    if (!upn.success) problems.push(`rad ${n}: ansvarig "${row.upn ?? ''}" ${row.upn ? 'är inte en e-postadress' : 'saknas'}`);
    if (aad && !aad.success) problems.push(`rad ${n}: objekt-id "${row.aad}" är inte ett GUID`);
    if ('problem' in found || !upn.success || (aad && !aad.success)) continue;
    const place = `${board.id}|${found.key}`;
    if (seen.has(place)) {
      problems.push(`rad ${n}: ${board.shortName} ${found.key} har redan en ansvarig på rad ${seen.get(place)}`);
      continue;
    }
    seen.set(place, n);
    out.push({ board: board.id, itemKey: found.key, upn: upn.data, displayName: row.name, aadObjectId: aad?.data });
  }
  if (problems.length) throw new ResponsibilityFileError(problems);
  if (out.length === 0) throw new ResponsibilityFileError(['filen har inga rader under rubrikraden']);
  return out;
}

// ---------------------------------------------------------------- the store

/** Adds people not seen before (to be looked up in Graph); an object id or name from the list is kept. */
export async function rememberPeople(tx: Queryable, people: Array<{ upn: string; displayName?: string; aadObjectId?: string }>): Promise<void> {
  if (people.length === 0) return;
  await tx.query(
    `insert into collection_person (upn, display_name, aad_object_id)
     select upn, display_name, aad_object_id from jsonb_to_recordset($1::jsonb) as x(upn text, display_name text, aad_object_id text)
     on conflict (upn) do update set
       display_name = coalesce(excluded.display_name, collection_person.display_name),
       aad_object_id = coalesce(excluded.aad_object_id, collection_person.aad_object_id),
       state = case when excluded.aad_object_id is distinct from collection_person.aad_object_id and excluded.aad_object_id is not null then 'ny' else collection_person.state end,
       updated_at = now()`,
    [JSON.stringify(people.map((p) => ({ upn: p.upn, display_name: p.displayName ?? null, aad_object_id: p.aadObjectId ?? null })))],
  );
}

/** Replaces the lists of the boards in `rows` (a file is the whole list of the boards it names). */
export async function replaceResponsibilities(tx: Queryable, rows: Responsibility[], by: string): Promise<{ boards: string[]; count: number }> {
  const boards = [...new Set(rows.map((r) => r.board))];
  await rememberPeople(tx, rows);
  await tx.query('delete from collection_responsibility where board_id = any($1::text[])', [boards]);
  await tx.query(
    `insert into collection_responsibility (board_id, item_key, upn, updated_by)
     select board_id, item_key, upn, $2 from jsonb_to_recordset($1::jsonb) as x(board_id text, item_key text, upn text)`,
    [JSON.stringify(rows.map((r) => ({ board_id: r.board, item_key: r.itemKey, upn: r.upn }))), by],
  );
  return { boards, count: rows.length };
}

export async function setResponsibility(tx: Queryable, r: Responsibility, by: string): Promise<void> {
  await rememberPeople(tx, [r]);
  await tx.query(
    `insert into collection_responsibility (board_id, item_key, upn, updated_by) values ($1, $2, $3, $4)
     on conflict (board_id, item_key) do update set upn = excluded.upn, updated_by = excluded.updated_by, updated_at = now()`,
    [r.board, r.itemKey, r.upn, by],
  );
}

export async function removeResponsibility(tx: Queryable, board: string, itemKey: string): Promise<boolean> {
  return (await tx.query('delete from collection_responsibility where board_id = $1 and item_key = $2 returning item_key', [board, itemKey])).length > 0;
}

export interface ResponsibilityRow {
  board_id: string;
  item_key: string;
  upn: string;
  display_name: string | null;
  state: string;
  error: string | null;
}

export function listResponsibilities(db: Queryable, board?: string): Promise<ResponsibilityRow[]> {
  return db.query<ResponsibilityRow>(
    `select r.board_id, r.item_key, r.upn, p.display_name, p.state, p.error
       from collection_responsibility r join collection_person p on p.upn = r.upn
      where ($1::text is null or r.board_id = $1) order by r.board_id, r.item_key`,
    [board ?? null],
  );
}
