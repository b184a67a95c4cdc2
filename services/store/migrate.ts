/**
 * Applies the SQL migrations in services/store/migrations in name order, each
 * once. An advisory lock makes concurrent instances starting against one
 * PostgreSQL wait for each other instead of racing.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { projectPath } from '../paths.js';
import type { Database } from './database.js';

const DIR = projectPath('services', 'store', 'migrations');
const LOCK_ID = 4_711_2024;

export async function migrate(db: Database): Promise<string[]> {
  const files = (await readdir(DIR)).filter((f) => f.endsWith('.sql')).sort();
  const sources = await Promise.all(files.map(async (f) => [f, await readFile(path.join(DIR, f), 'utf8')] as const));
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [LOCK_ID]);
    await tx.exec('create table if not exists schema_migration (name text primary key, applied_at timestamptz not null default now())');
    const done = new Set((await tx.query<{ name: string }>('select name from schema_migration')).map((r) => r.name));
    const applied: string[] = [];
    for (const [name, sql] of sources) {
      if (done.has(name)) continue;
      await tx.exec(sql);
      await tx.query('insert into schema_migration (name) values ($1)', [name]);
      applied.push(name);
    }
    return applied;
  });
}
