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

/**
 * Decisions awaiting publication (20 working days from the decision), and published decisions since changed or
 * revoked (to be taken down within 3 working days), for the deadline sweep: the case's officers are reminded; an
 * overdue one escalates to the supervisors over the office's region.
 */
@Injectable()
export class PublicationDeadlineSource implements DeadlineSource, OnModuleInit {
  readonly name = 'publications';

  constructor(
    private readonly registry: DeadlineSourceRegistry,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async *openItems({ dueBefore }: DeadlineWindow): AsyncIterable<TrackedDeadline> {
    const rows = pagesByDue(
      async (after) =>
        (await this.dataSource.query(
          `SELECT * FROM (
             SELECT p.id, p.case_id, CASE WHEN p.state = 'pending' THEN p.due_at ELSE p.withdraw_due_at END AS due_at,
                    p.state, p.office_id, p.region_code, p.decision_no,
                    ARRAY(SELECT co.user_id::text FROM case_officers co WHERE co.case_id = p.case_id ORDER BY co.user_id)
                      AS assignees
               FROM decision_publications p
              WHERE (p.state = 'pending' AND p.due_at < $1)
                 OR (p.state = 'published' AND p.withdraw_due_at IS NOT NULL AND p.withdraw_due_at < $1)) x
            WHERE ($2::timestamptz IS NULL OR (x.due_at, x.id) > ($2::timestamptz, $3::uuid))
            ORDER BY x.due_at, x.id LIMIT ${PAGE}`,
          [dueBefore.toISOString(), after?.dueAt ?? null, after?.id ?? null],
        )) as {
          id: string;
          case_id: string;
          due_at: Date;
          state: 'pending' | 'published';
          office_id: string;
          region_code: string;
          decision_no: string;
          assignees: string[];
        }[],
      PAGE,
    );
    for await (const r of rows) {
      const withdraw = r.state === 'published';
      yield {
        itemId: r.id,
        deadlineKey: withdraw ? 'publication_withdrawal' : 'publication',
        dueAt: new Date(r.due_at),
        officeId: r.office_id,
        regionCode: r.region_code,
        assignees: r.assignees,
        title: withdraw
          ? {
              zh: `决定书 ${r.decision_no} 已变更或撤销：撤下公示`,
              en: `Decision ${r.decision_no} changed: take it down`,
            }
          : { zh: `决定书 ${r.decision_no}：依法公示`, en: `Decision ${r.decision_no}: publish it` },
        link: `/credit/publications/${r.id}`,
      };
    }
  }
}
