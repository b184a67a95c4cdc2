/**
 * Queues alerts: each is recorded (the cards' drill-down reads it back) and
 * put in the outbox under the same unique key, in the caller's transaction.
 * A key already recorded — the same report version for the same subscription,
 * seen again after a restart or by a second instance — queues nothing.
 */
import { enqueue } from '../proactive/outbox.js';
import type { SendTarget } from '../proactive/message-sender.js';
import type { Queryable } from '../store/database.js';
import type { AlertContent } from './alert-builder.js';
import { alertText, summaryCard } from './alert-cards.js';

/** The outbox purpose of deviation alerts. */
export const ALERT_PURPOSE = 'avvikelse';

export interface QueuedAlert {
  /** unique per (alert, subscription): `avvikelse:<subscription>:<report>:<content hash>` or `…:sammanfattning:<due time>` */
  key: string;
  /** the trigger it came from, for "status utskick" */
  round: string;
  target: SendTarget;
  content: AlertContent;
}

/** Records and queues the alerts not queued before; returns how many were new. */
export async function queueAlerts(tx: Queryable, alerts: QueuedAlert[]): Promise<number> {
  if (alerts.length === 0) return 0;
  const inserted = await tx.query<{ key: string }>(
    `insert into avvikelse_alert (key, subscription_id, kind, round, report_id, content)
     select key, subscription_id, kind, round, report_id, content
       from jsonb_to_recordset($1::jsonb) as x(key text, subscription_id bigint, kind text, round text, report_id text, content jsonb)
     on conflict (key) do nothing
     returning key`,
    [JSON.stringify(alerts.map((a) => ({ key: a.key, subscription_id: a.content.subscriptionId, kind: a.content.kind, round: a.round, report_id: a.content.report?.id ?? null, content: a.content })))],
  );
  const fresh = new Set(inserted.map((r) => r.key));
  return enqueue(
    tx,
    alerts
      .filter((a) => fresh.has(a.key))
      .map((a) => ({
        dedupeKey: a.key,
        purpose: ALERT_PURPOSE,
        target: a.target,
        activity: { text: alertText(a.content), attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: summaryCard(a.content, a.key) }] },
      })),
  );
}
