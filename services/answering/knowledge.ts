/**
 * The catalogue and name index the answering works from, kept current: when
 * the store's version changes (a report imported, a collected value approved —
 * by this instance or another one on the same PostgreSQL) they are rebuilt.
 */
import { loadCatalogue, type Catalogue } from '../catalogue/catalogue.js';
import { buildNameIndex, type NameIndex } from '../catalogue/name-matcher.js';
import type { Database } from '../store/database.js';

export interface Known {
  catalogue: Catalogue;
  names: NameIndex;
}

export class Knowledge {
  private known?: Known;
  private checkedAt = 0;
  private loading?: Promise<Known>;

  constructor(
    readonly db: Database,
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
    this.checkedAt = 0;
  }

  private async load(): Promise<Known> {
    const catalogue = await loadCatalogue(this.db, this.otherBoards);
    this.known = { catalogue, names: buildNameIndex(catalogue) };
    return this.known;
  }
}
