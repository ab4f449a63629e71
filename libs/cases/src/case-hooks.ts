import type { Actor } from '@app/contracts';
import { Injectable } from '@nestjs/common';

/** What a grant lets an office outside the case's region read: the case, and these evidence items (or all). */
export interface CaseGrant {
  /** Why, for the audit trail and the UI, e.g. 'referral YS2026000012'. */
  reason: string;
  evidenceIds: string[] | 'all';
}

export interface CaseRef {
  id: string;
  office_id: string;
  region_code: string;
}

/** Grants read access to a case the region scope would refuse (e.g. a case referred to the actor's office). */
export type CaseGrantProvider = (actor: Actor, c: CaseRef) => Promise<CaseGrant | null>;

/** Refuses a workflow action (throws a DomainError) while another context holds the case, e.g. an open transfer. */
export type CaseActionGuard = (c: CaseRef, action: string) => Promise<void>;

/** Runs after a workflow action, in its transaction (e.g. a closed case's credit-listing proposals). */
export type CaseAfterAction = (actor: Actor, c: CaseRef, action: string, to: string) => Promise<void>;

/**
 * The seams by which later contexts extend case handling without the cases context depending on them (design.md:
 * one-way dependencies): referrals register a grant provider (the receiving office reads the referred case and the
 * evidence selected for it — ScopePolicy's extra grant, never a bypass) and an action guard (no closing with an open
 * criminal transfer); credit registers an after-action hook (a case closed with a qualifying decision is proposed
 * for listing). Providers are registered at module init; with none registered nothing changes.
 */
@Injectable()
export class CaseHooks {
  private readonly grants: CaseGrantProvider[] = [];
  private readonly guards: CaseActionGuard[] = [];
  private readonly after: CaseAfterAction[] = [];

  registerGrant(provider: CaseGrantProvider): void {
    this.grants.push(provider);
  }

  registerGuard(guard: CaseActionGuard): void {
    this.guards.push(guard);
  }

  /** The first grant a provider gives, or null. */
  async grantFor(actor: Actor, c: CaseRef): Promise<CaseGrant | null> {
    for (const provider of this.grants) {
      const grant = await provider(actor, c);
      if (grant) return grant;
    }
    return null;
  }

  registerAfterAction(hook: CaseAfterAction): void {
    this.after.push(hook);
  }

  async checkAction(c: CaseRef, action: string): Promise<void> {
    for (const guard of this.guards) await guard(c, action);
  }

  async afterAction(actor: Actor, c: CaseRef, action: string, to: string): Promise<void> {
    for (const hook of this.after) await hook(actor, c, action, to);
  }
}
