import { actorByUsername } from '@app/auth';
import { CaseService, type CreateCaseInput } from '@app/cases';
import type { Actor } from '@app/contracts';
import { addDays, shanghaiDate } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

interface Step {
  action: string;
  daysAfterReceipt: number;
  body?: Record<string, unknown>;
}

interface DemoCase {
  by: string;
  officers: string[];
  receivedDaysAgo: number;
  input: Record<string, unknown>;
  steps: Step[];
}

const RESPONDENT = {
  role: 'respondent',
  kind: 'enterprise',
  name: '杭州某某贸易有限公司',
  uscc: '91330106MA2CFXX47J',
};
const CLAIMANT = { role: 'claimant', kind: 'individual', name: '张三', idNumber: '11010519491231002X' };
const TM = { ipType: 'trademark', procedure: 'penalty_trademark', regionCode: '330106' };
const NOTIFY = {
  outcome: 'penalty',
  facts: '当事人在其经营场所销售侵犯注册商标专用权的茶叶共计120盒，货值金额3.6万元。',
  legalBasis: '《中华人民共和国商标法》第五十七条第（三）项、第六十条第二款',
  fineFen: 5_000_000,
};

/** A handful of cases in different states, so the demo's lists, deadlines and documents have something to show. */
const DEMO_CASES: DemoCase[] = [
  {
    by: 'officer.zj',
    officers: ['officer.zj', 'officer2.zj'],
    receivedDaysAgo: 3,
    input: {
      ...TM,
      title: '关于西湖区某茶叶店涉嫌销售假冒“西湖龙井”商标茶叶的线索',
      source: 'complaint',
      parties: [RESPONDENT],
      rights: [{ number: '1234567', title: '西湖龙井', holder: '杭州市西湖龙井茶管理协会' }],
    },
    steps: [],
  },
  {
    by: 'officer.zj',
    officers: ['officer.zj', 'officer2.zj'],
    receivedDaysAgo: 40,
    input: {
      ...TM,
      title: '关于杭州某某贸易有限公司涉嫌侵犯注册商标专用权案',
      source: 'ex_officio',
      major: true,
      parties: [RESPONDENT],
      rights: [{ number: '1234567' }],
    },
    steps: [{ action: 'file', daysAfterReceipt: 5 }],
  },
  {
    by: 'officer.zj',
    officers: ['officer.zj', 'officer2.zj'],
    receivedDaysAgo: 120,
    input: {
      ...TM,
      title: '关于某电商店铺销售侵权商品案',
      source: 'ecommerce',
      online: true,
      parties: [RESPONDENT],
    },
    steps: [{ action: 'file', daysAfterReceipt: 3 }],
  },
  {
    by: 'officer.zj',
    officers: ['officer.zj', 'officer2.zj'],
    receivedDaysAgo: 60,
    input: {
      ...TM,
      title: '关于某批发市场摊位销售侵权商品案（送检鉴定中）',
      source: 'ex_officio',
      parties: [RESPONDENT],
    },
    steps: [
      { action: 'file', daysAfterReceipt: 2 },
      {
        action: 'suspend',
        daysAfterReceipt: 20,
        body: { pauseKind: 'appraisal', reason: '涉案商品送检鉴定' },
      },
    ],
  },
  {
    by: 'officer.zj',
    officers: ['officer.zj', 'officer2.zj'],
    receivedDaysAgo: 50,
    input: {
      ...TM,
      title: '关于某茶叶公司侵犯注册商标专用权案',
      source: 'complaint',
      parties: [RESPONDENT, CLAIMANT],
      rights: [{ number: '1234567' }],
    },
    steps: [
      { action: 'file', daysAfterReceipt: 4 },
      { action: 'notify', daysAfterReceipt: 30, body: NOTIFY },
    ],
  },
  {
    by: 'officer.zj',
    officers: ['officer.zj', 'officer2.zj'],
    receivedDaysAgo: 90,
    input: { ...TM, title: '关于某服饰店销售侵权服装案', source: 'ex_officio', parties: [RESPONDENT] },
    steps: [
      { action: 'file', daysAfterReceipt: 2 },
      { action: 'notify', daysAfterReceipt: 30, body: NOTIFY },
      {
        action: 'decide',
        daysAfterReceipt: 45,
        body: { ...NOTIFY, confiscatedFen: 120_000, defenceHeard: true },
      },
      { action: 'serve_decision', daysAfterReceipt: 47 },
      { action: 'close', daysAfterReceipt: 60 },
    ],
  },
  {
    by: 'officer.zj',
    officers: ['officer.zj', 'officer2.zj', 'officer3.zj'],
    receivedDaysAgo: 20,
    input: {
      title: '某科技公司请求处理某电器公司侵犯实用新型专利权纠纷案',
      ipType: 'patent_utility',
      procedure: 'patent_adjudication',
      source: 'request',
      regionCode: '330100',
      parties: [{ ...RESPONDENT, name: '杭州某某电器有限公司' }, CLAIMANT],
      rights: [{ number: '202320123456.1', title: '一种电热水壶', holder: '张三' }],
    },
    steps: [
      { action: 'file', daysAfterReceipt: 4 },
      { action: 'serve', daysAfterReceipt: 8 },
    ],
  },
  {
    by: 'officer.js',
    officers: ['officer.js', 'officer2.js'],
    receivedDaysAgo: 10,
    input: {
      ...TM,
      regionCode: '320100',
      title: '关于南京某商行涉嫌销售侵权商品案',
      source: 'trade_fair',
      parties: [{ ...RESPONDENT, name: '南京某某商行' }],
    },
    steps: [{ action: 'file', daysAfterReceipt: 1 }],
  },
];

/** Seeds the demo cases once (`npm run demo`); test databases do not get them. */
@Injectable()
export class DemoCaseSeeder {
  constructor(
    private readonly cases: CaseService,
    private readonly dataSource: DataSource,
  ) {}

  async seed(): Promise<{ cases: number }> {
    const [{ n }] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM cases`)) as { n: number }[];
    if (n > 0) return { cases: 0 };
    const today = shanghaiDate(new Date());
    for (const d of DEMO_CASES) {
      const actor = await this.actor(d.by);
      const officerIds = await Promise.all(d.officers.map(async (u) => (await this.actor(u)).id));
      const receivedOn = addDays(today, -d.receivedDaysAgo);
      let c = await this.cases.create(actor, {
        ...(d.input as unknown as CreateCaseInput),
        receivedOn,
        officerIds,
      });
      for (const s of d.steps) {
        const actedOn = addDays(receivedOn, s.daysAfterReceipt);
        c = await this.cases.act(actor, c.id, s.action, { version: c.version, actedOn, ...s.body });
      }
    }
    return { cases: DEMO_CASES.length };
  }

  private actor(username: string): Promise<Actor> {
    return actorByUsername((sql, params) => this.dataSource.query(sql, params), username);
  }
}
