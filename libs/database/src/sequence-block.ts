import type { EntityManager } from 'typeorm';
import { preparedQuery } from './prepared-query';

/**
 * Values of a PostgreSQL sequence taken `size` at a time and handed out in order: what a sequence's own CACHE option
 * does per session, for a pool whose sessions take turns. Values stay unique and, within a process, increasing;
 * between processes they interleave, and those a process held when it stopped are skipped (a sequence promises
 * no more: a rolled-back nextval leaves a gap too). One round trip per `size` values instead of one per value.
 *
 * A caller outside a transaction shares one fetch with the others, and the next block is fetched when half of this
 * one is used. A caller inside a transaction fetches on its own connection when the block is empty: waiting for a
 * pooled fetch while holding a connection could wait forever once every pooled connection is held that way.
 */
export class SequenceBlock {
  private values: number[] = [];
  private refill: Promise<void> | null = null;

  constructor(
    private readonly sequence: string,
    private readonly size: number,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(sequence)) throw new Error(`SequenceBlock: bad sequence name ${sequence}`);
    if (!Number.isInteger(size) || size < 1) throw new Error(`SequenceBlock: bad size ${size}`);
  }

  /** The next value, fetched through `manager` (a transaction's or the pool's) when none is left. */
  async next(manager: EntityManager): Promise<number> {
    const pooled = !manager.queryRunner;
    while (this.values.length === 0) await (pooled ? this.shared(manager) : this.load(manager));
    const value = this.values.shift()!;
    if (pooled && this.values.length < this.size / 2 && !this.refill) {
      // Ahead of need; if it fails, the caller that finds the block empty fetches again and sees the error.
      this.shared(manager).catch(() => undefined);
    }
    return value;
  }

  private shared(manager: EntityManager): Promise<void> {
    this.refill ??= this.load(manager).finally(() => (this.refill = null));
    return this.refill;
  }

  private async load(manager: EntityManager): Promise<void> {
    const rows = await preparedQuery<{ v: string }>(
      manager,
      `SELECT nextval('${this.sequence}')::text AS v FROM generate_series(1, $1)`,
      [this.size],
    );
    this.values.push(...rows.map((r) => Number(r.v)));
    this.values.sort((a, b) => a - b);
  }
}
