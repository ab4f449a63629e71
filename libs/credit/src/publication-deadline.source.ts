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
 * Decisions awaiting publication (20 working days from the decision), for the deadline sweep: the case's officers
 * are reminded; an overdue publication escalates to the supervisors over the office's region.
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
          `SELECT p.id, p.case_id, p.due_at, p.office_id, p.region_code, p.decision_no,
                  ARRAY(SELECT co.user_id::text FROM case_officers co WHERE co.case_id = p.case_id ORDER BY co.user_id)
                    AS assignees
             FROM decision_publications p
            WHERE p.state = 'pending' AND p.due_at < $1
              AND ($2::timestamptz IS NULL OR (p.due_at, p.id) > ($2::timestamptz, $3::uuid))
            ORDER BY p.due_at, p.id LIMIT ${PAGE}`,
          [dueBefore.toISOString(), after?.dueAt ?? null, after?.id ?? null],
        )) as {
          id: string;
          case_id: string;
          due_at: Date;
          office_id: string;
          region_code: string;
          decision_no: string;
          assignees: string[];
        }[],
      PAGE,
    );
    for await (const r of rows) {
      yield {
        itemId: r.id,
        deadlineKey: 'publication',
        dueAt: new Date(r.due_at),
        officeId: r.office_id,
        regionCode: r.region_code,
        assignees: r.assignees,
        title: { zh: `决定书 ${r.decision_no}：依法公示`, en: `Decision ${r.decision_no}: publish it` },
        link: `/credit/publications/${r.id}`,
      };
    }
  }
}
