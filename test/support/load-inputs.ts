/**
 * Request bodies the fault suites send over and over while a fault is injected: a 杭州 trademark complaint and a
 * trademark case for officer.zj's office. `tag` makes each one distinct (and findable afterwards).
 */

/** A complaint about a 西湖区 tea shop (public form as is; the operator console adds `channel`). */
export const trademarkComplaintInput = (tag: string) => ({
  category: 'complaint',
  complainantName: '张三',
  complainantPhone: '13800138000',
  respondentName: '杭州某某贸易有限公司',
  respondentUscc: '91330106MA2CFXX47J',
  ipType: 'trademark',
  rightNumber: '1234567',
  regionCode: '330106',
  description: `在西湖区某茶叶店发现假冒“西湖龙井”商标的茶叶 ${tag}`,
});

type PartyInput = { role: string; kind: string; name: string; uscc?: string; idNumber?: string };

/** An ex-officio trademark case against the same shop, assigned to `officerIds`, with any further parties. */
export const trademarkCaseInput = (tag: string, officerIds: string[], moreParties: PartyInput[] = []) => ({
  title: `关于杭州某某贸易有限公司涉嫌侵犯注册商标专用权案 ${tag}`,
  ipType: 'trademark',
  procedure: 'penalty_trademark',
  source: 'ex_officio',
  regionCode: '330106',
  officerIds,
  parties: [
    { role: 'respondent', kind: 'enterprise', name: '杭州某某贸易有限公司', uscc: '91330106MA2CFXX47J' },
    ...moreParties,
  ],
  rights: [{ number: '1234567', title: '西湖龙井', holder: '杭州西湖龙井茶协会' }],
});
