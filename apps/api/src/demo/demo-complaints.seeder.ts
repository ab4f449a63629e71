import { actorByUsername } from '@app/auth';
import type { Actor } from '@app/contracts';
import { ComplaintFollowUpService, ComplaintService, type ComplaintInput } from '@app/intake';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const CALLER = {
  channel: 'phone',
  category: 'complaint',
  complainantName: '张三',
  complainantPhone: '13800138000',
  complainantIdNumber: '11010519491231002X',
  respondentName: '杭州某某贸易有限公司',
  respondentUscc: '91330106MA2CFXX47J',
  respondentAddress: '杭州市西湖区文三路100号',
  ipType: 'trademark',
  rightNumber: '1234567',
  regionCode: '330106',
  description: '在西湖区某茶叶店发现销售假冒“西湖龙井”注册商标的茶叶，包装与正品相似。',
};

/**
 * Complaints in the states an operator and an officer meet in a day (`npm run demo`): new calls, a possible
 * duplicate, an accepted complaint filed as a case, a refused one closed and awaiting its callback, an answered
 * consultation, and a report from the public form. Test databases do not get them.
 */
@Injectable()
export class DemoComplaintSeeder {
  constructor(
    private readonly complaints: ComplaintService,
    private readonly followUp: ComplaintFollowUpService,
    private readonly dataSource: DataSource,
  ) {}

  async seed(): Promise<{ complaints: number }> {
    const [{ n }] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM complaints`)) as {
      n: number;
    }[];
    if (n > 0) return { complaints: 0 };
    const operator = await this.actor('operator.zj');
    const officer = await this.actor('officer.zj');
    const hz = (await this.dataSource.query(`SELECT id FROM offices WHERE short_name = '杭知执'`)) as {
      id: string;
    }[];
    const add = (input: Partial<ComplaintInput>, by: Actor = operator) =>
      this.complaints.register(by, { ...CALLER, ...input } as ComplaintInput);

    await add({});
    await add({ complainantName: '李四', complainantPhone: '13900139000', complainantIdNumber: undefined });
    const filed = await add({ officeId: hz[0].id, respondentName: '杭州某某电器有限公司' });
    const accepted = await this.complaints.act(officer, filed.id, 'accept', { version: filed.version });
    await this.followUp.convert(officer, filed.id, {
      version: accepted.version,
      procedure: 'penalty_trademark',
    });
    const refused = await add({ officeId: hz[0].id, respondentName: '某网店', respondentUscc: undefined });
    const r = await this.complaints.act(officer, refused.id, 'refuse', {
      version: refused.version,
      refusalGround: 'materials_missing',
      reason: '未提供商标注册证及侵权商品照片',
    });
    await this.complaints.act(operator, refused.id, 'close', { version: r.version });
    const q = await add({
      category: 'consultation',
      anonymous: true,
      complainantName: undefined,
      complainantPhone: undefined,
      complainantIdNumber: undefined,
      respondentName: undefined,
      respondentUscc: undefined,
      ipType: undefined,
      rightNumber: undefined,
      regionCode: undefined,
      description: '请问发现他人使用我的外观设计专利，应当向哪个部门投诉？',
    });
    await this.complaints.act(operator, q.id, 'answer', {
      version: q.version,
      answer: '可向侵权行为地的地市级知识产权管理部门投诉，或拨打12330由我们为您转办。',
    });
    await add({
      channel: 'web',
      category: 'report',
      complainantName: '王五',
      complainantPhone: '13700137000',
      respondentName: '义乌某某日用品商行',
      respondentUscc: undefined,
      regionCode: '330782',
      rightNumber: undefined,
      description: '该商行批发假冒知名品牌的洗发水，仓库在后院。',
    });
    // A firm of 南京 selling online into 杭州: the demo's referrals transfer it (DemoReferralSeeder).
    await add({
      officeId: hz[0].id,
      channel: 'web',
      respondentName: '南京某某网络科技有限公司',
      respondentUscc: '91320102MA1X4B7Y2H',
      respondentPlatform: '某电商平台',
      description: '该公司网店销售假冒我方注册商标的茶叶礼盒，发货地为南京市玄武区。',
    });
    return { complaints: 7 };
  }

  private actor(username: string): Promise<Actor> {
    return actorByUsername((sql, params) => this.dataSource.query(sql, params), username);
  }
}
