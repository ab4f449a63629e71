import type { Competence } from '@app/contracts';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { regionChain } from './office.repository';

/** A scalar subquery giving the routing data's version (regions and offices), bumped by triggers on both tables. */
export const ROUTING_STAMP_SQL = `(SELECT version::text FROM reference_versions WHERE name = 'routing')`;

export interface RoutedOffice {
  id: string;
  name: string;
  regionCode: string;
  competences: readonly Competence[];
  active: boolean;
}

/**
 * Regions and offices as they were at one version of the routing data: region names, offices by id and the
 * competent office of a region — the active office with the competence nearest up the region's chain, offices of
 * one region taken by name in the database's collation (the order they are loaded in).
 */
export class RoutingSnapshot {
  private readonly regions: ReadonlyMap<string, string>;
  private readonly offices: ReadonlyMap<string, RoutedOffice>;
  /** Active offices by the region they sit in, each list by name. */
  private readonly activeAt = new Map<string, RoutedOffice[]>();

  constructor(
    readonly stamp: string,
    regions: readonly { code: string; name: string }[],
    /** Every office, active ones first, by region code descending, then name. */
    ordered: readonly RoutedOffice[],
  ) {
    this.regions = new Map(regions.map((r) => [r.code, r.name]));
    this.offices = new Map(ordered.map((o) => [o.id, o]));
    for (const o of ordered) {
      if (!o.active) continue;
      const at = this.activeAt.get(o.regionCode);
      if (at) at.push(o);
      else this.activeAt.set(o.regionCode, [o]);
    }
  }

  regionName(code: string): string | null {
    return this.regions.get(code) ?? null;
  }

  /** Any office, active or not. */
  office(id: string): RoutedOffice | null {
    return this.offices.get(id) ?? null;
  }

  /** The active office with `competence` nearest up the region's chain (county, city, province). */
  competentOffice(regionCode: string, competence: Competence): RoutedOffice | null {
    // The chain runs county, city, province: nearest first, which is region_code descending.
    for (const code of regionChain(regionCode)) {
      const office = this.activeAt.get(code)?.find((o) => o.competences.includes(competence));
      if (office) return office;
    }
    return null;
  }
}

/**
 * The routing data cached per process: loaded in one statement (a consistent snapshot with its version) and
 * reloaded only when asked to after a write found the version moved on or a lookup missed.
 */
@Injectable()
export class RoutingCatalog {
  private cached: RoutingSnapshot | null = null;
  private loading: Promise<RoutingSnapshot> | null = null;

  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** The snapshot last loaded, without a round trip (loaded first if none). */
  latest(): Promise<RoutingSnapshot> {
    return this.cached ? Promise.resolve(this.cached) : this.current();
  }

  /**
   * The snapshot at the current version: one small read, and the tables reloaded only if the version moved. Outside
   * a transaction callers share one load and keep it. Inside one, the caller loads on its own connection (waiting
   * for a pooled load while holding a connection could wait forever once every pooled connection is held that way)
   * and keeps the snapshot only if its transaction has written nothing yet: else it may hold its own uncommitted
   * changes.
   */
  async current(): Promise<RoutingSnapshot> {
    const [{ stamp }] = (await this.txHost.tx.query(`SELECT ${ROUTING_STAMP_SQL} AS stamp`)) as {
      stamp: string;
    }[];
    if (this.cached?.stamp === stamp) return this.cached;
    if (this.txHost.isTransactionActive()) {
      const { snapshot, clean } = await this.load();
      if (clean) this.keep(snapshot);
      return snapshot;
    }
    this.loading ??= this.load()
      .then(({ snapshot }) => this.keep(snapshot))
      .finally(() => (this.loading = null));
    const loaded = await this.loading;
    // A load that started before the version moved again: once more.
    return Number(loaded.stamp) >= Number(stamp) ? loaded : this.current();
  }

  private keep(snapshot: RoutingSnapshot): RoutingSnapshot {
    if (!this.cached || Number(snapshot.stamp) >= Number(this.cached.stamp)) this.cached = snapshot;
    return snapshot;
  }

  /** The routing data in one statement; `clean`: read by a transaction that has written nothing (or by none). */
  private async load(): Promise<{ snapshot: RoutingSnapshot; clean: boolean }> {
    const [row] = (await this.txHost.tx.query(
      `SELECT ${ROUTING_STAMP_SQL} AS stamp, txid_current_if_assigned() IS NULL AS clean,
              (SELECT coalesce(json_agg(json_build_object('code', code, 'name', name)), '[]') FROM regions) AS regions,
              (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'regionCode', region_code,
                                                          'competences', competences, 'active', active)
                                        ORDER BY active DESC, region_code DESC, name), '[]')
                 FROM offices) AS offices`,
    )) as {
      stamp: string;
      clean: boolean;
      regions: { code: string; name: string }[];
      offices: RoutedOffice[];
    }[];
    return { snapshot: new RoutingSnapshot(row.stamp, row.regions, row.offices), clean: row.clean };
  }
}
