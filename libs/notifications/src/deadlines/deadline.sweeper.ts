import { CalendarService } from '@app/calendar';
import { Injectable, Logger } from '@nestjs/common';
import { DeadlineNoticeEmitter, type PendingNotice } from './deadline-notice.emitter';
import { DeadlineNoticeRepository, noticeKey } from './deadline-notice.repository';
import type { DeadlineSource, TrackedDeadline } from './deadline-source';
import { DeadlineSourceRegistry } from './deadline-source.registry';
import { DeadlineSettings } from './deadline.settings';
import { deadlineStatus, sweepClock, type SweepClock } from './deadline.rules';

export interface DeadlineSweepResult {
  /** False when another sweep held the lock: this one did nothing. */
  ran: boolean;
  sources: number;
  /** Items the sources returned. */
  scanned: number;
  /** Notices emitted by this sweep, per kind. */
  dueSoon: number;
  overdue: number;
  escalated: number;
  /** Items refused as malformed (no id or key, an invalid dueAt, the same deadline twice in one batch). */
  invalid: number;
}

/** Thrown after the other sources were swept when some source failed (BullMQ retries the job). */
export class DeadlineSweepError extends Error {
  constructor(readonly failures: { source: string; error: unknown }[]) {
    super(
      `Deadline sweep failed for ${failures.map((f) => `${f.source} (${errorText(f.error)})`).join(', ')}`,
    );
  }
}

/**
 * The deadline sweep (design.md rule 3): asks every registered source for its open items due before the due-soon
 * horizon and emits `due_soon`, `overdue` and `escalated` notices as outbox rows, each once per item, deadline and
 * due instant.
 *
 * Idempotency rule: deadline_notices holds, per (source, item, deadline key, kind), the due instant last notified.
 * A notice is emitted when there is no row or the row's `due_at` differs from the item's current `dueAt`; it is
 * recorded (insert, or take-over of the row) in the transaction that writes its outbox row. So the same deadline
 * never notifies twice, however many sweeps run, while a deadline that moved (extension, suspension and resumption)
 * notifies again for its new instant — also when it moves back to an instant notified before, since that is news
 * again to the people told about the move.
 *
 * Sweeps take a PostgreSQL advisory lock, so a manual run and the scheduled one never overlap (the second one
 * returns `ran: false`); correctness does not depend on it — concurrent claims of one notice yield one winner.
 * Items are handled in batches of `batchSize`, one short transaction each; sources one after another. A failing
 * source does not stop the others: the sweep completes them, then throws {@link DeadlineSweepError}.
 */
@Injectable()
export class DeadlineSweeper {
  private readonly logger = new Logger(DeadlineSweeper.name);

  constructor(
    private readonly registry: DeadlineSourceRegistry,
    private readonly calendar: CalendarService,
    private readonly notices: DeadlineNoticeRepository,
    private readonly emitter: DeadlineNoticeEmitter,
    private readonly settings: DeadlineSettings,
  ) {}

  async sweep(now: Date = new Date()): Promise<DeadlineSweepResult> {
    const result: DeadlineSweepResult = {
      ran: false,
      sources: 0,
      scanned: 0,
      dueSoon: 0,
      overdue: 0,
      escalated: 0,
      invalid: 0,
    };
    const release = await this.notices.tryLockSweep();
    if (!release) {
      this.logger.log('deadline sweep skipped: another sweep is running');
      return result;
    }
    const failures: { source: string; error: unknown }[] = [];
    try {
      result.ran = true;
      const clock = sweepClock(now, await this.calendar.snapshot(), this.settings);
      for (const source of this.registry.list()) {
        result.sources++;
        try {
          await this.sweepSource(source, clock, result);
        } catch (error) {
          failures.push({ source: source.name, error });
          this.logger.error(`deadline source "${source.name}" failed: ${errorText(error)}`);
        }
      }
    } finally {
      await release();
    }
    this.logger.log(
      `deadline sweep: ${result.sources} source(s), ${result.scanned} item(s) scanned; emitted ` +
        `${result.dueSoon} due soon, ${result.overdue} overdue, ${result.escalated} escalated` +
        (result.invalid ? `; ${result.invalid} invalid item(s) skipped` : ''),
    );
    if (failures.length) throw new DeadlineSweepError(failures);
    return result;
  }

  private async sweepSource(source: DeadlineSource, clock: SweepClock, result: DeadlineSweepResult) {
    let batch: TrackedDeadline[] = [];
    for await (const item of source.openItems({ dueBefore: clock.dueBefore })) {
      result.scanned++;
      batch.push(item);
      if (batch.length >= this.settings.batchSize) {
        await this.sweepBatch(source.name, batch, clock, result);
        batch = [];
      }
    }
    if (batch.length) await this.sweepBatch(source.name, batch, clock, result);
  }

  private async sweepBatch(
    source: string,
    items: TrackedDeadline[],
    clock: SweepClock,
    result: DeadlineSweepResult,
  ): Promise<void> {
    const seen = new Set<string>();
    const valid: TrackedDeadline[] = [];
    for (const item of items) {
      const problem = invalidItem(item);
      const key = problem ? '' : `${item.itemId}\u0000${item.deadlineKey}`;
      if (problem || seen.has(key)) {
        result.invalid++;
        this.logger.warn(
          `deadline source "${source}": skipped item ${String(item?.itemId)}/${String(item?.deadlineKey)}: ` +
            (problem ?? 'the same deadline twice in one batch'),
        );
        continue;
      }
      seen.add(key);
      valid.push(item);
    }
    const candidates: PendingNotice[] = [];
    for (const item of valid) {
      const status = deadlineStatus(item.dueAt, clock);
      for (const kind of status.kinds) candidates.push({ item, kind, status });
    }
    if (!candidates.length) return;
    // Most sweeps find most notices already sent: one read skips them without opening a transaction.
    const notified = await this.notices.notifiedDueAt(
      source,
      candidates.map((c) => c.item.itemId),
    );
    const pending = candidates.filter(
      (c) =>
        notified.get(noticeKey({ itemId: c.item.itemId, deadlineKey: c.item.deadlineKey, kind: c.kind })) !==
        c.item.dueAt.getTime(),
    );
    if (!pending.length) return;
    for (const emitted of await this.emitter.emit(source, pending)) {
      if (emitted.kind === 'due_soon') result.dueSoon++;
      else if (emitted.kind === 'overdue') result.overdue++;
      else result.escalated++;
    }
  }
}

function invalidItem(item: TrackedDeadline): string | null {
  if (!item || typeof item !== 'object') return 'not an object';
  if (typeof item.itemId !== 'string' || !item.itemId) return 'no itemId';
  if (typeof item.deadlineKey !== 'string' || !item.deadlineKey) return 'no deadlineKey';
  if (!(item.dueAt instanceof Date) || Number.isNaN(item.dueAt.getTime())) return 'dueAt is not a valid Date';
  if (typeof item.officeId !== 'string' || !item.officeId) return 'no officeId';
  if (typeof item.regionCode !== 'string' || !item.regionCode) return 'no regionCode';
  if (!Array.isArray(item.assignees)) return 'assignees is not a list';
  if (typeof item.title?.zh !== 'string' || typeof item.title?.en !== 'string') return 'no zh/en title';
  return null;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
