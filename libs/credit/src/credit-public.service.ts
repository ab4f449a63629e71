import {
  DomainError,
  failValidation,
  fieldViolation,
  INVALID_REQUEST,
  IP_TYPES,
  regionRange,
  shanghaiDate,
  validateRegionCode,
  validateUscc,
  type FieldViolation,
} from '@app/domain';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { publicListingOf, type ListingRow } from './credit-public-view';
import type { FeedItem, PublicListing } from './credit-views';

export interface RegistryQuery {
  /** Part of an enterprise's name (individuals are not searchable by name). */
  q?: string;
  uscc?: string;
  region?: string;
  ipType?: string;
  page?: number;
  pageSize?: number;
}

export interface RegistryPage {
  items: PublicListing[];
  /** Matches, counted up to COUNT_CAP (`totalCapped` then says there are more). */
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

/** Counting stops here ("1,000+"): counting every match of a broad query cost 10–80 ms at 100,000 listings. */
const COUNT_CAP = 1_000;
const FEED_MAX = 500;
const CURSOR = /^(\d{1,20})-(\d{1,20})$/;

/**
 * The public side of the credit list (no login): the registry of listings currently published and the change
 * feed for credit agencies. Only `published` listings whose period has not ended are current — an expired listing
 * the sweep has not reached yet is already gone from the registry.
 */
@Injectable()
export class CreditPublicService {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private q<T>(sql: string, params: unknown[] = []): Promise<T> {
    return this.txHost.tx.query(sql, params) as Promise<T>;
  }

  async search(query: RegistryQuery): Promise<RegistryPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const v: FieldViolation[] = [];
    const params: unknown[] = [shanghaiDate(new Date())];
    const p = (x: unknown) => (params.push(x), `$${params.length}`);
    const where = [`l.state = 'published'`, `l.publish_until >= $1::date`];
    const name = query.q?.trim();
    if (name) {
      if (name.length < 2 || name.length > 100) {
        v.push(fieldViolation('q', 'Search with 2–100 characters of the name', '请输入2–100个字的名称'));
      }
      where.push(`l.subject_kind = 'enterprise' AND l.subject_name ILIKE ${p(`%${likeEscape(name)}%`)}`);
    }
    if (query.uscc) {
      const r = validateUscc(query.uscc);
      if (!r.ok) v.push(fieldViolation('uscc', r.reason, r.reasonZh, r.code));
      else where.push(`l.subject_uscc = ${p(r.normalized)}`);
    }
    if (query.region) {
      if (!validateRegionCode(query.region).ok)
        v.push(fieldViolation('region', 'A six-digit region code', '地区代码无效'));
      else {
        const [lo, hi] = regionRange(query.region);
        where.push(`l.region_code >= ${p(lo)} AND l.region_code < ${p(hi)}`);
      }
    }
    if (query.ipType) {
      if (!IP_TYPES.some((t) => t.code === query.ipType)) {
        v.push(
          fieldViolation('ipType', `One of ${IP_TYPES.map((t) => t.code).join(', ')}`, '知识产权类型无效'),
        );
      } else where.push(`l.ip_type = ${p(query.ipType)}`);
    }
    if (v.length) failValidation(v, INVALID_REQUEST);
    const whereSql = where.join(' AND ');
    const countParams = [...params];
    const rows = await this.q<ListingRow[]>(
      `SELECT l.id, l.listing_no, l.state, l.ground, l.regime, l.legal_basis, l.decision_no,
              l.decision_date::text AS decision_date, l.office_id, o.name AS office_name, o.region_code AS office_region,
              l.region_code, rg.name AS region_name, l.ip_type, l.subject_kind, l.subject_name, l.subject_uscc,
              l.subject_id_masked,
              l.publish_from::text AS publish_from, l.publish_until::text AS publish_until
         FROM credit_listings l JOIN offices o ON o.id = l.office_id LEFT JOIN regions rg ON rg.code = l.region_code
        WHERE ${whereSql}
        ORDER BY l.publish_from DESC, l.id DESC
        LIMIT ${p(pageSize)} OFFSET ${p((page - 1) * pageSize)}`,
      params,
    );
    const [{ n }] = await this.q<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM credit_listings l WHERE ${whereSql} LIMIT ${COUNT_CAP + 1}) x`,
      countParams,
    );
    return {
      items: rows.map(publicListingOf),
      total: Math.min(n, COUNT_CAP),
      totalCapped: n > COUNT_CAP,
      page,
      pageSize,
    };
  }

  /**
   * Changes since `cursor` (listed, removed), oldest first. Rows are read by (transaction id, id) and only from
   * transactions older than every one still running, so a change committed late never lands behind a cursor
   * already handed out; the feed may lag by the longest running transaction, never skip.
   */
  async feed(cursor = '0-0', limit = 100): Promise<{ items: FeedItem[]; nextCursor: string }> {
    const m = CURSOR.exec(cursor);
    if (!m) {
      failValidation(
        [fieldViolation('cursor', 'A cursor from a previous page, or 0-0 for the start', '游标无效')],
        INVALID_REQUEST,
      );
    }
    if (!Number.isInteger(limit) || limit < 1 || limit > FEED_MAX) {
      throw new DomainError('VALIDATION_FAILED', `limit is 1–${FEED_MAX}`);
    }
    const rows = await this.q<
      {
        id: string;
        txid: string;
        change: FeedItem['change'];
        reason: FeedItem['reason'];
        entry: PublicListing;
        at: Date;
      }[]
    >(
      `SELECT f.id::text, f.txid::text, f.change, f.reason, f.entry, f.at
         FROM credit_feed f
        WHERE f.txid < pg_snapshot_xmin(pg_current_snapshot())
          AND (f.txid, f.id) > ($1::xid8, $2::bigint)
        ORDER BY f.txid, f.id
        LIMIT $3`,
      [m![1], m![2], limit],
    );
    const items = rows.map((r) => ({
      cursor: `${r.txid}-${r.id}`,
      change: r.change,
      reason: r.reason,
      at: new Date(r.at).toISOString(),
      listing: r.entry,
    }));
    return { items, nextCursor: items.length ? items[items.length - 1].cursor : cursor };
  }
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
