/**
 * Synthetic 12330 complaints (工单) for the intake benchmark (npm run bench:intake, npm run seed:bulk -- --complaints
 * N): fast and set-based — pools of parties and identifiers are built in JS (the identifiers need check characters),
 * loaded into scratch tables, and the complaints themselves come from `INSERT … SELECT … FROM generate_series` in
 * chunks, every column drawn in SQL from random() (setseed per chunk, so a seed reproduces the data set).
 *
 * It needs the demo organisation (test/support/seed.ts, `npm run seed`): the 浙江 and 江苏 offices, their 12330
 * centres and operators. The complaints are those two provinces' hotline traffic.
 *
 * DISTRIBUTION (shares are of all generated complaints)
 * - received_at: the DAYS (730) days before `today` (Asia/Shanghai; nothing today, so nothing is in the future). Per
 *   day weight 1 on working days, 0.35 on weekends and holidays (the official calendar in calendar_days), × 0.4 from a
 *   week before to a week after the Spring Festival holiday, × 2 on 3·15 and × 1.5 on 4·26, growing 15 % a year; so
 *   about 13–14 % of the complaints fall in the duplicate check's 90-day window. Within a day the complaints are
 *   spread evenly over 08:00–20:00, in tracking-number order (seq follows received_at, as at the hotline).
 * - Category: complaint 48 %, report 30 %, assistance 7 %, consultation 15 %.
 *   Channel: phone 55 %, web form 25 %, WeChat 10 %, e-mail 3 %, walk-in 4 %, trade fair 3 %.
 * - IP type: trademark 55, copyright 12, design patent 12, utility model 8, software copyright 5, invention 5, plant
 *   variety 3 %; half of the consultations name none.
 * - Respondent: drawn from a pool of min(150,000, 15 % of N) with a popularity skew (index = n·u²: the most
 *   complained-about respondent has ~0.26 % of all complaints), so the same respondents, credit codes and names
 *   recur — the duplicate check has something to find. Pool: companies 55 % (`杭州恒达贸易有限公司`, a GB 32100
 *   credit code 91 + county + organisation code, known in 70 % of their complaints), individual businesses 35 %
 *   (`义乌市华锐日用品店`, credit code 92…, known in 35 %), online shops 10 % (shop name, platform, URL; code known in
 *   40 %). The complaint's region is the respondent's county: 浙江 53 % / 江苏 47 %, prefectures weighted as in
 *   case-vocabulary.ts CITY_WEIGHTS (capitals 3, others 1), 义乌 × 4 and 昆山 × 2 within their prefecture.
 *   Consultations name a respondent in 40 % (else a region in 60 %).
 * - Complainant: a right holder or its agent (a pool of 400, skewed: the busiest agent files ~1 % of all complaints,
 *   about 1,500 in any 90 days) for 40 % of complaints, 45 % of assistance requests, 12 % of reports and 10 % of
 *   consultations; otherwise a person from a pool of min(400,000, 40 % of N) (mild skew, index = n·u^1.6) with a
 *   mobile (90 %) or landline phone, a valid GB 11643 resident ID in 20 % and an e-mail in 8 %. Anonymous: 35 % of
 *   the reports and 20 % of the consultations by persons (30 % of those still leave a phone). Confidential: every
 *   report (the default) and 4 % of the rest.
 * - Right number: for trademarks, patents and plant varieties in 85 % (copyright 35 %), from per-type pools (20,000
 *   trademarks, 3,000 / 5,000 / 8,000 invention / utility / design application numbers with the GB check character,
 *   5,000 works, 3,000 software registrations, 400 variety rights) with a popularity skew (n·u²).
 * - Routing exactly as ComplaintService: the suggested office is the nearest active office with the IP type's
 *   competence up the chain county → prefecture → province (OfficeService.findCompetent); without one (no IP type or
 *   no region) the office is the receiving 12330 centre, or none for the web form. 3 % of the routed complaints
 *   were later transferred to the provincial office of the same competence. received_by: the province's operator,
 *   none for the web form. rule_id / due_at / due_date: acceptanceRuleFor and deadlineWithTolling with the calendar.
 * - Decision: after 5–115 % of the acceptance period (fraction 0.05 + 1.1·u², ~7 % late); 2 % are never decided
 *   (overdue and open). Until decided the complaint is received (35 %) or triaged. Complaints and reports are
 *   accepted (62 %) or refused; assistance accepted 45 / answered 45 / refused 10 %; consultations answered. Refusal
 *   grounds: not competent 35, materials missing 30, handled elsewhere 15, over 3 years 5, other 15 % (with a
 *   reason). Closed once handled: accepted + 10–120 days, refused + 1–10, answered + 0.5–5 (state closed when that
 *   is past, else the decision's state). 60 % of the closed ones were called back (satisfaction 5/4/3/2/1 =
 *   50/30/12/5/3 %). Only states the workflow table reaches are used (received, triaged, accepted, not_accepted,
 *   answered, closed); version = 1 + transitions taken.
 * - Not generated: audit events and outbox rows of these complaints (they would be there in service, but the
 *   benchmark does not read them), conversions to cases, merges, outcome notices.
 *
 * SPEED (1,000,000 complaints in about a minute on 2 cores; nothing the migrations own is dropped or altered):
 * chunks of 50,000 rows, one INSERT … SELECT each, on two loader connections in parallel; the loaders set
 * session_replication_role = replica (foreign-key triggers skipped: every reference comes from rows read first and
 * complaint-generator.int-spec.ts checks them), synchronous_commit = off, jit = off and a 64 MB GIN pending list
 * (the trigram index on respondent_name is the largest single cost); ids are UUIDv7 from received_at, so the primary
 * key fills append-only; the tracking numbers are a block reserved from complaint_tracking_seq. ANALYZE at the end.
 */
import {
  ACCEPTANCE_RULES,
  COMPLAINT_CATEGORY_CODES,
  COMPLAINT_CHANNEL_CODES,
  IP_TYPES,
  WorkingCalendar,
  acceptanceRuleFor,
  deadlineWithTolling,
  fromEpochDay,
  organizationCodeCheckCharacter,
  patentApplicationCheckCharacter,
  residentIdCheckCharacter,
  shanghaiDate,
  toEpochDay,
  usccCheckCharacter,
  validateRightNumber,
  type CalendarDay,
} from '@app/domain';
import type { ComplaintInput } from '@app/intake';
import { Client } from 'pg';
import { mulberry32, Rng } from './case-generator';
import * as V from './case-vocabulary';

/** Bumped whenever the generated data changes shape or distribution (the benchmark compares it before reusing). */
export const COMPLAINT_GENERATOR_VERSION = 1;

export interface ComplaintGenerateOptions {
  complaints: number;
  seed?: number;
  /** 'YYYY-MM-DD' (Asia/Shanghai): the data ends the day before; defaults to today. */
  today?: string;
  /** How many days back the data reaches (default 730). */
  days?: number;
  /** Rows per INSERT … SELECT (default 50,000). */
  chunk?: number;
  /** Loader connections inserting chunks in parallel (default 2). */
  connections?: number;
  /** ANALYZE complaints at the end (default true). */
  analyze?: boolean;
  log?: (s: string) => void;
}

export interface ComplaintGenerateResult {
  complaints: number;
  firstSeq: number;
  lastSeq: number;
  seconds: number;
}

// ——————————————————————————————————————— distributions ———————————————————————————————————————

type Pairs = readonly (readonly [string, number])[];

const CATEGORY_WEIGHTS: Pairs = [
  ['complaint', 48],
  ['report', 30],
  ['assistance', 7],
  ['consultation', 15],
];
const CHANNEL_WEIGHTS: Pairs = [
  ['phone', 55],
  ['web', 25],
  ['wechat', 10],
  ['email', 3],
  ['walk_in', 4],
  ['trade_fair', 3],
];
const IP_WEIGHTS: Pairs = [
  ['trademark', 55],
  ['copyright', 12],
  ['patent_design', 12],
  ['patent_utility', 8],
  ['copyright_software', 5],
  ['patent_invention', 5],
  ['plant_variety', 3],
];
const REFUSAL_WEIGHTS: Pairs = [
  ['not_competent', 35],
  ['materials_missing', 30],
  ['handled_elsewhere', 15],
  ['known_over_3_years', 5],
  ['other', 15],
];
const PLATFORMS = ['淘宝', '天猫', '京东', '拼多多', '抖音', '快手', '1688', '微店'];
const PLATFORM_HOSTS: Readonly<Record<string, string>> = {
  淘宝: 'taobao.com',
  天猫: 'tmall.com',
  京东: 'jd.com',
  拼多多: 'pinduoduo.com',
  抖音: 'douyin.com',
  快手: 'kuaishou.com',
  '1688': '1688.com',
  微店: 'weidian.com',
};
const SHOP_SUFFIXES = ['旗舰店', '专营店', '官方店', '小店', '精品店', '工厂店'];
const AREA_CODES: Readonly<Record<string, string>> = {
  '3301': '0571',
  '3302': '0574',
  '3303': '0577',
  '3304': '0573',
  '3305': '0572',
  '3306': '0575',
  '3307': '0579',
  '3308': '0570',
  '3309': '0580',
  '3310': '0576',
  '3311': '0578',
  '3201': '025',
  '3202': '0510',
  '3203': '0516',
  '3204': '0519',
  '3205': '0512',
  '3206': '0513',
  '3207': '0518',
  '3208': '0517',
  '3209': '0515',
  '3210': '0514',
  '3211': '0511',
  '3212': '0523',
  '3213': '0527',
};
const QUESTIONS = [
  '商标侵权投诉需要提交哪些材料',
  '专利侵权纠纷如何请求行政裁决',
  '网购商品疑似假冒应向哪个部门投诉',
  '如何查询商标是否已注册',
  '展会期间发现侵权展品如何处理',
  '投诉后多久能收到受理结果',
  '个人作品被网店盗用如何维权',
  '知识产权维权援助的申请条件',
];
const REASONS = ['投诉人未能提供权利证明', '被投诉方不在本辖区', '已向人民法院起诉', '事实不清，无法核实'];
const ANSWERS = [
  '已电话告知办理流程及所需材料',
  '已告知向有管辖权的机关提出',
  '已提供维权指引并告知可申请维权援助',
];

/** `CASE WHEN u < c₁ THEN 'a' … ELSE 'z' END` over weights (the pieces of a categorical draw in SQL). */
function caseOf(u: string, pairs: Pairs): string {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let cum = 0;
  const whens = pairs.slice(0, -1).map(([v, w]) => {
    cum += w;
    return `WHEN ${u} < ${(cum / total).toFixed(6)} THEN '${v}'`;
  });
  return `CASE ${whens.join(' ')} ELSE '${pairs[pairs.length - 1][0]}' END`;
}

/** `(ARRAY['a','b',…])[1 + floor(u · n)]`: a uniform pick from a word list in SQL. */
function arrayPick(u: string, words: readonly string[]): string {
  return `(ARRAY[${words.map((w) => `'${w.replace(/'/g, "''")}'`).join(',')}])[1 + floor(${u} * ${words.length})::int]`;
}

// ——————————————————————————————————————— randomness and identifiers ———————————————————————————————————————

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid GB 32100-2015 code of a market-regulation registration: 91 company, 92 individual business. */
function uscc(rng: Rng, county: string, category: '1' | '2'): string {
  let body = 'MA';
  for (let i = 0; i < 6; i++) body += USCC_CHARS[rng.int(0, USCC_CHARS.length - 1)];
  const first17 = `9${category}${county}${body}${organizationCodeCheckCharacter(body)}`;
  return first17 + usccCheckCharacter(first17);
}

function residentId(rng: Rng, county: string): string {
  const birth = fromEpochDay(rng.int(toEpochDay('1960-01-01'), toEpochDay('2003-12-31'))).replace(/-/g, '');
  const body = `${county}${birth}${rng.digits(3)}`;
  return body + residentIdCheckCharacter(body);
}

const personName = (rng: Rng) =>
  rng.pick(V.SURNAMES) + rng.pick(V.GIVEN) + (rng.chance(0.6) ? rng.pick(V.GIVEN) : '');
const trade = (rng: Rng) => rng.pick(V.TRADE_CHARS) + rng.pick(V.TRADE_CHARS);

// ——————————————————————————————————————— pools ———————————————————————————————————————

interface County {
  code: string;
  name: string;
  /** Place name in company names: the county-level city's (义乌), else the prefecture's (杭州). */
  place: string;
  weight: number;
}

const PROVINCE_SHARE: Readonly<Record<string, number>> = { '33': 53, '32': 47 };
const COUNTY_BOOST: Readonly<Record<string, number>> = { '330782': 4, '320583': 2 };

async function loadCounties(client: Client): Promise<County[]> {
  const rows = (
    await client.query<{ code: string; name: string; city_code: string | null; city_name: string | null }>(
      `SELECT r.code, r.name, r.city_code, c.name AS city_name FROM regions r
         LEFT JOIN regions c ON c.code = r.city_code
        WHERE r.level = 'county' AND r.province_code IN ('330000', '320000') ORDER BY r.code`,
    )
  ).rows;
  if (!rows.length) throw new Error('no 浙江 / 江苏 counties in regions: seed the reference data first');
  const byCity = new Map<string, typeof rows>();
  for (const r of rows) {
    const city = r.city_code ?? r.code;
    byCity.set(city, [...(byCity.get(city) ?? []), r]);
  }
  const cityTotals: Record<string, number> = {};
  for (const city of byCity.keys()) {
    const p = city.slice(0, 2);
    cityTotals[p] = (cityTotals[p] ?? 0) + cityWeight(city);
  }
  const counties: County[] = [];
  for (const [city, list] of byCity) {
    const p = city.slice(0, 2);
    const boostTotal = list.reduce((s, r) => s + (COUNTY_BOOST[r.code] ?? 1), 0);
    for (const r of list) {
      const cityPlace = (r.city_name ?? r.name).replace(/市$/, '');
      counties.push({
        code: r.code,
        name: r.name,
        place: r.name.endsWith('市') ? r.name.replace(/市$/, '') : cityPlace,
        weight:
          (PROVINCE_SHARE[p] * cityWeight(city) * (COUNTY_BOOST[r.code] ?? 1)) / cityTotals[p] / boostTotal,
      });
    }
  }
  return counties;
}

function cityWeight(city: string): number {
  return V.CITY_WEIGHTS[city] ?? (city.endsWith('0100') ? 3 : 1);
}

/** Cumulative weights for a binary-searched weighted pick. */
function weightedPicker<T>(items: readonly T[], weight: (t: T) => number): (rng: Rng) => T {
  const cum: number[] = [];
  let sum = 0;
  for (const it of items) cum.push((sum += weight(it)));
  return (rng) => {
    const x = rng.next() * sum;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
}

interface Pools {
  respondents: {
    kind: string[];
    name: (string | null)[];
    uscc: (string | null)[];
    region: string[];
    address: (string | null)[];
    shop: (string | null)[];
    platform: (string | null)[];
    url: (string | null)[];
  };
  people: { name: string[]; phone: string[]; idNumber: string[]; email: string[]; region: string[] };
  agents: { org: string[]; name: string[]; phone: string[]; uscc: string[]; email: string[] };
  rights: { ipType: string[]; idx: number[]; number: string[]; kind: (string | null)[]; title: string[] };
  rightCounts: Record<string, number>;
}

function buildPools(rng: Rng, counties: readonly County[], n: number): Pools {
  const county = weightedPicker(counties, (c) => c.weight);
  const scale = (share: number, min: number, max: number) =>
    Math.max(min, Math.min(max, Math.round(n * share)));

  const respondents: Pools['respondents'] = {
    kind: [],
    name: [],
    uscc: [],
    region: [],
    address: [],
    shop: [],
    platform: [],
    url: [],
  };
  const R = scale(0.15, 3_000, 150_000);
  for (let i = 0; i < R; i++) {
    const c = county(rng);
    const u = rng.next();
    const kind = u < 0.55 ? 'company' : u < 0.9 ? 'shop' : 'online';
    const company = () => `${c.place}${trade(rng)}${rng.pick(V.INDUSTRIES)}${rng.pick(V.COMPANY_FORMS)}`;
    const shopName = () =>
      rng.chance(0.6)
        ? `${c.name}${trade(rng)}${rng.pick(V.SHOP_KINDS)}`
        : `${c.name}${personName(rng)}${rng.pick(V.SHOP_KINDS)}`;
    let name: string;
    let code: string | null;
    if (kind === 'company') {
      name = company();
      code = uscc(rng, c.code, '1');
    } else if (kind === 'shop') {
      name = shopName();
      code = uscc(rng, c.code, '2');
    } else {
      const asCompany = rng.chance(0.6);
      name = asCompany ? company() : personName(rng);
      code = asCompany ? uscc(rng, c.code, '1') : null;
    }
    const platform = kind === 'online' ? rng.pick(PLATFORMS) : null;
    respondents.kind.push(kind);
    respondents.name.push(name);
    respondents.uscc.push(code);
    respondents.region.push(c.code);
    respondents.address.push(
      kind === 'online'
        ? null
        : rng.chance(0.4)
          ? `${c.name}${rng.pick(V.MARKETS)}${rng.int(1, 30)}区${rng.int(1, 999)}号`
          : `${c.name}${rng.pick(V.ROADS)}${rng.int(1, 999)}号`,
    );
    respondents.shop.push(kind === 'online' ? `${trade(rng)}${rng.pick(SHOP_SUFFIXES)}` : null);
    respondents.platform.push(platform);
    respondents.url.push(platform ? `https://shop${rng.digits(9)}.${PLATFORM_HOSTS[platform]}` : null);
  }

  const people: Pools['people'] = { name: [], phone: [], idNumber: [], email: [], region: [] };
  const P = scale(0.4, 5_000, 400_000);
  for (let i = 0; i < P; i++) {
    const c = county(rng);
    const phone = rng.chance(0.9)
      ? `1${rng.pick(['3', '5', '7', '8', '9'])}${rng.digits(9)}`
      : `${AREA_CODES[c.code.slice(0, 4)] ?? '0571'}-${rng.int(2, 8)}${rng.digits(7)}`;
    people.name.push(personName(rng));
    people.phone.push(phone);
    people.idNumber.push(residentId(rng, c.code));
    people.email.push(
      `${phone.replace(/\D/g, '')}@${rng.pick(['163.com', 'qq.com', '126.com', 'sina.com'])}`,
    );
    people.region.push(c.code);
  }

  const agents: Pools['agents'] = { org: [], name: [], phone: [], uscc: [], email: [] };
  for (let i = 0; i < 400; i++) {
    const c = county(rng);
    const agency = rng.chance(0.3);
    agents.org.push(
      agency ? `${c.place}${trade(rng)}知识产权代理有限公司` : `${trade(rng)}${rng.pick(V.HOLDER_FORMS)}`,
    );
    agents.name.push(personName(rng));
    agents.phone.push(
      rng.chance(0.5)
        ? `${AREA_CODES[c.code.slice(0, 4)] ?? '0571'}-8${rng.digits(7)}`
        : `1${rng.pick(['3', '5', '8'])}${rng.digits(9)}`,
    );
    agents.uscc.push(uscc(rng, c.code, '1'));
    agents.email.push(`ipr${i + 1}@${agency ? 'ip-agency' : 'brand'}${rng.digits(4)}.cn`);
  }

  const rights: Pools['rights'] = { ipType: [], idx: [], number: [], kind: [], title: [] };
  const rightCounts: Record<string, number> = {};
  const add = (ipType: string, count: number, make: () => { number: string; title: string }) => {
    const def = IP_TYPES.find((t) => t.code === ipType)!;
    const seen = new Set<string>();
    while (seen.size < count) {
      const r = make();
      if (seen.has(r.number)) continue;
      const v = validateRightNumber(def, r.number);
      if (!v.ok || v.number !== r.number)
        throw new Error(`generated an invalid ${ipType} number ${r.number}`);
      rights.ipType.push(ipType);
      rights.idx.push(seen.size);
      rights.number.push(r.number);
      rights.kind.push(v.kind);
      rights.title.push(r.title);
      seen.add(r.number);
    }
    rightCounts[ipType] = count;
  };
  const brand = () => trade(rng) + (rng.chance(0.3) ? rng.pick(V.TRADE_CHARS) : '');
  add('trademark', 20_000, () => ({
    number: rng.chance(0.03) ? `G${rng.int(500_000, 1_799_999)}` : String(rng.int(1_000_000, 79_999_999)),
    title: brand(),
  }));
  const patent = (type: string, titles: () => string) => () => {
    const digits = `${rng.int(2010, 2024)}${type}${rng.digits(7)}`;
    return { number: `${digits}.${patentApplicationCheckCharacter(digits)}`, title: titles() };
  };
  add(
    'patent_invention',
    3_000,
    patent('1', () => `一种${rng.pick(V.INVENTIONS)}`),
  );
  add(
    'patent_utility',
    5_000,
    patent('2', () => `一种${rng.pick(V.INVENTIONS)}`),
  );
  add(
    'patent_design',
    8_000,
    patent('3', () => rng.pick(V.DESIGN_OBJECTS)),
  );
  add('copyright', 5_000, () => ({
    number: `国作登字-${rng.int(2012, 2024)}-${rng.pick(['A', 'F', 'I', 'B', 'L'])}-${rng.digits(8)}`,
    title: `《${rng.pick(V.WORK_WORDS)}${rng.pick(V.WORK_WORDS)}${rng.pick(V.WORK_WORDS)}》`,
  }));
  add('copyright_software', 3_000, () => ({
    number: `${rng.int(2012, 2024)}SR${rng.digits(7)}`,
    title: `${trade(rng)}${rng.pick(V.SOFTWARE_WORDS)}V${rng.int(1, 5)}.0`,
  }));
  add('plant_variety', 400, () => ({
    number: `CNA${rng.int(2015, 2024)}${rng.digits(7)}`,
    title: `${rng.pick(V.VARIETY_PREFIXES)}${rng.int(1, 999)}`,
  }));
  return { respondents, people, agents, rights, rightCounts };
}

// ——————————————————————————————————————— days and deadlines ———————————————————————————————————————

/** The national working-day calendar as CalendarService.snapshot builds it. */
export async function loadCalendar(client: Client): Promise<WorkingCalendar> {
  const days = (
    await client.query<CalendarDay>(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_days WHERE region_code = '000000'`,
    )
  ).rows;
  const years = (await client.query<{ year: number }>(`SELECT year FROM calendar_years`)).rows;
  return new WorkingCalendar(
    days,
    years.map((y) => y.year),
  );
}

/** Rows per day (summing to exactly n): the weights of the header comment. */
function dayCounts(
  calendar: WorkingCalendar,
  first: number,
  last: number,
  n: number,
): { day: string[]; lo: number[]; n: number[] } {
  const springFestival = new Set<number>();
  for (let d = first - 30; d <= last + 30; d++) {
    const iso = fromEpochDay(d);
    if (calendar.entryFor(iso)?.name?.includes('春节')) {
      for (let k = -7; k <= 7; k++) springFestival.add(d + k);
    }
  }
  const weights: number[] = [];
  for (let d = first; d <= last; d++) {
    const iso = fromEpochDay(d);
    let w = calendar.isWorkingDay(iso) ? 1 : 0.35;
    if (springFestival.has(d)) w *= 0.4;
    if (iso.endsWith('-03-15')) w *= 2;
    if (iso.endsWith('-04-26')) w *= 1.5;
    weights.push(w * Math.pow(1.15, (d - first) / 365));
  }
  const total = weights.reduce((s, w) => s + w, 0);
  const out = { day: [] as string[], lo: [] as number[], n: [] as number[] };
  let cum = 0;
  let prev = 0;
  weights.forEach((w, i) => {
    cum += w;
    const upto = Math.round((cum / total) * n);
    if (upto > prev) {
      out.day.push(fromEpochDay(first + i));
      out.lo.push(prev);
      out.n.push(upto - prev);
    }
    prev = upto;
  });
  return out;
}

// ——————————————————————————————————————— request bodies ———————————————————————————————————————

/** What an operator POSTs to /api/v1/complaints (ComplaintDto): the intake service's input. */
export type ComplaintBody = ComplaintInput;

function weighted(rng: Rng, pairs: Pairs): string {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [v, w] of pairs) if ((x -= w) < 0) return v;
  return pairs[pairs.length - 1][0];
}

/**
 * `count` valid, varied complaint bodies as an operator records them (the header's distribution, from pools of the
 * same kind with another seed, so most respondents are new): for the intake benchmark's POSTs.
 */
export async function complaintBodies(
  databaseUrl: string,
  count: number,
  seed = 99,
): Promise<ComplaintBody[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let counties: County[];
  try {
    counties = await loadCounties(client);
  } finally {
    await client.end();
  }
  const rng = new Rng(mulberry32(seed * 7_919 + 23));
  const pools = buildPools(rng, counties, count);
  const rightsOf = new Map<string, number[]>();
  pools.rights.ipType.forEach((t, i) => rightsOf.set(t, [...(rightsOf.get(t) ?? []), i]));
  const r = pools.respondents;
  const p = pools.people;
  const a = pools.agents;
  const set = <K extends keyof ComplaintBody>(b: ComplaintBody, k: K, v: ComplaintBody[K] | null) => {
    if (v !== null && v !== undefined) b[k] = v;
  };
  return Array.from({ length: count }, () => {
    const category = weighted(rng, CATEGORY_WEIGHTS);
    const channel = weighted(rng, CHANNEL_WEIGHTS);
    const consultation = category === 'consultation';
    const ipType = !consultation || rng.chance(0.5) ? weighted(rng, IP_WEIGHTS) : null;
    const agent = rng.next() < ({ complaint: 0.4, assistance: 0.45, report: 0.12 }[category] ?? 0.1);
    const anonymous =
      !agent && (category === 'report' || consultation) && rng.chance(category === 'report' ? 0.35 : 0.2);
    const k = Math.floor(r.name.length * rng.next() ** 2);
    const withRespondent = !consultation || rng.chance(0.4);
    const person = Math.floor(p.name.length * rng.next() ** 1.6);
    const ag = Math.floor(a.name.length * rng.next() ** 2);
    const b: ComplaintBody = { channel, category, description: '' };
    if (anonymous) b.anonymous = true;
    if (agent) {
      b.complainantName = a.name[ag];
      b.complainantOrg = a.org[ag];
      b.complainantPhone = a.phone[ag];
      if (rng.chance(0.6)) b.complainantUscc = a.uscc[ag];
      if (rng.chance(0.6)) b.complainantEmail = a.email[ag];
    } else if (!anonymous) {
      b.complainantName = p.name[person];
      b.complainantPhone = p.phone[person];
      if (rng.chance(0.2)) b.complainantIdNumber = p.idNumber[person];
      if (rng.chance(0.08)) b.complainantEmail = p.email[person];
    } else if (rng.chance(0.3)) b.complainantPhone = p.phone[person];
    if (withRespondent) {
      set(b, 'respondentName', r.name[k]);
      const knows = { company: 0.7, shop: 0.35 }[r.kind[k]] ?? 0.4;
      if (rng.chance(knows)) set(b, 'respondentUscc', r.uscc[k]);
      set(b, 'respondentAddress', r.address[k]);
      set(b, 'respondentShop', r.shop[k]);
      set(b, 'respondentPlatform', r.platform[k]);
      set(b, 'respondentUrl', r.url[k]);
      b.regionCode = r.region[k];
    } else if (rng.chance(0.6)) b.regionCode = p.region[person];
    let title: string | null = null;
    if (ipType) {
      b.ipType = ipType;
      const list = rightsOf.get(ipType) ?? [];
      if (list.length && rng.chance(ipType.startsWith('copyright') ? 0.35 : 0.85)) {
        const i = list[Math.floor(list.length * rng.next() ** 2)];
        b.rightNumber = pools.rights.number[i];
        title = pools.rights.title[i];
      }
    }
    const who = b.respondentName ?? b.respondentShop ?? '';
    b.description = consultation
      ? `咨询：${rng.pick(QUESTIONS)}。`
      : ipType === 'trademark'
        ? `在${b.respondentAddress ?? `${b.respondentPlatform ?? ''}平台`}发现${who}销售标有“${title ?? '知名品牌'}”商标的${rng.pick(V.GOODS)}，疑似假冒注册商标，请依法查处。`
        : ipType?.startsWith('patent')
          ? `${who}制造、销售的产品涉嫌侵犯${b.rightNumber ? `专利号${b.rightNumber}的` : ''}专利权，请求处理。`
          : ipType === 'plant_variety'
            ? `${who}销售的种子涉嫌为授权品种“${title ?? '某品种'}”的繁殖材料。`
            : `${who}未经许可复制、销售${title ?? '本人作品'}，涉嫌侵犯著作权。`;
    return b;
  });
}

// ——————————————————————————————————————— the generator ———————————————————————————————————————

const T = (name: string) => `bench_gen_${name}`;

/**
 * Adds `opts.complaints` complaints (see the header for the distribution). Re-running adds more; tracking numbers
 * continue the sequence.
 */
export async function generateComplaints(
  databaseUrl: string,
  opts: ComplaintGenerateOptions,
): Promise<ComplaintGenerateResult> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const N = opts.complaints;
  const seed = opts.seed ?? 1;
  const today = opts.today ?? shanghaiDate(new Date());
  const DAYS = opts.days ?? 730;
  const chunk = opts.chunk ?? 50_000;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const loaders: Client[] = [];
  try {
    // —— who takes, routes and decides: the demo organisation ——
    const provinces = (
      await client.query<{ province: string; centre: string; operator: string; handler: string }>(
        `SELECT p.code AS province,
                (SELECT o.id FROM offices o WHERE o.region_code = p.code AND o.active AND o.competences = '{}'
                    AND o.name LIKE '%12330%' ORDER BY o.name LIMIT 1) AS centre,
                (SELECT u.id FROM users u JOIN offices o ON o.id = u.office_id
                  WHERE 'operator' = ANY(u.roles) AND u.active AND o.region_code = p.code AND o.name LIKE '%12330%'
                  ORDER BY u.username LIMIT 1) AS operator,
                (SELECT u.id FROM users u JOIN offices o ON o.id = u.office_id
                  WHERE 'officer' = ANY(u.roles) AND u.active AND o.region_code >= p.code
                    AND o.region_code < to_char(p.code::int + 10000, 'FM000000')
                  ORDER BY u.username LIMIT 1) AS handler
           FROM regions p WHERE p.code IN ('330000', '320000')`,
      )
    ).rows;
    if (provinces.length !== 2 || provinces.some((p) => !p.centre || !p.operator || !p.handler)) {
      throw new Error(
        'the demo organisation (浙江 / 江苏 12330 centres, operators, officers) is missing: run the seed first',
      );
    }

    const calendar = await loadCalendar(client);
    const lastDay = toEpochDay(today) - 1;
    const firstDay = lastDay - DAYS + 1;
    const days = dayCounts(calendar, firstDay, lastDay, N);
    const counties = await loadCounties(client);
    const rng = new Rng(mulberry32(seed * 7_919 + 17));
    const pools = buildPools(rng, counties, N);
    const nResp = pools.respondents.name.length;
    const nPeople = pools.people.name.length;
    const nAgents = pools.agents.name.length;

    // —— acceptance rules for every combination, and the due date of each day-based rule for each day ——
    const ipCodes = ['', ...IP_TYPES.map((t) => t.code)];
    const rules = {
      category: [] as string[],
      ipType: [] as string[],
      channel: [] as string[],
      rule: [] as string[],
    };
    for (const category of COMPLAINT_CATEGORY_CODES)
      for (const ipType of ipCodes)
        for (const channel of COMPLAINT_CHANNEL_CODES) {
          const r = acceptanceRuleFor({ category, ipType: ipType || null, channel });
          if (!r) continue;
          rules.category.push(category);
          rules.ipType.push(ipType);
          rules.channel.push(channel);
          rules.rule.push(r.id);
        }
    const due = { rule: [] as string[], day: [] as string[], due: [] as string[], hours: [] as number[] };
    for (const r of ACCEPTANCE_RULES) {
      for (let d = firstDay; d <= lastDay; d++) {
        // HOUR limits run from the instant (received_at + hours, in SQL); the day-based ones from the day.
        const res =
          r.unit === 'HOUR'
            ? null
            : deadlineWithTolling({ start: fromEpochDay(d), amount: r.amount, unit: r.unit }, calendar);
        due.rule.push(r.id);
        due.day.push(fromEpochDay(d));
        due.due.push(res?.due ?? fromEpochDay(d));
        due.hours.push(r.unit === 'HOUR' ? r.amount : 0);
      }
    }

    // —— scratch tables ——
    await client.query(`SET synchronous_commit = off`);
    for (const t of ['days', 'resp', 'people', 'agents', 'rights', 'ip', 'rules', 'due', 'route', 'prov']) {
      await client.query(`DROP TABLE IF EXISTS ${T(t)}`);
    }
    await client.query(
      `CREATE UNLOGGED TABLE ${T('days')} AS
         SELECT day, lo, n FROM unnest($1::date[], $2::int[], $3::int[]) AS u(day, lo, n)`,
      [days.day, days.lo, days.n],
    );
    const r = pools.respondents;
    await client.query(
      `CREATE UNLOGGED TABLE ${T('resp')} AS
         SELECT (ord - 1)::int AS idx, kind, name, uscc, region, address, shop, platform, url
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                WITH ORDINALITY AS u(kind, name, uscc, region, address, shop, platform, url, ord)`,
      [r.kind, r.name, r.uscc, r.region, r.address, r.shop, r.platform, r.url],
    );
    const p = pools.people;
    await client.query(
      `CREATE UNLOGGED TABLE ${T('people')} AS
         SELECT (ord - 1)::int AS idx, name, phone, id_number, email, region
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                WITH ORDINALITY AS u(name, phone, id_number, email, region, ord)`,
      [p.name, p.phone, p.idNumber, p.email, p.region],
    );
    const a = pools.agents;
    await client.query(
      `CREATE UNLOGGED TABLE ${T('agents')} AS
         SELECT (ord - 1)::int AS idx, org, name, phone, uscc, email
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                WITH ORDINALITY AS u(org, name, phone, uscc, email, ord)`,
      [a.org, a.name, a.phone, a.uscc, a.email],
    );
    const rt = pools.rights;
    await client.query(
      `CREATE UNLOGGED TABLE ${T('rights')} AS
         SELECT ip_type, idx, number, kind, title
           FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[]) AS u(ip_type, idx, number, kind, title)`,
      [rt.ipType, rt.idx, rt.number, rt.kind, rt.title],
    );
    await client.query(
      `CREATE UNLOGGED TABLE ${T('ip')} AS
         SELECT code, competence, zh, n_rights FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])
                AS u(code, competence, zh, n_rights)`,
      [
        IP_TYPES.map((t) => t.code),
        IP_TYPES.map((t) => t.competence),
        IP_TYPES.map((t) => t.zh),
        IP_TYPES.map((t) => pools.rightCounts[t.code] ?? 0),
      ],
    );
    await client.query(
      `CREATE UNLOGGED TABLE ${T('rules')} AS
         SELECT category, ip_type, channel, rule_id FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
                AS u(category, ip_type, channel, rule_id)`,
      [rules.category, rules.ipType, rules.channel, rules.rule],
    );
    await client.query(
      `CREATE UNLOGGED TABLE ${T('due')} AS
         SELECT rule_id, day, due_date, hours FROM unnest($1::text[], $2::date[], $3::date[], $4::int[])
                AS u(rule_id, day, due_date, hours)`,
      [due.rule, due.day, due.due, due.hours],
    );
    // OfficeService.findCompetent for every county (and province) × competence: the active office nearest up the
    // chain region → prefecture (first four digits + 00) → province (first two + 0000), then by name.
    await client.query(
      `CREATE UNLOGGED TABLE ${T('route')} AS
         SELECT DISTINCT ON (r.code, c.competence) r.code AS region, c.competence, o.id AS office_id
           FROM regions r
          CROSS JOIN (VALUES ('patent'), ('trademark'), ('copyright'), ('plant_variety')) AS c(competence)
           JOIN offices o ON o.active AND c.competence = ANY(o.competences)
                         AND o.region_code IN (r.code, left(r.code, 4) || '00', left(r.code, 2) || '0000')
          WHERE r.province_code IN ('330000', '320000')
          ORDER BY r.code, c.competence, o.region_code DESC, o.name`,
    );
    await client.query(
      `CREATE UNLOGGED TABLE ${T('prov')} AS
         SELECT province::char(6) AS province, centre::uuid, operator::uuid, handler::uuid
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(province, centre, operator, handler)`,
      [
        provinces.map((x) => x.province),
        provinces.map((x) => x.centre),
        provinces.map((x) => x.operator),
        provinces.map((x) => x.handler),
      ],
    );
    await client.query(`
      ALTER TABLE ${T('days')} ADD PRIMARY KEY (day);
      ALTER TABLE ${T('resp')} ADD PRIMARY KEY (idx);
      ALTER TABLE ${T('people')} ADD PRIMARY KEY (idx);
      ALTER TABLE ${T('agents')} ADD PRIMARY KEY (idx);
      ALTER TABLE ${T('rights')} ADD PRIMARY KEY (ip_type, idx);
      ALTER TABLE ${T('rules')} ADD PRIMARY KEY (category, ip_type, channel);
      ALTER TABLE ${T('due')} ADD PRIMARY KEY (rule_id, day);
      ALTER TABLE ${T('route')} ADD PRIMARY KEY (region, competence);
      ANALYZE ${T('days')}, ${T('resp')}, ${T('people')}, ${T('agents')}, ${T('rights')}, ${T('ip')}, ${T('rules')},
              ${T('due')}, ${T('route')}, ${T('prov')}`);
    log(
      `pools: ${nResp.toLocaleString('en-US')} respondents, ${nPeople.toLocaleString('en-US')} callers, ` +
        `${nAgents} agents, ${rt.number.length.toLocaleString('en-US')} rights; ` +
        `${days.day.length} days ${days.day[0]} … ${days.day[days.day.length - 1]} ` +
        `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );

    // —— a block of tracking numbers ——
    const { rows: seqRows } = await client.query<{ first: string }>(
      `SELECT nextval('complaint_tracking_seq')::text AS first`,
    );
    const firstSeq = Number(seqRows[0].first);
    await client.query(`SELECT setval('complaint_tracking_seq', $1)`, [firstSeq + N - 1]);

    const sql = insertSql({ nResp, nPeople, nAgents, firstSeq });
    const connections = Math.max(1, opts.connections ?? 2);
    for (let i = 0; i < connections; i++) {
      const c = new Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query(`SET session_replication_role = replica; SET synchronous_commit = off; SET jit = off;
                     SET gin_pending_list_limit = '64MB'; SET work_mem = '64MB'`);
      loaders.push(c);
    }
    const chunks: [number, number][] = [];
    for (let lo = 0; lo < N; lo += chunk) chunks.push([lo, Math.min(N, lo + chunk)]);
    let next = 0;
    let stored = 0;
    await Promise.all(
      loaders.map(async (c) => {
        while (next < chunks.length) {
          const k = next++;
          const [lo, hi] = chunks[k];
          await c.query(`SELECT setseed($1)`, [(((seed * 1_000_003 + k) % 1_999_999) - 999_999) / 1_000_000]);
          await c.query(sql, [lo, hi]);
          stored += hi - lo;
          if (Math.floor(stored / 100_000) > Math.floor((stored - (hi - lo)) / 100_000) || stored === N) {
            log(
              `complaints: ${stored.toLocaleString('en-US')} stored (${((Date.now() - started) / 1000).toFixed(1)} s)`,
            );
          }
        }
      }),
    );
    for (const t of ['days', 'resp', 'people', 'agents', 'rights', 'ip', 'rules', 'due', 'route', 'prov']) {
      await client.query(`DROP TABLE IF EXISTS ${T(t)}`);
    }
    if (opts.analyze !== false) {
      log('ANALYZE complaints …');
      await client.query(`ANALYZE complaints`);
    }
    return { complaints: N, firstSeq, lastSeq: firstSeq + N - 1, seconds: (Date.now() - started) / 1000 };
  } finally {
    await Promise.all([client, ...loaders].map((c) => c.end().catch(() => undefined)));
  }
}

/**
 * The INSERT … SELECT of rows [$1, $2), layer by layer from the inside: xr draws the random numbers (a subquery
 * with volatile functions is never flattened, so each is drawn once per row), x0 … y0 pick categories and pool
 * entries, s … u route and time the complaint, v … z work out the decision, and the outer SELECT writes the columns.
 * Every layer ends in OFFSET 0, a fence that keeps the planner from flattening it: flattened, each reference to a
 * derived column re-expands its whole expression tree, and the final projection costs ~300 µs a row instead of a
 * few.
 */
function insertSql(p: { nResp: number; nPeople: number; nAgents: number; firstSeq: number }): string {
  const shanghai = (ts: string) => `((${ts}) AT TIME ZONE 'Asia/Shanghai')`;
  const region = `coalesce(rp.region, CASE WHEN x.r_misc2 < 0.6 THEN pe.region END)`;
  return `
INSERT INTO complaints (id, seq, tracking_no, channel, category, state, anonymous, confidential,
    complainant_name, complainant_phone, complainant_id_number, complainant_uscc, complainant_org, complainant_email,
    respondent_name, respondent_uscc, respondent_address, respondent_shop, respondent_platform, respondent_url,
    ip_type, right_number, right_number_kind, region_code, description, office_id, suggested_office_id,
    received_at, received_on, received_by, rule_id, due_at, due_date,
    decided_at, decided_by, clock_met_at, refusal_ground, decision_reason, answer, closed_at,
    callback_at, callback_by, callback_attempts, satisfaction, created_at, updated_at, version)
SELECT
  -- UUIDv7: 48-bit Unix milliseconds of received_at, version 7, variant 10, the rest from md5 of the row number.
  (lpad(to_hex((extract(epoch FROM z.received_at) * 1000)::bigint), 12, '0') || '7' || substr(z.h, 1, 3)
     || substr('89ab', 1 + (z.g % 4)::int, 1) || substr(z.h, 4, 15))::uuid,
  z.seq,
  '12330-' || to_char(z.day, 'YYMMDD') || '-' || lpad(z.seq::text, greatest(6, length(z.seq::text)), '0'),
  z.channel, z.category, z.state, z.anonymous, z.confidential,
  z.complainant_name, z.complainant_phone, z.complainant_id_number, z.complainant_uscc, z.complainant_org,
  z.complainant_email,
  z.respondent_name, z.respondent_uscc, z.respondent_address, z.respondent_shop, z.respondent_platform,
  z.respondent_url,
  z.ip_type, z.right_number, z.right_number_kind, z.region_code,
  CASE
    WHEN z.category = 'consultation' THEN '咨询：' || ${arrayPick('z.r_misc', QUESTIONS)} || '。'
    WHEN z.ip_type = 'trademark' THEN to_char(z.day, 'FMMM月FMDD日') || '在' || coalesce(z.respondent_address, z.respondent_platform || '平台')
      || '发现' || coalesce(z.respondent_name, z.respondent_shop) || '销售标有“' || coalesce(z.right_title, '知名品牌')
      || '”商标的' || ${arrayPick('z.r_misc', V.GOODS)} || '，疑似假冒注册商标，请依法查处。'
    WHEN z.ip_type LIKE 'patent%' THEN coalesce(z.respondent_name, z.respondent_shop) || '制造、销售的'
      || coalesce(z.right_title, '产品') || coalesce('涉嫌侵犯专利号' || z.right_number || '的', '涉嫌侵犯')
      || z.ip_zh || '专利权，请求处理。'
    WHEN z.ip_type = 'plant_variety' THEN coalesce(z.respondent_name, z.respondent_shop)
      || '销售的种子涉嫌为授权品种“' || coalesce(z.right_title, '某品种') || '”的繁殖材料。'
    ELSE coalesce(z.respondent_name, z.respondent_shop) || '未经许可复制、销售' || coalesce(z.right_title, '本人作品')
      || '，涉嫌侵犯著作权。'
  END,
  z.office_id, z.suggested_office_id,
  z.received_at, z.day, z.received_by, z.rule_id, z.due_at, z.due_date,
  z.decided_at, z.decided_by, z.decided_at,
  z.refusal_ground,
  CASE WHEN z.refusal_ground = 'other' OR (z.refusal_ground IS NOT NULL AND z.r_close < 0.5)
       THEN ${arrayPick('z.r_misc2', REASONS)} END,
  CASE WHEN z.outcome = 'answered' THEN ${arrayPick('z.r_misc2', ANSWERS)} END,
  z.closed_at,
  z.callback_at, CASE WHEN z.callback_at IS NOT NULL THEN z.operator END,
  (z.callback_at IS NOT NULL)::int,
  CASE WHEN z.callback_at IS NULL THEN NULL WHEN z.r_tr < 0.5 THEN 5 WHEN z.r_tr < 0.8 THEN 4 WHEN z.r_tr < 0.92 THEN 3
       WHEN z.r_tr < 0.97 THEN 2 ELSE 1 END,
  z.received_at,
  greatest(z.received_at, z.decided_at, z.closed_at, z.callback_at),
  1 + (z.state <> 'received' AND (z.outcome IS NULL OR z.r_triage < 0.6))::int + z.transferred::int
    + (z.outcome IS NOT NULL)::int + (z.state = 'closed')::int
FROM (
  SELECT y.*,
    CASE WHEN y.outcome IS NULL THEN CASE WHEN y.r_out < 0.35 AND NOT y.transferred THEN 'received' ELSE 'triaged' END
         WHEN y.closed_at IS NOT NULL THEN 'closed' ELSE y.outcome END AS state,
    CASE WHEN y.closed_at IS NOT NULL AND y.r_misc2 < 0.6 AND y.closed_at + interval '7 days' < now()
         THEN y.closed_at + (1 + 5 * y.r_tr) * interval '1 day' END AS callback_at
  FROM (
    SELECT w.*,
      CASE WHEN w.outcome IS NULL THEN NULL
           WHEN w.decided_at + w.close_after < now() THEN w.decided_at + w.close_after END AS closed_at,
      CASE WHEN w.outcome IN ('accepted', 'not_accepted') THEN w.handler
           WHEN w.outcome = 'answered' THEN coalesce(w.received_by, w.operator) END AS decided_by,
      CASE WHEN w.outcome = 'not_accepted' THEN ${caseOf('w.r_misc2', REFUSAL_WEIGHTS)} END AS refusal_ground
    FROM (
      SELECT v.*,
        CASE WHEN v.decided_at IS NULL THEN NULL
             WHEN v.category = 'consultation' THEN 'answered'
             WHEN v.category = 'assistance' THEN CASE WHEN v.r_out < 0.45 THEN 'accepted' WHEN v.r_out < 0.9 THEN 'answered'
                                                     ELSE 'not_accepted' END
             WHEN v.r_out < 0.62 THEN 'accepted' ELSE 'not_accepted' END AS outcome,
        CASE WHEN v.category = 'consultation' OR (v.category = 'assistance' AND v.r_out >= 0.45 AND v.r_out < 0.9)
               THEN (0.5 + 4.5 * v.r_close) * interval '1 day'
             WHEN (v.category = 'assistance' AND v.r_out >= 0.9) OR (v.category <> 'assistance' AND v.r_out >= 0.62)
               THEN (1 + 9 * v.r_close) * interval '1 day'
             ELSE (10 + 110 * v.r_close) * interval '1 day' END AS close_after
      FROM (
        SELECT u.*,
          CASE WHEN u.r_stuck < 0.02 THEN NULL
               WHEN u.received_at + (u.due_at - u.received_at) * (0.05 + 1.1 * u.r_dec * u.r_dec) < now()
               THEN date_trunc('milliseconds',
                      u.received_at + (u.due_at - u.received_at) * (0.05 + 1.1 * u.r_dec * u.r_dec)) END AS decided_at
        FROM (
          SELECT t.*,
            CASE WHEN du.hours > 0 THEN t.received_at + du.hours * interval '1 hour'
                 ELSE ${shanghai('(du.due_date + 1)::timestamp')} - interval '1 millisecond' END AS due_at,
            CASE WHEN du.hours > 0 THEN ${shanghai(`t.received_at + du.hours * interval '1 hour'`)}::date
                 ELSE du.due_date END AS due_date
          FROM (
            SELECT s.*,
              ru.rule_id,
              coalesce(CASE WHEN s.transferred THEN tr.office_id END, ro.office_id,
                       CASE WHEN s.received_by IS NOT NULL THEN pv.centre END) AS office_id,
              ro.office_id AS suggested_office_id,
              pv.operator, pv.handler
            FROM (
              SELECT y0.*,
                CASE WHEN y0.channel = 'web' THEN NULL ELSE pv0.operator END AS received_by,
                y0.r_tr < 0.03 AND y0.competence IS NOT NULL AND y0.region_code IS NOT NULL AS transferred
              FROM (
                SELECT x.g, x.day, x.seq, x.h, x.received_at, x.category, x.channel,
                  x.r_misc, x.r_misc2, x.r_dec, x.r_out, x.r_close, x.r_tr, x.r_triage, x.r_stuck,
                  ip.code AS ip_type, ip.competence, ip.zh AS ip_zh,
                  x.anonymous,
                  x.category = 'report' OR x.r_conf < 0.04 AS confidential,
                  CASE WHEN x.anonymous THEN NULL WHEN x.agent THEN ag.name ELSE pe.name END AS complainant_name,
                  CASE WHEN x.agent THEN ag.phone WHEN NOT x.anonymous OR x.r_anon2 < 0.3 THEN pe.phone END
                    AS complainant_phone,
                  CASE WHEN NOT x.agent AND NOT x.anonymous AND x.r_id < 0.2 THEN pe.id_number END
                    AS complainant_id_number,
                  CASE WHEN x.agent AND x.r_id < 0.6 THEN ag.uscc END AS complainant_uscc,
                  CASE WHEN x.agent THEN ag.org END AS complainant_org,
                  CASE WHEN x.agent AND x.r_mail < 0.6 THEN ag.email
                       WHEN NOT x.agent AND NOT x.anonymous AND x.r_mail < 0.08 THEN pe.email END AS complainant_email,
                  rp.name AS respondent_name,
                  CASE WHEN x.r_uscc < CASE rp.kind WHEN 'company' THEN 0.7 WHEN 'shop' THEN 0.35 ELSE 0.4 END
                       THEN rp.uscc END AS respondent_uscc,
                  rp.address AS respondent_address, rp.shop AS respondent_shop, rp.platform AS respondent_platform,
                  rp.url AS respondent_url,
                  ri.number AS right_number, ri.kind AS right_number_kind, ri.title AS right_title,
                  ${region}::char(6) AS region_code,
                  coalesce(left(${region}, 2) || '0000', CASE WHEN x.r_misc < 0.53 THEN '330000' ELSE '320000' END)
                    AS province
                FROM (
                  SELECT x0.*,
                    x0.category IN ('report', 'consultation') AND NOT x0.agent
                      AND x0.r_anon < CASE x0.category WHEN 'report' THEN 0.35 ELSE 0.2 END AS anonymous,
                    CASE WHEN x0.category <> 'consultation' THEN ${caseOf('x0.r_ip', IP_WEIGHTS)}
                         WHEN x0.r_ip >= 0.5 THEN ${caseOf('(x0.r_ip - 0.5) * 2', IP_WEIGHTS)} END AS ip_code
                  FROM (
                    SELECT xr.*,
                      ${p.firstSeq} + xr.g AS seq,
                      ${caseOf('xr.r_cat', CATEGORY_WEIGHTS)} AS category,
                      ${caseOf('xr.r_chan', CHANNEL_WEIGHTS)} AS channel,
                      xr.r_who < CASE ${caseOf('xr.r_cat', CATEGORY_WEIGHTS)} WHEN 'complaint' THEN 0.4
                                   WHEN 'assistance' THEN 0.45 WHEN 'report' THEN 0.12 ELSE 0.1 END AS agent,
                      date_trunc('milliseconds', ${shanghai(`xr.day::timestamp + interval '8 hours' + xr.frac * interval '12 hours'`)})
                        AS received_at
                    FROM (
                      SELECT g, d.day, (g - d.lo + 0.5) / d.n AS frac, md5('c' || g) AS h,
                        random() AS r_cat, random() AS r_chan, random() AS r_ip, random() AS r_resp, random() AS r_who,
                        random() AS r_person, random() AS r_agent, random() AS r_anon, random() AS r_anon2,
                        random() AS r_conf, random() AS r_right, random() AS r_hasright, random() AS r_uscc,
                        random() AS r_id, random() AS r_mail, random() AS r_dec, random() AS r_out,
                        random() AS r_close, random() AS r_misc, random() AS r_misc2, random() AS r_tr,
                        random() AS r_triage, random() AS r_stuck, random() AS r_consult
                      FROM ${T('days')} d
                      CROSS JOIN LATERAL generate_series(greatest(d.lo, $1::int), least(d.lo + d.n, $2::int) - 1) AS g
                      WHERE d.lo < $2::int AND d.lo + d.n > $1::int
                    ) xr
                    OFFSET 0
                  ) x0
                  OFFSET 0
                ) x
                LEFT JOIN ${T('ip')} ip ON ip.code = x.ip_code
                LEFT JOIN ${T('resp')} rp
                       ON (x.category <> 'consultation' OR x.r_consult < 0.4)
                      AND rp.idx = floor(${p.nResp} * x.r_resp * x.r_resp)::int
                LEFT JOIN ${T('people')} pe ON NOT x.agent AND pe.idx = floor(${p.nPeople} * power(x.r_person, 1.6))::int
                LEFT JOIN ${T('agents')} ag ON x.agent AND ag.idx = floor(${p.nAgents} * x.r_agent * x.r_agent)::int
                LEFT JOIN ${T('rights')} ri
                       ON ri.ip_type = ip.code AND ri.idx = floor(ip.n_rights * x.r_right * x.r_right)::int
                      AND x.r_hasright < CASE WHEN ip.code IN ('copyright', 'copyright_software') THEN 0.35 ELSE 0.85 END
                OFFSET 0
              ) y0
              JOIN ${T('prov')} pv0 ON pv0.province = y0.province
              OFFSET 0
            ) s
            JOIN ${T('prov')} pv ON pv.province = s.province
            JOIN ${T('rules')} ru ON ru.category = s.category AND ru.ip_type = coalesce(s.ip_type, '') AND ru.channel = s.channel
            LEFT JOIN ${T('route')} ro ON ro.region = s.region_code AND ro.competence = s.competence
            LEFT JOIN ${T('route')} tr ON tr.region = s.province::char(6) AND tr.competence = s.competence
            OFFSET 0
          ) t
          JOIN ${T('due')} du ON du.rule_id = t.rule_id AND du.day = t.day
          OFFSET 0
        ) u
        OFFSET 0
      ) v
      OFFSET 0
    ) w
    OFFSET 0
  ) y
  OFFSET 0
) z`;
}
