import {
  DeadlineSourceRegistry,
  pagesByDue,
  type DeadlineSource,
  type DeadlineWindow,
  type TrackedDeadline,
} from '@app/notifications';
import { OPEN_REFERRAL_STATES, REFERRAL_CLOCKS, type ReferralClock } from '@app/domain';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';

const PAGE = 500;

/** Clocks the receiving office runs; the others are the sending office's (police steps it follows up). */
const RECEIVER_CLOCKS: ReferralClock[] = ['response', 'answer'];

/** Open referrals' running clocks, for the deadline sweep: reminders to the office whose turn it is, escalation. */
@Injectable()
export class ReferralDeadlineSource implements DeadlineSource, OnModuleInit {
  readonly name = 'referrals';

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
          `SELECT r.id, r.referral_no, r.clock, r.due_at, r.from_office_id, r.to_office_id, r.superior_region_code,
                  f.region_code AS from_region, t.region_code AS to_region
             FROM referrals r JOIN offices f ON f.id = r.from_office_id JOIN offices t ON t.id = r.to_office_id
            WHERE r.due_at IS NOT NULL AND r.due_at < $1 AND r.state = ANY($4::text[])
              AND ($2::timestamptz IS NULL OR (r.due_at, r.id) > ($2::timestamptz, $3::uuid))
            ORDER BY r.due_at, r.id LIMIT ${PAGE}`,
          [dueBefore.toISOString(), after?.dueAt ?? null, after?.id ?? null, OPEN_REFERRAL_STATES],
        )) as {
          id: string;
          referral_no: string;
          clock: ReferralClock;
          due_at: Date;
          from_office_id: string;
          to_office_id: string;
          superior_region_code: string | null;
          from_region: string;
          to_region: string;
        }[],
      PAGE,
    );
    for await (const r of rows) {
      const receiver = RECEIVER_CLOCKS.includes(r.clock);
      const clock = REFERRAL_CLOCKS.find((c) => c.code === r.clock) ?? { zh: r.clock, en: r.clock };
      yield {
        itemId: r.id,
        deadlineKey: r.clock,
        dueAt: new Date(r.due_at),
        officeId: receiver ? r.to_office_id : r.from_office_id,
        regionCode:
          r.clock === 'designation' && r.superior_region_code
            ? r.superior_region_code
            : receiver
              ? r.to_region
              : r.from_region,
        assignees: [],
        title: { zh: `移送 ${r.referral_no}：${clock.zh}`, en: `Referral ${r.referral_no}: ${clock.en}` },
        link: `/referrals/${r.id}`,
      };
    }
  }
}
