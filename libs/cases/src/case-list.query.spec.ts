import { buildCaseListSql, COUNT_CAP, SEARCH_COUNT_CAP, type CaseListFilter } from './case-list.query';

const base: CaseListFilter = {
  regionRoot: null,
  sort: 'received_desc',
  page: 1,
  pageSize: 20,
  now: new Date(),
};

describe('buildCaseListSql', () => {
  it('scopes by the column of the root region level, so the first page is one ordered index range', () => {
    expect(buildCaseListSql({ ...base, regionRoot: '330000' }).listSql).toContain('c.province_code = $1');
    expect(buildCaseListSql({ ...base, regionRoot: '330100' }).listSql).toContain('c.city_code = $1');
    expect(buildCaseListSql({ ...base, regionRoot: '330106' }).listSql).toContain('c.region_code = $1');
    expect(buildCaseListSql(base).listSql).not.toContain('WHERE');
  });

  it('looks a whole case number up by its unique index and counts other free text to a lower cap', () => {
    const byNumber = buildCaseListSql({ ...base, q: '杭知执〔2026〕12号' });
    expect(byNumber.listSql).toContain('c.case_no = $1');
    expect(byNumber.countCap).toBe(COUNT_CAP);
    const text = buildCaseListSql({ ...base, q: '50%_折扣\\' });
    expect(text.listSql).toContain('c.search_text ILIKE $1');
    expect(text.listParams[0]).toBe('%50\\%\\_折扣\\\\%');
    expect(text.countCap).toBe(SEARCH_COUNT_CAP);
    expect(text.countSql).toContain(`LIMIT ${SEARCH_COUNT_CAP + 1}`);
  });

  it("takes an identifier's matches from the trigram index first, and keeps words on the plain predicate", () => {
    for (const q of ['10675049', '201912345678.X', '91330106MA2CFXX47J']) {
      const sql = buildCaseListSql({ ...base, regionRoot: '440000', q });
      expect(sql.listSql).toContain(
        'c.id = ANY(ARRAY(SELECT s.id FROM cases s WHERE s.search_text ILIKE $2))',
      );
      expect(sql.countSql).toContain('c.id = ANY(ARRAY(');
      expect(sql.listParams[1]).toBe(`%${q}%`);
    }
    for (const q of ['2019', 'abc12345', '众信家居', '有限公司 123456']) {
      expect(buildCaseListSql({ ...base, q }).listSql).toContain('c.search_text ILIKE $1');
    }
  });

  it('reads overdue=false as "no office deadline has passed"', () => {
    expect(buildCaseListSql({ ...base, overdue: false }).listSql).toContain(
      'c.next_due_at IS NULL OR c.next_due_at >=',
    );
    expect(buildCaseListSql({ ...base, overdue: true }).listSql).toContain('c.next_due_at < $1');
  });
});
