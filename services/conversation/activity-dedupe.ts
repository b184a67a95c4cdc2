/**
 * Remembers which activities were handled, so that a delivery retried by the
 * Bot Connector (or Teams) is not answered twice — also across instances.
 */
import type { Queryable } from '../store/database.js';

export class ActivityDedupe {
  private sinceCleanup = 0;

  constructor(private readonly db: Queryable) {}

  /** True the first time an activity id is seen. */
  async firstTime(activityId: string): Promise<boolean> {
    if (++this.sinceCleanup >= 1000) {
      this.sinceCleanup = 0;
      await this.db.query(`delete from processed_activity where processed_at < now() - interval '2 days'`);
    }
    const rows = await this.db.query('insert into processed_activity (id) values ($1) on conflict do nothing returning id', [activityId]);
    return rows.length === 1;
  }
}
