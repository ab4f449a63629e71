import {
  DeadlineSourceRegistry,
  pagesByDue,
  type DeadlineSource,
  type DeadlineWindow,
  type TrackedDeadline,
} from '@app/notifications';
import { OPEN_CASE_STATES } from '@app/domain';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';

const PAGE = 500;

/**
 * Progress reports of active joint supervisions (督办) on open cases, for the deadline sweep: the handling office
 * (the case's officers) is reminded; an overdue report escalates to the supervisors over the case's region.
 */
@Injectable()
export class SupervisionDeadlineSource implements DeadlineSource, OnModuleInit {
  readonly name = 'supervision';

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
          `SELECT s.id, s.case_id, s.next_report_due_at AS due_at, c.office_id, c.region_code, c.case_no, c.title,
                  ARRAY(SELECT co.user_id::text FROM case_officers co WHERE co.case_id = c.id ORDER BY co.user_id)
                    AS assignees
             FROM case_supervisions s JOIN cases c ON c.id = s.case_id
            WHERE s.state = 'active' AND s.next_report_due_at IS NOT NULL AND s.next_report_due_at < $1
              AND c.status = ANY($4::text[])
              AND ($2::timestamptz IS NULL OR (s.next_report_due_at, s.id) > ($2::timestamptz, $3::uuid))
            ORDER BY s.next_report_due_at, s.id LIMIT ${PAGE}`,
          [dueBefore.toISOString(), after?.dueAt ?? null, after?.id ?? null, OPEN_CASE_STATES],
        )) as {
          id: string;
          case_id: string;
          due_at: Date;
          office_id: string;
          region_code: string;
          case_no: string | null;
          title: string;
          assignees: string[];
        }[],
      PAGE,
    );
    for await (const r of rows) {
      const name = r.case_no ?? r.title;
      yield {
        itemId: r.id,
        deadlineKey: 'progress_report',
        dueAt: new Date(r.due_at),
        officeId: r.office_id,
        regionCode: r.region_code,
        assignees: r.assignees,
        title: { zh: `督办案件 ${name}：报送进展`, en: `Supervised case ${name}: progress report` },
        link: `/cases/${r.case_id}`,
      };
    }
  }
}
