/**
 * The catalogue and name index the answering works from, kept current: when
 * the store's version changes (a report imported, a collected value approved —
 * by this instance or another one on the same PostgreSQL) they are rebuilt.
 */
import { loadCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import { buildNameIndex, type NameIndex } from '../catalogue/name-matcher.js';
import type { Queryable } from '../store/database.js';

export interface Known {
  catalogue: Catalogue;
  names: NameIndex;
  /** the store for answering: read results are kept until the store's version changes */
  reads: Queryable;
}

const CACHED_READS = 5_000;

/** Caches read results for one store version: the same question asked again needs no query. */
function cachedReads(db: Queryable): Queryable {
  const cache = new Map<string, Promise<unknown[]>>();
  return {
    query<R>(sql: string, params?: unknown[]): Promise<R[]> {
      const key = `${sql}\u0000${JSON.stringify(params ?? [])}`;
      let hit = cache.get(key);
      if (!hit) {
        if (cache.size >= CACHED_READS) cache.delete(cache.keys().next().value!);
        hit = db.query<R>(sql, params);
        cache.set(key, hit);
        hit.catch(() => cache.delete(key));
      }
      return hit as Promise<R[]>;
    },
    exec: (sql: string) => db.exec(sql),
  };
}

export class Knowledge {
  private known?: Known;
  private checkedAt = 0;
  private loading?: Promise<Known>;

  constructor(
    readonly db: Queryable,
    private readonly otherBoards: string[],
    /** how often (ms) to look at the store's version */
    private readonly recheckMs = 1000,
  ) {}

  async current(): Promise<Known> {
    const now = Date.now();
    if (this.known && now - this.checkedAt < this.recheckMs) return this.known;
    this.checkedAt = now;
    const [row] = await this.db.query<{ version: number }>('select version::int as version from store_version');
    if (this.known && row?.version === this.known.catalogue.version) return this.known;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** Forget the cached catalogue (after this instance changed the store). */
  invalidate(): void {
    this.checkedAt = Number.NEGATIVE_INFINITY;
  }

  private async load(): Promise<Known> {
    const catalogue = await loadCatalogue(this.db, this.otherBoards);
    this.known = { catalogue, names: buildNameIndex(catalogue), reads: cachedReads(this.db) };
    return this.known;
  }
}
