import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  convertMillimetersToTwip,
} from 'docx';
import { DOCUMENT_KINDS, OUTCOMES, isValidIsoDate } from '@app/domain';
import type { DocumentKind, IsoDate, Outcome, PartyKind, PartyRole } from '@app/domain';

/**
 * The official documents of a case (立案通知书, 行政处罚决定书, 行政裁决书 …) as DOCX files. A pure function of the
 * case data: no I/O, no clock — the date printed is `issuedOn`, given by the caller (Asia/Shanghai).
 *
 * Layout follows the national standard for official documents (GB/T 9704-2012) as far as a generated file can:
 * A4, margins 37/26/35/28 mm (top/right/bottom/left), heading in 黑体, body in 宋体 三号 with a fixed 28 pt line,
 * page numbers "— n —" in the footer.
 */

export interface CaseDocumentData {
  kind: DocumentKind;
  /** The document's own number, already formatted: `杭知执罚决〔2026〕3号`. */
  docNo: string;
  /** The issuing office: `杭州市市场监督管理局（杭州市知识产权局）`. */
  officeName: string;
  /** `杭知执〔2026〕12号`; null before filing. */
  caseNo: string | null;
  regNo: string;
  title: string;
  ipTypeZh: string;
  procedureZh: string;
  /** The date printed on the document (Asia/Shanghai). */
  issuedOn: IsoDate;
  receivedOn: IsoDate;
  filedOn: IsoDate | null;
  parties: {
    role: PartyRole;
    kind: PartyKind;
    name: string;
    uscc?: string | null;
    idNumber?: string | null;
    address?: string | null;
  }[];
  rights: { number: string; title: string; holder: string }[];
  officers: { name: string }[];
  /**
   * Facts found (经查明); for a mediation agreement, the agreed terms; for a closing report, the summary of handling.
   * Line breaks start new paragraphs.
   */
  facts?: string | null;
  /** The legal provisions applied, e.g. `《中华人民共和国商标法》第六十条第二款`. */
  legalBasis?: string | null;
  /** Why not filed (不予立案); the office's or panel's reasoning (本局认为) in decisions and rulings. */
  reason?: string | null;
  outcome?: Outcome | null;
  /** Integer fen (1 yuan = 100 fen). */
  fineFen?: number | null;
  /** Confiscated illegal gains (没收违法所得), integer fen. */
  confiscatedFen?: number | null;
  /** Illegal gains found (违法所得), integer fen. */
  illegalGainsFen?: number | null;
  /** End of the statement-and-defence window (penalty_notice). */
  statementDue?: IsoDate | null;
}

export interface RenderedDocument {
  buffer: Buffer;
  fileName: string;
  contentType: string;
}

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// ---------------------------------------------------------------------------------------------------------------
// Amounts and dates
// ---------------------------------------------------------------------------------------------------------------

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen) || fen < 0) {
    throw new RangeError(`An amount must be a non-negative integer number of fen, got ${String(fen)}`);
  }
}

/** 1234567 → '12,345.67元'. */
export function formatYuan(fen: number): string {
  assertFen(fen);
  const yuan = Math.floor(fen / 100);
  const cents = String(fen % 100).padStart(2, '0');
  return `${String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}元`;
}

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const PLACES = ['', '拾', '佰', '仟'];
/**
 * The integer part in 大写, without '元'; '' for 0. One '零' stands for any run of zeros between non-zero digits;
 * '万' closes a four-digit group with a non-zero digit, '亿' always closes the digits above the eighth
 * (1,0000,0000,0000 → '壹万亿', 10,0001,0000,0000 → '壹拾万零壹亿').
 */
function integerInWords(n: number): string {
  const digits = String(n);
  let out = '';
  let zero = false;
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[i]);
    const pos = digits.length - 1 - i;
    if (d === 0) {
      if (out) zero = true;
    } else {
      if (zero) out += '零';
      zero = false;
      out += DIGITS[d] + PLACES[pos % 4];
    }
    if (pos > 0 && pos % 8 === 0) {
      out += '亿';
    } else if (pos % 8 === 4 && /[1-9]/.test(digits.slice(Math.max(0, i - 3), i + 1))) {
      out += '万';
    }
  }
  return out;
}

/**
 * The amount in Chinese uppercase (人民币大写), following the People's Bank rules for filling in amounts:
 * 1234567 → '壹万贰仟叁佰肆拾伍元陆角柒分'; '整' after '元' when there are no 角 and 分; '零' for zeros between
 * digits and between '元' and '分' when 角 is zero (1005 → '壹拾元零伍分').
 */
export function yuanInWords(fen: number): string {
  assertFen(fen);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cent = fen % 10;
  if (fen === 0) return '零元整';
  let out = yuan > 0 ? `${integerInWords(yuan)}元` : '';
  if (jiao === 0 && cent === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0) out += '零';
  if (cent > 0) out += `${DIGITS[cent]}分`;
  return out;
}

/** '2026-11-25' → '2026年11月25日'. */
export function chineseDate(d: IsoDate): string {
  if (!isValidIsoDate(d)) throw new RangeError(`Not a 'YYYY-MM-DD' date: ${String(d)}`);
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}

// ---------------------------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------------------------

const DASH = '—';
/** The ideographic space (全角空格) that spaces out signature lines. */
const SP = '\u3000';

function present(s: string | null | undefined): s is string {
  return s != null && s.trim() !== '';
}

/** For use inside a sentence: trimmed, without its closing punctuation. */
function clause(s: string): string {
  return s.trim().replace(/[。；;，,.]+$/u, '');
}

/** A full sentence, closed with '。' unless it already ends with closing punctuation. */
function sentence(s: string): string {
  const t = s.trim();
  return /[。！？!?…”」』）)]$/u.test(t) ? t : `${t}。`;
}

function paragraphsOf(text: string | null | undefined): string[] {
  return present(text)
    ? text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '')
    : [];
}

function orDash(s: string | null | undefined): string {
  return present(s) ? s.trim() : DASH;
}

function dateOrDash(d: IsoDate | null | undefined): string {
  return present(d) ? chineseDate(d) : DASH;
}

function amount(fen: number): string {
  return `人民币${formatYuan(fen)}（大写：${yuanInWords(fen)}）`;
}

function positive(fen: number | null | undefined): fen is number {
  if (fen == null) return false;
  assertFen(fen);
  return fen > 0;
}

const CN_NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → '一', 12 → '十二', 20 → '二十' (list numbering and copy counts). */
function cnNumber(n: number): string {
  if (n < 10) return CN_NUMERALS[n];
  if (n < 20) return `十${n % 10 ? CN_NUMERALS[n % 10] : ''}`;
  if (n < 100) return `${CN_NUMERALS[Math.floor(n / 10)]}十${n % 10 ? CN_NUMERALS[n % 10] : ''}`;
  return String(n);
}

function rightNumberLabel(ipTypeZh: string): string {
  if (ipTypeZh.includes('专利')) return '专利号';
  if (ipTypeZh.includes('商标')) return '注册号';
  if (ipTypeZh.includes('植物新品种')) return '品种权号';
  return '登记号';
}

// ---------------------------------------------------------------------------------------------------------------
// Content model: a document is a list of lines, laid out afterwards
// ---------------------------------------------------------------------------------------------------------------

type Line =
  /** A body paragraph: justified, first line indented by two characters. */
  | { style: 'body'; text: string }
  /** A line without indent: party particulars, labelled fields, salutations, list items. */
  | { style: 'field'; text: string }
  | { style: 'right'; text: string }
  | { style: 'gap' };

const body = (text: string): Line => ({ style: 'body', text });
const field = (text: string): Line => ({ style: 'field', text });
const right = (text: string): Line => ({ style: 'right', text });
const gap: Line = { style: 'gap' };

type Party = CaseDocumentData['parties'][number];

/** What every kind's body builder reads: the data plus the phrases derived from it once. */
interface Ctx {
  d: CaseDocumentData;
  /** Dispute procedure (请求人/被请求人) rather than penalty procedure (当事人). */
  dispute: boolean;
  claimants: Party[];
  respondents: Party[];
  thirdParties: Party[];
  claimantNames: string;
  respondentNames: string;
  officerNames: string;
  /** '某某一案' — the title as a noun phrase. */
  caseRef: string;
  /** '（案号：…）' or ''. */
  caseNoNote: string;
  /** The legal basis without a trailing '的规定', or null. */
  basis: string | null;
  /** '依据…的规定，' or ''. */
  basisLead: string;
  /** '“标题”（专利号：…）、…' or null. */
  rightsInline: string | null;
}

function names(parties: readonly { name: string }[]): string {
  const list = parties.map((p) => p.name.trim()).filter((n) => n !== '');
  return list.length > 0 ? list.join('、') : DASH;
}

function makeCtx(d: CaseDocumentData): Ctx {
  const dispute =
    d.kind === 'ruling' ||
    d.kind === 'mediation_agreement' ||
    (d.kind !== 'penalty_notice' && d.kind !== 'penalty_decision' && /纠纷|裁决|调解/.test(d.procedureZh));
  const claimants = d.parties.filter((p) => p.role === 'claimant');
  const respondents = d.parties.filter((p) => p.role === 'respondent');
  const thirdParties = d.parties.filter((p) => p.role === 'third_party');
  const title = clause(d.title);
  const basis = present(d.legalBasis) ? clause(d.legalBasis).replace(/的?规定$/u, '') || null : null;
  const label = rightNumberLabel(d.ipTypeZh);
  return {
    d,
    dispute,
    claimants,
    respondents,
    thirdParties,
    claimantNames: names(claimants),
    respondentNames: names(respondents),
    officerNames: names(d.officers),
    caseRef: title.endsWith('案') ? title : `${title}一案`,
    caseNoNote: present(d.caseNo) ? `（案号：${d.caseNo.trim()}）` : '',
    basis,
    basisLead: basis ? `依据${basis}的规定，` : '',
    rightsInline:
      d.rights.length > 0
        ? d.rights.map((r) => `“${orDash(r.title)}”（${label}：${orDash(r.number)}）`).join('、')
        : null,
  };
}

function partyBlock(c: Ctx): Line[] {
  const lines: Line[] = [];
  const particulars = (label: string, p: Party): void => {
    lines.push(field(`${label}${p.kind === 'individual' ? '姓名' : '名称'}：${orDash(p.name)}`));
    lines.push(
      field(
        p.kind === 'individual' ? `身份证号码：${orDash(p.idNumber)}` : `统一社会信用代码：${orDash(p.uscc)}`,
      ),
    );
    lines.push(field(`地址：${orDash(p.address)}`));
  };
  if (c.dispute) {
    c.claimants.forEach((p) => particulars('请求人', p));
    c.respondents.forEach((p) => particulars('被请求人', p));
    c.thirdParties.forEach((p) => particulars('第三人', p));
  } else {
    if (c.respondents.length === 0) lines.push(field(`当事人：${DASH}`));
    c.respondents.forEach((p) => particulars('当事人', p));
    c.thirdParties.forEach((p) => particulars('第三人', p));
    // The right-holder (complainant) is not a party to a penalty procedure: named, without personal particulars.
    if (c.claimants.length > 0) lines.push(field(`权利人：${c.claimantNames}`));
  }
  return lines;
}

function rightsList(c: Ctx): Line[] {
  const label = rightNumberLabel(c.d.ipTypeZh);
  if (c.d.rights.length === 0) return [field(`涉案权利：${DASH}`)];
  return [
    field('涉案权利：'),
    ...c.d.rights.map((r, i) =>
      field(`${i + 1}．${orDash(r.title)}（${label}：${orDash(r.number)}；权利人：${orDash(r.holder)}）`),
    ),
  ];
}

/** The first paragraph of `text` led by `lead` ('经查明：'), the rest as paragraphs of their own; '—' when empty. */
function ledParagraphs(lead: string, text: string | null | undefined): Line[] {
  const paras = paragraphsOf(text);
  if (paras.length === 0) return [body(`${lead}${DASH}`)];
  return paras.map((p, i) => body(i === 0 ? `${lead}${p}` : p));
}

function illegalGains(c: Ctx): Line[] {
  return positive(c.d.illegalGainsFen)
    ? [body(`经核查，当事人违法所得为${amount(c.d.illegalGainsFen)}。`)]
    : [];
}

/** The penalties, numbered 一、二、…: stop the violation, warning, confiscation, fine. */
function penaltyItems(c: Ctx): { items: Line[]; anyAmount: boolean } {
  const texts = ['责令立即停止违法行为'];
  if (c.d.outcome === 'warning') texts.push('警告');
  const confiscated = positive(c.d.confiscatedFen) ? c.d.confiscatedFen : 0;
  const fine = positive(c.d.fineFen) ? c.d.fineFen : 0;
  if (confiscated > 0) texts.push(`没收违法所得${amount(confiscated)}`);
  if (fine > 0) texts.push(`罚款${amount(fine)}`);
  const items = texts.map((t, i) => field(`${cnNumber(i + 1)}、${t}${i === texts.length - 1 ? '。' : '；'}`));
  if (confiscated > 0 && fine > 0) items.push(field(`罚没款合计${amount(confiscated + fine)}。`));
  return { items, anyAmount: confiscated + fine > 0 };
}

/** The right to administrative reconsideration (60 days) or litigation (6 months) against `decision`. */
const reviewRights = (decision: string, document: string): string =>
  `如不服${decision}，可以自收到本${document}之日起六十日内依照《中华人民共和国行政复议法》的规定申请行政复议，` +
  `也可以自收到本${document}之日起六个月内依照《中华人民共和国行政诉讼法》的规定向人民法院提起行政诉讼。`;

// ---------------------------------------------------------------------------------------------------------------
// The bodies, one per kind
// ---------------------------------------------------------------------------------------------------------------

function salutation(parties: Party[]): Line[] {
  const n = names(parties);
  return n === DASH ? [] : [field(`${n}：`)];
}

const BODIES: Readonly<Record<DocumentKind, (c: Ctx) => Line[]>> = {
  filing_notice: (c) => {
    const { d } = c;
    const filed = present(d.filedOn) ? `于${chineseDate(d.filedOn)}` : '';
    const caseNo = present(d.caseNo) ? `，案号为${d.caseNo.trim()}` : '';
    return [
      ...salutation(c.claimants.length > 0 ? c.claimants : c.respondents),
      body(
        `${c.caseRef}（登记号：${d.regNo}），本局于${chineseDate(d.receivedOn)}收到并登记。` +
          `经审查，该案符合立案条件，本局已${filed}依法立案${caseNo}，按照${clause(orDash(d.procedureZh))}程序办理。`,
      ),
      ...(d.officers.length > 0
        ? [
            body(
              c.dispute
                ? `本局指派执法人员${c.officerNames}组成合议组，负责本案的审理工作。`
                : `本案由本局执法人员${c.officerNames}承办。`,
            ),
          ]
        : []),
      ...rightsList(c),
      body(
        c.dispute
          ? '请各方当事人依法行使权利、履行义务，按照本局要求如实提供证据。'
          : '本局将依法开展调查，并依法将处理结果告知有关当事人。',
      ),
      body('特此通知。'),
    ];
  },

  not_filed_notice: (c) => {
    const { d } = c;
    // The reason may itself open with '经…' (经核查, 经权利人辨认): then it leads the sentence.
    const reason = present(d.reason) ? clause(d.reason) : '该案不符合立案条件';
    const lead = reason.startsWith('经') ? '' : '经审查，';
    return [
      ...salutation(c.claimants.length > 0 ? c.claimants : c.respondents),
      body(`${c.caseRef}（登记号：${d.regNo}），本局于${chineseDate(d.receivedOn)}收到。`),
      body(`${lead}${reason}。${c.basisLead}本局决定不予立案。`),
      body(reviewRights('本决定', '通知书')),
      body('特此通知。'),
    ];
  },

  penalty_notice: (c) => {
    const { d } = c;
    const filed = present(d.filedOn) ? `于${chineseDate(d.filedOn)}立案调查的` : '依法调查的';
    const { items } = penaltyItems(c);
    const due = present(d.statementDue)
      ? `请于${chineseDate(d.statementDue)}前向本局提出`
      : '请自收到本告知书之日起五个工作日内向本局提出';
    return [
      ...salutation(c.respondents),
      body(`本局${filed}${c.caseRef}${c.caseNoNote}，现已调查终结。`),
      ...ledParagraphs('经查明：', d.facts),
      ...illegalGains(c),
      ...(present(d.reason) ? [body(sentence(`本局认为：${d.reason.trim()}`))] : []),
      body(`${c.basisLead}本局拟对你（单位）作出如下行政处罚：`),
      ...items,
      body(
        '根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）享有陈述、申辩的权利；' +
          '根据该法第六十三条、第六十四条的规定，对较大数额罚款、没收较大数额违法所得等行政处罚，你（单位）有权要求举行听证。',
      ),
      body(`如你（单位）需要陈述、申辩或者要求听证，${due}；逾期未提出的，视为放弃上述权利。`),
      body('特此告知。'),
    ];
  },

  penalty_decision: (c) => {
    const { d } = c;
    const filed = present(d.filedOn) ? `，于${chineseDate(d.filedOn)}立案调查` : '';
    const { items, anyAmount } = penaltyItems(c);
    return [
      body(
        `${c.caseRef}${c.caseNoNote}，本局于${chineseDate(d.receivedOn)}登记${filed}。` +
          '本局已依法告知当事人拟作出行政处罚的事实、理由、依据及其依法享有的陈述、申辩、要求听证的权利。本案现已调查终结。',
      ),
      ...ledParagraphs('经查明：', d.facts),
      ...illegalGains(c),
      body('上述事实，有本局依法调查收集并附卷的证据证实，事实清楚，证据确实、充分。'),
      ...(present(d.reason) ? [body(sentence(`本局认为：${d.reason.trim()}`))] : []),
      body(`${c.basisLead}本局决定对当事人作出如下行政处罚：`),
      ...items,
      ...(anyAmount
        ? [
            body(
              '当事人应当自收到本行政处罚决定书之日起十五日内，将罚没款缴至指定银行或者通过电子支付系统缴纳。' +
                '到期不缴纳罚款的，本局可以依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，' +
                '每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额。',
            ),
          ]
        : []),
      body(
        `当事人${reviewRights('本行政处罚决定', '决定书')}` +
          '行政复议或者行政诉讼期间，本行政处罚决定不停止执行，法律另有规定的除外。',
      ),
    ];
  },

  ruling: (c) => {
    const { d } = c;
    const filed = present(d.filedOn) ? `本局于${chineseDate(d.filedOn)}依法立案，并` : '本局依法';
    const panel = d.officers.length > 0 ? `由执法人员${c.officerNames}组成合议组` : '组成合议组';
    const infringed = c.rightsInline ? `${c.rightsInline}${clause(d.ipTypeZh)}权` : `${clause(d.ipTypeZh)}权`;
    const decision: Line[] =
      d.outcome === 'ruling_infringing'
        ? [
            field(`一、被请求人${c.respondentNames}的行为构成侵权，侵权成立；`),
            field(`二、责令被请求人${c.respondentNames}立即停止侵权行为。`),
          ]
        : d.outcome === 'ruling_not_infringing'
          ? [
              field(
                `被请求人${c.respondentNames}的行为不构成侵权，侵权不成立，驳回请求人${c.claimantNames}的请求。`,
              ),
            ]
          : [field(DASH)];
    return [
      body(
        `${c.caseRef}${c.caseNoNote}，请求人于${chineseDate(d.receivedOn)}向本局提出处理请求。` +
          `${filed}${panel}进行了审理。本案现已审理终结。`,
      ),
      body(
        `请求人${c.claimantNames}请求：认定被请求人${c.respondentNames}的行为侵犯其${infringed}，责令被请求人立即停止侵权行为。`,
      ),
      ...ledParagraphs('经审理查明：', d.facts),
      ...(present(d.reason) ? [body(sentence(`合议组认为：${d.reason.trim()}`))] : []),
      body(`${c.basisLead}本局裁决如下：`),
      ...decision,
      body(
        '根据《中华人民共和国专利法》第六十五条的规定，当事人不服本裁决的，可以自收到本裁决书之日起十五日内，' +
          '依照《中华人民共和国行政诉讼法》向人民法院起诉' +
          (d.outcome === 'ruling_infringing'
            ? '；侵权人期满不起诉又不停止侵权行为的，本局可以申请人民法院强制执行。'
            : '。'),
      ),
    ];
  },

  mediation_agreement: (c) => {
    const { d } = c;
    const filed = present(d.filedOn) ? `，本局于${chineseDate(d.filedOn)}立案` : '';
    const infringed = c.rightsInline ? `${c.rightsInline}${clause(d.ipTypeZh)}权` : `${clause(d.ipTypeZh)}权`;
    const hosts = d.officers.length > 0 ? `本局执法人员${c.officerNames}` : '本局';
    const terms = paragraphsOf(d.facts);
    const copies = cnNumber(c.claimants.length + c.respondents.length + c.thirdParties.length + 1);
    const signature = (label: string, p: Party): Line =>
      field(`${label}（签名或盖章）：${orDash(p.name)}${SP}${SP}________${SP}${SP}____年__月__日`);
    return [
      body(
        `本局受理的${c.caseRef}${c.caseNoNote}，请求人${c.claimantNames}认为被请求人${c.respondentNames}` +
          `侵犯其${infringed}，双方因此发生纠纷。请求人于${chineseDate(d.receivedOn)}请求本局处理${filed}。`,
      ),
      body(`在${hosts}的主持下，双方当事人本着平等、自愿、合法的原则，经协商一致，达成如下协议：`),
      ...(terms.length > 0 ? terms.map(body) : [body(DASH)]),
      body(
        '本协议经双方当事人签名或者盖章，并经调解人员签名、加盖本局印章后生效。' +
          `本协议一式${copies}份，当事人各执一份，本局存档一份。`,
      ),
      gap,
      ...c.claimants.map((p) => signature('请求人', p)),
      ...c.respondents.map((p) => signature('被请求人', p)),
      ...c.thirdParties.map((p) => signature('第三人', p)),
      field(
        `调解人员（签名）：${
          d.officers.length > 0 ? d.officers.map((o) => `${orDash(o.name)}${SP}________`).join(SP + SP) : DASH
        }`,
      ),
    ];
  },

  closing_report: (c) => {
    const { d } = c;
    const outcome = d.outcome ? OUTCOMES.find((o) => o.code === d.outcome)?.zh : undefined;
    const amounts: Line[] = [];
    if (positive(d.fineFen)) amounts.push(field(`罚款：${amount(d.fineFen)}`));
    if (positive(d.confiscatedFen)) amounts.push(field(`没收违法所得：${amount(d.confiscatedFen)}`));
    if (positive(d.illegalGainsFen)) amounts.push(field(`违法所得：${amount(d.illegalGainsFen)}`));
    return [
      field(`案件名称：${orDash(d.title)}`),
      field(`案号：${orDash(d.caseNo)}`),
      field(`登记号：${orDash(d.regNo)}`),
      field(`案件类别：${orDash(d.ipTypeZh)}`),
      field(`适用程序：${orDash(d.procedureZh)}`),
      field(`登记日期：${chineseDate(d.receivedOn)}`),
      field(`立案日期：${dateOrDash(d.filedOn)}`),
      ...rightsList(c),
      field('一、案件处理情况'),
      ...(paragraphsOf(d.facts).length > 0 ? paragraphsOf(d.facts).map(body) : [body(DASH)]),
      field('二、处理依据及理由'),
      body(`法律依据：${c.basis ?? DASH}`),
      ...(present(d.reason) ? [body(sentence(`处理理由：${d.reason.trim()}`))] : []),
      field('三、处理结果'),
      body(`处理结果：${outcome ?? DASH}`),
      ...amounts,
      field('四、结案意见'),
      body('本案已处理完毕，符合结案条件，建议结案。'),
    ];
  },
};

function documentLines(d: CaseDocumentData): { title: string; lines: Line[] } {
  const def = DOCUMENT_KINDS.find((k) => k.code === d.kind);
  if (!def) throw new RangeError(`Unknown document kind: ${String(d.kind)}`);
  const c = makeCtx(d);
  const lines: Line[] = [
    right(orDash(d.docNo)),
    gap,
    ...partyBlock(c),
    gap,
    ...BODIES[d.kind](c),
    gap,
    right(`执法人员：${c.officerNames}`),
    gap,
    right(orDash(d.officeName)),
    right('（印章）'),
    right(chineseDate(d.issuedOn)),
  ];
  return { title: def.zh, lines };
}

// ---------------------------------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------------------------------

const BODY_FONT = { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体', cs: '宋体', hint: 'eastAsia' };
const HEADING_FONT = { ascii: '黑体', hAnsi: '黑体', eastAsia: '黑体', cs: '黑体', hint: 'eastAsia' };
/** A4 portrait in twips, as Word writes it. */
const A4 = { width: 11906, height: 16838 } as const;
/** 三号 (16 pt) in half-points. */
const BODY_SIZE = 32;
/** A fixed 28 pt line (GB/T 9704: 22 lines to the page). */
const BODY_SPACING = { line: 560, lineRule: LineRuleType.EXACT } as const;

function layout(line: Line): Paragraph {
  switch (line.style) {
    case 'body':
      return new Paragraph({
        alignment: AlignmentType.BOTH,
        indent: { firstLine: BODY_SIZE * 20, firstLineChars: 200 },
        spacing: BODY_SPACING,
        children: [new TextRun({ text: line.text, font: BODY_FONT, size: BODY_SIZE })],
      });
    case 'field':
      return new Paragraph({
        alignment: AlignmentType.LEFT,
        spacing: BODY_SPACING,
        children: [new TextRun({ text: line.text, font: BODY_FONT, size: BODY_SIZE })],
      });
    case 'right':
      return new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: BODY_SPACING,
        children: [new TextRun({ text: line.text, font: BODY_FONT, size: BODY_SIZE })],
      });
    case 'gap':
      return new Paragraph({ spacing: BODY_SPACING, children: [] });
  }
}

function heading(text: string, size: number, after: number): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after, line: 240, lineRule: LineRuleType.AUTO },
    children: [new TextRun({ text, font: HEADING_FONT, size })],
  });
}

/** `${docNo}.docx` with the characters Windows and POSIX forbid in file names replaced by '_'. */
function fileNameOf(docNo: string): string {
  const safe = docNo.trim().replace(/[/\\:*?"<>|]/gu, '_');
  return `${safe || 'document'}.docx`;
}

/** Renders one official case document as a DOCX file. Throws RangeError on an unknown kind, date or amount. */
export async function renderCaseDocument(data: CaseDocumentData): Promise<RenderedDocument> {
  const { title, lines } = documentLines(data);
  const doc = new Document({
    title: `${title} ${data.docNo}`,
    creator: data.officeName,
    styles: {
      default: {
        document: {
          run: { font: BODY_FONT, size: BODY_SIZE, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: {
              top: convertMillimetersToTwip(37),
              right: convertMillimetersToTwip(26),
              bottom: convertMillimetersToTwip(35),
              left: convertMillimetersToTwip(28),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: BODY_FONT, size: 28 }),
                ],
              }),
            ],
          }),
        },
        children: [heading(orDash(data.officeName), 36, 120), heading(title, 44, 240), ...lines.map(layout)],
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  return { buffer, fileName: fileNameOf(data.docNo), contentType: DOCX_CONTENT_TYPE };
}
