/**
 * Before the suite: without DATABASE_URL, build one embedded store (migrated,
 * report data loaded) and dump it, so every test file starts from a copy in
 * about a second instead of running initdb again. With DATABASE_URL, check
 * that the server answers — a configured but dead server is an error, not a
 * silent fallback.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export default async function setup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.end();
    return;
  }
  const sources = ['services/store/migrations', 'data/reports', 'data/boards.yaml'];
  const hash = createHash('sha256');
  for (const s of sources) {
    const info = await stat(s);
    const files = info.isDirectory() ? (await readdir(s)).sort().map((f) => path.join(s, f)) : [s];
    for (const f of files) hash.update(f).update(await readFile(f));
  }
  const file = path.join(tmpdir(), `rapportboten-test-store-${hash.digest('hex').slice(0, 16)}.tar.gz`);
  try {
    await stat(file);
  } catch {
    const { openStore } = await import('../../services/store/open-store.js');
    const { db } = await openStore({ pgliteDir: 'memory://' });
    const dump = await db.dump?.();
    await db.close();
    if (!dump) throw new Error('PGlite kunde inte dumpa sin datakatalog');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  }
  process.env.PGLITE_TEST_SNAPSHOT = file;
}
