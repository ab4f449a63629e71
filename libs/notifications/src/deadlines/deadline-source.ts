import type { Bilingual } from '@app/contracts';

/** One deadline of one open item, as a context reports it to the sweep. */
export interface TrackedDeadline {
  /** The item's id in its context (a case id, a complaint id…). */
  itemId: string;
  /** Which of the item's deadlines this is, e.g. 'filing', 'closing' — an item may have several at once. */
  deadlineKey: string;
  /** The instant the deadline expires (usually `endOfShanghaiDay(due date)`), after tolling and extensions. */
  dueAt: Date;
  /** The office handling the item: its officers are told when nobody is assigned. */
  officeId: string;
  /** GB/T 2260 code of the item's region: escalations go to the supervisors whose region contains it. */
  regionCode: string;
  /** User ids of the people working on the item. */
  assignees: string[];
  /** What the item is, in both languages, e.g. { zh: '案件 浙杭知执〔2026〕12号 立案审查', en: 'Case … filing review' }. */
  title: Bilingual;
  /** Path in the web app, e.g. /cases/123. */
  link?: string;
}

/** What the sweep asks a source for. */
export interface DeadlineWindow {
  /**
   * Exclusive upper bound: return every open item whose `dueAt` is before this instant — the due-soon horizon,
   * which includes everything already overdue (however long ago).
   */
  dueBefore: Date;
}

/**
 * A context's tracked deadlines (design.md rule 3). Contexts implement it and register it with
 * {@link DeadlineSourceRegistry} when their module initialises:
 *
 * ```ts
 * @Injectable()
 * export class CaseDeadlineSource implements DeadlineSource, OnModuleInit {
 *   readonly name = 'cases';
 *   constructor(private readonly registry: DeadlineSourceRegistry, private readonly steps: CaseStepRepository) {}
 *   onModuleInit() { this.registry.register(this); }
 *   async *openItems({ dueBefore }: DeadlineWindow) { yield* this.steps.streamOpenDueBefore(dueBefore); }
 * }
 * ```
 *
 * Only items still open (not closed, not suspended) are returned. A source may stream (an async generator reading
 * pages), so a large backlog never sits in memory at once. The sweep's notices are keyed by `name`, `itemId`
 * and `deadlineKey`: keep them stable.
 */
export interface DeadlineSource {
  /** Stable, unique name, e.g. 'cases', 'complaints', 'referrals' (stored in deadline_notices.source). */
  readonly name: string;
  openItems(window: DeadlineWindow): AsyncIterable<TrackedDeadline>;
}

/** Where the previous page of a keyset scan ordered by (due_at, id) ended. */
export interface DueCursor {
  dueAt: string;
  id: string;
}

/**
 * Streams rows ordered by (due_at, id) page by page, so a source never holds its whole backlog in memory: `fetch`
 * reads the page after the cursor (null for the first).
 */
export async function* pagesByDue<R extends { due_at: Date; id: string }>(
  fetch: (after: DueCursor | null) => Promise<R[]>,
  pageSize: number,
): AsyncIterable<R> {
  let after: DueCursor | null = null;
  for (;;) {
    const rows = await fetch(after);
    yield* rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = { dueAt: new Date(last.due_at).toISOString(), id: last.id };
  }
}
