import { ScopePolicy } from '@app/auth';
import type { Actor } from '@app/contracts';
import { DomainError, isUuid } from '@app/domain';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { visibleTo } from './complaint-duplicates';
import { ComplaintHooks, type ComplaintRef } from './complaint-hooks';
import {
  COMPLAINT_COLUMNS,
  COMPLAINT_FROM,
  forViewer,
  handles,
  toPublicView,
  type ComplaintDetail,
  type ComplaintRow,
  type PublicComplaintView,
} from './complaint-view';

/** The people to tell about a complaint: its complainant and those of the duplicates merged into it. */
export interface ComplainantContacts {
  emails: string[];
  phones: string[];
}

/** Reading complaints for the services: one row with its joins, visibility, the lock for a command. */
@Injectable()
export class ComplaintStore {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly scope: ScopePolicy,
    private readonly hooks: ComplaintHooks,
  ) {}

  async row(id: string): Promise<ComplaintRow | null> {
    if (!isUuid(id)) return null;
    const rows = (await this.txHost.tx.query(
      `SELECT ${COMPLAINT_COLUMNS} FROM ${COMPLAINT_FROM} WHERE c.id = $1`,
      [id],
    )) as ComplaintRow[];
    return rows[0] ?? null;
  }

  /**
   * A complaint as the actor may see it, with the duplicates merged into it: by region scope, or read-only by a
   * grant a later context gives (a complaint referred to the actor's office; `grantedBy` says which).
   */
  async detail(actor: Actor, id: string): Promise<ComplaintDetail> {
    const row = await this.row(id);
    if (!row) throw new DomainError('NOT_FOUND', `Complaint ${id} not found`);
    const grant = visibleTo(this.scope, actor, row)
      ? null
      : await this.hooks.grantFor(actor, row as unknown as ComplaintRef);
    if (!grant) this.assertVisible(actor, row);
    const merged = (await this.txHost.tx.query(
      `SELECT id, tracking_no, received_at, complainant_name, confidential, office_id, received_by
         FROM complaints WHERE merged_into = $1 ORDER BY received_at`,
      [id],
    )) as ComplaintRow[];
    return {
      ...forViewer(actor, row),
      merged: merged.map((m) => ({
        id: m.id as string,
        trackingNo: m.tracking_no as string,
        receivedAt: new Date(m.received_at as Date).toISOString(),
        complainantName:
          m.confidential && !handles(actor, m) && m.complainant_name
            ? '（保密）'
            : (m.complainant_name as string | null),
      })),
      grantedBy: grant?.reason ?? null,
    };
  }

  async publicView(id: string): Promise<PublicComplaintView> {
    return toPublicView((await this.row(id))!);
  }

  /**
   * Locks a complaint for a command and checks, in order: it exists (404), the actor may see it (403), the version
   * they read is current (409) and, for a workflow `action`, that no other context holds the complaint (409, e.g.
   * its transfer to another office is open).
   */
  async lockForCommand(actor: Actor, id: string, version: number, action?: string): Promise<ComplaintRow> {
    const c = await this.lockVisible(actor, id);
    if (c.version !== version) {
      throw new DomainError(
        'STALE_VERSION',
        `工单 ${String(c.tracking_no)} 已被他人修改（当前版本 ${String(c.version)}），请刷新后重试 / The complaint changed since you read it`,
        { currentVersion: c.version, trackingNo: c.tracking_no },
      );
    }
    if (action) await this.hooks.checkAction(c as unknown as ComplaintRef, action);
    return c;
  }

  /** Locks a complaint the actor may see (404, 403), for a command that does not take its version. */
  async lockVisible(actor: Actor, id: string): Promise<ComplaintRow> {
    const rows = isUuid(id)
      ? ((await this.txHost.tx.query(`SELECT * FROM complaints WHERE id = $1 FOR UPDATE`, [
          id,
        ])) as ComplaintRow[])
      : [];
    const c = rows[0];
    if (!c) throw new DomainError('NOT_FOUND', `Complaint ${id} not found`);
    this.assertVisible(actor, c);
    return c;
  }

  assertVisible(actor: Actor, r: ComplaintRow): void {
    if (!visibleTo(this.scope, actor, r)) {
      throw new DomainError(
        'OUT_OF_SCOPE',
        `Complaint ${String(r.tracking_no)} is outside your region ${actor.regionCode}`,
      );
    }
  }

  /** E-mail addresses and phones of the complainant and of every complaint merged into it (named, not anonymous). */
  async contacts(id: string): Promise<ComplainantContacts> {
    const rows = (await this.txHost.tx.query(
      `SELECT complainant_email, complainant_phone FROM complaints
        WHERE (id = $1 OR merged_into = $1) AND NOT anonymous`,
      [id],
    )) as ComplaintRow[];
    return contactsOf(rows);
  }
}

/** The distinct e-mail addresses and phones (spaces and brackets dropped) of complaint rows. */
export function contactsOf(rows: readonly ComplaintRow[]): ComplainantContacts {
  const uniq = (l: unknown[]) =>
    [...new Set(l.filter((x): x is string => typeof x === 'string' && !!x))].sort();
  return {
    emails: uniq(rows.map((r) => r.complainant_email)),
    phones: uniq(rows.map((r) => (r.complainant_phone as string | null)?.replace(/[\s()]/g, ''))),
  };
}
