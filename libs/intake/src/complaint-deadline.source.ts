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
    const rows = pagesByDue(
      async (after) =>
        (await this.dataSource.query(
          `SELECT c.id, c.tracking_no, c.due_at, c.office_id, c.region_code, o.region_code AS office_region
           FROM complaints c JOIN offices o ON o.id = c.office_id
          WHERE c.clock_met_at IS NULL AND c.due_at IS NOT NULL AND c.due_at < $1
            AND ($2::timestamptz IS NULL OR (c.due_at, c.id) > ($2::timestamptz, $3::uuid))
          ORDER BY c.due_at, c.id LIMIT ${PAGE}`,
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
        deadlineKey: 'acceptance',
        dueAt: new Date(r.due_at),
        officeId: r.office_id,
        regionCode: r.region_code ?? r.office_region,
        assignees: [],
        title: {
          zh: `工单 ${r.tracking_no} 受理审查`,
          en: `Complaint ${r.tracking_no}: acceptance decision`,
        },
        link: `/complaints/${r.id}`,
      };
    }
  }
}
