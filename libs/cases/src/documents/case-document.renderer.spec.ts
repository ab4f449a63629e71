import JSZip from 'jszip';
import { DOCUMENT_KINDS, type DocumentKind } from '@app/domain';
import {
  type CaseDocumentData,
  chineseDate,
  formatYuan,
  renderCaseDocument,
  yuanInWords,
} from './case-document.renderer';

const OFFICE = '杭州市市场监督管理局（杭州市知识产权局）';

async function partsOf(data: CaseDocumentData): Promise<{ text: string; xml: string; styles: string }> {
  const { buffer } = await renderCaseDocument(data);
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('word/document.xml')!.async('string');
  const styles = await zip.file('word/styles.xml')!.async('string');
  const text = xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
  return { text, xml, styles };
}

const textOf = async (data: CaseDocumentData): Promise<string> => (await partsOf(data)).text;

/** A trademark penalty case: respondent enterprise, the right-holder as claimant. */
const penaltyCase: Omit<CaseDocumentData, 'kind' | 'docNo'> = {
  officeName: OFFICE,
  caseNo: '杭知执〔2026〕12号',
  regNo: 'DJ2026000123',
  title: '杭州某某贸易有限公司销售侵犯注册商标专用权商品案',
  ipTypeZh: '商标',
  procedureZh: '商标侵权行政处罚',
  issuedOn: '2026-11-25',
  receivedOn: '2026-09-01',
  filedOn: '2026-09-05',
  parties: [
    {
      role: 'respondent',
      kind: 'enterprise',
      name: '杭州某某贸易有限公司',
      uscc: '91330102MA2H3K4L5P',
      address: '浙江省杭州市上城区解放路88号',
    },
    { role: 'claimant', kind: 'enterprise', name: '阿迪某某（中国）有限公司', uscc: '91310000607368201X' },
  ],
  rights: [{ number: '12345678', title: '“ABC”注册商标', holder: '阿迪某某（中国）有限公司' }],
  officers: [{ name: '张三' }, { name: '李四' }],
  facts:
    '2026年9月3日，本局执法人员对当事人经营场所进行检查，现场查获标注“ABC”商标的运动鞋120双。' +
    '经商标权利人辨认，上述商品均为侵犯注册商标专用权的商品。\n' +
    '当事人自2026年8月起购进并销售上述商品，违法经营额为人民币36,000.00元。',
  legalBasis: '《中华人民共和国商标法》第六十条第二款',
  reason: '当事人销售侵犯注册商标专用权的商品，违反了《中华人民共和国商标法》第五十七条第（三）项的规定',
  outcome: 'penalty',
  fineFen: 10800000,
  confiscatedFen: 1250050,
  illegalGainsFen: 1250050,
  statementDue: '2026-11-30',
};

/** A patent infringement dispute: enterprise claimant, individual respondent. */
const disputeCase: Omit<CaseDocumentData, 'kind' | 'docNo'> = {
  officeName: OFFICE,
  caseNo: '杭知执〔2026〕20号',
  regNo: 'DJ2026000456',
  title: '宁波某某电器有限公司与王某某发明专利侵权纠纷案',
  ipTypeZh: '发明专利',
  procedureZh: '专利侵权纠纷行政裁决',
  issuedOn: '2026-12-10',
  receivedOn: '2026-08-15',
  filedOn: '2026-08-20',
  parties: [
    {
      role: 'claimant',
      kind: 'enterprise',
      name: '宁波某某电器有限公司',
      uscc: '91330203MA28XY1234',
      address: '浙江省宁波市海曙区中山西路100号',
    },
    {
      role: 'respondent',
      kind: 'individual',
      name: '王某某',
      idNumber: '330106198001011234',
      address: '浙江省杭州市西湖区文三路1号',
    },
  ],
  rights: [{ number: 'ZL202010123456.7', title: '一种电热水壶的温控装置', holder: '宁波某某电器有限公司' }],
  officers: [{ name: '赵六' }, { name: '钱七' }, { name: '孙八' }],
  facts:
    '被请求人在其经营的网店中许诺销售、销售的电热水壶，其温控装置的技术特征落入涉案专利权利要求1的保护范围。',
  legalBasis: '《中华人民共和国专利法》第十一条、第六十五条',
  reason: '被控侵权产品具备涉案专利权利要求1的全部技术特征，落入涉案专利权的保护范围',
  outcome: 'ruling_infringing',
};

const docNoOf = (kind: DocumentKind): string =>
  `杭知执${DOCUMENT_KINDS.find((k) => k.code === kind)!.numberWord}〔2026〕3号`;

const realistic: Record<DocumentKind, CaseDocumentData> = {
  filing_notice: { ...penaltyCase, kind: 'filing_notice', docNo: docNoOf('filing_notice') },
  not_filed_notice: {
    ...penaltyCase,
    kind: 'not_filed_notice',
    docNo: docNoOf('not_filed_notice'),
    caseNo: null,
    filedOn: null,
    reason: '经权利人辨认，被投诉商品并非侵权商品，现有证据不足以证明存在违法行为',
    legalBasis: '《市场监督管理行政处罚程序规定》第二十条',
    outcome: null,
    fineFen: null,
    confiscatedFen: null,
    illegalGainsFen: null,
  },
  penalty_notice: { ...penaltyCase, kind: 'penalty_notice', docNo: docNoOf('penalty_notice') },
  penalty_decision: { ...penaltyCase, kind: 'penalty_decision', docNo: docNoOf('penalty_decision') },
  ruling: { ...disputeCase, kind: 'ruling', docNo: docNoOf('ruling') },
  mediation_agreement: {
    ...disputeCase,
    kind: 'mediation_agreement',
    docNo: docNoOf('mediation_agreement'),
    outcome: 'mediation_agreement',
    facts:
      '一、被请求人自本协议生效之日起立即停止销售涉案电热水壶，并于2026年12月31日前下架全部相关商品链接；\n' +
      '二、被请求人于2026年12月31日前向请求人支付经济补偿人民币50,000元；\n' +
      '三、请求人放弃就本案纠纷的其他请求。',
  },
  closing_report: { ...penaltyCase, kind: 'closing_report', docNo: docNoOf('closing_report') },
};

/** Kind-specific phrases that must appear in the realistic document. */
const expected: Record<DocumentKind, string[]> = {
  filing_notice: [
    '2026年9月5日',
    '杭知执〔2026〕12号',
    '张三、李四',
    '12345678',
    '“ABC”注册商标',
    '特此通知',
  ],
  not_filed_notice: [
    '经权利人辨认，被投诉商品并非侵权商品，现有证据不足以证明存在违法行为',
    '依据《市场监督管理行政处罚程序规定》第二十条的规定',
    '经权利人辨认，被投诉商品并非侵权商品，现有证据不足以证明存在违法行为。依据',
    '本局决定不予立案',
    '六十日内',
    '《中华人民共和国行政复议法》',
    '六个月内',
    '《中华人民共和国行政诉讼法》',
  ],
  penalty_notice: [
    '经查明：2026年9月3日',
    '违法经营额为人民币36,000.00元',
    '依据《中华人民共和国商标法》第六十条第二款的规定',
    '罚款人民币108,000.00元（大写：壹拾万零捌仟元整）',
    '没收违法所得人民币12,500.50元（大写：壹万贰仟伍佰元伍角）',
    '陈述、申辩',
    '要求举行听证',
    '请于2026年11月30日前向本局提出',
  ],
  penalty_decision: [
    '经查明：2026年9月3日',
    '证据确实、充分',
    '依据《中华人民共和国商标法》第六十条第二款的规定，本局决定',
    '罚款人民币108,000.00元（大写：壹拾万零捌仟元整）',
    '没收违法所得人民币12,500.50元（大写：壹万贰仟伍佰元伍角）',
    '罚没款合计人民币120,500.50元（大写：壹拾贰万零伍佰元伍角）',
    '十五日内',
    '六十日内',
    '六个月内',
  ],
  ruling: [
    '请求人宁波某某电器有限公司请求',
    '经审理查明：被请求人在其经营的网店中',
    '合议组认为',
    '赵六、钱七、孙八',
    '侵权成立',
    '责令被请求人王某某立即停止侵权行为',
    '十五日内',
    '《中华人民共和国专利法》第六十五条',
    '身份证号码：330106198001011234',
    '请求人名称：宁波某某电器有限公司',
    '被请求人姓名：王某某',
  ],
  mediation_agreement: [
    '达成如下协议',
    '二、被请求人于2026年12月31日前向请求人支付经济补偿人民币50,000元',
    '请求人（签名或盖章）：宁波某某电器有限公司',
    '被请求人（签名或盖章）：王某某',
    '调解人员（签名）：赵六',
    '一式三份',
  ],
  closing_report: [
    '案件名称：杭州某某贸易有限公司销售侵犯注册商标专用权商品案',
    '处理结果：行政处罚',
    '罚款：人民币108,000.00元（大写：壹拾万零捌仟元整）',
    '没收违法所得：人民币12,500.50元（大写：壹万贰仟伍佰元伍角）',
    '执法人员：张三、李四',
    '建议结案',
  ],
};

describe('renderCaseDocument', () => {
  describe.each(DOCUMENT_KINDS.map((k) => [k.code, k.zh] as const))('%s (%s)', (kind, zh) => {
    it('prints the heading, number, parties, closing block and the kind-specific content', async () => {
      const data = realistic[kind];
      const text = await textOf(data);
      expect(text).toContain(OFFICE);
      expect(text).toContain(zh);
      expect(text).toContain(data.docNo);
      for (const p of data.parties) expect(text).toContain(p.name);
      for (const phrase of expected[kind]) expect(text).toContain(phrase);
      expect(text).toContain('执法人员：');
      expect(text).toContain('（印章）');
      expect(text).toContain(chineseDate(data.issuedOn));
      expect(text).not.toMatch(/undefined|null|NaN/);
    });

    it('prints no undefined/null with minimal data (no optional fields)', async () => {
      const data: CaseDocumentData = {
        kind,
        docNo: docNoOf(kind),
        officeName: OFFICE,
        caseNo: null,
        regNo: 'DJ2026000001',
        title: '某某涉嫌侵权案',
        ipTypeZh: '外观设计专利',
        procedureZh: '专利侵权纠纷行政裁决',
        issuedOn: '2026-01-05',
        receivedOn: '2026-01-02',
        filedOn: null,
        parties: [
          { role: 'claimant', kind: 'enterprise', name: '甲公司' },
          { role: 'respondent', kind: 'individual', name: '乙某' },
        ],
        rights: [],
        officers: [],
      };
      const text = await textOf(data);
      expect(text).not.toMatch(/undefined|null|NaN|\[object/);
      expect(text).toContain(zh);
      expect(text).toContain('甲公司');
      expect(text).toContain('乙某');
      expect(text).toContain('2026年1月5日');
    });
  });

  it('rules against the claimant when the infringement is not established', async () => {
    const text = await textOf({ ...realistic.ruling, outcome: 'ruling_not_infringing' });
    expect(text).toContain('侵权不成立');
    expect(text).toContain('驳回请求人宁波某某电器有限公司的请求');
    expect(text).not.toContain('侵权成立；');
    expect(text).not.toContain('强制执行');
  });

  it('labels penalty parties 当事人 and names the right-holder without particulars', async () => {
    const text = await textOf(realistic.penalty_decision);
    expect(text).toContain('当事人名称：杭州某某贸易有限公司');
    expect(text).toContain('统一社会信用代码：91330102MA2H3K4L5P');
    expect(text).toContain('地址：浙江省杭州市上城区解放路88号');
    expect(text).toContain('权利人：阿迪某某（中国）有限公司');
    expect(text).not.toContain('91310000607368201X');
    expect(text).not.toContain('被请求人');
  });

  it('falls back to the statutory window when no statementDue is given', async () => {
    const text = await textOf({ ...realistic.penalty_notice, statementDue: null });
    expect(text).toContain('自收到本告知书之日起五个工作日内');
  });

  it('uses 宋体 (eastAsia) for the body, 黑体 for the heading, on A4', async () => {
    const { xml, styles } = await partsOf(realistic.penalty_decision);
    expect(styles).toMatch(/w:eastAsia="宋体"/);
    expect(xml).toMatch(/w:eastAsia="宋体"/);
    expect(xml).toMatch(/w:eastAsia="黑体"/);
    expect(xml).toMatch(/<w:pgSz[^>]*w:w="11906"[^>]*w:h="16838"/);
    expect(xml).toMatch(/<w:jc w:val="right"\/>/);
    expect(xml).toMatch(/<w:jc w:val="center"\/>/);
  });

  it('names the file after the document number, unsafe characters replaced', async () => {
    const ok = await renderCaseDocument(realistic.filing_notice);
    expect(ok.fileName).toBe('杭知执立〔2026〕3号.docx');
    expect(ok.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(ok.buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    const odd = await renderCaseDocument({ ...realistic.filing_notice, docNo: 'a/b\\c:d*e?f"g<h>i|j' });
    expect(odd.fileName).toBe('a_b_c_d_e_f_g_h_i_j.docx');
  });

  it('rejects bad amounts and dates', async () => {
    await expect(renderCaseDocument({ ...realistic.penalty_decision, fineFen: -1 })).rejects.toThrow(Error);
    await expect(renderCaseDocument({ ...realistic.penalty_decision, fineFen: 1.5 })).rejects.toThrow(Error);
    await expect(
      renderCaseDocument({ ...realistic.penalty_decision, issuedOn: '2026-02-30' }),
    ).rejects.toThrow(Error);
  });
});

describe('formatYuan', () => {
  it.each([
    [0, '0.00元'],
    [5, '0.05元'],
    [100, '1.00元'],
    [99999, '999.99元'],
    [100000, '1,000.00元'],
    [1234567, '12,345.67元'],
    [123456789012, '1,234,567,890.12元'],
  ])('%d fen → %s', (fen, s) => {
    expect(formatYuan(fen)).toBe(s);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('rejects %p', (fen) => {
    expect(() => formatYuan(fen)).toThrow(Error);
  });
});

describe('yuanInWords', () => {
  // Hand-checked against the People's Bank rules (《支付结算办法》附件 正确填写票据和结算凭证的基本规定)
  // and its worked examples (¥1409.50, ¥6007.14, ¥325.04).
  it.each([
    [0, '零元整'],
    [1, '壹分'],
    [50, '伍角'],
    [100, '壹元整'],
    [150, '壹元伍角'],
    [1005, '壹拾元零伍分'],
    [1500, '壹拾伍元整'],
    [32504, '叁佰贰拾伍元零肆分'],
    [140950, '壹仟肆佰零玖元伍角'],
    [600714, '陆仟零柒元壹角肆分'],
    [168032, '壹仟陆佰捌拾元叁角贰分'],
    [1234567, '壹万贰仟叁佰肆拾伍元陆角柒分'],
    [10000000, '壹拾万元整'],
    [10800000, '壹拾万零捌仟元整'],
    [100010000, '壹佰万零壹佰元整'],
    [10000000000, '壹亿元整'],
    [100000000100, '壹拾亿零壹元整'],
    [100000000000000, '壹万亿元整'],
    [1000010000000000, '壹拾万零壹亿元整'],
    [1234500000000000, '壹拾贰万叁仟肆佰伍拾亿元整'],
  ])('%d fen → %s', (fen, s) => {
    expect(yuanInWords(fen)).toBe(s);
  });

  it.each([-1, -100, 0.5, 100.01, Number.NaN])('rejects %p', (fen) => {
    expect(() => yuanInWords(fen)).toThrow(Error);
  });
});

describe('chineseDate', () => {
  it('writes the date without leading zeros', () => {
    expect(chineseDate('2026-11-25')).toBe('2026年11月25日');
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
  });

  it('rejects what is not a real YYYY-MM-DD date', () => {
    expect(() => chineseDate('2026-02-30')).toThrow(Error);
    expect(() => chineseDate('2026/11/25')).toThrow(Error);
  });
});
