/**
 * Export of a round's values to Excel (with a sheet of every change) and CSV. The file is written to the
 * store and offered as a download link to the bot's own HTTP server, signed
 * (HMAC-SHA256 over the file id and expiry) and expiring: it works in every
 * Teams client and chat type without the file-consent flow bots need to send
 * files, any instance can serve it, and a guessed or altered link gets
 * nothing. The signing key is configured, or generated once and kept in the
 * store so every instance shares it.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { FeatureRoute, RouteReply } from '../chat/feature.js';
import type { Database, Queryable } from '../store/database.js';
import { boardShort } from './collection-cards.js';
import type { CollectionSettings } from './collection-config.js';
import { personName, recipients } from './people.js';
import { managerViews, type Round } from './round-store.js';
import { roundProgress } from './round-status.js';
import { auditTrail, type AuditEntry } from './submissions.js';

export const EXPORT_PREFIX = '/insamling/export/';

const HEADER = ['Nämnd', 'Period', 'Nyckel', 'Indikator', 'Enhet', 'Ansvarig', 'Ansvarig e-post', 'Status', 'Värde', 'Män', 'Kvinnor', 'Text', 'Ej aktuellt', 'Kommentar', 'Rapporterat av', 'Tidpunkt', 'Via'];
type Cell = string | number | undefined;

/** One row per item of the round, in list order. */
export async function exportRows(db: Queryable, round: Round): Promise<Cell[][]> {
  const views = await managerViews(db, round);
  const people = await recipients(db, views.map((v) => v.managerUpn));
  const states = new Map((await roundProgress(db, round)).items.map((i) => [i.key, i.state]));
  return views.flatMap((v) =>
    v.items.map(({ meta, value }) => [
      boardShort(round.board), round.period, meta.key, meta.name, meta.unit, personName(people.get(v.managerUpn), v.managerUpn), v.managerUpn, states.get(meta.key),
      value?.value, value?.men, value?.women, value?.text, value ? (value.notApplicable ? 'ja' : 'nej') : undefined, value?.comment, value?.byName, value?.at && new Date(value.at).toISOString(), value?.via,
    ]),
  );
}

function csvOf(rows: Cell[][]): string {
  const cell = (c: Cell) => {
    const s = typeof c === 'number' ? String(c).replace('.', ',') : (c ?? '');
    return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  // BOM and semicolons: Excel with Swedish settings opens it as it is
  return `\ufeff${[HEADER, ...rows].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}

const HISTORY_HEADER = ['Tidpunkt', 'Nyckel', 'Indikator', 'Före', 'Efter', 'Ändrat av', 'Via'];

/** Every change of the round's values, oldest first: who, when, old → new, via card or chat. */
async function historyRows(db: Queryable, round: Round): Promise<Cell[][]> {
  const names = new Map((await managerViews(db, round)).flatMap((v) => v.items.map(({ meta }) => [meta.key, meta.name] as const)));
  const n = (x: number) => String(x).replace('.', ',');
  const shown = (s: AuditEntry['old']) =>
    !s ? undefined : s.notApplicable ? 'ej aktuellt' : [s.value !== null ? n(s.value) : s.text, s.men !== null ? `män ${n(s.men)}` : undefined, s.women !== null ? `kvinnor ${n(s.women)}` : undefined].filter((x) => x !== null && x !== undefined).join(', ');
  return (await auditTrail(db, round.id)).map((a) => [a.at.toISOString(), a.item_key, names.get(a.item_key), shown(a.old), shown(a.new), a.by_name ?? undefined, a.via]);
}

async function xlsxOf(round: Round, rows: Cell[][], history: Cell[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Rapportboten';
  const ws = wb.addWorksheet(`Insamling ${round.period}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = ws.addRow(HEADER);
  header.font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: HEADER.length } };
  HEADER.forEach((h, i) => (ws.getColumn(i + 1).width = Math.min(50, Math.max(10, h.length + 2, ...rows.slice(0, 200).map((r) => String(r[i] ?? '').length + 2)))));
  const hs = wb.addWorksheet('Historik', { views: [{ state: 'frozen', ySplit: 1 }] });
  hs.addRow(HISTORY_HEADER).font = { bold: true };
  for (const r of history) hs.addRow(r);
  HISTORY_HEADER.forEach((h, i) => (hs.getColumn(i + 1).width = Math.min(50, Math.max(12, h.length + 2, ...history.slice(0, 200).map((r) => String(r[i] ?? '').length + 2)))));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export class Exports {
  private secret?: Promise<Buffer>;

  constructor(
    private readonly db: Database,
    private readonly s: Pick<CollectionSettings, 'exportSecret' | 'exportMinutes' | 'publicBaseUrl'>,
  ) {}

  /** Writes the Excel and CSV files to the store; returns their signed links and until when they work. */
  async create(round: Round, by: string, now = new Date()): Promise<{ rows: number; links: Array<{ title: string; url: string }>; until: Date }> {
    const rows = await exportRows(this.db, round);
    const until = new Date(now.getTime() + this.s.exportMinutes * 60_000);
    const base = `insamling-${round.board}-${round.period}`;
    const files = [
      { format: 'xlsx', title: 'Ladda ner Excel', filename: `${base}.xlsx`, content: await xlsxOf(round, rows, await historyRows(this.db, round)) },
      { format: 'csv', title: 'Ladda ner CSV', filename: `${base}.csv`, content: new TextEncoder().encode(csvOf(rows)) },
    ];
    const ids = files.map(() => randomUUID());
    await this.db.transaction(async (tx) => {
      await tx.query(`delete from collection_export where expires_at < now() - interval '1 day'`);
      for (const [i, f] of files.entries()) {
        await tx.query('insert into collection_export (id, round_id, format, filename, content, created_by, expires_at) values ($1, $2, $3, $4, $5, $6, $7)', [ids[i], round.id, f.format, f.filename, f.content, by, until.toISOString()]);
      }
    });
    const exp = Math.floor(until.getTime() / 1000);
    const links = await Promise.all(files.map(async (f, i) => ({ title: f.title, url: `${this.s.publicBaseUrl}${EXPORT_PREFIX}${ids[i]}/${encodeURIComponent(f.filename)}?exp=${exp}&sig=${await this.sign(ids[i]!, exp)}` })));
    return { rows: rows.length, links, until };
  }

  readonly route: FeatureRoute = {
    prefix: EXPORT_PREFIX,
    get: (url) => this.serve(url),
  };

  private async serve(url: URL): Promise<RouteReply> {
    const refuse = (status: number, message: string): RouteReply => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: message });
    const [id] = url.pathname.slice(EXPORT_PREFIX.length).split('/');
    const exp = Number(url.searchParams.get('exp'));
    const sig = url.searchParams.get('sig') ?? '';
    if (!id || !Number.isInteger(exp) || !(await this.verify(id, exp, sig))) return refuse(403, 'Länken är inte giltig.');
    if (exp * 1000 < Date.now()) return refuse(410, 'Länken har gått ut. Skriv "exportera insamling" till boten för en ny.');
    const [file] = await this.db.query<{ format: string; filename: string; content: Uint8Array }>('select format, filename, content from collection_export where id = $1 and expires_at > now()', [id]);
    if (!file) return refuse(410, 'Filen finns inte längre. Skriv "exportera insamling" till boten för en ny.');
    const type = file.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8';
    return { status: 200, headers: { 'content-type': type, 'content-disposition': `attachment; filename="${file.filename}"` }, body: new Uint8Array(file.content) };
  }

  private async sign(id: string, exp: number): Promise<string> {
    return createHmac('sha256', await this.key()).update(`${id}.${exp}`).digest('base64url');
  }

  private async verify(id: string, exp: number, sig: string): Promise<boolean> {
    const want = Buffer.from(await this.sign(id, exp));
    const got = Buffer.from(sig);
    return want.length === got.length && timingSafeEqual(want, got);
  }

  private key(): Promise<Buffer> {
    this.secret ??= (async () => {
      if (this.s.exportSecret) return Buffer.from(this.s.exportSecret);
      await this.db.query('insert into collection_secret (id, secret) values (1, $1) on conflict (id) do nothing', [randomBytes(32).toString('base64')]);
      const [row] = await this.db.query<{ secret: string }>('select secret from collection_secret where id = 1');
      return Buffer.from(row!.secret, 'base64');
    })().catch((e: Error) => {
      this.secret = undefined;
      throw e;
    });
    return this.secret;
  }
}
