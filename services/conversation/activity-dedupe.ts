/**
 * Remembers which activities were handled, so that a delivery retried by the
 * Bot Connector (or Teams) is not answered twice. On PostgreSQL the record is
 * in the store, shared by every instance; the embedded store belongs to one
 * process, so there memory suffices.
 */
import type { Database } from '../store/database.js';

const RECENT = 20_000;

export class ActivityDedupe {
  private sinceCleanup = 0;
  private readonly recent = new Set<string>();

  constructor(private readonly db: Database) {}

  /** True the first time an activity id is seen. */
  async firstTime(activityId: string): Promise<boolean> {
    if (this.db.kind === 'pglite') {
      if (this.recent.has(activityId)) return false;
      if (this.recent.size >= RECENT) this.recent.delete(this.recent.values().next().value!);
      this.recent.add(activityId);
      return true;
    }
    if (++this.sinceCleanup >= 1000) {
      this.sinceCleanup = 0;
      await this.db.query(`delete from processed_activity where processed_at < now() - interval '2 days'`);
    }
    const rows = await this.db.query('insert into processed_activity (id) values ($1) on conflict do nothing returning id', [activityId]);
    return rows.length === 1;
  }
}
