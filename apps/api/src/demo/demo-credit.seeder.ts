import { actorByUsername } from '@app/auth';
import { CreditListingService, DecisionPublicationService } from '@app/credit';
import type { Actor } from '@app/contracts';
import { shanghaiDate, usccCheckCharacter } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A valid credit code of 杭州市西湖区 with this serial. */
const uscc = (serial: number) => {
  const body = `91330106MA2D${String(serial).padStart(5, '0')}`;
  return `${body}${usccCheckCharacter(body)}`;
};

/**
 * Credit listings at every step, so the demo's 信用公示 page and the public registry have something to show: a
 * proposal, a notice in its defence window, one awaiting review, and two published (an enterprise, and an
 * individual the public sees masked), and the demo cases' decision published. Proposed by officer.zj, reviewed by head.hz (never the proposer). Runs once
 * (`npm run demo`); test databases do not get them.
 */
@Injectable()
export class DemoCreditSeeder {
  constructor(
    private readonly listings: CreditListingService,
    private readonly publications: DecisionPublicationService,
    private readonly dataSource: DataSource,
  ) {}

  async seed(): Promise<{ listings: number; publications?: number }> {
    const [{ n }] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM credit_listings WHERE case_id IS NULL`,
    )) as { n: number }[];
    if (n > 0) return { listings: 0 };
    const officer = await this.actor('officer.zj');
    const head = await this.actor('head.hz');
    const today = shanghaiDate(new Date());
    const propose = (serial: number, name: string, extra: object = {}) =>
      this.listings.propose(officer, {
        ground: 'refusing_execution',
        legalBasis: '《专利纠纷行政裁决和调解办法》第三十四条；《国家知识产权局知识产权信用管理规定》',
        facts: `${name}有履行能力而拒不履行专利侵权纠纷行政裁决。`,
        decisionNo: `杭知执裁〔2026〕${serial}号`,
        decisionDate: '2026-09-15',
        subjectKind: 'enterprise',
        subjectName: name,
        subjectUscc: uscc(serial),
        ...extra,
      });
    const notify = (l: { id: string; version: number }) =>
      this.listings.act(officer, l.id, 'notify', {
        version: l.version,
        servedOn: today,
        noticeMethod: 'mail',
      });
    const publish = async (l: { id: string; version: number }) => {
      const notified = await notify(l);
      const defended = await this.listings.act(officer, l.id, 'record_statement', {
        version: notified.version,
        statement: '当事人称资金困难，请求暂缓列入。',
      });
      return this.listings.act(head, l.id, 'list', {
        version: defended.version,
        reason: '有履行能力而拒不履行，经审核决定列入',
      });
    };

    await propose(1, '杭州拖延科技有限公司');
    await notify(await propose(2, '杭州迟缓贸易有限公司'));
    const review = await notify(await propose(3, '杭州推诿电器有限公司'));
    await this.listings.act(officer, review.id, 'record_statement', {
      version: review.version,
      statement: '当事人称已部分履行，请求不予列入。',
    });
    await publish(await propose(4, '杭州失信实业有限公司'));
    await publish(
      await propose(5, '张某某', {
        subjectKind: 'individual',
        subjectName: '张某某',
        subjectUscc: undefined,
        subjectIdNumber: '11010519491231002X',
      }),
    );
    // The demo cases' penalty decision is published (its publication was created when the case was decided).
    const pending = (await this.dataSource.query(
      `SELECT id, version FROM decision_publications WHERE state = 'pending' ORDER BY due_at`,
    )) as { id: string; version: number }[];
    for (const p of pending) await this.publications.act(officer, p.id, 'publish', { version: p.version });
    return { listings: 5, publications: pending.length };
  }

  private actor(username: string): Promise<Actor> {
    return actorByUsername((sql, params) => this.dataSource.query(sql, params), username);
  }
}
