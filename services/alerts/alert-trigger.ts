/**
 * When alerts go out. On change: the store's version is watched (an import
 * or an approved collected value bumps it, on whichever instance), and every
 * subscription whose board has a report version it has not seen gets an
 * alert — if anything crosses its thresholds — and the version is marked
 * seen in the same transaction. On schedule: a subscription's digest job
 * sends the newest forecast's deviations, or says there are none.
 */
import { z } from 'zod';
import { reportName } from '../answering/describe.js';
import type { Knowledge } from '../answering/knowledge.js';
import type { CatalogueReport } from '../catalogue/catalogue.js';
import type { Logger } from '../logging/logger.js';
import { boardId } from '../reports/report-file.js';
import type { ScheduledRun } from '../scheduling/scheduler.js';
import type { Database, Queryable } from '../store/database.js';
import { buildAlert, hasDeviations, type AlertContent } from './alert-builder.js';
import { queueAlerts, type QueuedAlert } from './alert-queue.js';
import { currentVersions, previousSnapshot, snapshotOf, type ReportVersion, type Snapshot } from './snapshot-store.js';
import type { Subscription } from './subscription.js';
import { subscriptionColumns, toSubscription } from './subscription-store.js';

export interface AlertTriggerOptions {
  db: Database;
  knowledge: Knowledge;
  /** wakes the outbox worker */
  notify: () => void;
  log: Logger;
  /** how often to look at the store's version (ms); 0 = only when asked (tests) */
  watchMs: number;
}

/**
 * Where a subscription's alerts go now: paused while the bot is uninstalled
 * there (for a channel: from its team), with the newest serviceUrl Teams gave.
 */
const DELIVERY_STATE = `
  (exists (select 1 from conversation c where c.id = s.conversation_id and not c.installed)
    or (s.team_id is not null and exists (select 1 from conversation c where c.team_id = s.team_id and not c.installed))) as paused,
  (select c.reference ->> 'serviceUrl' from conversation c where c.id = s.conversation_id) as service_url`;

const deliveryState = z.object({ paused: z.boolean(), service_url: z.string().url().nullable().catch(null) });

const shortHash = (hash: string) => hash.slice(0, 16);

export class AlertTrigger {
  private timer?: NodeJS.Timeout;
  private checking?: Promise<unknown>;
  private stopped = false;
  private seenVersion?: number;

  constructor(private readonly o: AlertTriggerOptions) {}

  start(): void {
    if (this.o.watchMs <= 0) return;
    this.stopped = false;
    const loop = () => {
      this.checking = this.check()
        .catch((e: Error) => this.o.log.warn({ err: { message: e.message } }, 'kunde inte leta efter ändrade prognoser'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, this.o.watchMs);
        });
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.checking;
  }

  /** Scans when the store's version differs from the last scan's (always the first time); returns alerts queued. */
  async check(): Promise<number> {
    const [row] = await this.o.db.query<{ version: number }>('select version::int as version from store_version');
    if (row?.version === this.seenVersion) return 0;
    const queued = await this.scan();
    this.seenVersion = row?.version;
    return queued;
  }

  /** Alerts every subscription about the report versions it has not seen; returns how many were queued. */
  async scan(): Promise<number> {
    const { db } = this.o;
    const versions = await currentVersions(db);
    // every version is kept, also of boards nobody subscribes to yet: it is tomorrow's "previous forecast"
    const snapshots = new Map<string, Snapshot | undefined>();
    for (const v of versions) snapshots.set(`${v.id}|${v.hash}`, await this.snapshot(v));

    const due = await db.query<Record<string, unknown> & { report_id: string; content_hash: string }>(
      `select ${subscriptionColumns('s')}, r.id as report_id, r.content_hash, ${DELIVERY_STATE}
         from avvikelse_subscription s
         join report r on r.board_id = s.board_id
         left join avvikelse_seen x on x.subscription_id = s.id and x.report_id = r.id
        where x.content_hash is distinct from r.content_hash
        order by s.id`,
    );
    let queued = 0;
    for (const v of versions) {
      const rows = due.filter((d) => d.report_id === v.id && d.content_hash === v.hash);
      if (rows.length === 0) continue;
      const current = snapshots.get(`${v.id}|${v.hash}`);
      if (!current) continue; // replaced meanwhile; the next scan sees the newer version
      const board = await this.board(v.board);
      const previous = current.figures ? await previousSnapshot(db, current) : undefined;
      const subs = rows.flatMap((r) => {
        try {
          return [{ s: toSubscription(r), state: deliveryState.parse(r) }];
        } catch (e) {
          this.o.log.warn({ subscription: r.id, err: { message: (e as Error).message } }, 'oläslig prenumeration hoppas över');
          return [];
        }
      });
      const round = `ändring:${v.id}:${shortHash(v.hash)}`;
      const alerts: QueuedAlert[] = [];
      // a version without deviation figures is only marked seen
      const figures = current.figures && { current: await this.named(current), previous: previous && (await this.named(previous)) };
      for (const { s, state } of figures ? subs : []) {
        if (state.paused) continue;
        const content = buildAlert({ kind: 'ändring', subscription: s, board, ...figures });
        if (hasDeviations(content)) alerts.push({ key: `avvikelse:${s.id}:${v.id}:${shortHash(v.hash)}`, round, target: targetOf(s, state), content });
      }
      queued += await db.transaction(async (tx) => {
        const n = await queueAlerts(tx, alerts);
        await markSeen(tx, subs.map((x) => x.s.id), v);
        return n;
      });
      this.o.log.info({ report: v.id, subscriptions: subs.length, queued: alerts.length }, 'avvikelser kontrollerade');
    }
    if (queued > 0) this.o.notify();
    return queued;
  }

  /** A digest run: the newest forecast's deviations for one subscription, or a note that there are none. */
  async digest(run: ScheduledRun): Promise<void> {
    const { db } = this.o;
    const id = z.coerce.number().int().parse(run.payload.subscription);
    const [row] = await db.query(`select ${subscriptionColumns('s')}, ${DELIVERY_STATE} from avvikelse_subscription s where s.id = $1`, [id]);
    if (!row) return; // ended after the job was claimed
    const s = toSubscription(row);
    const state = deliveryState.parse(row);
    if (state.paused) return;
    const content = await this.digestContent(s);
    const due = run.dueAt.toISOString();
    const key = `avvikelse:${s.id}:sammanfattning:${due}`;
    const queued = await db.transaction((tx) => queueAlerts(tx, [{ key, round: `sammanfattning:${due}`, target: targetOf(s, state), content }]));
    if (queued > 0) this.o.notify();
  }

  /** The newest report of the board that has deviation figures, built into a digest. */
  private async digestContent(s: Subscription): Promise<AlertContent> {
    const board = await this.board(s.board);
    for (const v of await currentVersions(this.o.db, s.board)) {
      const snap = await this.snapshot(v);
      if (!snap?.figures) continue;
      const previous = await previousSnapshot(this.o.db, snap);
      return buildAlert({ kind: 'sammanfattning', subscription: s, board, current: await this.named(snap), previous: previous && (await this.named(previous)) });
    }
    return buildAlert({ kind: 'sammanfattning', subscription: s, board });
  }

  /** One unreadable report version must not stop the alerts for the others. */
  private async snapshot(v: ReportVersion): Promise<Snapshot | undefined> {
    try {
      return await snapshotOf(this.o.db, v);
    } catch (e) {
      this.o.log.error({ report: v.id, err: { message: (e as Error).message } }, 'kunde inte läsa rapportens avvikelser');
      return undefined;
    }
  }

  private async board(id: string): Promise<AlertContent['board']> {
    const { catalogue } = await this.o.knowledge.current();
    const b = catalogue.boards.find((x) => x.id === id);
    return { id: boardId.parse(id), short: b?.shortName ?? id, name: b?.name ?? id };
  }

  private async named(s: Snapshot): Promise<{ name: string; figures: NonNullable<Snapshot['figures']>; seenAt: Date }> {
    const { catalogue } = await this.o.knowledge.current();
    return { name: versionName(catalogue, s.version), figures: s.figures!, seenAt: s.seenAt };
  }
}

function versionName(catalogue: Parameters<typeof reportName>[0], v: ReportVersion): string {
  const report: CatalogueReport = { id: v.id, board: boardId.parse(v.board), kind: v.kind, title: '', year: v.year, periodEnd: v.periodEnd, unit: 'tkr', tables: [] };
  return reportName(catalogue, report);
}

function targetOf(s: Subscription, state: z.infer<typeof deliveryState>) {
  return state.service_url ? { ...s.target, serviceUrl: state.service_url } : s.target;
}

async function markSeen(tx: Queryable, subscriptionIds: number[], v: ReportVersion): Promise<void> {
  await tx.query(
    `insert into avvikelse_seen (subscription_id, report_id, content_hash)
     select x, $2, $3 from unnest($1::bigint[]) as x where exists (select 1 from avvikelse_subscription where id = x)
     on conflict (subscription_id, report_id) do update set content_hash = excluded.content_hash, seen_at = now()`,
    [subscriptionIds, v.id, v.hash],
  );
}
