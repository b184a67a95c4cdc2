/**
 * Reads report data files (YAML) from disk and validates them, with error
 * messages that name the file and the path inside it.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { projectPath } from '../paths.js';
import { parse } from 'yaml';
import { z } from 'zod';
import { reportFile, type ReportFile } from './report-file.js';

export const DATA_DIR = projectPath('data', 'reports');

export class ReportFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}:\n  ${problems.join('\n  ')}`);
  }
}

export function parseReportFile(text: string, file: string): ReportFile {
  let raw: unknown;
  try {
    raw = parse(text, { prettyErrors: true });
  } catch (e) {
    throw new ReportFileError(file, [`kan inte läsa YAML: ${(e as Error).message}`]);
  }
  const result = reportFile.safeParse(raw);
  if (!result.success) throw new ReportFileError(file, describeIssues(result.error));
  return result.data;
}

export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(filen)'}: ${i.message}`);
}

export async function readReportFiles(dir = DATA_DIR): Promise<Array<{ file: string; text: string; report: ReportFile }>> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.yaml')).sort();
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      const text = await readFile(file, 'utf8');
      return { file, text, report: parseReportFile(text, name) };
    }),
  );
}
