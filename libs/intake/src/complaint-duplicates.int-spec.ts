import { CalendarModule } from '@app/calendar';
import type { Actor } from '@app/contracts';
import { OutboxModule } from '@app/outbox';
import { actorOf, createTestModule, type TestModule } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { ComplaintDuplicateFinder } from './complaint-duplicates';
import { ComplaintService } from './complaint.service';
import { IntakeModule } from './intake.module';

/** Respondent names in the duplicate check: compared by their core, kept in complaint_names by a trigger. */
describe('duplicate check by respondent name', () => {
  let t: TestModule;
  let operator: Actor;
  // A trade name no other test uses, so other tests' complaints in the shared database stay out of the hits.
  const trade = `嘉${randomUUID().slice(0, 4)}`;
  const register = (respondentName: string | undefined, regionCode = '330106') =>
    t.module.get(ComplaintService).register(operator, {
      channel: 'phone',
      category: 'complaint',
      complainantName: '张三',
      complainantPhone: '13800138000',
      respondentName,
      ipType: 'trademark',
      regionCode,
      description: '销售假冒商标商品',
    });
  const byName = (respondentName: string) =>
    t.module.get(ComplaintDuplicateFinder).find(operator, { respondentName });

  beforeAll(async () => {
    t = await createTestModule({ imports: [OutboxModule, CalendarModule, IntakeModule] });
    operator = await actorOf(t.db, 'operator.zj');
  });
  afterAll(() => t.close());

  it('reduces a name to its core: no case, spaces, punctuation or legal form at the end', async () => {
    const cases: [string, string][] = [
      ['杭州纳航茶业有限公司', '杭州纳航茶业'],
      ['杭州纳航茶业有限责任公司', '杭州纳航茶业'],
      ['浙江华盛贸易（集团）股份有限公司', '浙江华盛贸易'],
      ['义乌市华锐日用品经营部', '义乌市华锐日用品'],
      ['ACME Trading Co., Ltd.', 'acmetrading'],
      ['Siemens GmbH', 'siemens'],
      ['有限公司', '有限公司'],
      ['某网店', '某网店'],
    ];
    const rows = await t.db.sql(`SELECT n, ipe_name_core(n) AS core FROM unnest($1::text[]) AS n`, [
      cases.map(([n]) => n),
    ]);
    expect(rows.map((r) => [r.n, r.core])).toEqual(cases);
  });

  it('finds one firm written with or without its legal form, but not others of the same place and trade', async () => {
    const full = await register(`杭州${trade}电子科技有限公司`);
    const bare = await register(`${trade}电子科技`);
    const neighbour = await register('杭州远航电子科技有限公司');
    const hits = await byName(`杭州${trade}电子科技股份有限公司`);
    const ids = hits.map((h) => h.id);
    expect(ids).toContain(full.id);
    expect(ids).toContain(bare.id);
    expect(ids).not.toContain(neighbour.id);
    expect(hits[0]).toMatchObject({ id: full.id, reasons: ['respondent_name'], similarity: 1 });
    const partial = hits.find((h) => h.id === bare.id)!;
    expect(partial.similarity).toBeGreaterThanOrEqual(0.4);
    expect(partial.similarity).toBeLessThan(1);
  });

  it('follows a renamed respondent, a removed name and a receipt outside the 90 days', async () => {
    const c = await register(`湖州${trade}茶业有限公司`);
    const query = `湖州${trade}茶业`;
    expect((await byName(query)).map((h) => h.id)).toContain(c.id);

    await t.db.sql(`UPDATE complaints SET respondent_name = $2 WHERE id = $1`, [
      c.id,
      `温州${trade}鞋业有限公司`,
    ]);
    expect((await byName(query)).map((h) => h.id)).not.toContain(c.id);
    expect((await byName(`温州${trade}鞋业`)).map((h) => h.id)).toContain(c.id);

    await t.db.sql(
      `UPDATE complaints SET received_at = now() - interval '91 days',
              received_on = ((now() - interval '91 days') AT TIME ZONE 'Asia/Shanghai')::date WHERE id = $1`,
      [c.id],
    );
    expect((await byName(`温州${trade}鞋业`)).map((h) => h.id)).not.toContain(c.id);

    await t.db.sql(`UPDATE complaints SET respondent_name = NULL WHERE id = $1`, [c.id]);
    expect(await t.db.sql(`SELECT 1 FROM complaint_names WHERE complaint_id = $1`, [c.id])).toEqual([]);
  });

  it('ranks more reasons first and leaves out what the operator cannot see', async () => {
    const mine = await register(`宁波${trade}服饰有限公司`);
    const elsewhere = await register(`宁波${trade}服饰有限公司`, '320102');
    const hits = await byName(`宁波${trade}服饰`);
    expect(hits.map((h) => h.id)).toEqual([mine.id]);
    const officerJs = await actorOf(t.db, 'officer.js');
    const theirs = await t.module
      .get(ComplaintDuplicateFinder)
      .find(officerJs, { respondentName: `宁波${trade}服饰`, phone: '13800138000' });
    expect(theirs[0]).toMatchObject({ id: elsewhere.id });
    expect(theirs[0].reasons.sort()).toEqual(['phone', 'respondent_name']);
    expect(theirs.map((h) => h.id)).not.toContain(mine.id);
  });
});
