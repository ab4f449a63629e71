import {
  DeadlineSourceRegistry,
  pagesByDue,
  type DeadlineSource,
  type DeadlineWindow,
  type TrackedDeadline,
} from '@app/notifications';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';

const PAGE = 500;

/** Complaints awaiting the acceptance decision, for the deadline sweep (reminders and escalation). */
@Injectable()
export class ComplaintDeadlineSource implements DeadlineSource, OnModuleInit {
  readonly name = 'complaints';

  constructor(
    private readonly registry: DeadlineSourceRegistry,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async *openItems({ dueBefore }: DeadlineWindow): AsyncIterable<TrackedDeadline> {
    yield* this.items('acceptance', dueBefore);
    yield* this.items('outcome_notice', dueBefore);
  }

  /**
   * `acceptance`: the decision to accept or refuse (or the verification of a report) is due; `outcome_notice`: the
   * complainant still has to be told the outcome (no SMS or e-mail could be sent).
   */
  private async *items(
    key: 'acceptance' | 'outcome_notice',
    dueBefore: Date,
  ): AsyncIterable<TrackedDeadline> {
    const [due, open] =
      key === 'acceptance'
        ? ['c.due_at', 'c.clock_met_at IS NULL']
        : ['c.notice_due_at', 'c.notified_at IS NULL'];
    const rows = pagesByDue(
      async (after) =>
        (await this.dataSource.query(
          `SELECT c.id, c.tracking_no, ${due} AS due_at, c.office_id, c.region_code, o.region_code AS office_region
           FROM complaints c JOIN offices o ON o.id = c.office_id
          WHERE ${open} AND ${due} IS NOT NULL AND ${due} < $1
            AND ($2::timestamptz IS NULL OR (${due}, c.id) > ($2::timestamptz, $3::uuid))
          ORDER BY ${due}, c.id LIMIT ${PAGE}`,
          [dueBefore.toISOString(), after?.dueAt ?? null, after?.id ?? null],
        )) as {
          id: string;
          tracking_no: string;
          due_at: Date;
          office_id: string;
          region_code: string | null;
          office_region: string;
        }[],
      PAGE,
    );
    for await (const r of rows) {
      yield {
        itemId: r.id,
        deadlineKey: key,
        dueAt: new Date(r.due_at),
        officeId: r.office_id,
        regionCode: r.region_code ?? r.office_region,
        assignees: [],
        title:
          key === 'acceptance'
            ? { zh: `工单 ${r.tracking_no} 受理审查`, en: `Complaint ${r.tracking_no}: acceptance decision` }
            : {
                zh: `工单 ${r.tracking_no} 告知投诉人处理结果`,
                en: `Complaint ${r.tracking_no}: tell the complainant`,
              },
        link: `/complaints/${r.id}`,
      };
    }
  }
}
