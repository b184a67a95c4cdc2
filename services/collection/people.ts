/**
 * The people of the responsibility list as Teams recipients: each e-mail/UPN
 * is looked up in Graph (→ Entra object id), the app is installed for them
 * when the bot has no personal chat with them yet, and a 1:1 is opened if no
 * install event has recorded one. Runs as a scheduled job, a few people at a
 * time, claimed in the store so instances share the work.
 */
import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import type { MessageSender, SendTarget } from '../proactive/message-sender.js';
import { sendTarget } from '../proactive/message-sender.js';
import type { Queryable } from '../store/database.js';
import type { Directory } from './graph-directory.js';

export interface Recipient {
  upn: string;
  aadObjectId?: string;
  displayName?: string;
  state: string;
  error?: string;
  /** how to reach them; absent = not (yet) reachable */
  target?: SendTarget;
}

/** The botbuilder conversation reference kept for every conversation. */
const reference = z
  .object({
    serviceUrl: z.string().url(),
    conversation: z.object({ id: z.string().min(1), tenantId: z.string().optional() }).passthrough(),
    user: z.object({ id: z.string() }).passthrough().optional(),
    bot: z.object({ id: z.string() }).passthrough().optional(),
  })
  .passthrough();

/** A send target for a personal conversation from its stored reference. */
export function personalTarget(ref: unknown, tenantId?: string | null): SendTarget | undefined {
  const r = reference.safeParse(ref);
  if (!r.success) return undefined;
  return { serviceUrl: r.data.serviceUrl, conversationId: r.data.conversation.id, conversationType: 'personal', tenantId: tenantId ?? r.data.conversation.tenantId, userId: r.data.user?.id, botId: r.data.bot?.id };
}

/** People by UPN with how to reach them: the personal chat Teams told us about, else the one the bot opened. */
export async function recipients(db: Queryable, upns: string[]): Promise<Map<string, Recipient>> {
  const rows = await db.query<{ upn: string; aad_object_id: string | null; display_name: string | null; state: string; error: string | null; conversation: unknown; reference: unknown; tenant_id: string | null }>(
    `select p.upn, p.aad_object_id, p.display_name, p.state, p.error, p.conversation, c.reference, c.tenant_id
       from collection_person p
       left join lateral (
         select reference, tenant_id from conversation
          where user_aad_id = p.aad_object_id and conversation_type = 'personal' and installed
          order by updated_at desc limit 1) c on true
      where p.upn = any($1::text[])`,
    [upns],
  );
  return new Map(
    rows.map((r) => {
      const opened = sendTarget.safeParse(r.conversation);
      const target = r.reference ? personalTarget(r.reference, r.tenant_id) : opened.success ? opened.data : undefined;
      return [r.upn, { upn: r.upn, aadObjectId: r.aad_object_id ?? undefined, displayName: r.display_name ?? undefined, state: r.state, error: r.error ?? undefined, target }];
    }),
  );
}

/** A person's name for cards: the name from Graph or the list, else the address. */
export const personName = (p: { displayName?: string | null; upn: string } | undefined, upn = p?.upn ?? '') => p?.displayName ?? upn;

type Outcome = { state: 'klar'; patch: Partial<PersonPatch> } | { state: 'fel' | 'ny'; reason: string; patch?: Partial<PersonPatch> };
interface PersonPatch {
  aad_object_id: string;
  display_name: string;
  conversation: SendTarget;
}

export class PeopleResolver {
  constructor(
    private readonly db: Queryable,
    private readonly directory: Directory | undefined,
    private readonly sender: MessageSender,
    private readonly log?: Logger,
  ) {}

  /** Looks up everyone waiting, a batch at a time; returns how many became reachable, and whether some wait for a retry. */
  async resolvePending(onBatch?: () => Promise<void>): Promise<{ resolved: number; failed: number; retryLater: boolean }> {
    let resolved = 0;
    let failed = 0;
    let retryLater = false;
    for (;;) {
      const batch = await this.db.query<{ upn: string; aad_object_id: string | null }>(
        `update collection_person set state = 'söker', claimed_until = now() + interval '2 minutes', updated_at = now()
          where upn in (select upn from collection_person
                         where (state = 'ny' and (claimed_until is null or claimed_until < now())) or (state = 'söker' and claimed_until < now())
                         order by upn limit 20 for update skip locked)
          returning upn, aad_object_id`,
      );
      if (batch.length === 0) break;
      const outcomes = await Promise.all(batch.map((p) => this.resolve(p.upn, p.aad_object_id ?? undefined).catch((e: Error): Outcome => ({ state: 'ny', reason: e.message }))));
      for (const [i, o] of outcomes.entries()) {
        const upn = batch[i]!.upn;
        const patch = o.patch ?? {};
        await this.db.query(
          `update collection_person set state = $2, error = $3, claimed_until = $4,
              aad_object_id = coalesce($5, aad_object_id), display_name = coalesce($6, display_name), conversation = coalesce($7::jsonb, conversation), updated_at = now()
            where upn = $1`,
          [upn, o.state, o.state === 'klar' ? null : o.reason, o.state === 'ny' ? new Date(Date.now() + 5 * 60_000).toISOString() : null,
            patch.aad_object_id ?? null, patch.display_name ?? null, patch.conversation ? JSON.stringify(patch.conversation) : null],
        );
        if (o.state === 'klar') resolved++;
        else if (o.state === 'fel') failed++;
        else retryLater = true;
      }
      await onBatch?.();
    }
    if (resolved + failed) this.log?.info({ event: 'insamling-personer', resolved, failed, retryLater }, 'personer uppslagna');
    return { resolved, failed, retryLater };
  }

  private async resolve(upn: string, knownId?: string): Promise<Outcome> {
    const patch: Partial<PersonPatch> = {};
    let id = knownId;
    if (!id) {
      if (!this.directory) return { state: 'fel', reason: 'Graph är inte konfigurerat — ange objekt-id i ansvarslistan eller konfigurera GRAPH_*' };
      const user = await this.directory.findUser(upn);
      if (!user.found) return { state: user.permanent ? 'fel' : 'ny', reason: user.reason };
      id = patch.aad_object_id = user.id.toLowerCase();
      if (user.displayName) patch.display_name = user.displayName;
    }
    if (await this.hasPersonalChat(id)) return { state: 'klar', patch };
    if (this.directory) {
      const installed = await this.directory.installApp(id);
      if (!installed.ok) return { state: installed.permanent ? 'fel' : 'ny', reason: installed.reason, patch };
    }
    // Teams sends an install event shortly; opening the 1:1 now (the same id Teams will use) does not wait for it
    const where = await this.serviceAddress();
    if (!where) return { state: 'fel', reason: 'ingen Teams-adress är känd ännu — någon i organisationen behöver skriva till boten en gång', patch };
    const opened = await this.sender.openPersonal({ serviceUrl: where.serviceUrl, tenantId: where.tenantId, userId: id });
    if (!opened.ok) return { state: opened.status === 403 || opened.status === 404 ? 'fel' : 'ny', reason: `kunde inte öppna en chatt (${opened.status} ${opened.message})`.slice(0, 300), patch };
    patch.conversation = { serviceUrl: where.serviceUrl, conversationId: opened.conversationId, conversationType: 'personal', tenantId: where.tenantId, userId: id };
    return { state: 'klar', patch };
  }

  private async hasPersonalChat(aad: string): Promise<boolean> {
    const [row] = await this.db.query(`select 1 from conversation where user_aad_id = $1 and conversation_type = 'personal' and installed limit 1`, [aad]);
    return !!row;
  }

  /** The Bot Connector address and tenant of the organisation, from the conversations the bot already has. */
  private async serviceAddress(): Promise<{ serviceUrl: string; tenantId?: string } | undefined> {
    const [row] = await this.db.query<{ reference: unknown; tenant_id: string | null }>(
      'select reference, tenant_id from conversation where installed order by (tenant_id is null), updated_at desc limit 1',
    );
    const target = row && personalTarget(row.reference, row.tenant_id);
    return target && { serviceUrl: target.serviceUrl, tenantId: target.tenantId };
  }
}
