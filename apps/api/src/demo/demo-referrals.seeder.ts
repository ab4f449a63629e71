import { actorByUsername } from '@app/auth';
import type { Actor } from '@app/contracts';
import { ReferralService, SupervisionService } from '@app/referrals';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const NANJING = '南京市市场监督管理局（南京市知识产权局）';

/**
 * A few referrals between 浙江 and 江苏 and one supervised case, so the demo's 移送协作 page has something to show:
 * an assistance request, a case's jurisdiction transfer and a complaint's transfer waiting in 南京's inbox, and the
 * province supervising a case.
 * Runs once, after the demo cases (`npm run demo`); test databases do not get them.
 */
@Injectable()
export class DemoReferralSeeder {
  constructor(
    private readonly referrals: ReferralService,
    private readonly supervision: SupervisionService,
    private readonly dataSource: DataSource,
  ) {}

  async seed(): Promise<{ referrals: number; supervised: number }> {
    const [{ n }] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM referrals`)) as {
      n: number;
    }[];
    if (n > 0) return { referrals: 0, supervised: 0 };
    const open = (await this.dataSource.query(
      `SELECT c.id FROM cases c JOIN offices o ON o.id = c.office_id
        WHERE o.name LIKE '杭州市市场监督管理局%' AND c.status IN ('registered', 'investigating')
        ORDER BY c.received_on LIMIT 3`,
    )) as { id: string }[];
    if (open.length < 2) return { referrals: 0, supervised: 0 };
    const [{ id: nanjing }] = (await this.dataSource.query(`SELECT id FROM offices WHERE name = $1`, [
      NANJING,
    ])) as {
      id: string;
    }[];
    const officer = await this.actor('officer.zj');
    await this.referrals.create(officer, open[0].id, {
      kind: 'assistance',
      toOfficeId: nanjing,
      reason: '被请求人在南京市玄武区设有仓库',
      request: '请协助核实南京市玄武区某路1号仓库的实际经营者及库存情况',
    });
    await this.referrals.create(officer, open[1].id, {
      kind: 'jurisdiction',
      toOfficeId: nanjing,
      reason: '被请求人住所地及主要侵权行为实施地均在南京',
      legalBasis: '《市场监督管理行政处罚程序规定》第八条',
      targetRegionCode: '320102',
    });
    // A complaint about a 南京 firm that reached 杭州: transferred, the complainant told first.
    const [complaint] = (await this.dataSource.query(
      `SELECT c.id FROM complaints c JOIN offices o ON o.id = c.office_id
        WHERE o.short_name = '杭知执' AND c.state IN ('received', 'triaged') ORDER BY c.received_at LIMIT 1`,
    )) as { id: string }[];
    if (complaint) {
      await this.referrals.createForComplaint(officer, complaint.id, {
        kind: 'jurisdiction',
        toOfficeId: nanjing,
        reason: '被投诉人住所地及网店实际经营地均在南京市玄武区',
        legalBasis: '《市场监督管理投诉举报处理暂行办法》第十二条',
      });
    }
    let supervised = 0;
    if (open[2]) {
      await this.supervision.start(await this.actor('supervisor.zj'), open[2].id, {
        reason: '涉案金额较大、社会关注度高，省局挂牌督办',
        reportEveryDays: 15,
      });
      supervised = 1;
    }
    return { referrals: complaint ? 3 : 2, supervised };
  }

  private actor(username: string): Promise<Actor> {
    return actorByUsername((sql, params) => this.dataSource.query(sql, params), username);
  }
}
