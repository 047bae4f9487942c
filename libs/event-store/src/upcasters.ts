export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * Lifts events written under an older schema to the current one on read, so stored events never
 * change and handlers only ever see the latest shape.
 */
export class UpcasterRegistry {
  private readonly lifts = new Map<string, Upcaster[]>();

  /** Registers the function lifting `type` from `fromVersion` to `fromVersion + 1`. */
  register(type: string, fromVersion: number, lift: Upcaster): this {
    const chain = this.lifts.get(type) ?? [];
    if (fromVersion !== chain.length + 1) {
      throw new Error(`upcaster for ${type} must lift version ${chain.length + 1} next`);
    }
    chain.push(lift);
    this.lifts.set(type, chain);
    return this;
  }

  currentVersion(type: string): number {
    return (this.lifts.get(type)?.length ?? 0) + 1;
  }

  upcast(
    type: string,
    schemaVersion: number,
    data: Record<string, unknown>,
  ): { schemaVersion: number; data: Record<string, unknown> } {
    const chain = this.lifts.get(type);
    if (!chain) return { schemaVersion, data };
    let lifted = data;
    for (let version = schemaVersion; version <= chain.length; version++) {
      lifted = chain[version - 1](lifted);
    }
    return { schemaVersion: Math.max(schemaVersion, chain.length + 1), data: lifted };
  }
}
