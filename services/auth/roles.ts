/**
 * Who may do what: controllers (ekonomer/controllers), configured by AAD
 * object id or e-mail address in CONTROLLERS, run reporting rounds and
 * subscribe channels to alerts. Everyone else may ask and manage their own.
 */
export interface Person {
  aadObjectId?: string;
  /** looked up only when needed (it costs a call to Teams) */
  email?: () => Promise<string | undefined>;
}

export class Roles {
  private readonly ids: Set<string>;
  private readonly emails: Set<string>;

  constructor(controllers: string[]) {
    const all = controllers.map((c) => c.trim().toLowerCase()).filter(Boolean);
    this.emails = new Set(all.filter((c) => c.includes('@')));
    this.ids = new Set(all.filter((c) => !c.includes('@')));
  }

  async isController(person: Person): Promise<boolean> {
    if (person.aadObjectId && this.ids.has(person.aadObjectId.toLowerCase())) return true;
    if (this.emails.size === 0 || !person.email) return false;
    const email = await person.email().catch(() => undefined);
    return !!email && this.emails.has(email.toLowerCase());
  }
}
