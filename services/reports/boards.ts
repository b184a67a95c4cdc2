/** The boards the store knows, from data/boards.yaml. */
import { readFile } from 'node:fs/promises';
import { projectPath } from '../paths.js';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Queryable } from '../store/database.js';
import { boardId } from './report-file.js';

export const boardsFile = z
  .object({
    boards: z.array(
      z
        .object({
          id: boardId,
          name: z.string().min(1),
          shortName: z.string().min(1),
          aliases: z.array(z.string().min(1)).default([]),
          description: z.string().optional(),
        })
        .strict(),
    ),
    otherBoards: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type BoardsFile = z.infer<typeof boardsFile>;

const BOARDS_FILE = projectPath('data', 'boards.yaml');

export async function readBoards(file = BOARDS_FILE): Promise<BoardsFile> {
  return boardsFile.parse(parse(await readFile(file, 'utf8')));
}

export async function saveBoards(db: Queryable, file: BoardsFile): Promise<void> {
  await db.query(
    `insert into board (id, name, short_name, aliases, description)
     select id, name, short_name, aliases, description
       from jsonb_to_recordset($1::jsonb) as b(id text, name text, short_name text, aliases text[], description text)
     on conflict (id) do update set name = excluded.name, short_name = excluded.short_name,
       aliases = excluded.aliases, description = excluded.description`,
    [JSON.stringify(file.boards.map((b) => ({ id: b.id, name: b.name, short_name: b.shortName, aliases: b.aliases, description: b.description ?? null })))],
  );
}
