import type { Actor } from '@app/contracts';
import { Injectable } from '@nestjs/common';

/** Why an office outside a complaint's region reads it, e.g. 'referral YS2026000012' (shown and audited). */
export interface ComplaintGrant {
  reason: string;
}

export interface ComplaintRef {
  id: string;
  office_id: string | null;
  region_code: string | null;
}

/** Grants read access to a complaint its region scope would refuse (e.g. one referred to the actor's office). */
export type ComplaintGrantProvider = (actor: Actor, c: ComplaintRef) => Promise<ComplaintGrant | null>;

/** Refuses a workflow action (throws a DomainError) while another context holds the complaint. */
export type ComplaintActionGuard = (c: ComplaintRef, action: string) => Promise<void>;

/**
 * The seams by which later contexts extend complaint handling without intake depending on them (design.md:
 * one-way dependencies), as CaseHooks does for cases: referrals register a grant (the receiving office reads the
 * referred complaint) and a guard (no decision on a complaint while its transfer to another office is open).
 * Registered at module init; with none registered nothing changes.
 */
@Injectable()
export class ComplaintHooks {
  private readonly grants: ComplaintGrantProvider[] = [];
  private readonly guards: ComplaintActionGuard[] = [];

  registerGrant(provider: ComplaintGrantProvider): void {
    this.grants.push(provider);
  }

  registerGuard(guard: ComplaintActionGuard): void {
    this.guards.push(guard);
  }

  async grantFor(actor: Actor, c: ComplaintRef): Promise<ComplaintGrant | null> {
    for (const provider of this.grants) {
      const grant = await provider(actor, c);
      if (grant) return grant;
    }
    return null;
  }

  async checkAction(c: ComplaintRef, action: string): Promise<void> {
    for (const guard of this.guards) await guard(c, action);
  }
}
