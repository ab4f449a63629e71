import type { Actor } from '@app/contracts';
import { DomainError, isWithin, regionRange } from '@app/domain';
import { Injectable } from '@nestjs/common';

/**
 * Region scope (design.md rule 4), decided in this one place: staff see their office's region subtree;
 * an admin sees every region. Later contexts add grants (e.g. a case referred to the actor's office)
 * through `canSee`'s extra grant argument, never by bypassing this policy.
 */
@Injectable()
export class ScopePolicy {
  /** The region subtree root the actor may see, or null for everything. */
  rootOf(actor: Actor): string | null {
    return actor.roles.includes('admin') ? null : actor.regionCode;
  }

  /** `[lo, hi)` bounds for `region_code >= lo AND region_code < hi`, or null for no restriction. */
  rangeOf(actor: Actor): [string, string] | null {
    const root = this.rootOf(actor);
    return root ? regionRange(root) : null;
  }

  canSee(actor: Actor, regionCode: string, granted = false): boolean {
    const root = this.rootOf(actor);
    return granted || root === null || isWithin(regionCode, root);
  }

  assertCanSee(actor: Actor, regionCode: string, granted = false): void {
    if (!this.canSee(actor, regionCode, granted)) {
      throw new DomainError(
        'OUT_OF_SCOPE',
        `Region ${regionCode} is outside your region ${actor.regionCode}`,
      );
    }
  }

  /** Narrows a requested region filter to the actor's scope; a region outside it is refused. */
  narrow(actor: Actor, requested?: string | null): string | null {
    if (requested) {
      this.assertCanSee(actor, requested);
      return requested;
    }
    return this.rootOf(actor);
  }
}
