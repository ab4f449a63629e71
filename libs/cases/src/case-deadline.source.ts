import {
  DeadlineSourceRegistry,
  pagesByDue,
  type DeadlineSource,
  type DeadlineWindow,
  type TrackedDeadline,
} from '@app/notifications';
import { DEADLINE_KEYS } from '@app/domain';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';

const PAGE = 500;

/**
 * The cases' office deadlines for the sweep (design.md rule 3): open, running (not stopped by a pause), due before
 * the window. Party windows (a respondent's defence period) are shown on the case but never swept.
 */
@Injectable()
export class CaseDeadlineSource implements DeadlineSource, OnModuleInit {
  readonly name = 'cases';

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
          `SELECT d.id::text, d.case_id, d.key, d.due_at, c.office_id, c.region_code, c.case_no, c.reg_no::text, c.title,
                ARRAY(SELECT co.user_id::text FROM case_officers co WHERE co.case_id = c.id ORDER BY co.user_id) AS assignees
           FROM case_deadlines d JOIN cases c ON c.id = d.case_id
          WHERE d.status = 'open' AND d.actor = 'office' AND d.due_at IS NOT NULL AND d.due_at < $1
            AND ($2::timestamptz IS NULL OR (d.due_at, d.id) > ($2::timestamptz, $3::bigint))
          ORDER BY d.due_at, d.id LIMIT ${PAGE}`,
          [dueBefore.toISOString(), after?.dueAt ?? null, after?.id ?? null],
        )) as {
          id: string;
          case_id: string;
          key: string;
          due_at: Date;
          office_id: string;
          region_code: string;
          case_no: string | null;
          reg_no: string;
          title: string;
          assignees: string[];
        }[],
      PAGE,
    );
    for await (const r of rows) {
      const key = DEADLINE_KEYS.find((k) => k.code === r.key);
      const name = r.case_no ?? `DJ${r.reg_no}`;
      yield {
        itemId: r.case_id,
        deadlineKey: r.key,
        dueAt: new Date(r.due_at),
        officeId: r.office_id,
        regionCode: r.region_code,
        assignees: r.assignees,
        title: { zh: `案件 ${name} ${key?.zh ?? r.key}`, en: `Case ${name}: ${key?.en ?? r.key}` },
        link: `/cases/${r.case_id}`,
      };
    }
  }
}
