/**
 * The template's sheets on disk: an Excel workbook (exceljs) with header
 * comments, pick lists and number formats, or a folder of CSV files, one per
 * sheet, named like the sheets ("Rader.csv", "Tabell resultat.csv").
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { ColumnSpec, SheetSpec } from './report-sheets.js';
import type { SheetContent, SheetData } from './report-workbook.js';
import type { CellValue } from './sheet-cells.js';

export class SheetFileError extends Error {}

/** How far down the template's pick lists reach. */
const LIST_ROWS = 2000;

// ---------------------------------------------------------------- Excel

export async function writeWorkbook(sheets: SheetContent[], file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Rapportboten';
  for (const { spec, rows } of sheets) {
    const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const headers = spec.form ? ['fält', 'värde', 'förklaring'] : spec.columns.map((c) => c.header);
    const header = ws.addRow(headers);
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    if (spec.form) {
      header.getCell(2).note = spec.help;
      ws.getColumn(2).numFmt = '@';
    } else {
      spec.columns.forEach((c, i) => {
        header.getCell(i + 1).note = c.help;
        if (c.numFmt) ws.getColumn(i + 1).numFmt = c.numFmt;
      });
    }
    for (const r of rows) ws.addRow(r.map((v) => v ?? undefined));
    headers.forEach((h, i) => {
      const longest = Math.max(h.length, ...rows.slice(0, 200).map((r) => String(r[i] ?? '').length));
      ws.getColumn(i + 1).width = Math.min(60, Math.max(10, longest + 2));
    });
    if (spec.form) {
      ws.getColumn(1).font = { bold: true };
      spec.columns.forEach((c, i) => {
        const list = pickList(c);
        if (list) validations(ws).add(`B${i + 2}`, list);
      });
    } else {
      if (rows.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
      spec.columns.forEach((c, i) => {
        const list = pickList(c);
        const col = ws.getColumn(i + 1).letter;
        if (list) validations(ws).add(`${col}2:${col}${Math.max(LIST_ROWS, rows.length + 500)}`, list);
      });
    }
  }
  await wb.xlsx.writeFile(file);
}

/** exceljs supports range validations but does not declare them. */
function validations(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}

function pickList(c: ColumnSpec): ExcelJS.DataValidation | undefined {
  if (Array.isArray(c.type)) {
    return {
      type: 'list', allowBlank: true, formulae: [`"${(c.type as readonly string[]).join(',')}"`],
      showErrorMessage: true, errorStyle: 'stop', errorTitle: c.header, error: `Välj ett av: ${(c.type as readonly string[]).join(', ')}`,
    };
  }
  if (c.refersTo) {
    return {
      type: 'list', allowBlank: true, formulae: [`'${c.refersTo}'!$A$2:$A$${LIST_ROWS}`],
      showErrorMessage: true, errorStyle: 'warning', errorTitle: c.header, error: `Det finns ingen sådan nyckel på bladet ${c.refersTo} (ännu).`,
    };
  }
  return undefined;
}

export async function readWorkbook(file: string): Promise<SheetData[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new SheetFileError(`kan inte läsa ${path.basename(file)} som en Excel-arbetsbok (.xlsx): ${(e as Error).message}`);
  }
  return wb.worksheets.map((ws) => {
    const width = ws.columnCount;
    const values = (row: ExcelJS.Row) => Array.from({ length: width }, (_, i) => cellValue(row.getCell(i + 1)));
    const rows: SheetData['rows'] = [];
    ws.eachRow((row, number) => {
      if (number > 1) rows.push({ number, cells: values(row) });
    });
    return { name: ws.name, header: values(ws.getRow(1)), rows };
  });
}

/** A cell as the controller sees it: the text of rich text and links, the result of a formula, a percentage as the number shown. */
function cellValue(cell: ExcelJS.Cell): CellValue {
  return plain(cell.value, cell.numFmt);
}

function plain(v: ExcelJS.CellValue | undefined, numFmt: string | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    // a spreadsheet's own arithmetic leaves float noise (0.30000000000000004); Excel itself keeps 15 digits
    const shown = numFmt?.includes('%') ? v * 100 : v;
    return Number(shown.toPrecision(15));
  }
  if (typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const f = v as ExcelJS.CellFormulaValue;
    if (f.result === undefined) return `=${f.formula ?? ''}`;
    if (typeof f.result === 'object' && f.result !== null && 'error' in f.result) return f.result.error;
    return plain(f.result as ExcelJS.CellValue, numFmt);
  }
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : plain(v.text as ExcelJS.CellValue, numFmt);
  if ('error' in v) return v.error;
  return null;
}

// ---------------------------------------------------------------- CSV

const CSV_DELIMITER = ';';

/** Semicolon-separated UTF-8 with a byte-order mark: what Swedish Excel opens (and saves as "CSV UTF-8") without mangling å, ä, ö. */
export async function writeCsvFolder(sheets: SheetContent[], dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const { spec, rows } of sheets) {
    const lines = [headersOf(spec), ...rows].map((r) => r.map(csvField).join(CSV_DELIMITER));
    await writeFile(path.join(dir, `${spec.name}.csv`), `\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
  }
}

function headersOf(spec: SheetSpec): string[] {
  return spec.form ? ['fält', 'värde', 'förklaring'] : spec.columns.map((c) => c.header);
}

function csvField(v: CellValue): string {
  if (v === null) return '';
  const text = typeof v === 'number' ? String(v).replace('.', ',') : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  return /[";\r\n,]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function readCsvFolder(dir: string): Promise<SheetData[]> {
  const names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.csv')).sort();
  if (names.length === 0) throw new SheetFileError(`mappen ${dir} innehåller inga CSV-filer`);
  return Promise.all(
    names.map(async (name) => {
      const [header = [], ...records] = parseCsv(decode(await readFile(path.join(dir, name))));
      return {
        name: name.slice(0, -'.csv'.length),
        header,
        // row numbers as in Excel: the header is row 1
        rows: records.map((cells, i) => ({ number: i + 2, cells })),
      };
    }),
  );
}

/** UTF-8 (with or without a byte-order mark), or Windows-1252 as Excel's plain "CSV" saves it. */
function decode(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/^\ufeff/, '');
}

/** RFC 4180 with the delimiter the header line uses (semicolon, comma or tab); empty fields are null. */
export function parseCsv(text: string): CellValue[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const records: CellValue[][] = [];
  let record: CellValue[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  const endField = () => {
    record.push(field === '' && !wasQuoted ? null : field);
    field = '';
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') (quoted = true), (wasQuoted = true);
    else if (ch === delimiter) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endField();
      records.push(record);
      record = [];
    } else field += ch;
  }
  if (field !== '' || wasQuoted || record.length) {
    endField();
    records.push(record);
  }
  return records;
}

/** A workbook (.xlsx) or a folder of CSV files. */
export async function readSheets(source: string): Promise<SheetData[]> {
  let info;
  try {
    info = await stat(source);
  } catch {
    throw new SheetFileError(`hittar inte ${source}`);
  }
  if (info.isDirectory()) return readCsvFolder(source);
  if (!source.toLowerCase().endsWith('.xlsx')) {
    throw new SheetFileError(`${path.basename(source)}: ange en Excel-arbetsbok (.xlsx) eller en mapp med CSV-filer (en fil per blad)`);
  }
  return readWorkbook(source);
}

export async function writeSheets(sheets: SheetContent[], target: string): Promise<void> {
  return target.toLowerCase().endsWith('.xlsx') ? writeWorkbook(sheets, target) : writeCsvFolder(sheets, target);
}
