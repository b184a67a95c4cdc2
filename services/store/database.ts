/**
 * One small interface over PostgreSQL (pg) and embedded PGlite, so the rest of
 * the code runs the same SQL on both. Both return numeric as exact strings,
 * date as 'YYYY-MM-DD', bigint as number.
 */
import { mkdir, readFile } from 'node:fs/promises';
import pg from 'pg';

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** several statements, no parameters (migrations) */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** PGlite only: the data directory as a gzipped tarball (test snapshots) */
  dump?: () => Promise<Blob>;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const DATE = 1082;
const INT8 = 20;
const parseDate = (v: string) => v;
const parseInt8 = (v: string) => Number(v);

export interface DatabaseOptions {
  /** postgres://… selects a PostgreSQL server */
  url?: string;
  /** PGlite data directory, or 'memory://' */
  pgliteDir?: string;
  /** Postgres schema to work in (tests isolate themselves this way) */
  schema?: string;
  /** start PGlite from a dumped data directory (tar.gz) instead of an empty one — much faster than initdb */
  pgliteSnapshot?: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.schema) : openPglite(options.pgliteDir ?? 'memory://', options.pgliteSnapshot);
}

async function openPostgres(url: string, schema?: string): Promise<Database> {
  pg.types.setTypeParser(DATE, parseDate);
  pg.types.setTypeParser(INT8, parseInt8);
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema if not exists ${quoteIdent(schema)}`);
    await admin.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${quoteIdent(schema)}` } : {}),
  });
  // an idle client losing its connection must not crash the process
  pool.on('error', () => {});
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query(sql, params) {
      return (await c.query(sql, params as unknown[])).rows;
    },
    async exec(sql) {
      await c.query(sql);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(wrap(client));
        await client.query('commit');
        return result;
      } catch (e) {
        await client.query('rollback').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dir: string, snapshot?: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (!dir.startsWith('memory://')) await mkdir(dir, { recursive: true });
  const loadDataDir = snapshot ? new Blob([await readFile(snapshot)]) : undefined;
  const db = await PGlite.create(dir, { parsers: { [DATE]: parseDate, [INT8]: parseInt8 }, loadDataDir });
  type Tx = { query: typeof db.query; exec: typeof db.exec };
  const wrap = (c: Tx): Queryable => ({
    async query<R>(sql: string, params?: unknown[]) {
      return (await c.query<R>(sql, params as unknown[])).rows;
    },
    async exec(sql: string) {
      await c.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...wrap(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
    dump: () => db.dumpDataDir('gzip'),
  };
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`ogiltigt schemanamn: ${name}`);
  return `"${name}"`;
}
