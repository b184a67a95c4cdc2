/**
 * One terminal chat with a running bot over the Bot Framework protocol, as
 * Teams would talk to it: messages and install events are POSTed to the
 * bot's /api/messages, card buttons become Action.Execute invokes (whose
 * response is the updated card) or Action.Submit messages, and whatever the
 * bot sends arrives at the LocalConnector and is printed as text.
 */
import { randomUUID } from 'node:crypto';
import { cardText, wrap, type CardButton, type CardInput } from './card-text.js';
import { LocalConnector, type Activity, type ChatMember } from './local-connector.js';

const BOT_ACCOUNT = { id: '28:rapportboten', name: 'Rapportboten' };
const TENANT = '00000000-0000-4000-8000-00000000c4a7';
const CARD = 'application/vnd.microsoft.card.adaptive';

export interface ChatOptions {
  botUrl: string;
  user: { name: string; email?: string };
  /** a group chat, where the bot answers when @mentioned (the chat mentions it in every message) */
  group?: boolean;
  color: boolean;
  /** the terminal's width, for wrapping long text; none = no wrapping (output to a file or pipe) */
  columns?: number;
  /** print the raw card JSON after its text */
  json?: boolean;
  print: (text: string) => void;
  /** asks the person for an input's value (card inputs before a button is pressed) */
  ask: (question: string) => Promise<string>;
}

export class BotUnreachable extends Error {}

export class ChatSession {
  private connector: LocalConnector;
  private conversationId = '';
  private readonly member: ChatMember;
  /** buttons of the cards shown since the person last wrote, numbered from 1 */
  private buttons: Array<CardButton & { inputs: CardInput[] }> = [];

  constructor(private readonly o: ChatOptions) {
    const id = `29:${(o.user.email ?? o.user.name).toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    this.member = { id, name: o.user.name, aadObjectId: aadObjectIdFor(id), email: o.user.email };
    this.connector = new LocalConnector((a, kind) => this.show(a, kind), this.member);
    this.newConversation();
  }

  async start(): Promise<void> {
    await this.connector.start();
  }

  stop(): Promise<void> {
    return this.connector.stop();
  }

  newConversation(): void {
    this.conversationId = this.o.group ? `19:chat-${randomUUID()}@thread.v2` : `a:chat-${randomUUID()}`;
  }

  get buttonCount(): number {
    return this.buttons.length;
  }

  /** The install event Teams sends when the app is added (the bot answers with its welcome card). */
  async install(): Promise<void> {
    this.buttons = [];
    await this.post(this.activity('conversationUpdate', { membersAdded: [{ id: BOT_ACCOUNT.id }, { id: this.member.id }] }));
  }

  async say(text: string): Promise<void> {
    this.buttons = [];
    const mention = this.o.group
      ? { text: `<at>${BOT_ACCOUNT.name}</at> ${text}`, entities: [{ type: 'mention', text: `<at>${BOT_ACCOUNT.name}</at>`, mentioned: BOT_ACCOUNT }] }
      : { text };
    await this.post(this.activity('message', { textFormat: 'plain', ...mention }));
  }

  /** Presses button n (1-based) of the cards shown since the last message. */
  async press(n: number): Promise<void> {
    const button = this.buttons[n - 1];
    if (!button) {
      this.o.print(this.buttons.length ? `Välj en knapp mellan 1 och ${this.buttons.length}.` : 'Det finns inga knappar att trycka på.');
      return;
    }
    if (button.type === 'Action.OpenUrl') return this.o.print(`Länk: ${button.url ?? '(ingen adress)'}`);
    if (button.type === 'Action.ShowCard' && button.card) return this.printCard(button.card, 'visat');
    const values = await this.fillInputs(button.inputs);
    const data = { ...values, ...(button.data ?? {}) };
    this.o.print(`→ ${button.title}`);
    if (button.type === 'Action.Execute') {
      const verb = button.verb ?? '';
      const response = (await this.post(this.activity('invoke', { name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' } }))) as {
        type?: string;
        value?: unknown;
      } | null;
      if (response?.type === CARD && response.value && typeof response.value === 'object') {
        // the new card replaces the one the button was on, and so do its buttons
        this.buttons = [];
        this.printCard(response.value as Record<string, unknown>, 'uppdaterat');
      } else if (typeof response?.value === 'string') this.o.print(response.value);
      return;
    }
    // Action.Submit: a message whose value is the card's data (and inputs)
    this.buttons = [];
    await this.post(this.activity('message', { value: data }));
  }

  private async fillInputs(inputs: CardInput[]): Promise<Record<string, unknown>> {
    const values: Record<string, unknown> = {};
    for (const input of inputs) {
      const choices = input.choices?.length ? ` [${input.choices.map((c) => c.value).join('/')}]` : '';
      const current = input.value !== undefined && input.value !== '' ? ` (Enter = ${String(input.value)})` : '';
      const answer = (await this.o.ask(`${input.label ?? input.id}${choices}${current}: `)).trim();
      values[input.id] = answer === '' ? (input.value ?? '') : answer;
    }
    return values;
  }

  private activity(type: string, extra: Record<string, unknown>): Activity {
    return {
      type,
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      serviceUrl: this.connector.url,
      channelId: 'msteams',
      from: { id: this.member.id, name: this.member.name, aadObjectId: this.member.aadObjectId },
      recipient: BOT_ACCOUNT,
      conversation: { id: this.conversationId, conversationType: this.o.group ? 'groupChat' : 'personal', tenantId: TENANT, ...(this.o.group ? { isGroup: true } : {}) },
      channelData: { tenant: { id: TENANT } },
      locale: 'sv-SE',
      ...extra,
    };
  }

  private async post(activity: Activity): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(this.o.botUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    } catch (e) {
      throw new BotUnreachable(`Boten svarar inte på ${this.o.botUrl} (${(e as Error & { cause?: { code?: string } }).cause?.code ?? (e as Error).message}). Starta den med npm start.`);
    }
    const text = await res.text();
    if (res.status === 401) throw new BotUnreachable('Boten kräver Bot Framework-autentisering (MicrosoftAppId är satt). npm run chat pratar bara med en bot i lokalt läge, utan app-uppgifter.');
    if (res.status >= 400) this.o.print(`Boten svarade ${res.status}: ${text.slice(0, 300)}`);
    try {
      return text ? JSON.parse(text) : null;
    } catch {
      return text;
    }
  }

  private show(a: Activity, kind: 'ny' | 'uppdaterad'): void {
    if (a.type === 'typing') return;
    if (kind === 'uppdaterad') this.o.print('(boten uppdaterade ett tidigare meddelande)');
    if (typeof a.text === 'string' && a.text) this.o.print(`${this.o.color ? '\x1b[1m' : ''}Rapportboten:${this.o.color ? '\x1b[0m' : ''} ${a.text}`);
    for (const att of (a.attachments as Array<{ contentType: string; content: unknown }> | undefined) ?? []) {
      if (att.contentType === CARD && att.content && typeof att.content === 'object') this.printCard(att.content as Record<string, unknown>, 'kort');
      else this.o.print(`[bilaga: ${att.contentType}]`);
    }
  }

  private printCard(card: Record<string, unknown>, label: 'kort' | 'uppdaterat' | 'visat'): void {
    const { lines, buttons, inputs } = cardText(card, { color: this.o.color });
    const heading = label === 'uppdaterat' ? '┌─ kortet uppdaterades ─' : '┌─';
    const columns = this.o.columns;
    const fitted = columns ? lines.flatMap((l) => wrap(l, columns - 2)) : lines;
    this.o.print([heading, ...fitted.map((l) => `│ ${l}`.trimEnd())].join('\n'));
    if (buttons.length) {
      const first = this.buttons.length + 1;
      this.buttons.push(...buttons.map((b) => ({ ...b, inputs })));
      this.o.print(`└─ ${buttons.map((b, i) => `[${first + i}] ${b.title}`).join('   ')}`);
    } else this.o.print('└─');
    if (this.o.json) this.o.print(JSON.stringify(card, null, 2));
  }
}

/** A stable, made-up AAD object id for the chat's person (the bot keys conversations by it). */
function aadObjectIdFor(id: string): string {
  const hex = Buffer.from(id).toString('hex').padEnd(12, '0').slice(-12);
  return `00000000-0000-4000-8000-${hex}`;
}
