import { Injectable } from '@nestjs/common';
import type { DeadlineSource } from './deadline-source';

/**
 * The deadline sources of this process. Contexts register theirs on module init; the sweep reads them in
 * registration order. Names key the stored notices, so a second source with a taken name is refused.
 */
@Injectable()
export class DeadlineSourceRegistry {
  private readonly sources = new Map<string, DeadlineSource>();

  register(source: DeadlineSource): void {
    const name = source?.name;
    if (typeof name !== 'string' || !name.trim() || name !== name.trim()) {
      throw new Error(`A deadline source needs a non-empty name without surrounding spaces, got "${name}"`);
    }
    if (this.sources.has(name)) throw new Error(`Deadline source "${name}" is already registered`);
    this.sources.set(name, source);
  }

  /** Registered sources, in registration order. */
  list(): DeadlineSource[] {
    return [...this.sources.values()];
  }
}
