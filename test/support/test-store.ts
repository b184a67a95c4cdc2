/**
 * A store for one test file: PostgreSQL in a schema of its own when
 * DATABASE_URL is set, otherwise an embedded PGlite started from the suite's
 * snapshot (schema migrated, report data loaded).
 */
import { randomUUID } from 'node:crypto';
import type { Database, DatabaseOptions } from '../../services/store/database.js';
import { openStore } from '../../services/store/open-store.js';

export interface TestStore {
  db: Database;
  /** the options that reach the same store (for an app under test) */
  options: Pick<DatabaseOptions, 'url' | 'schema' | 'pgliteSnapshot'>;
  close(): Promise<void>;
}

export const onPostgres = () => !!process.env.DATABASE_URL;

export function testStoreOptions(): TestStore['options'] {
  const url = process.env.DATABASE_URL;
  return url
    ? { url, schema: `t_${randomUUID().replace(/-/g, '').slice(0, 16)}` }
    : { pgliteSnapshot: process.env.PGLITE_TEST_SNAPSHOT };
}

export async function openTestStore(options = testStoreOptions()): Promise<TestStore> {
  const { db } = await openStore({ ...options, pgliteDir: 'memory://' });
  return {
    db,
    options,
    async close() {
      if (options.schema) await db.query(`drop schema if exists "${options.schema}" cascade`);
      await db.close();
    },
  };
}
