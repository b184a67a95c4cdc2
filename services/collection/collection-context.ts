/**
 * What collection's chat commands and card buttons work with, and who may do
 * what: the responsible manager, their ersättare or a controller answers an
 * item; only controllers start, close, approve and export rounds.
 */
import type { Knowledge } from '../answering/knowledge.js';
import type { Roles } from '../auth/roles.js';
import type { ChatUser } from '../chat/chat-service.js';
import type { LanguageModel } from '../llm/language-model.js';
import type { Logger } from '../logging/logger.js';
import type { MessageSender } from '../proactive/message-sender.js';
import type { Database } from '../store/database.js';
import type { CollectionSettings } from './collection-config.js';
import type { Exports } from './exports.js';
import { recipients } from './people.js';
import type { ManagerView } from './round-store.js';

export interface CollectionContext {
  db: Database;
  roles: Roles;
  settings: CollectionSettings;
  knowledge: Knowledge;
  sender: MessageSender;
  exports: Exports;
  log: Logger;
  languageModel?: LanguageModel;
  /** wakes the outbox worker after something was queued */
  notify(): void;
  /** runs due scheduled jobs soon (the people lookup after a start) */
  kick(): void;
}

export type Authority = 'ansvarig' | 'ersättare' | 'controller';

/** Whether (and as whom) the user may answer the items of a manager's card. */
export async function authorityOver(ctx: CollectionContext, user: ChatUser, view: Pick<ManagerView, 'managerUpn' | 'delegateUpn'>): Promise<Authority | undefined> {
  const people = await recipients(ctx.db, [view.managerUpn, ...(view.delegateUpn ? [view.delegateUpn] : [])]);
  const aad = user.aadObjectId?.toLowerCase();
  const manager = people.get(view.managerUpn);
  const delegate = view.delegateUpn ? people.get(view.delegateUpn) : undefined;
  if (aad && manager?.aadObjectId === aad) return 'ansvarig';
  if (aad && delegate?.aadObjectId === aad) return 'ersättare';
  if (await ctx.roles.isController(user)) return 'controller';
  // someone not yet looked up in Graph: their e-mail in Teams is the address in the list
  if ((!manager?.aadObjectId || (delegate && !delegate.aadObjectId)) && user.email) {
    const email = (await user.email().catch(() => undefined))?.toLowerCase();
    if (email && email === view.managerUpn) return 'ansvarig';
    if (email && email === view.delegateUpn) return 'ersättare';
  }
  return undefined;
}

export const userName = (user: ChatUser) => user.name ?? 'okänd användare';
