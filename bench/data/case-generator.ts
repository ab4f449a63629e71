/**
 * Synthetic case data for data-size benchmarks (npm run seed:bulk, npm run bench:cases) — fast, set-based and
 * deterministic for a given seed and starting database.
 *
 * ORGANISATION (idempotent: offices are matched by name, users by username; a re-run reuses them)
 * - Per province: the provincial market-regulation bureau `XX省市场监督管理局（XX省知识产权局）` (short `粤知执`,
 *   patent + trademark), the copyright bureau `XX省版权局` (`粤版`, copyright) and the agriculture department
 *   `XX省农业农村厅` (`粤农`, plant_variety; 农业农村局 in the municipalities).
 * - Per prefecture (GB/T 2260 city level): `广州市市场监督管理局（广州市知识产权局）`, short `粤01知执` (province
 *   abbreviation + digits 3–4 of the code), patent + trademark. Where the "city" row is a placeholder (市辖区 / 县 of
 *   the municipalities, 省直辖县级行政区划) each county-level unit gets its own office, short `京0105知执`.
 *   Offices of the demo seed with the same name (杭州, 宁波, 南京, 苏州 and the 浙江/江苏 provincial offices) are
 *   reused with their own short names.
 * - Users: 3–5 officers per office, `bulk.<office-idx>.<n>` (office-idx = position in the office list above, in
 *   region-code order), and one supervisor per province at the provincial bureau, `bulk.sup.<2-digit province>`.
 *   All share one argon2id hash of 'Demo@2026'.
 * - Public-security offices (listed after all the others; no accounts — police steps are recorded by the sending
 *   office from the police's notices): per province `广东省公安厅` (`粤公`; 公安局 in the municipalities), per
 *   prefecture `广州市公安局` (`粤01公`) and per county-level unit directly under a province `仙桃市公安局`
 *   (`鄂9004公`). The demo's 公安 offices are reused.
 *
 * CASES (shares are of all generated cases)
 * - Region: 广东 20 %, 浙江 13 %, 江苏 12 % (together 45 %, domain.md §7); the other 28 provinces share 55 % in
 *   proportion to PROVINCE_WEIGHTS (山东 6, 上海 5, 北京 5, 福建 4, 四川 3.5, … 西藏 0.05). Within a province the
 *   prefectures weigh 1, capitals 3 and the big manufacturing / trading cities 2–7 (CITY_WEIGHTS: 深圳 7, 广州 6,
 *   杭州 6, 苏州 6, 成都 6, …). region_code = a county of the prefecture (the prefecture itself when it has none).
 * - IP type: trademark 46 %; patents 41 % (invention 9, utility model 14, design 18); copyright 10.5 % (works 7.5,
 *   software 3); plant variety 2.5 %.
 * - Procedure (always one whose PROCEDURES[].ipTypes holds the IP type): trademark → penalty_trademark, copyright →
 *   penalty_copyright, plant variety → penalty_plant_variety; patents: invention 50/25/20/5 % adjudication /
 *   mediation / passing off / fast track, utility model 40/25/20/15, design 30/20/15/35.
 * - Office: patent/trademark cases go to the prefecture's office (5 % to the provincial bureau); copyright cases to
 *   the provincial copyright bureau; plant-variety cases to the agriculture department.
 * - Source: among the procedure's allowed sources, complaint 30, ex officio 22, e-commerce 15, request 12 (60 for
 *   adjudication, mediation and fast track), referral 8, trade fair 7, customs 6.
 * - received_on: the last 1,096 days up to today (Asia/Shanghai), per day weight 1 on working days, 0.3 on weekends
 *   and holidays, 0.25 from a week before to ten days after the Spring Festival holiday, growing 12 % a year.
 * - Status, by age (today − received_on): open with probability 95 % (< 20 days), 80 % (< 60), 55 % (< 120),
 *   28 % (< 240), 20 % (< 365), 10 % (older) — about 20 % overall. Open states by age: registered while young,
 *   then investigating, suspended (an open tolling period), notified, hearing, decided, executing; states a procedure
 *   lacks map to the nearest one it has. Not open: 7 % not_filed, 3.5 % referred_out, 1.5 % transferred_police (penalty
 *   procedures; else referred_out), the rest closed — archived when closed more than 120 days ago (70 %). Overall
 *   ≈ 70 % closed/archived, ≈ 20 % open, ≈ 10 % not_filed/referred/transferred.
 * - Dates: filed_on = received_on + up to ~108 % of the filing limit; decided_on = filed_on + 25–110 % of the closing
 *   limit (about 9 % late); closed_on = decided_on + 1–60 days (1–20 without a fine). Chains that would pass today
 *   are compressed. not_filed / referred / transferred cases carry closed_on = the day they left.
 * - Numbers: filed cases (every status after filing) get `${short_name}〔${year}〕${seq}号`, gap-free per office and
 *   filing year in filing order, continuing after number_counters / existing case_seq — except for the numbers of
 *   cases that moved to another office after filing (case_office_history.from_case_no, see REFERRALS);
 *   number_counters ('case') is raised to the last number taken at the end of the run.
 * - Outcomes (decided and later): penalty procedures 85 % after a pre-decision notice (penalty 78 / warning 11 /
 *   no_penalty 11 %; its statement window starts between filing and decision), else directly not_established 60 /
 *   no_penalty 40 %;
 *   adjudication ruling_infringing 45 / ruling_not_infringing 15 / mediation_agreement 25 / withdrawn 15; mediation
 *   and fast track mediation_agreement 65 / mediation_failed 20 / withdrawn 15. Executing cases have a penalty or an
 *   infringement ruling.
 * - Amounts (fen): value_fen log-uniform 2,000–3,000,000 yuan for 85 % of penalty cases; with a penalty outcome a
 *   fine (0.5–3 × value when ≥ 50,000 yuan, else 3,000–100,000 yuan, in whole hundreds), illegal gains (50 %),
 *   confiscation (60 %). Flags: major 2 % (50 % above 1 M yuan), repeat_infringer 4 %, online for e-commerce
 *   sources and 8 % of the rest.
 * - Deadlines (case_deadlines, computed with the real rule table and working-day calendar): the registration
 *   deadline (filing, or notice_service for mediation) open for registered cases and met on filing; closing open for
 *   investigating / suspended / notified / hearing cases (paused while an open tolling period stops it), met on the
 *   decision; statement (party) for notified cases; decision_service open for 12 days after a penalty decision, met
 *   later. next_due_at / next_due_key = the earliest open office deadline; old open cases are naturally overdue.
 *   Suspended and hearing cases have an open case_pauses row of a kind that tolls their closing limit.
 * - Officers: 3 for adjudication (the panel), else 2 (70 %) or 3, from the office's officers; the first is lead and
 *   created_by.
 * - Parties (1–3): one respondent — an enterprise (80 %; 90 % in patent disputes) with a valid GB 32100 unified
 *   social credit code (91/92 + county + organisation code with its GB 11714 check + check character), else an
 *   individual with a valid GB 11643 resident ID; a claimant (the right holder) in patent disputes and for
 *   complaints, requests and e-commerce reports; 20 % a second respondent, 5 % a third party.
 * - Rights (1–2, drawn with a popularity skew from per-seed pools so brands and patents recur): trademark
 *   registration numbers of 7–8 digits; patent application numbers `YYYYTNNNNNNN.C` with the type digit matching the
 *   IP type and the GB check character; copyright `国作登字-YYYY-X-NNNNNNNN` / software `YYYYSRNNNNNNN`; plant variety
 *   `CNA` + 11 digits.
 * - search_text exactly as CaseRepository.refreshSearchText builds it: case_no, 'DJ' + reg_no, title, each party's
 *   name and credit code, the right numbers, space-joined ({@link caseSearchText}); reg_no is drawn from the identity
 *   sequence in the INSERT so the text can include it. province_code / city_code are copied from the region row.
 *
 * REFERRALS (issue 6): ≈ 10.5 % of the cases have at least one (shares measured at 1,000,000; bench:cases prints them).
 * They draw from a random stream of their own, so the cases are those the generator would make without them; every
 * step is a transition of REFERRAL_TRANSITIONS, recorded by the side it names (receivers' officers, the sending
 * office for police steps, bulk.sup.<province> for a head's approval and for designation, an admin across provinces).
 * Targets have the case's competence and are never the case office: elsewhere in the province (10 % of those the
 * provincial bureau) or in another province (weighted like the cases; shares below); copyright / plant-variety cases
 * go to another province's copyright bureau / agriculture department.
 * - Jurisdiction transfers, ≈ 4.9 % of the cases (any but referred_out / transferred_police), settled before any
 *   notice, suspension or decision: 70 % accepted — the case row is at the receiving office (its officers, number,
 *   region) with a case_office_history row 'accepted' from the sender; 65 % moved after the sender filed it (its
 *   number, taken from the sender's sequence, is from_case_no, the receiver's to_case_no; within the filing year),
 *   35 % before filing (no numbers); the case's creator is a sender officer. Received 0–2 days after sending (70 %),
 *   accepted 1–8 days later. 8 % returned and settled (the sender keeps the case); 7 % returned, escalated and
 *   designated by the lowest common superior — half to the receiver (history 'designated'), half back to the sender
 *   (if it lies within the superior's region, else settled); 4 % withdrawn; 11 % (registered / investigating cases
 *   only) still open: sent 40 / received 25 / returned 20 / escalated 15 %, the last step 0–12 days ago.
 * - Assistance requests, ≈ 3.3 % (filed cases, not not_filed / referred_out / transferred_police), to one office (15 %
 *   two), 55 % in another province: received, accepted, answered in 3–24 days and closed (72 %); accepted without a
 *   receipt (12 %); returned (10 %); withdrawn (6 %). Created between filing and the notice / decision; while the
 *   investigation still runs, steps after today are not taken yet (open), else the steps fit before its end.
 * - Joint actions, ≈ 0.8 % (penalty procedures, as assistance): one group of 2 (65 %) or 3 participants, 35 % in
 *   other provinces; each received, accepted, answered in 5–36 days and closed (80 %), accepted directly (10 %) or
 *   declined (10 %).
 * - Criminal transfers, ≈ 1.5 %, to the public-security office of the case office's city (else its province's), by a
 *   team of the case's officers: every transferred_police case — approved within 0–3 days, sent within a day, the
 *   police opened a case on the case's closed_on (its closing deadline is 'cancelled'), exhibits handed over within
 *   3 days (15 %: 4–10) → closed, or still police_filed; 25 % suspended the case meanwhile (a closed 'suspension'
 *   pause from sending to the police's case; case_suspended). Other penalty cases (≈ 0.7 %): returned by the police
 *   40 %, declined and accepted 25 %, declined, reconsidered and referred to the procuratorate 10 %, not approved by
 *   the head 15 % — or, for half of those on investigating cases, still running (case_handling continue): proposed
 *   25 / approved 10 / sent 35 / police_refused 15 / reconsideration 10 / reconsideration_refused 5 %.
 * - Open referrals carry the clock their last step started (none after receive or answer, as the service), its
 *   rule (REFERRAL_DEADLINE_RULES) and due_at from the working-day calendar; some are past it. Closed ones have
 *   closed_at. Numbers 'YS' + year of creation + 6 digits continue referral_no_seq (set to the last at the end).
 *   One referral_events row per step ('create' first) with actor, office, reason and the police notice's date.
 * - referred_out cases (the former refer_out action, now superseded by referrals) have none.
 * - Supervision (督办), ≈ 0.5 % of the open cases: filed cases of city / county offices, 10 % of the major ones and
 *   0.12 % of the rest, are supervised with an active case_supervisions row by their province (region_code the
 *   province, office the provincial bureau, started_by bulk.sup.<province>) between filing and today, a progress
 *   report every 15 days: filed 1–6 days before it is due (85 %) or 1–6 days late, the next due 15 days after the
 *   last report; 8 % have missed the one due in the last three weeks (overdue).
 *
 * SPEED (1,000,000 cases in minutes on 2 cores; nothing the migrations own is dropped or altered):
 * - rows (referrals, their events, moves and supervisions with their cases) are built in JS in batches (default
 *   2,500 cases): a move takes a number from the sender's sequence as the case is numbered, which a set-based pass
 *   after the load could not do in filing order. Each batch goes in as ONE statement — data-modifying
 *   CTEs over unnest() of column arrays built as array literals — on one of two loader connections, while the next
 *   batch is built;
 * - the loader sessions set session_replication_role = replica, which skips the foreign-key triggers (every
 *   reference is taken from rows read first; case-generator.int-spec.ts checks them all), synchronous_commit = off
 *   and a 64 MB GIN pending list (the trigram index on search_text is the largest single cost);
 * - ids are UUIDv7 from the registration instant, so the b-trees keyed by case id fill append-mostly;
 * - ANALYZE runs at the end.
 */
import { hash } from '@node-rs/argon2';
import {
  CASE_DEADLINE_RULES,
  type CaseSource,
  type DeadlineRule,
  OPEN_REFERRAL_STATES,
  PROCEDURES,
  REFERRAL_KIND_CODES,
  type ProcedureDef,
  type ReferralAction,
  type ReferralClock,
  type ReferralKind,
  type ReferralState,
  WorkingCalendar,
  commonSuperiorRegion,
  deadlineWithTolling,
  formatCaseNumber,
  fromEpochDay,
  isWithin,
  organizationCodeCheckCharacter,
  patentApplicationCheckCharacter,
  referralRule,
  referralStart,
  referralTransition,
  residentIdCheckCharacter,
  shanghaiDate,
  toEpochDay,
  usccCheckCharacter,
} from '@app/domain';
import { Client } from 'pg';
import * as V from './case-vocabulary';

/** Bumped whenever the generated data changes shape or distribution (benchmarks compare it before reusing a DB). */
export const CASE_GENERATOR_VERSION = 3;

/** Cases per statement: small enough that a batch's strings die young (GC) and the two loaders interleave well. */
export const DEFAULT_BATCH = 2_500;

export interface GenerateOptions {
  cases: number;
  seed?: number;
  batch?: number;
  log?: (s: string) => void;
  /** 'YYYY-MM-DD' (Asia/Shanghai) the data ends on; defaults to today. */
  today?: string;
  /** Loader connections inserting batches in parallel (default 2). */
  connections?: number;
  /** ANALYZE the tables at the end (default true; it also flushes the trigram index's pending list). */
  analyze?: boolean;
}

export interface GenerateResult {
  cases: number;
  offices: number;
  users: number;
  seconds: number;
}

/**
 * The search text as CaseRepository.refreshSearchText maintains it: concat_ws(' ', case_no, 'DJ' || reg_no, title,
 * each party's "name uscc", the right numbers), parties and rights in insertion order.
 */
export function caseSearchText(
  caseNo: string | null,
  regNo: number | string,
  title: string,
  parties: readonly { name: string; uscc?: string | null }[],
  rightNumbers: readonly string[],
): string {
  return [caseNo, `DJ${regNo}`, searchTail(title, parties, rightNumbers)].filter(Boolean).join(' ');
}

/** Everything of {@link caseSearchText} after the registration number (which only the database knows). */
function searchTail(
  title: string,
  parties: readonly { name: string; uscc?: string | null }[],
  rightNumbers: readonly string[],
): string {
  const parts = [title];
  if (parties.length) parts.push(parties.map((p) => (p.uscc ? `${p.name} ${p.uscc}` : p.name)).join(' '));
  if (rightNumbers.length) parts.push(rightNumbers.join(' '));
  return parts.join(' ');
}

// ————————————————————————————————————————— randomness —————————————————————————————————————————

/** mulberry32: a tiny, fast, seedable 32-bit PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeded randomness for the generators (a fixed seed gives the same data set). */
export class Rng {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Popular items first: index = n · u². */
  skewed<T>(list: readonly T[]): T {
    const u = this.next();
    return list[Math.floor(u * u * list.length)];
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }
  /**
   * A UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits from this stream. Time-ordered by the case's
   * registration instant, so the b-trees keyed by case id (and the child tables' case_id indexes) fill append-mostly
   * as the cases go in in date order — without that, random keys make every insert touch a random leaf and the load
   * several times slower once the indexes outgrow shared_buffers. The API accepts any UUID version.
   */
  uuid7(unixSeconds: number): string {
    const ms = Math.floor(unixSeconds * 1000);
    const hi = Math.floor(ms / 65536); // the first 32 bits of the 48-bit timestamp
    const a = (this.next() * 4294967296) >>> 0;
    const b = (this.next() * 4294967296) >>> 0;
    const c = (this.next() * 4294967296) >>> 0;
    return (
      hex32(hi) +
      '-' +
      hex16(ms % 65536) +
      '-7' +
      hex16(a & 0x0fff).slice(1) +
      '-' +
      hex16(0x8000 | (a >>> 18)) +
      '-' +
      hex16(b >>> 16) +
      hex32(c)
    );
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex16 = (n: number) => HEX[(n >>> 8) & 255] + HEX[n & 255];
const hex32 = (n: number) => HEX[n >>> 24] + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255];

/** A weighted choice with a precomputed cumulative table (binary search). */
class Weighted<T> {
  private readonly cum: number[] = [];
  private readonly total: number;
  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    let sum = 0;
    for (const w of weights) this.cum.push((sum += w));
    this.total = sum;
    if (!(sum > 0)) throw new Error('Weighted: all weights are zero');
  }
  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

// ——————————————————————————————————————— identifiers ———————————————————————————————————————

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid GB 32100-2015 code: authority 9 (market regulation), category 1 company / 2 individual business. */
export function makeUscc(rng: Rng, regionCode: string, category: '1' | '2' = '1'): string {
  let body = 'MA';
  for (let i = 0; i < 6; i++) body += USCC_CHARS[rng.int(0, USCC_CHARS.length - 1)];
  const entity = body + organizationCodeCheckCharacter(body);
  const first17 = `9${category}${regionCode}${entity}`;
  return first17 + usccCheckCharacter(first17);
}

export function makeResidentId(rng: Rng, regionCode: string): string {
  const birth = fromEpochDay(rng.int(toEpochDay('1960-01-01'), toEpochDay('2003-12-31'))).replace(/-/g, '');
  const body = `${regionCode}${birth}${rng.digits(3)}`;
  return body + residentIdCheckCharacter(body);
}

// ——————————————————————————————————————— reference data ———————————————————————————————————————

interface RegionRow {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parent_code: string | null;
  province_code: string;
  city_code: string | null;
}

type OfficeKind = 'bureau' | 'copyright' | 'agri' | 'local' | 'police';

interface OfficeDef {
  idx: number;
  kind: OfficeKind;
  name: string;
  shortName: string;
  regionCode: string;
  province: string;
  competences: string[];
  /** Region codes cases of this office's area are filed under (local offices). */
  area: string[];
  /** Place name used in company names (广州, 北京, 仙桃). */
  place: string;
  weight: number;
  id?: string;
  officers?: string[];
  /** The public-security office criminal transfers of this office go to (same city, else the province's). */
  police?: OfficeDef;
}

interface ProvinceOrg {
  code2: string;
  name: string;
  bureau: OfficeDef;
  copyright: OfficeDef;
  agri: OfficeDef;
  locals: Weighted<OfficeDef>;
  counties: string[];
  /** bulk.sup.<province> (at the bureau): approves criminal transfers, designates, supervises. */
  supervisor: string | null;
}

const PLACEHOLDER_CITIES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

const placeName = (name: string): string => {
  if (/自治州$/.test(name)) return name.slice(0, 2);
  return name.replace(/(市|地区|盟|林区|县)$/, '') || name;
};

function buildOfficeDefs(regions: readonly RegionRow[]): { defs: OfficeDef[]; provinces: string[] } {
  const byParent = new Map<string, RegionRow[]>();
  for (const r of regions) {
    if (!r.parent_code) continue;
    const list = byParent.get(r.parent_code) ?? [];
    list.push(r);
    byParent.set(r.parent_code, list);
  }
  const defs: OfficeDef[] = [];
  const provinces = regions.filter((r) => r.level === 'province' && V.PROVINCE_ABBR[r.code.slice(0, 2)]);
  const add = (d: Omit<OfficeDef, 'idx'>) => defs.push({ ...d, idx: defs.length });
  for (const p of provinces) {
    const p2 = p.code.slice(0, 2);
    const abbr = V.PROVINCE_ABBR[p2];
    const muni = MUNICIPALITIES.has(p2);
    const common = { regionCode: p.code, province: p2, area: [], place: placeName(p.name), weight: 0 };
    add({
      ...common,
      kind: 'bureau',
      name: `${p.name}市场监督管理局（${p.name}知识产权局）`,
      shortName: `${abbr}知执`,
      competences: ['patent', 'trademark'],
    });
    add({
      ...common,
      kind: 'copyright',
      name: `${p.name}版权局`,
      shortName: `${abbr}版`,
      competences: ['copyright'],
    });
    add({
      ...common,
      kind: 'agri',
      name: `${p.name}农业农村${muni ? '局' : '厅'}`,
      shortName: `${abbr}农`,
      competences: ['plant_variety'],
    });
    for (const c of byParent.get(p.code) ?? []) {
      const counties = byParent.get(c.code) ?? [];
      if (PLACEHOLDER_CITIES.has(c.name)) {
        for (const k of counties) {
          add({
            kind: 'local',
            name: muni
              ? `${p.name}${k.name}市场监督管理局`
              : `${k.name}市场监督管理局（${k.name}知识产权局）`,
            shortName: `${abbr}${k.code.slice(2, 6)}知执`,
            regionCode: k.code,
            province: p2,
            competences: ['patent', 'trademark'],
            area: [k.code],
            place: muni ? placeName(p.name) : placeName(k.name),
            weight: muni ? 1 : 0.5,
          });
        }
      } else {
        add({
          kind: 'local',
          name: `${c.name}市场监督管理局（${c.name}知识产权局）`,
          shortName: `${abbr}${c.code.slice(2, 4)}知执`,
          regionCode: c.code,
          province: p2,
          competences: ['patent', 'trademark'],
          area: counties.length ? counties.map((k) => k.code) : [c.code],
          place: placeName(c.name),
          weight: V.CITY_WEIGHTS[c.code] ?? (c.code.endsWith('0100') ? 3 : 1),
        });
      }
    }
  }
  // Public-security offices (after all the others, so the bulk.<office-idx> accounts keep their numbers): the
  // province's 公安厅 (公安局 in the municipalities), each prefecture's 公安局 and the 公安局 of each county-level
  // unit directly under a province. No accounts: police steps are recorded by the sending office.
  const police = new Map<string, OfficeDef>();
  for (const p of provinces) {
    const p2 = p.code.slice(0, 2);
    const abbr = V.PROVINCE_ABBR[p2];
    const muni = MUNICIPALITIES.has(p2);
    const common = {
      kind: 'police' as const,
      province: p2,
      competences: ['public_security'],
      area: [],
      weight: 0,
    };
    add({
      ...common,
      name: `${p.name}公安${muni ? '局' : '厅'}`,
      shortName: `${abbr}公`,
      regionCode: p.code,
      place: placeName(p.name),
    });
    police.set(p.code, defs[defs.length - 1]);
    if (muni) continue;
    for (const c of byParent.get(p.code) ?? []) {
      const units = PLACEHOLDER_CITIES.has(c.name) ? (byParent.get(c.code) ?? []) : [c];
      for (const u of units) {
        add({
          ...common,
          name: `${u.name}公安局`,
          shortName: `${abbr}${u.code.slice(2, u.code.endsWith('00') ? 4 : 6)}公`,
          regionCode: u.code,
          place: placeName(u.name),
        });
        police.set(u.code, defs[defs.length - 1]);
      }
    }
  }
  for (const d of defs) {
    if (d.kind === 'police') continue;
    d.police =
      police.get(d.regionCode) ??
      police.get(`${d.regionCode.slice(0, 4)}00`) ??
      police.get(`${d.province}0000`);
  }
  // Names are unique in offices; a name seen twice (none today) is made unique with the province name.
  const seen = new Set<string>();
  for (const d of defs) {
    if (seen.has(d.name))
      d.name = `${regions.find((r) => r.code === `${d.province}0000`)?.name ?? ''}${d.name}`;
    seen.add(d.name);
  }
  return { defs, provinces: provinces.map((p) => p.code) };
}

const PASSWORD = 'Demo@2026';

async function ensureOrganisation(
  client: Client,
  regions: readonly RegionRow[],
  log: (s: string) => void,
): Promise<{ provinces: ProvinceOrg[]; offices: number; users: number; adminId: string | null }> {
  const { defs } = buildOfficeDefs(regions);
  const existing = (
    await client.query<{ id: string; name: string; short_name: string }>(
      `SELECT id, name, short_name FROM offices`,
    )
  ).rows;
  const byName = new Map(existing.map((o) => [o.name, o]));
  // Short names must stay unique (they prefix case numbers): reused offices keep theirs, new ones avoid them.
  const taken = new Set(existing.map((o) => o.short_name));
  const fresh = defs.filter((d) => !byName.has(d.name));
  for (const d of fresh) {
    let s = d.shortName;
    if (taken.has(s))
      s = `${V.PROVINCE_ABBR[d.province]}${d.regionCode.slice(2, 6)}${d.kind === 'police' ? '公' : '知执'}`;
    for (let n = 2; taken.has(s); n++) s = `${d.shortName}${n}`;
    d.shortName = s;
    taken.add(s);
  }
  if (fresh.length) {
    await client.query(
      `INSERT INTO offices (name, short_name, region_code, competences)
       SELECT n, s, r, string_to_array(c, ',') FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(n, s, r, c)
       ON CONFLICT (name) DO NOTHING`,
      [
        fresh.map((d) => d.name),
        fresh.map((d) => d.shortName),
        fresh.map((d) => d.regionCode),
        fresh.map((d) => d.competences.join(',')),
      ],
    );
  }
  const rows = (
    await client.query<{ id: string; name: string; short_name: string }>(
      `SELECT id, name, short_name FROM offices WHERE name = ANY($1)`,
      [defs.map((d) => d.name)],
    )
  ).rows;
  const ids = new Map(rows.map((r) => [r.name, r]));
  for (const d of defs) {
    const row = ids.get(d.name);
    if (!row) throw new Error(`office ${d.name} was not created`);
    d.id = row.id;
    d.shortName = row.short_name;
  }

  // Users: 3–5 officers per office, a supervisor per province; names from a fixed stream so re-runs match.
  const users: { username: string; displayName: string; role: string; officeId: string }[] = [];
  for (const d of defs) {
    if (d.kind === 'police') continue;
    const rng = new Rng(mulberry32(0x5eed + d.idx));
    const n = 3 + (d.idx % 3);
    for (let k = 1; k <= n; k++) {
      users.push({
        username: `bulk.${d.idx}.${k}`,
        displayName: rng.pick(V.SURNAMES) + rng.pick(V.GIVEN) + (rng.chance(0.6) ? rng.pick(V.GIVEN) : ''),
        role: 'officer',
        officeId: d.id!,
      });
    }
    if (d.kind === 'bureau') {
      users.push({
        username: `bulk.sup.${d.province}`,
        displayName: `${rng.pick(V.SURNAMES)}督导`,
        role: 'supervisor',
        officeId: d.id!,
      });
    }
  }
  const have = new Set(
    (
      await client.query<{ username: string }>(`SELECT username FROM users WHERE username = ANY($1)`, [
        users.map((u) => u.username),
      ])
    ).rows.map((r) => r.username),
  );
  const missing = users.filter((u) => !have.has(u.username));
  if (missing.length) {
    // One hash for every account (same parameters as PasswordHasher): hashing 2,000 passwords would take a minute.
    const passwordHash = await hash(PASSWORD, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
    await client.query(
      `INSERT INTO users (username, display_name, password_hash, roles, office_id)
       SELECT u, d, $5, ARRAY[r], o FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[]) AS t(u, d, r, o)
       ON CONFLICT (username) DO NOTHING`,
      [
        missing.map((u) => u.username),
        missing.map((u) => u.displayName),
        missing.map((u) => u.role),
        missing.map((u) => u.officeId),
        passwordHash,
      ],
    );
  }
  log(
    `organisation: ${defs.length} offices (${fresh.length} new), ${users.length} users (${missing.length} new)`,
  );

  // Case officers: every active officer of the office (bulk accounts and any demo officer), in username order.
  const officerRows = (
    await client.query<{ id: string; office_id: string }>(
      `SELECT id, office_id FROM users WHERE active AND 'officer' = ANY(roles) AND office_id = ANY($1)
        ORDER BY username`,
      [defs.map((d) => d.id)],
    )
  ).rows;
  const byOffice = new Map<string, string[]>();
  for (const r of officerRows) {
    const list = byOffice.get(r.office_id) ?? [];
    list.push(r.id);
    byOffice.set(r.office_id, list);
  }
  for (const d of defs) d.officers = byOffice.get(d.id!) ?? [];
  const supervisors = new Map(
    (
      await client.query<{ id: string; username: string }>(
        `SELECT id, username FROM users WHERE active AND username = ANY($1)`,
        [users.filter((u) => u.role === 'supervisor').map((u) => u.username)],
      )
    ).rows.map((r) => [r.username.slice('bulk.sup.'.length), r.id]),
  );
  // Cross-province jurisdiction disputes are designated at the national level: an administrator (the demo's).
  const admin = (
    await client.query<{ id: string }>(
      `SELECT id FROM users WHERE active AND 'admin' = ANY(roles) ORDER BY username LIMIT 1`,
    )
  ).rows[0];

  const provinces: ProvinceOrg[] = [];
  for (const p2 of Object.keys(V.PROVINCE_ABBR).sort()) {
    const mine = defs.filter((d) => d.province === p2);
    const locals = mine.filter((d) => d.kind === 'local');
    if (!locals.length) continue;
    provinces.push({
      code2: p2,
      name: regions.find((r) => r.code === `${p2}0000`)?.name ?? p2,
      bureau: mine.find((d) => d.kind === 'bureau')!,
      copyright: mine.find((d) => d.kind === 'copyright')!,
      agri: mine.find((d) => d.kind === 'agri')!,
      locals: new Weighted(
        locals,
        locals.map((d) => d.weight),
      ),
      counties: locals.flatMap((d) => d.area),
      supervisor: supervisors.get(p2) ?? null,
    });
  }
  return { provinces, offices: defs.length, users: users.length, adminId: admin?.id ?? null };
}

async function loadCalendar(
  client: Client,
): Promise<{ calendar: WorkingCalendar; springFestival: number[] }> {
  const days = (
    await client.query<{ date: string; kind: 'holiday' | 'workday'; name: string }>(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_days WHERE region_code = '000000'`,
    )
  ).rows;
  const years = (await client.query<{ year: number }>(`SELECT year FROM calendar_years`)).rows.map(
    (r) => r.year,
  );
  return {
    calendar: new WorkingCalendar(days, years),
    springFestival: days
      .filter((d) => d.kind === 'holiday' && d.name.includes('春节'))
      .map((d) => toEpochDay(d.date)),
  };
}

// ——————————————————————————————————————— right pools ———————————————————————————————————————

interface Holder {
  name: string;
  uscc: string | null;
  foreign: boolean;
}
interface Right {
  kind: string | null;
  number: string;
  title: string;
  holder: Holder;
}
interface Pools {
  holders: Holder[];
  marks: Right[];
  patents: Record<'patent_invention' | 'patent_utility' | 'patent_design', Right[]>;
  works: Right[];
  software: Right[];
  varieties: Right[];
}

function buildPools(rng: Rng, counties: readonly string[]): Pools {
  const holders: Holder[] = [];
  const names = new Set<string>();
  while (holders.length < 3000) {
    const foreign = rng.chance(0.1);
    const name = foreign
      ? `${rng.pick(V.FOREIGN_HOLDER_NAMES)}${rng.pick(V.TRADE_CHARS)}${rng.pick(V.FOREIGN_HOLDER_FORMS)}`
      : `${rng.pick(V.TRADE_CHARS)}${rng.pick(V.TRADE_CHARS)}${rng.pick(V.HOLDER_FORMS)}`;
    if (names.has(name)) continue;
    names.add(name);
    holders.push({ name, uscc: foreign ? null : makeUscc(rng, rng.pick(counties)), foreign });
  }
  const unique = (make: () => string, n: number): string[] => {
    const set = new Set<string>();
    while (set.size < n) set.add(make());
    return [...set];
  };
  const markNames = unique(
    () =>
      rng.pick(V.TRADE_CHARS) + rng.pick(V.TRADE_CHARS) + (rng.chance(0.3) ? rng.pick(V.TRADE_CHARS) : ''),
    6000,
  );
  const marks = unique(() => String(rng.int(1_000_000, 79_999_999)), 6000).map((number, i) => ({
    kind: 'trademark',
    number,
    title: markNames[i],
    holder: rng.skewed(holders),
  }));
  const patent = (type: string, pct: string | null, pctShare: number, titles: () => string): Right => {
    const digits = `${rng.int(2010, 2023)}${pct && rng.chance(pctShare) ? pct : type}${rng.digits(7)}`;
    return {
      kind: 'patent_application',
      number: `${digits}.${patentApplicationCheckCharacter(digits)}`,
      title: titles(),
      holder: rng.skewed(holders),
    };
  };
  const inventionTitle = () => `一种${rng.pick(V.INVENTIONS)}`;
  const patents = {
    patent_invention: Array.from({ length: 4000 }, () => patent('1', '8', 0.08, inventionTitle)),
    patent_utility: Array.from({ length: 6000 }, () => patent('2', '9', 0.03, inventionTitle)),
    patent_design: Array.from({ length: 8000 }, () => patent('3', null, 0, () => rng.pick(V.DESIGN_OBJECTS))),
  };
  const works = Array.from({ length: 4000 }, () => ({
    kind: null,
    number: `国作登字-${rng.int(2012, 2023)}-${rng.pick(['A', 'F', 'I', 'B', 'L'])}-${rng.digits(8)}`,
    title: `《${rng.pick(V.WORK_WORDS)}${rng.pick(V.WORK_WORDS)}${rng.pick(V.WORK_WORDS)}》`,
    holder: rng.skewed(holders),
  }));
  const software = Array.from({ length: 3000 }, () => ({
    kind: null,
    number: `${rng.int(2012, 2023)}SR${rng.digits(7)}`,
    title: `${rng.pick(V.TRADE_CHARS)}${rng.pick(V.TRADE_CHARS)}${rng.pick(V.SOFTWARE_WORDS)}V${rng.int(1, 5)}.0`,
    holder: rng.skewed(holders),
  }));
  const varieties = Array.from({ length: 400 }, () => ({
    kind: 'plant_variety_right',
    number: `CNA${rng.int(2015, 2023)}${rng.digits(7)}`,
    title: `${rng.pick(V.VARIETY_PREFIXES)}${rng.int(1, 999)}`,
    holder: rng.skewed(holders),
  }));
  return { holders, marks, patents, works, software, varieties };
}

// ——————————————————————————————————————— column batches ———————————————————————————————————————

/*
 * Dates travel as epoch days (int) and instants as epoch seconds (float): numbers serialise and parse far cheaper
 * than date strings, and PostgreSQL turns them back with `date '1970-01-01' + d` and to_timestamp(s).
 */
const D = (col: string) => `date '1970-01-01' + ${col}`;
const TS = (col: string) => `to_timestamp(${col})`;
/** Seconds from 00:00 UTC to a time of day in Asia/Shanghai (UTC+8). */
const shanghaiSeconds = (hour: number, minute = 0) => (hour - 8) * 3600 + minute * 60;
const END_OF_DAY = 86400 - 8 * 3600 - 0.001; // 23:59:59.999 +08:00, as deadlineWithTolling's dueAt

/**
 * Column arrays of one table, inserted with `INSERT INTO t (<targets>) SELECT <exprs> FROM unnest($1::t1[], …) AS
 * u(<inputs>) <from>`. Targets default to the inputs of the same name; `derive` renames or computes some of them.
 */
class Columns {
  readonly data: unknown[][];
  private readonly targets: (readonly [string, string])[];
  constructor(
    readonly table: string,
    readonly inputs: readonly (readonly [name: string, type: string])[],
    private readonly opts: {
      derive?: Readonly<Record<string, readonly [target: string, expr: string] | null>>;
      extra?: readonly (readonly [target: string, expr: string])[];
      /** Wraps the `unnest(…) AS u(…)` source (it must stay visible as `u`). */
      wrap?: (unnest: string) => string;
      /** Text between the column list and SELECT (OVERRIDING SYSTEM VALUE). */
      overriding?: boolean;
      join?: string;
    } = {},
  ) {
    this.data = inputs.map(() => []);
    const derive = opts.derive ?? {};
    this.targets = [
      ...inputs.filter(([n]) => derive[n] !== null).map(([n]) => derive[n] ?? ([n, `u.${n}`] as const)),
      ...(opts.extra ?? []),
    ];
  }
  push(...values: unknown[]): void {
    for (let i = 0; i < values.length; i++) this.data[i].push(values[i]);
  }
  get length(): number {
    return this.data[0].length;
  }
  /** The INSERT (a CTE body); `$n` numbering starts after `offset` parameters. */
  sql(offset: number): string {
    const args = this.inputs.map(([, type], i) => `$${offset + i + 1}::${type}[]`);
    const unnest = `unnest(${args.join(', ')}) AS u(${this.inputs.map((c) => c[0]).join(', ')})`;
    return `INSERT INTO ${this.table} (${this.targets.map((t) => t[0]).join(', ')})
            ${this.opts.overriding ? 'OVERRIDING SYSTEM VALUE' : ''}
            SELECT ${this.targets.map((t) => t[1]).join(', ')}
              FROM ${this.opts.wrap ? this.opts.wrap(unnest) : unnest} ${this.opts.join ?? ''}`;
  }
}

/** Rule metadata (key, actor, amount …) joins in by rule id instead of being repeated on every deadline row. */
const RULES_SQL = (() => {
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const rows = CASE_DEADLINE_RULES.map(
    (r) =>
      `(${q(r.id)}, ${q(r.key)}, ${q(r.actor)}, ${r.amount}, ${q(r.unit)}, ${r.rollToWorkingDay ?? false}, ` +
      `ARRAY[${r.tolledBy.map(q).join(', ')}]::text[])`,
  );
  return `JOIN (VALUES ${rows.join(', ')}) AS r(rule_id, key, actor, amount, unit, roll, tolled_by) ON r.rule_id = u.rule_id`;
})();

function newBatch(regNoSequence: string) {
  return {
    cases: new Columns(
      'cases',
      [
        ['id', 'uuid'],
        ['case_no', 'text'],
        ['case_year', 'int'],
        ['case_seq', 'int'],
        ['title', 'text'],
        ['ip_type', 'text'],
        ['procedure', 'text'],
        ['source', 'text'],
        ['status', 'text'],
        ['outcome', 'text'],
        ['office_id', 'uuid'],
        ['region_code', 'text'],
        ['province_code', 'text'],
        ['city_code', 'text'],
        ['summary', 'text'],
        ['value_fen', 'bigint'],
        ['illegal_gains_fen', 'bigint'],
        ['fine_fen', 'bigint'],
        ['confiscated_fen', 'bigint'],
        ['major', 'bool'],
        ['repeat_infringer', 'bool'],
        ['online', 'bool'],
        ['received_on', 'int'],
        ['filed_on', 'int'],
        ['decided_on', 'int'],
        ['closed_on', 'int'],
        ['next_due_on', 'int'],
        ['next_due_key', 'text'],
        ['search_tail', 'text'],
        ['created_by', 'uuid'],
        ['created_at', 'float8'],
        ['updated_at', 'float8'],
        ['version', 'int'],
        ['supervised', 'bool'],
      ],
      {
        derive: {
          received_on: ['received_on', D('u.received_on')],
          filed_on: ['filed_on', D('u.filed_on')],
          decided_on: ['decided_on', D('u.decided_on')],
          closed_on: ['closed_on', D('u.closed_on')],
          next_due_on: ['next_due_at', TS(`u.next_due_on * 86400 + ${END_OF_DAY}`)],
          // search_text is the case number, the registration number (known only here) and the tail built in JS
          // from the title, parties and rights: exactly CaseRepository.refreshSearchText's concat_ws.
          search_tail: ['search_text', `concat_ws(' ', u.case_no, 'DJ' || u.reg_no, u.search_tail)`],
          created_at: ['created_at', TS('u.created_at')],
          updated_at: ['updated_at', TS('u.updated_at')],
        },
        extra: [['reg_no', 'u.reg_no']],
        overriding: true,
        wrap: (unnest) => `(SELECT nextval('${regNoSequence}'::regclass) AS reg_no, u.* FROM ${unnest}) AS u`,
      },
    ),
    officers: new Columns(
      'case_officers',
      [
        ['case_id', 'uuid'],
        ['user_id', 'uuid'],
        ['lead', 'bool'],
        ['assigned_at', 'float8'],
      ],
      { derive: { assigned_at: ['assigned_at', TS('u.assigned_at')] } },
    ),
    parties: new Columns(
      'case_parties',
      [
        ['id', 'uuid'],
        ['case_id', 'uuid'],
        ['role', 'text'],
        ['kind', 'text'],
        ['name', 'text'],
        ['uscc', 'text'],
        ['id_number', 'text'],
        ['phone', 'text'],
        ['address', 'text'],
        ['foreign_domicile', 'bool'],
        ['created_at', 'float8'],
      ],
      { derive: { created_at: ['created_at', TS('u.created_at')] } },
    ),
    rights: new Columns(
      'case_rights',
      [
        ['id', 'uuid'],
        ['case_id', 'uuid'],
        ['number_kind', 'text'],
        ['number', 'text'],
        ['title', 'text'],
        ['holder', 'text'],
        ['created_at', 'float8'],
      ],
      { derive: { created_at: ['created_at', TS('u.created_at')] } },
    ),
    deadlines: new Columns(
      'case_deadlines',
      [
        ['case_id', 'uuid'],
        ['rule_id', 'text'],
        ['start_on', 'int'],
        ['due_on', 'int'],
        ['suspended_on', 'int'],
        ['paused_days', 'int'],
        ['status', 'text'],
        ['closed_on', 'int'],
      ],
      {
        derive: {
          rule_id: ['rule_id', 'r.rule_id'],
          start_on: ['start_date', D('u.start_on')],
          due_on: ['due_date', D('u.due_on')],
          suspended_on: ['suspended_since', D('u.suspended_on')],
          closed_on: ['closed_on', D('u.closed_on')],
        },
        extra: [
          ['key', 'r.key'],
          ['actor', 'r.actor'],
          ['amount', 'r.amount'],
          ['unit', 'r.unit'],
          ['roll', 'r.roll'],
          ['tolled_by', 'r.tolled_by'],
          ['due_at', TS(`u.due_on * 86400 + ${END_OF_DAY}`)],
          ['closed_at', TS(`u.closed_on * 86400 + ${shanghaiSeconds(16, 30)}`)],
          ['created_at', TS(`u.start_on * 86400 + ${shanghaiSeconds(9, 30)}`)],
        ],
        join: RULES_SQL,
      },
    ),
    pauses: new Columns(
      'case_pauses',
      [
        ['case_id', 'uuid'],
        ['kind', 'text'],
        ['from_on', 'int'],
        ['to_on', 'int'],
        ['reason', 'text'],
      ],
      { derive: { from_on: ['from_date', D('u.from_on')], to_on: ['to_date', D('u.to_on')] } },
    ),
    referrals: new Columns(
      'referrals',
      [
        ['id', 'uuid'],
        ['referral_no', 'text'],
        ['kind', 'text'],
        ['state', 'text'],
        ['case_id', 'uuid'],
        ['group_id', 'uuid'],
        ['from_office_id', 'uuid'],
        ['to_office_id', 'uuid'],
        ['reason', 'text'],
        ['legal_basis', 'text'],
        ['request', 'text'],
        ['target_region_code', 'text'],
        ['team_user_ids', 'text'],
        ['case_summary', 'text'],
        ['suspicion_basis', 'text'],
        ['value_involved_fen', 'bigint'],
        ['case_handling', 'text'],
        ['case_suspended', 'bool'],
        ['approved_by', 'uuid'],
        ['approved_at', 'float8'],
        ['sent_at', 'float8'],
        ['answer', 'text'],
        ['superior_region_code', 'text'],
        ['designated_office_id', 'uuid'],
        ['clock', 'text'],
        ['rule_id', 'text'],
        ['due_at', 'float8'],
        ['created_by', 'uuid'],
        ['created_at', 'float8'],
        ['updated_at', 'float8'],
        ['closed_at', 'float8'],
        ['version', 'int'],
      ],
      {
        derive: {
          team_user_ids: ['team_user_ids', 'u.team_user_ids::uuid[]'],
          approved_at: ['approved_at', TS('u.approved_at')],
          sent_at: ['sent_at', TS('u.sent_at')],
          due_at: ['due_at', TS('u.due_at')],
          created_at: ['created_at', TS('u.created_at')],
          updated_at: ['updated_at', TS('u.updated_at')],
          closed_at: ['closed_at', TS('u.closed_at')],
        },
      },
    ),
    referralEvents: new Columns(
      'referral_events',
      [
        ['referral_id', 'uuid'],
        ['action', 'text'],
        ['from_state', 'text'],
        ['to_state', 'text'],
        ['actor_id', 'uuid'],
        ['office_id', 'uuid'],
        ['reason', 'text'],
        ['document_on', 'int'],
        ['at', 'float8'],
      ],
      { derive: { document_on: ['document_date', D('u.document_on')], at: ['at', TS('u.at')] } },
    ),
    officeHistory: new Columns(
      'case_office_history',
      [
        ['case_id', 'uuid'],
        ['referral_id', 'uuid'],
        ['from_office_id', 'uuid'],
        ['to_office_id', 'uuid'],
        ['from_region_code', 'text'],
        ['to_region_code', 'text'],
        ['from_case_no', 'text'],
        ['to_case_no', 'text'],
        ['how', 'text'],
        ['moved_by', 'uuid'],
        ['moved_at', 'float8'],
      ],
      { derive: { moved_at: ['moved_at', TS('u.moved_at')] } },
    ),
    supervisions: new Columns(
      'case_supervisions',
      [
        ['id', 'uuid'],
        ['case_id', 'uuid'],
        ['region_code', 'text'],
        ['office_id', 'uuid'],
        ['started_by', 'uuid'],
        ['reason', 'text'],
        ['report_every_days', 'int'],
        ['next_report_due_at', 'float8'],
        ['started_at', 'float8'],
        ['version', 'int'],
      ],
      {
        derive: {
          next_report_due_at: ['next_report_due_at', TS('u.next_report_due_at')],
          started_at: ['started_at', TS('u.started_at')],
        },
      },
    ),
    supervisionReports: new Columns(
      'case_supervision_reports',
      [
        ['id', 'uuid'],
        ['supervision_id', 'uuid'],
        ['body', 'text'],
        ['filed_by', 'uuid'],
        ['filed_at', 'float8'],
        ['was_due_at', 'float8'],
      ],
      {
        derive: { filed_at: ['filed_at', TS('u.filed_at')], was_due_at: ['was_due_at', TS('u.was_due_at')] },
      },
    ),
  };
}
type Batch = ReturnType<typeof newBatch>;

/** All tables of a batch in one statement: atomic, and one round trip, so the next batch is built meanwhile. */
async function insertBatch(client: Client, batch: Batch): Promise<void> {
  const parts: string[] = [];
  const params: string[] = [];
  Object.values(batch).forEach((t, i) => {
    if (!t.length) return;
    parts.push(`t${i} AS (${t.sql(params.length)})`);
    t.inputs.forEach(([, type], k) => params.push(arrayLiteral(t.data[k], type)));
  });
  await client.query(`WITH ${parts.join(',\n')} SELECT 1`, params);
}

/**
 * A PostgreSQL array literal. Built here rather than by node-postgres because most values (uuids, numbers, codes)
 * need no quoting, which makes serialising a batch several times cheaper.
 */
function arrayLiteral(values: readonly unknown[], type: string): string {
  let out = '{';
  if (type === 'text') {
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as string | null;
      if (i) out += ',';
      if (v === null) out += 'NULL';
      else out += `"${/["\\]/.test(v) ? v.replace(/["\\]/g, '\\$&') : v}"`;
    }
  } else {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (i) out += ',';
      out += v === null ? 'NULL' : String(v);
    }
  }
  return out + '}';
}

// ——————————————————————————————————————— the cases ———————————————————————————————————————

type Proc =
  | 'patent_adjudication'
  | 'mediation'
  | 'penalty_passing_off'
  | 'penalty_trademark'
  | 'penalty_copyright'
  | 'penalty_plant_variety'
  | 'fast_track';
type IpCode =
  | 'trademark'
  | 'patent_invention'
  | 'patent_utility'
  | 'patent_design'
  | 'copyright'
  | 'copyright_software'
  | 'plant_variety';
type Pairs<T> = readonly (readonly [T, number])[];

const IP_WEIGHTS: Pairs<IpCode> = [
  ['trademark', 46],
  ['patent_invention', 9],
  ['patent_utility', 14],
  ['patent_design', 18],
  ['copyright', 7.5],
  ['copyright_software', 3],
  ['plant_variety', 2.5],
];
const PATENT_PROCEDURES: Record<'patent_invention' | 'patent_utility' | 'patent_design', Pairs<Proc>> = {
  patent_invention: [
    ['patent_adjudication', 50],
    ['mediation', 25],
    ['penalty_passing_off', 20],
    ['fast_track', 5],
  ],
  patent_utility: [
    ['patent_adjudication', 40],
    ['mediation', 25],
    ['penalty_passing_off', 20],
    ['fast_track', 15],
  ],
  patent_design: [
    ['patent_adjudication', 30],
    ['mediation', 20],
    ['penalty_passing_off', 15],
    ['fast_track', 35],
  ],
};
const SOURCE_WEIGHTS: Record<CaseSource, number> = {
  complaint: 30,
  ex_officio: 22,
  ecommerce: 15,
  request: 12,
  referral: 8,
  trade_fair: 7,
  customs: 6,
};
const SOURCE_ZH: Record<CaseSource, string> = {
  complaint: '接到投诉举报',
  ex_officio: '执法人员在日常检查中发现',
  ecommerce: '电商平台报送线索',
  request: '权利人提出处理请求',
  referral: '收到有关部门移送的线索',
  trade_fair: '在展会巡查中发现',
  customs: '海关通报',
};
const OUTCOMES: Record<'notice' | 'direct' | 'adjudication' | 'mediation', Pairs<string>> = {
  notice: [
    ['penalty', 78],
    ['warning', 11],
    ['no_penalty', 11],
  ],
  direct: [
    ['not_established', 60],
    ['no_penalty', 40],
  ],
  adjudication: [
    ['ruling_infringing', 45],
    ['ruling_not_infringing', 15],
    ['mediation_agreement', 25],
    ['withdrawn', 15],
  ],
  mediation: [
    ['mediation_agreement', 65],
    ['mediation_failed', 20],
    ['withdrawn', 15],
  ],
};
const PATENT_ZH: Record<string, string> = {
  patent_invention: '发明专利',
  patent_utility: '实用新型专利',
  patent_design: '外观设计专利',
};

type OpenState =
  'registered' | 'investigating' | 'suspended' | 'notified' | 'hearing' | 'decided' | 'executing';
/** Open states by age bracket: [upper bound of the age in days, cumulative thresholds]. */
const OPEN_BY_AGE: readonly (readonly [number, Pairs<OpenState>])[] = [
  [
    10,
    [
      ['registered', 85],
      ['investigating', 15],
    ],
  ],
  [
    30,
    [
      ['registered', 30],
      ['investigating', 60],
      ['suspended', 5],
      ['notified', 5],
    ],
  ],
  [
    120,
    [
      ['registered', 5],
      ['investigating', 50],
      ['suspended', 12],
      ['notified', 13],
      ['hearing', 3],
      ['decided', 10],
      ['executing', 7],
    ],
  ],
  [
    Infinity,
    [
      ['investigating', 35],
      ['suspended', 20],
      ['notified', 8],
      ['hearing', 2],
      ['decided', 10],
      ['executing', 25],
    ],
  ],
];

const pairs = <T>(p: Pairs<T>) =>
  new Weighted(
    p.map((x) => x[0]),
    p.map((x) => x[1]),
  );

/** Approximate natural-day length of a rule's period (to sample realistic dates; due dates use the engine). */
const approxDays = (rule: DeadlineRule): number =>
  rule.unit === 'WD'
    ? Math.ceil((rule.amount * 7) / 5) + 1
    : rule.unit === 'MONTH'
      ? rule.amount * 30
      : rule.amount;

interface ProcInfo {
  code: Proc;
  def: ProcedureDef;
  penalty: boolean;
  sources: Weighted<CaseSource>;
  rules: Map<string, DeadlineRule[]>;
  states: Set<string>;
  /** Pause kinds of the procedure that stop its closing limit. */
  closingPauses: string[];
}

function procInfo(def: ProcedureDef): ProcInfo {
  const rules = new Map<string, DeadlineRule[]>();
  for (const r of CASE_DEADLINE_RULES) {
    if (r.id.startsWith(`${def.code}.`)) rules.set(r.key, [...(rules.get(r.key) ?? []), r]);
  }
  const states = new Set<string>();
  for (const t of def.transitions) {
    t.from.forEach((s) => states.add(s));
    if (t.to) states.add(t.to);
  }
  const closing = rules.get('closing')?.[0];
  return {
    code: def.code as Proc,
    def,
    penalty: def.kind === 'penalty',
    sources: new Weighted(
      def.sources,
      def.sources.map((s) => (s === 'request' && def.kind !== 'penalty' ? 60 : SOURCE_WEIGHTS[s])),
    ),
    rules,
    states,
    closingPauses: def.pauseKinds.filter((k) => closing?.tolledBy.includes(k)),
  };
}

const ruleFor = (p: ProcInfo, key: string, source: CaseSource): DeadlineRule | undefined =>
  p.rules
    .get(key)
    ?.find(
      (r) => (!r.when?.sources || r.when.sources.includes(source)) && r.when?.foreignRespondent !== true,
    );

const personName = (rng: Rng) =>
  rng.pick(V.SURNAMES) + rng.pick(V.GIVEN) + (rng.chance(0.6) ? rng.pick(V.GIVEN) : '');

interface Party {
  role: string;
  kind: string;
  name: string;
  uscc: string | null;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  foreign: boolean;
}

// ——————————————————————————————————————— referrals ———————————————————————————————————————

/** A step of a referral path: the action and its natural days after the previous step, [min, max]. */
type PathStep = readonly [action: ReferralAction, minGap: number, maxGap: number];
type Path = readonly PathStep[];

/** Jurisdiction transfers (SAMR Decree 2; the receiver answers within 7 working days). */
const J_PATHS: Record<'accepted' | 'acceptedDirect' | 'settled' | 'designated' | 'withdrawn', Path> = {
  accepted: [
    ['receive', 0, 2],
    ['accept', 1, 8],
  ],
  acceptedDirect: [['accept', 1, 9]],
  settled: [
    ['receive', 0, 2],
    ['return', 2, 9],
    ['close', 1, 8],
  ],
  designated: [
    ['receive', 0, 2],
    ['return', 2, 9],
    ['escalate', 3, 9],
    ['designate', 5, 16],
  ],
  withdrawn: [['withdraw', 1, 5]],
};
/** Open jurisdiction transfers: how far along (steps of J_PATHS.designated taken). */
const J_OPEN: Pairs<number> = [
  [0, 40],
  [1, 25],
  [2, 20],
  [3, 15],
];
/** Assistance (5 working days to respond, 15 to answer) and joint actions (5 working days, answer in 30 days). */
const COOP_PATHS: Record<'assistance' | 'joint', Pairs<Path>> = {
  assistance: [
    [
      [
        ['receive', 0, 2],
        ['accept', 0, 3],
        ['answer', 3, 24],
        ['close', 0, 6],
      ],
      72,
    ],
    [
      [
        ['accept', 1, 4],
        ['answer', 3, 24],
        ['close', 0, 6],
      ],
      12,
    ],
    [
      [
        ['receive', 0, 2],
        ['return', 1, 6],
      ],
      10,
    ],
    [[['withdraw', 1, 6]], 6],
  ],
  joint: [
    [
      [
        ['receive', 0, 1],
        ['accept', 0, 3],
        ['answer', 5, 36],
        ['close', 0, 6],
      ],
      80,
    ],
    [
      [
        ['accept', 0, 3],
        ['answer', 5, 36],
        ['close', 0, 6],
      ],
      10,
    ],
    [
      [
        ['receive', 0, 1],
        ['return', 1, 4],
      ],
      10,
    ],
  ],
};
/** Criminal transfers the police did not take (State Council Decree 310: 3 days to approve, 24 h to send, …). */
const C_PATHS: Pairs<Path> = [
  // The police return it: no crime (Art 13); the administrative case goes on.
  [
    [
      ['approve', 0, 3],
      ['send', 0, 1],
      ['return', 2, 20],
    ],
    40,
  ],
  // The police decline and the office accepts that.
  [
    [
      ['approve', 0, 3],
      ['send', 0, 1],
      ['police_refuse', 1, 6],
      ['close', 1, 5],
    ],
    25,
  ],
  // Declined, reconsidered, upheld: the office asks the procuratorate to supervise.
  [
    [
      ['approve', 0, 3],
      ['send', 0, 1],
      ['police_refuse', 1, 6],
      ['request_reconsideration', 1, 3],
      ['reconsideration_refused', 1, 5],
      ['escalate_procuratorate', 1, 3],
    ],
    10,
  ],
  // The head does not approve: evidence too thin.
  [[['refuse', 0, 3]], 15],
];
/** Open criminal transfers on investigating cases: the path so far. */
const C_OPEN: Pairs<Path> = [
  [[], 25],
  [[['approve', 0, 2]], 10],
  [
    [
      ['approve', 0, 2],
      ['send', 0, 1],
    ],
    35,
  ],
  [
    [
      ['approve', 0, 2],
      ['send', 0, 1],
      ['police_refuse', 1, 4],
    ],
    15,
  ],
  [
    [
      ['approve', 0, 2],
      ['send', 0, 1],
      ['police_refuse', 1, 4],
      ['request_reconsideration', 1, 3],
    ],
    10,
  ],
  [
    [
      ['approve', 0, 2],
      ['send', 0, 1],
      ['police_refuse', 1, 4],
      ['request_reconsideration', 1, 3],
      ['reconsideration_refused', 1, 4],
    ],
    5,
  ],
];

/** Per case, before eligibility (see the header): jurisdiction, assistance, joint action, other criminal transfers. */
const REFERRAL_P = { jurisdiction: 0.051, assistance: 0.037, joint: 0.014, criminal: 0.012 };
/** Supervision (督办) of open filed cases at city / county offices: major cases, others. */
const SUPERVISION_P = { major: 0.1, other: 0.0012 };
const SUPERVISION_EVERY = 15;
const SUPERVISION_LAPSED = 0.08;

const CRIME: Record<string, string> = {
  penalty_trademark: '涉嫌假冒注册商标罪或销售假冒注册商标的商品罪（《刑法》第二百一十三条、第二百一十四条）',
  penalty_passing_off: '涉嫌假冒专利罪（《刑法》第二百一十六条）',
  penalty_copyright: '涉嫌侵犯著作权罪（《刑法》第二百一十七条）',
  penalty_plant_variety: '涉嫌生产、销售伪劣种子罪（《刑法》第一百四十七条）',
};
const LEGAL_BASIS: Record<string, string> = {
  copyright: '《著作权行政处罚实施办法》',
  plant_variety: '《农业行政处罚程序规定》',
  other: '《市场监督管理行政处罚程序规定》',
};
const ASSIST_REQUESTS = [
  '请协助核查当事人在贵辖区的生产、仓储场所及库存情况',
  '请协助调取涉案网店经营者的登记信息及交易记录',
  '请协助向权利人核实涉案商品的真伪并出具鉴定意见',
  '请协助向住所地在贵辖区的当事人送达法律文书',
  '请协助核查涉案商品的上游供货商',
];
const ASSIST_ANSWERS = [
  '经核查，所涉生产场所已停业，现场未发现涉案商品，询问笔录随函附送',
  '已调取涉案网店的登记信息及近一年交易记录，随函附送',
  '权利人已出具鉴定意见，认定涉案商品为侵权商品',
  '法律文书已于当日直接送达当事人，送达回证随函附送',
  '经核查，供货商位于本辖区，已另行立案调查',
];
const JOINT_ANSWERS = [
  '已按约定派员参加联合检查，现场查获涉案商品一批，已依法扣押',
  '已按约定参加联合行动，检查经营场所多处，线索已移交牵头单位',
];
const SUPERVISION_REASONS = [
  '涉案金额巨大，社会影响较大，省局挂牌督办',
  '跨区域重大侵权案件，省局督办',
  '群众反映强烈的侵权案件，省局督办',
];

/** The case as the referral planner sees it (dates in epoch days). */
interface RefCase {
  id: string;
  office: OfficeDef;
  prov: ProvinceOrg;
  region: string;
  ipType: IpCode;
  procCode: Proc;
  penalty: boolean;
  status: string;
  r0: number;
  filed: number | null;
  notice: number | null;
  suspended: number | null;
  hearing: number | null;
  decided: number | null;
  closed: number | null;
  caseNo: string | null;
  /** The case's officers, lead first. */
  officers: string[];
  major: boolean;
  valueFen: number | null;
  title: string;
}

/** What the referrals and supervision change on the case row. */
interface RefEffect {
  /** The case came from another office: registered there by this officer, moved here at `movedAt` (seconds). */
  createdBy: string | null;
  movedAt: number | null;
  supervised: boolean;
  /** Updates of the case (a move, the start of a supervision): version bumps and the last one (seconds). */
  versions: number;
  touchedAt: number | null;
}

interface RefStep {
  action: ReferralAction;
  day: number;
}
interface Schedule {
  /** The day the referral was created. */
  start: number;
  steps: RefStep[];
}

export interface ReferralStats {
  referrals: number;
  open: number;
  /** Cases with a referral of each kind. */
  cases: Record<ReferralKind, number>;
  referred: number;
  moved: number;
  supervised: number;
}

const min = (...days: (number | null)[]) => Math.min(...days.map((d) => d ?? Infinity));

/**
 * Builds one case's referrals with their steps, its move between offices and its supervision into the batch (see
 * the header). Draws from its own stream, so the cases themselves come out as they would without referrals.
 */
class ReferralPlanner {
  readonly stats: ReferralStats = {
    referrals: 0,
    open: 0,
    cases: { jurisdiction: 0, assistance: 0, joint: 0, criminal: 0 },
    referred: 0,
    moved: 0,
    supervised: 0,
  };
  private readonly provByCode: Map<string, ProvinceOrg>;
  private readonly openStates = new Set<string>(OPEN_REFERRAL_STATES);
  private batch!: Batch;
  /** The last instant used (steps of a referral are strictly ordered). */
  private instant = 0;

  constructor(
    private readonly xr: Rng,
    private readonly provinces: Weighted<ProvinceOrg>,
    private readonly calendar: WorkingCalendar,
    private readonly today: number,
    private readonly adminId: string | null,
    /** Takes the next case number of an office in a year (the number a moved case had at its first office). */
    private readonly takeNumber: (office: OfficeDef, year: number) => string,
    /** The next referral number, 'YS' + year + 6 digits. */
    private readonly referralNo: (year: number) => string,
  ) {
    this.provByCode = new Map(provinces.items.map((p) => [p.code2, p]));
  }

  plan(batch: Batch, c: RefCase): RefEffect {
    this.batch = batch;
    const effect: RefEffect = {
      createdBy: null,
      movedAt: null,
      supervised: false,
      versions: 0,
      touchedAt: null,
    };
    const u = this.xr.next();
    const p = REFERRAL_P;
    // Cooperation and criminal transfers happen in the investigation of a filed case.
    const investigated =
      c.filed !== null && !['not_filed', 'referred_out', 'transferred_police'].includes(c.status);
    let kind: ReferralKind | null = null;
    if (c.status === 'transferred_police') {
      if (this.criminalFiled(c)) kind = 'criminal';
    } else if (c.status === 'referred_out') {
      // left under the former refer_out action: no referral rows
    } else if (u < p.jurisdiction) {
      if (this.jurisdiction(c, effect)) kind = 'jurisdiction';
    } else if (u < p.jurisdiction + p.assistance) {
      if (investigated && this.cooperation('assistance', c)) kind = 'assistance';
    } else if (u < p.jurisdiction + p.assistance + p.joint) {
      if (investigated && c.penalty && this.cooperation('joint', c)) kind = 'joint';
    } else if (u < p.jurisdiction + p.assistance + p.joint + p.criminal) {
      if (investigated && c.penalty && this.criminalOther(c)) kind = 'criminal';
    }
    if (kind) {
      this.stats.cases[kind]++;
      this.stats.referred++;
    }
    this.supervise(c, effect);
    return effect;
  }

  // —— the kinds ——

  private jurisdiction(c: RefCase, effect: RefEffect): boolean {
    const xr = this.xr;
    // Jurisdiction is settled in the investigation: before a notice, suspension, hearing or decision.
    const end = min(c.notice, c.suspended, c.hearing, c.decided, c.closed, this.today);
    const outcome = pickPairs(xr, [
      ['moved', 70],
      ['settled', 8],
      ['designated', 7],
      ['withdrawn', 4],
      ['open', c.status === 'registered' || c.status === 'investigating' ? 11 : 0],
    ] as const);
    const legalBasis = LEGAL_BASIS[competenceOf(c.ipType)];
    if (outcome === 'moved' || (outcome === 'designated' && xr.chance(0.5))) {
      // The case is at its office now: it came from `sender`, before the sender filed it or after (the sender's
      // number is then the history's from_case_no; the move stays within the filing year).
      const yearEnd = c.filed === null ? 0 : toEpochDay(`${fromEpochDay(c.filed).slice(0, 4)}-12-31`);
      const before = c.filed === null ? end >= c.r0 : c.filed - 1 >= c.r0;
      const after = c.filed !== null && min(end, yearEnd) >= c.filed;
      if (!before && !after) return false;
      const afterFiling = after && (!before || xr.chance(0.65));
      const [from, to] = afterFiling
        ? [c.filed!, min(end, yearEnd)]
        : [c.r0, c.filed === null ? end : c.filed - 1];
      const sender = this.sameCompetence(c.office, c.prov, 0.4);
      const fromRegion = this.regionIn(sender);
      if (outcome === 'designated' && !this.designator(fromRegion, c.office, c.office)) return false;
      const creator = xr.pick(sender.officers!);
      const path =
        outcome === 'designated'
          ? J_PATHS.designated
          : xr.chance(0.7)
            ? J_PATHS.accepted
            : J_PATHS.acceptedDirect;
      const r = this.build({
        kind: 'jurisdiction',
        c,
        from: sender,
        to: c.office,
        senders: [creator, ...sender.officers!.filter((o) => o !== creator)],
        receivers: c.officers,
        ...this.schedule(path, from + Math.floor(xr.next() * 0.5 * (to - from)), to),
        reason: xr.chance(0.5)
          ? `经调查，当事人住所地及主要侵权行为地均在${c.office.place}，依法移送有管辖权的机关`
          : `涉案商品的生产、仓储场所位于${c.office.place}，由其所在地机关管辖更便于查处`,
        legalBasis,
        targetRegion: c.region,
        caseRegion: fromRegion,
        designated: outcome === 'designated' ? c.office : null,
      });
      const fromCaseNo = afterFiling
        ? this.takeNumber(sender, Number(fromEpochDay(c.filed!).slice(0, 4)))
        : null;
      this.batch.officeHistory.push(
        c.id,
        r.id,
        sender.id,
        c.office.id,
        fromRegion,
        c.region,
        fromCaseNo,
        afterFiling ? c.caseNo : null,
        outcome === 'moved' ? 'accepted' : 'designated',
        r.lastActor,
        r.lastAt,
      );
      effect.createdBy = creator;
      effect.movedAt = r.lastAt;
      effect.versions++;
      effect.touchedAt = r.lastAt;
      this.stats.moved++;
      return true;
    }
    // The case stayed: the transfer was settled between the offices, designated back, withdrawn, or still runs.
    const receiver = this.sameCompetence(c.office, c.prov, 0.4);
    // Designated back only when the sender lies within the common superior's region (else they settle it).
    const settled =
      outcome === 'designated' && !this.designator(c.region, receiver, c.office) ? 'settled' : outcome;
    const schedule =
      settled === 'open'
        ? this.scheduleOpen(J_PATHS.designated.slice(0, pickPairs(xr, J_OPEN)), c.r0, xr.int(0, 12))
        : this.schedule(J_PATHS[settled], c.r0 + Math.floor(xr.next() * 0.5 * Math.max(0, end - c.r0)), end);
    this.build({
      kind: 'jurisdiction',
      c,
      from: c.office,
      to: receiver,
      senders: c.officers,
      receivers: receiver.officers!,
      ...schedule,
      reason: `经初步调查，当事人住所地在${receiver.place}，本案可能由${receiver.name}管辖`,
      legalBasis,
      targetRegion: this.regionIn(receiver),
      caseRegion: c.region,
      designated: settled === 'designated' ? c.office : null,
    });
    return true;
  }

  /** Assistance requests (one office, sometimes two) and joint actions (2–3 participants in one group). */
  private cooperation(kind: 'assistance' | 'joint', c: RefCase): boolean {
    const xr = this.xr;
    const end =
      kind === 'assistance'
        ? min(c.notice, c.decided, c.closed, this.today)
        : min(c.decided, c.closed, this.today);
    if (end < c.filed!) return false;
    const n = kind === 'assistance' ? (xr.chance(0.15) ? 2 : 1) : xr.chance(0.65) ? 2 : 3;
    const targets: OfficeDef[] = [];
    for (let k = 0; k < 10 && targets.length < n; k++) {
      const t = this.sameCompetence(c.office, c.prov, kind === 'assistance' ? 0.55 : 0.35);
      if (!targets.includes(t)) targets.push(t);
    }
    // An investigation still running may have requests still open; a finished one finished them first.
    const running = end >= this.today;
    const start = c.filed! + Math.floor(xr.next() * (running ? 1 : 0.6) * (end - c.filed!));
    const createdAt = this.at(start);
    const groupId = kind === 'joint' ? xr.uuid7(createdAt) : null;
    const request =
      kind === 'assistance' ? xr.pick(ASSIST_REQUESTS) : '请于约定时间派员参加联合检查，共同查处侵权行为';
    const subject = c.title.length > 60 ? `${c.title.slice(0, 60)}…` : c.title;
    for (const to of targets) {
      this.build({
        kind,
        c,
        from: c.office,
        to,
        senders: c.officers,
        receivers: to.officers!,
        ...this.schedule(pickPairs(xr, COOP_PATHS[kind]), start, running ? null : end),
        createdAt,
        reason: kind === 'assistance' ? `${subject}调查需要` : `联合查处${subject}`,
        request,
        groupId,
        answer: xr.pick(kind === 'assistance' ? ASSIST_ANSWERS : JOINT_ANSWERS),
      });
    }
    return true;
  }

  /**
   * A transferred_police case: approved, sent, the police opened a case on the day the case left (its closed_on),
   * the exhibits handed over within 3 days (Decree 310 Art 12) — or not yet, for the last few days.
   */
  private criminalFiled(c: RefCase): boolean {
    const xr = this.xr;
    if (c.filed === null || c.closed === null) return false;
    const policeDay = c.closed;
    const send = Math.max(c.filed, policeDay - xr.int(1, 6));
    const approve = Math.max(c.filed, send - xr.int(0, 1));
    const proposed = Math.max(c.filed, approve - xr.int(0, 3));
    const steps: RefStep[] = [
      { action: 'approve', day: approve },
      { action: 'send', day: send },
      { action: 'police_file', day: policeDay },
    ];
    const handOver = policeDay + (xr.chance(0.85) ? xr.int(0, 3) : xr.int(4, 10));
    if (handOver <= this.today) steps.push({ action: 'hand_over_exhibits', day: handOver });
    const suspend = xr.chance(0.25);
    const r = this.build({ ...this.criminalFacts(c, suspend), c, start: proposed, steps });
    // Suspended when sent (case_handling 'suspend'); the suspension ended when the police opened their case.
    if (suspend)
      this.batch.pauses.push(c.id, 'suspension', send, policeDay, `涉嫌犯罪移送公安机关（${r.no}）`);
    return true;
  }

  /** Other criminal transfers: ones the police did not take, or still running on an investigating case. */
  private criminalOther(c: RefCase): boolean {
    const xr = this.xr;
    const end = min(c.notice, c.decided, c.closed, this.today);
    if (end < c.filed!) return false;
    const schedule =
      c.status === 'investigating' && xr.chance(0.5)
        ? this.scheduleOpen(pickPairs(xr, C_OPEN), c.filed!, xr.int(0, 4))
        : this.schedule(
            pickPairs(xr, C_PATHS),
            c.filed! + Math.floor(xr.next() * 0.5 * (end - c.filed!)),
            end,
          );
    this.build({ ...this.criminalFacts(c, false), c, ...schedule });
    return true;
  }

  private criminalFacts(c: RefCase, suspend: boolean) {
    const yuan = c.valueFen === null ? this.xr.int(50, 500) * 1000 : Math.round(c.valueFen / 100);
    const amount = yuan.toLocaleString('en-US');
    return {
      kind: 'criminal' as const,
      from: c.office,
      to: c.office.police!,
      senders: c.officers,
      // Police steps are recorded by the sending office from the police's written notices.
      receivers: c.officers,
      reason: CRIME[c.procCode] ?? CRIME.penalty_trademark,
      legalBasis: '《行政执法机关移送涉嫌犯罪案件的规定》第三条',
      team: c.officers.slice(0, 3),
      caseSummary: `${c.title}：经调查，涉案商品货值约${amount}元，当事人对违法事实供认不讳。`,
      suspicionBasis: `非法经营数额约${amount}元，达到立案追诉标准`,
      valueFen: c.valueFen ?? yuan * 100,
      handling: suspend ? ('suspend' as const) : ('continue' as const),
    };
  }

  /** Open filed cases of city / county offices, supervised by their province (the bureau's supervisor). */
  private supervise(c: RefCase, effect: RefEffect): void {
    const xr = this.xr;
    if (c.closed !== null || c.filed === null || c.office.kind !== 'local' || !c.prov.supervisor) return;
    if (!xr.chance(c.major ? SUPERVISION_P.major : SUPERVISION_P.other)) return;
    const startedAt = this.at(c.filed + Math.floor(xr.next() * (this.today - c.filed)));
    const id = xr.uuid7(startedAt);
    // Progress reports: each due `every` days after the previous one (or the start); most on time, some late.
    const now = this.today * 86400 + shanghaiSeconds(18);
    let from = startedAt;
    let reports = 0;
    let due = reportDue(from, SUPERVISION_EVERY);
    // Some have missed the report due in the last three weeks (overdue).
    const lapsed = xr.chance(SUPERVISION_LAPSED);
    for (;;) {
      const filedAt = xr.chance(0.85)
        ? due - xr.int(1, 6) * 86400 - xr.int(1, 8) * 3600
        : due + xr.int(1, 6) * 86400 - xr.int(6, 12) * 3600;
      if (filedAt > now || filedAt <= from || (lapsed && due < now && due > now - 21 * 86400)) break;
      reports++;
      this.batch.supervisionReports.push(
        xr.uuid7(filedAt),
        id,
        `第${reports}次进展报告：已完成${xr.pick(SUPERVISION_WORK)}，案件按计划推进。`,
        c.officers[0],
        filedAt,
        due,
      );
      from = filedAt;
      due = reportDue(from, SUPERVISION_EVERY);
    }
    this.batch.supervisions.push(
      id,
      c.id,
      `${c.prov.code2}0000`,
      c.prov.bureau.id,
      c.prov.supervisor,
      xr.pick(SUPERVISION_REASONS),
      SUPERVISION_EVERY,
      due,
      startedAt,
      1 + reports,
    );
    effect.supervised = true;
    effect.versions++;
    effect.touchedAt = Math.max(effect.touchedAt ?? 0, startedAt);
    this.stats.supervised++;
  }

  // —— building blocks ——

  /**
   * The steps of `path` from `start`: with an `end`, the gaps are scaled down to end by it (the referral is
   * finished); without one, steps after today are cut (it is still running).
   */
  private schedule(path: Path, start: number, end: number | null): Schedule {
    const gaps = path.map(([, lo, hi]) => this.xr.int(lo, hi));
    const total = gaps.reduce((a, b) => a + b, 0);
    const scale = end !== null && total > end - start ? Math.max(0, end - start) / total : 1;
    const steps: RefStep[] = [];
    let day = start;
    for (let i = 0; i < path.length; i++) {
      day += Math.floor(gaps[i] * scale);
      if (day > this.today) break;
      steps.push({ action: path[i][0], day });
    }
    return { start, steps };
  }

  /** A referral still running: the steps so far, the last one `lag` days ago (some are past their limit). */
  private scheduleOpen(path: Path, earliest: number, lag: number): Schedule {
    const gaps = path.map(([, lo, hi]) => this.xr.int(lo, hi));
    const need = lag + gaps.reduce((a, b) => a + b, 0);
    const start = Math.max(earliest, this.today - need);
    const scale = need > this.today - start ? (this.today - start) / need : 1;
    const steps: RefStep[] = [];
    let day = start;
    for (let i = 0; i < path.length; i++) {
      day += Math.floor(gaps[i] * scale);
      steps.push({ action: path[i][0], day });
    }
    return { start, steps };
  }

  /**
   * Whether a dispute between the case's region and the receiver can be designated to `designated`: someone
   * designates (the common superior's supervisor, or nationally an admin) and the office lies within its region.
   */
  private designator(caseRegion: string, receiver: OfficeDef, designated: OfficeDef): boolean {
    const superior = commonSuperiorRegion(caseRegion, receiver.regionCode);
    return superior === null
      ? this.adminId !== null
      : !!this.provByCode.get(superior.slice(0, 2))?.supervisor && isWithin(designated.regionCode, superior);
  }

  /** Walks the referral state machine through the steps; stores the referral and its events. */
  private build(r: {
    kind: ReferralKind;
    c: RefCase;
    from: OfficeDef;
    to: OfficeDef;
    /** Staff of each side; senders[0] creates the referral. */
    senders: string[];
    receivers: string[];
    start: number;
    steps: RefStep[];
    /** The creation instant (a joint action's participants share it); default: office hours on `start`. */
    createdAt?: number;
    reason: string;
    legalBasis?: string;
    request?: string;
    answer?: string;
    targetRegion?: string;
    /** The case's region while at the sender (the common superior is computed from it). */
    caseRegion?: string;
    designated?: OfficeDef | null;
    groupId?: string | null;
    team?: string[];
    caseSummary?: string;
    suspicionBasis?: string;
    valueFen?: number;
    handling?: 'suspend' | 'continue';
  }): { id: string; no: string; lastActor: string; lastAt: number } {
    const xr = this.xr;
    if (r.from.id === r.to.id) throw new Error(`generator: a referral from ${r.from.name} to itself`);
    const createdAt = r.createdAt ?? this.at(r.start);
    this.instant = createdAt;
    const id = xr.uuid7(createdAt);
    const no = this.referralNo(Number(shanghaiDayOf(createdAt).slice(0, 4)));
    const head = (p: ProvinceOrg | undefined, fallback: string) => ({
      id: p?.supervisor ?? fallback,
      office: p?.supervisor ? p.bureau.id! : null,
    });
    const ev = this.batch.referralEvents;
    const first = referralStart(r.kind);
    ev.push(id, 'create', null, first.state, r.senders[0], r.from.id, r.reason, null, createdAt);
    let state: ReferralState = first.state;
    let clock: ReferralClock | null = first.clock;
    let clockAt = createdAt;
    let sentAt: number | null = first.state === 'sent' ? createdAt : null;
    let approvedBy: string | null = null;
    let approvedAt: number | null = null;
    let answer: string | null = null;
    let superior: string | null = null;
    let designatedId: string | null = null;
    let suspended = false;
    let lastActor = r.senders[0];
    let lastDay = r.start;
    for (const s of r.steps) {
      const t = referralTransition(r.kind, state, s.action);
      if (!t) throw new Error(`generator: no ${r.kind} transition "${s.action}" from ${state}`);
      const at = this.next(s.day);
      let actor: { id: string; office: string | null };
      if (t.side === 'receiver') actor = { id: xr.pick(r.receivers), office: r.to.id! };
      else if (t.side === 'superior') {
        actor =
          superior === null
            ? { id: this.adminId!, office: null }
            : head(this.provByCode.get(superior.slice(0, 2)), r.senders[0]);
      } else if (t.roles.length === 1 && t.roles[0] === 'supervisor') {
        actor = head(this.provByCode.get(r.from.province), r.senders[0]);
      } else actor = { id: xr.pick(r.senders), office: r.from.id! };
      let reason = t.requires.includes('reason') ? (STEP_REASONS[`${r.kind}.${s.action}`] ?? r.reason) : null;
      if (s.action === 'designate') reason = `经审查，指定由${r.designated!.name}管辖`;
      if (s.action === 'answer') answer = r.answer ?? '协作事项已办理完毕';
      const documentOn = t.requires.includes('document_date')
        ? Math.max(lastDay, s.day - xr.int(0, 2))
        : null;
      ev.push(
        id,
        s.action,
        state,
        t.to,
        actor.id,
        actor.office,
        reason ?? (s.action === 'answer' ? answer : null),
        documentOn,
        at,
      );
      if (s.action === 'approve') {
        approvedBy = actor.id;
        approvedAt = at;
      }
      if (s.action === 'send') {
        sentAt = at;
        suspended = r.handling === 'suspend';
      }
      if (s.action === 'escalate')
        superior = commonSuperiorRegion(r.caseRegion ?? r.c.region, r.to.regionCode);
      if (s.action === 'designate') designatedId = r.designated!.id!;
      state = t.to;
      clock = t.starts ?? null;
      clockAt = at;
      lastActor = actor.id;
      lastDay = s.day;
    }
    const open = this.openStates.has(state);
    const rule = open && clock ? referralRule(r.kind, clock) : undefined;
    const dueAt = rule
      ? deadlineWithTolling(
          {
            start: shanghaiDayOf(clockAt),
            startAt: new Date(clockAt * 1000),
            amount: rule.amount,
            unit: rule.unit,
          },
          this.calendar,
        ).dueAt
      : null;
    this.batch.referrals.push(
      id,
      no,
      r.kind,
      state,
      r.c.id,
      r.groupId ?? null,
      r.from.id,
      r.to.id,
      r.reason,
      r.legalBasis ?? null,
      r.request ?? null,
      r.targetRegion ?? null,
      `{${(r.team ?? []).join(',')}}`,
      r.caseSummary ?? null,
      r.suspicionBasis ?? null,
      r.valueFen ?? null,
      r.handling ?? null,
      suspended,
      approvedBy,
      approvedAt,
      sentAt,
      answer,
      superior,
      designatedId,
      dueAt ? clock : null,
      dueAt ? rule!.id : null,
      dueAt ? dueAt.getTime() / 1000 : null,
      r.senders[0],
      createdAt,
      this.instant,
      open ? null : this.instant,
      1 + r.steps.length,
    );
    this.stats.referrals++;
    if (open) this.stats.open++;
    return { id, no, lastActor, lastAt: this.instant };
  }

  /** An instant on `day` after the previous one (office hours; steps on one day minutes to hours apart). */
  private next(day: number): number {
    let t = this.at(day);
    // Minutes apart on the same day (never past midnight: at most a few steps a day, from 17:59 at the latest).
    if (t <= this.instant) t = this.instant + this.xr.int(2, 20) * 60;
    this.instant = t;
    return t;
  }

  private at(day: number): number {
    return day * 86400 + shanghaiSeconds(this.xr.int(8, 17), this.xr.int(0, 59));
  }

  /** Another office with the case office's competence: elsewhere in the province, or (share) in another one. */
  private sameCompetence(office: OfficeDef, prov: ProvinceOrg, crossShare: number): OfficeDef {
    const xr = this.xr;
    const other = (): ProvinceOrg => {
      for (;;) {
        const p = this.provinces.pick(xr);
        if (p.code2 !== prov.code2) return p;
      }
    };
    if (office.kind === 'copyright') return other().copyright;
    if (office.kind === 'agri') return other().agri;
    if (!xr.chance(crossShare)) {
      if (office.kind === 'local' && xr.chance(0.1)) return prov.bureau;
      for (let k = 0; k < 10; k++) {
        const o = prov.locals.pick(xr);
        if (o !== office) return o;
      }
    }
    const p = other();
    return xr.chance(0.1) ? p.bureau : p.locals.pick(xr);
  }

  /** A county the office handles cases in. */
  private regionIn(o: OfficeDef): string {
    return o.area.length ? this.xr.pick(o.area) : this.xr.pick(this.provByCode.get(o.province)!.counties);
  }
}

const STEP_REASONS: Record<string, string> = {
  'jurisdiction.return': '经审查，当事人住所地及侵权行为地均不在本辖区，本局对该案无管辖权',
  'jurisdiction.close': '经协商，由本局继续办理',
  'jurisdiction.escalate': '协商未果，报请共同上级机关指定管辖',
  'jurisdiction.withdraw': '核实当事人住所地有误，撤回移送',
  'assistance.return': '所请协查事项不属于本局职责范围',
  'assistance.withdraw': '当事人已主动提供相关材料，撤回协查请求',
  'joint.return': '执法力量已安排其他专项行动，无法参加',
  'criminal.refuse': '现有证据尚不足以证明涉嫌犯罪，不予批准移送，继续依法作出行政处理',
  'criminal.police_refuse': '经审查，认为没有犯罪事实，决定不予立案',
  'criminal.request_reconsideration': '认为不予立案决定有误，提请复议',
  'criminal.reconsideration_refused': '复议决定维持不予立案',
  'criminal.escalate_procuratorate': '建议人民检察院依法进行立案监督',
  'criminal.return': '经审查，不构成犯罪，退回移送机关依法处理',
  'criminal.close': '接受公安机关不予立案决定，继续依法作出行政处理',
};
const SUPERVISION_WORK = ['现场检查', '询问当事人', '调取交易记录', '权利人鉴定', '涉案物品清点'];

const competenceOf = (ip: IpCode): 'copyright' | 'plant_variety' | 'other' =>
  ip === 'copyright' || ip === 'copyright_software'
    ? 'copyright'
    : ip === 'plant_variety'
      ? 'plant_variety'
      : 'other';

function pickPairs<T>(rng: Rng, list: Pairs<T>): T {
  let x = rng.next() * list.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of list) {
    if (x < w) return v;
    x -= w;
  }
  return list[list.length - 1][0];
}

/** 'YYYY-MM-DD' in Asia/Shanghai of an instant in epoch seconds. */
const shanghaiDayOf = (seconds: number) => fromEpochDay(Math.floor((seconds + 8 * 3600) / 86400));

/** SupervisionService's reportDueAt: the end of the Shanghai day `days` after the instant. */
const reportDue = (seconds: number, days: number) =>
  (Math.floor((seconds + 8 * 3600) / 86400) + days) * 86400 + END_OF_DAY;

export async function generateCases(databaseUrl: string, opts: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const seed = opts.seed ?? 1;
  const batchSize = Math.max(1, opts.batch ?? DEFAULT_BATCH);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const loaders: Client[] = [];
  try {
    const regions = (
      await client.query<RegionRow>(
        `SELECT code, name, level, parent_code, province_code, city_code FROM regions ORDER BY code`,
      )
    ).rows;
    if (!regions.length) throw new Error('regions is empty: seed the reference data first (npm run seed)');
    const regionByCode = new Map(regions.map((r) => [r.code, r]));
    const org = await ensureOrganisation(client, regions, log);
    const result = (): GenerateResult => ({
      cases: opts.cases,
      offices: org.offices,
      users: org.users,
      seconds: (Date.now() - started) / 1000,
    });
    const regNoSequence = (
      await client.query<{ s: string }>(`SELECT pg_get_serial_sequence('cases', 'reg_no') AS s`)
    ).rows[0].s;
    const { calendar, springFestival } = await loadCalendar(client);
    const existing = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases`)).rows[0].n;

    // Case numbers continue after the counters (and after any numbered case, should a counter lag behind).
    const seqs = new Map<string, number>();
    for (const r of (
      await client.query<{ office_id: string; year: number; last: number }>(
        `SELECT office_id, year, last FROM number_counters WHERE kind = 'case'
         UNION ALL
         SELECT office_id, case_year, max(case_seq) FROM cases WHERE case_seq IS NOT NULL GROUP BY 1, 2`,
      )
    ).rows) {
      const key = `${r.office_id}|${r.year}`;
      seqs.set(key, Math.max(seqs.get(key) ?? 0, r.last));
    }

    // Deterministic for (seed, number of cases already there): the pools depend on the seed only, so brands and
    // patents recur across runs; the case stream also on the starting count, so ids never collide.
    const pools = buildPools(
      new Rng(mulberry32(seed * 7919 + 17)),
      org.provinces.filter((p) => V.LEAD_PROVINCES.includes(p.code2)).flatMap((p) => p.counties),
    );
    const rng = new Rng(mulberry32((seed * 2654435761 + existing * 40503) >>> 0));
    log(`reference data and pools ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);

    // received_on for every case, sorted so case numbers follow the filing order.
    const today = toEpochDay(opts.today ?? shanghaiDate(new Date()));
    const first = today - 1095;
    const dayList: number[] = [];
    const dayWeights: number[] = [];
    for (let d = first; d <= today; d++) {
      const nearFestival = springFestival.some((s) => d >= s - 7 && d <= s + 10);
      const working = calendar.isWorkingDay(fromEpochDay(d));
      dayList.push(d);
      dayWeights.push((nearFestival ? 0.25 : working ? 1 : 0.3) * (1 + (0.12 * (d - first)) / 365));
    }
    const dayPicker = new Weighted(dayList, dayWeights);
    const received = new Int32Array(opts.cases);
    for (let i = 0; i < opts.cases; i++) received[i] = dayPicker.pick(rng);
    received.sort();

    const restWeight = Object.entries(V.PROVINCE_WEIGHTS)
      .filter(([k]) => !V.LEAD_PROVINCES.includes(k))
      .reduce((s, [, v]) => s + v, 0);
    const provincePicker = new Weighted(
      org.provinces,
      org.provinces.map((p) => {
        const w = V.PROVINCE_WEIGHTS[p.code2] ?? 0.1;
        return V.LEAD_PROVINCES.includes(p.code2) ? w : (w * 55) / restWeight;
      }),
    );
    const ipPicker = pairs(IP_WEIGHTS);
    const patentProcPickers = {
      patent_invention: pairs(PATENT_PROCEDURES.patent_invention),
      patent_utility: pairs(PATENT_PROCEDURES.patent_utility),
      patent_design: pairs(PATENT_PROCEDURES.patent_design),
    };
    const outcomePickers = {
      notice: pairs(OUTCOMES.notice),
      direct: pairs(OUTCOMES.direct),
      adjudication: pairs(OUTCOMES.adjudication),
      mediation: pairs(OUTCOMES.mediation),
    };
    const openPickers = OPEN_BY_AGE.map(([limit, p]) => [limit, pairs(p)] as const);
    const procs = new Map(PROCEDURES.map((p) => [p.code, procInfo(p)]));

    const ruleIndex = new Map(CASE_DEADLINE_RULES.map((r, i) => [r, i]));
    const dueCache = new Map<number, number>();
    const dueOf = (rule: DeadlineRule, start: number): number => {
      const key = ruleIndex.get(rule)! * 1_000_000 + start;
      let due = dueCache.get(key);
      if (due === undefined) {
        const r = deadlineWithTolling(
          {
            start: fromEpochDay(start),
            amount: rule.amount,
            unit: rule.unit,
            rollToWorkingDay: rule.rollToWorkingDay,
          },
          calendar,
        );
        due = toEpochDay(r.due!);
        dueCache.set(key, due);
      }
      return due;
    };

    // Referrals: their own random stream; referral numbers continue the sequence (set to the last one at the end).
    const refSeq = (
      await client.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value, is_called FROM referral_no_seq`,
      )
    ).rows[0];
    const firstReferralSeq = Number(refSeq.last_value) - (refSeq.is_called ? 0 : 1);
    let referralSeq = firstReferralSeq;
    const planner = new ReferralPlanner(
      new Rng(mulberry32((seed * 2246822519 + existing * 3266489917 + 0x6e5) >>> 0)),
      provincePicker,
      calendar,
      today,
      org.adminId,
      (office, year) => {
        const key = `${office.id}|${year}`;
        const seq = (seqs.get(key) ?? 0) + 1;
        seqs.set(key, seq);
        return formatCaseNumber(office.shortName, year, seq);
      },
      (year) => `YS${year}${String(++referralSeq).padStart(6, '0')}`,
    );

    // Loader connections: each batch is one statement on the next free connection while this process builds the
    // next batch. Foreign-key triggers are skipped for these sessions (session_replication_role = replica, which
    // needs a superuser): every reference is built from rows read above, and the integration test checks them all.
    const connections = Math.max(1, opts.connections ?? 2);
    let fkChecked = false;
    for (let k = 0; k < connections; k++) {
      const c = new Client({ connectionString: databaseUrl });
      await c.connect();
      loaders.push(c);
      await c.query(`SET synchronous_commit = off`);
      // A larger GIN pending list halves the cost of maintaining the trigram index on search_text.
      await c.query(`SET gin_pending_list_limit = '64MB'`);
      await c.query(`SET work_mem = '128MB'`);
      await c.query(`SET session_replication_role = replica`).catch(() => (fkChecked = true));
    }
    if (fkChecked) log('not a superuser: foreign keys are checked row by row (slower)');
    const busy: (Promise<void> | undefined)[] = loaders.map(() => undefined);
    let batchNo = 0;

    let batch = newBatch(regNoSequence);
    let waited = 0;
    for (let i = 0; i < opts.cases; i++) {
      // Let the event loop flush the loaders' sockets: a batch is megabytes, and a backend waiting for the rest of
      // its statement while this loop runs would make building and storing alternate instead of overlap.
      if ((i & 1023) === 1023) await new Promise((r) => setImmediate(r));
      const prov = provincePicker.pick(rng);
      const local = prov.locals.pick(rng);
      const ipType = ipPicker.pick(rng);
      const procCode: Proc =
        ipType === 'trademark'
          ? 'penalty_trademark'
          : ipType === 'copyright' || ipType === 'copyright_software'
            ? 'penalty_copyright'
            : ipType === 'plant_variety'
              ? 'penalty_plant_variety'
              : patentProcPickers[ipType].pick(rng);
      const proc = procs.get(procCode)!;
      const penalty = proc.penalty;
      const office =
        ipType === 'copyright' || ipType === 'copyright_software'
          ? prov.copyright
          : ipType === 'plant_variety'
            ? prov.agri
            : rng.chance(0.05)
              ? prov.bureau
              : local;
      const region = rng.pick(local.area);
      const regionRow = regionByCode.get(region)!;
      const source = proc.sources.pick(rng);
      const r0 = received[i];
      const age = today - r0;

      // —— status ——
      const pOpen =
        age < 20 ? 0.95 : age < 60 ? 0.8 : age < 120 ? 0.55 : age < 240 ? 0.28 : age < 365 ? 0.2 : 0.1;
      let status: string;
      if (rng.chance(pOpen)) {
        let s = openPickers.find(([limit]) => age < limit)![1].pick(rng);
        if ((s === 'notified' || s === 'hearing') && !proc.states.has(s)) s = 'investigating';
        if (s === 'executing' && !proc.states.has(s)) s = 'decided';
        if (s === 'suspended' && !proc.closingPauses.length) s = 'investigating';
        status = s;
      } else {
        const x = rng.next();
        status =
          x < 0.07 ? 'not_filed' : x < 0.105 ? 'referred_out' : x < 0.12 ? 'transferred_police' : 'closed';
        if (status === 'transferred_police' && !penalty) status = 'referred_out';
        if (status === 'closed' && age < 25 && procCode !== 'fast_track') status = 'not_filed';
      }

      // —— timeline (epoch days) ——
      const regKey = proc.def.startsOnRegistration[0];
      const regRule = ruleFor(proc, regKey, source)!;
      const closingRule = ruleFor(proc, 'closing', source)!;
      const fileGap = Math.floor(Math.pow(rng.next(), 1.3) * approxDays(regRule) * 1.08);
      const decideGap = Math.max(
        2,
        Math.floor(approxDays(closingRule) * (0.25 + 0.85 * Math.pow(rng.next(), 0.8))),
      );
      /** Scales the gaps down so the chain ends by today. */
      const fit = (gaps: number[]): number[] => {
        const sum = gaps.reduce((a, b) => a + b, 0);
        return sum <= age ? gaps : gaps.map((g) => Math.floor((g * age) / sum));
      };
      let filed: number | null = null;
      let decided: number | null = null;
      let closed: number | null = null;
      let notice: number | null = null;
      let hearing: number | null = null;
      let suspended: number | null = null;
      let outcome: string | null = null;
      let version = 1;
      // Penalties are imposed after the pre-decision notice; executing penalty cases always went that way.
      const viaNotice = penalty && (rng.chance(0.85) || status === 'executing');
      switch (status) {
        case 'registered':
          break;
        case 'investigating':
          filed = r0 + fit([fileGap])[0];
          version = 2;
          break;
        case 'suspended': {
          const [a, b] = fit([fileGap, rng.int(1, Math.max(1, decideGap - 1))]);
          filed = r0 + a;
          suspended = Math.min(today, filed + Math.max(1, b));
          version = 3;
          break;
        }
        case 'notified':
        case 'hearing': {
          const [a, b, c] = fit([fileGap, Math.floor(decideGap * 0.7), rng.int(3, 8)]);
          filed = r0 + a;
          notice = Math.min(today, filed + Math.max(1, b));
          if (status === 'hearing') hearing = Math.min(today, notice + Math.max(1, c));
          version = status === 'hearing' ? 4 : 3;
          break;
        }
        case 'decided':
        case 'executing':
        case 'closed': {
          const closeGap = status === 'closed' ? rng.int(1, 20) : 0;
          const [a, b, c] = fit([fileGap, decideGap, closeGap]);
          filed = r0 + a;
          decided = filed + b;
          outcome = penalty
            ? (viaNotice ? outcomePickers.notice : outcomePickers.direct).pick(rng)
            : (procCode === 'patent_adjudication'
                ? outcomePickers.adjudication
                : outcomePickers.mediation
              ).pick(rng);
          if (status === 'executing' && outcome !== 'penalty' && outcome !== 'ruling_infringing') {
            outcome = penalty ? 'penalty' : 'ruling_infringing';
          }
          if (viaNotice) {
            notice = filed + Math.floor(((decided - filed) * rng.int(60, 85)) / 100);
          }
          if (status === 'closed') {
            closed = Math.min(today, decided + (outcome === 'penalty' ? rng.int(10, 60) : c));
            if (today - closed > 120 && rng.chance(0.7)) status = 'archived';
          }
          version =
            3 +
            (notice !== null ? 1 : 0) +
            (status === 'executing' ? 1 : 0) +
            (status === 'closed' ? 2 : status === 'archived' ? 3 : 0);
          break;
        }
        case 'not_filed':
          closed = r0 + fit([fileGap])[0];
          version = 2;
          break;
        default: {
          // referred_out (from registration or the investigation) and transferred_police (from the investigation)
          if (status === 'transferred_police' || rng.chance(0.5)) {
            const [a, b] = fit([fileGap, Math.floor(decideGap * rng.next() * 0.6)]);
            filed = r0 + a;
            closed = filed + b;
            version = 3;
          } else {
            closed = r0 + fit([fileGap])[0];
            version = 2;
          }
        }
      }

      // —— number ——
      let caseNo: string | null = null;
      let caseYear: number | null = null;
      let caseSeq: number | null = null;
      if (filed !== null) {
        caseYear = Number(fromEpochDay(filed).slice(0, 4));
        const key = `${office.id}|${caseYear}`;
        caseSeq = (seqs.get(key) ?? 0) + 1;
        seqs.set(key, caseSeq);
        caseNo = formatCaseNumber(office.shortName, caseYear, caseSeq);
      }

      // —— parties and rights ——
      const createdAt = r0 * 86400 + shanghaiSeconds(rng.int(8, 17), rng.int(0, 59));
      const id = rng.uuid7(createdAt);
      const enterprise = rng.chance(penalty ? 0.8 : 0.9);
      const trade = rng.pick(V.TRADE_CHARS) + rng.pick(V.TRADE_CHARS);
      const shop = enterprise && rng.chance(0.2);
      const respondent: Party = {
        role: 'respondent',
        kind: enterprise ? 'enterprise' : 'individual',
        name: !enterprise
          ? personName(rng)
          : shop
            ? `${local.place}市${trade}${rng.pick(V.SHOP_KINDS)}`
            : `${local.place}${trade}${rng.pick(V.INDUSTRIES)}${rng.pick(V.COMPANY_FORMS)}`,
        uscc: enterprise ? makeUscc(rng, region, shop ? '2' : '1') : null,
        idNumber: enterprise ? null : makeResidentId(rng, rng.chance(0.7) ? region : rng.pick(prov.counties)),
        phone: rng.chance(0.7) ? `1${rng.pick(['3', '5', '8', '9'])}${rng.digits(9)}` : null,
        address: rng.chance(0.85)
          ? `${local.place}${rng.pick(V.ROADS)}${rng.int(1, 999)}号` +
            (rng.chance(0.4) ? `${rng.pick(V.MARKETS)}${rng.int(1, 30)}区${rng.int(1, 300)}号` : '')
          : null,
        foreign: false,
      };
      let rights: Right[];
      if (
        ipType === 'trademark' ||
        ipType === 'patent_invention' ||
        ipType === 'patent_utility' ||
        ipType === 'patent_design'
      ) {
        const list = ipType === 'trademark' ? pools.marks : pools.patents[ipType];
        rights = [rng.skewed(list)];
        if (rng.chance(ipType === 'trademark' ? 0.3 : 0.2)) {
          const other = rng.skewed(list);
          if (other !== rights[0]) rights.push(other);
        }
      } else if (ipType === 'copyright') rights = [rng.skewed(pools.works)];
      else if (ipType === 'copyright_software') rights = [rng.skewed(pools.software)];
      else rights = [rng.skewed(pools.varieties)];
      const holder = rights[0].holder;
      const parties: Party[] = [];
      if (!penalty || source === 'complaint' || source === 'request' || source === 'ecommerce') {
        parties.push({
          role: 'claimant',
          kind: 'enterprise',
          name: holder.name,
          uscc: holder.uscc,
          idNumber: null,
          phone: null,
          address: null,
          foreign: holder.foreign,
        });
      }
      parties.push(respondent);
      if (parties.length < 3 && rng.chance(0.2)) {
        parties.push({
          role: 'respondent',
          kind: 'individual',
          name: personName(rng),
          uscc: null,
          idNumber: makeResidentId(rng, rng.pick(prov.counties)),
          phone: null,
          address: null,
          foreign: false,
        });
      }
      if (parties.length < 3 && rng.chance(0.05)) {
        parties.push({
          role: 'third_party',
          kind: 'enterprise',
          name: `${local.place}${rng.pick(V.TRADE_CHARS)}${rng.pick(V.TRADE_CHARS)}${rng.pick(V.INDUSTRIES)}有限公司`,
          uscc: makeUscc(rng, rng.pick(prov.counties)),
          idNumber: null,
          phone: null,
          address: null,
          foreign: false,
        });
      }

      const resp = respondent.name;
      const right = rights[0];
      const title = (
        procCode === 'penalty_trademark'
          ? `关于${resp}涉嫌侵犯“${right.title}”注册商标专用权案`
          : procCode === 'penalty_passing_off'
            ? `关于${resp}涉嫌假冒专利案`
            : procCode === 'penalty_copyright'
              ? ipType === 'copyright_software'
                ? `关于${resp}涉嫌侵犯“${right.title}”计算机软件著作权案`
                : `关于${resp}涉嫌侵犯${right.title}著作权案`
              : procCode === 'penalty_plant_variety'
                ? `关于${resp}涉嫌侵犯“${right.title}”植物新品种权案`
                : `${holder.name}与${resp}“${right.title}”${PATENT_ZH[ipType]}侵权纠纷` +
                  `${procCode === 'mediation' ? '调解' : procCode === 'fast_track' ? '快速处理' : ''}案`
      ).slice(0, 200);
      const day = fromEpochDay(r0);
      const goods = ipType === 'trademark' ? rng.pick(V.GOODS) : right.title.replace(/^一种/, '');
      const summary =
        `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日，${SOURCE_ZH[source]}：${resp}` +
        (ipType === 'trademark'
          ? `在经营场所销售标有“${right.title}”商标的${goods}，涉嫌侵犯注册商标专用权。`
          : procCode === 'penalty_passing_off'
            ? `销售的${goods}产品及包装上标注他人专利号${right.number}，涉嫌假冒专利。`
            : ipType.startsWith('patent')
              ? `制造、销售的${goods}涉嫌落入专利号${right.number}的保护范围。`
              : ipType === 'plant_variety'
                ? `销售的种子涉嫌为授权品种“${right.title}”的繁殖材料。`
                : `未经许可复制、发行${right.title}，涉嫌侵犯著作权。`);

      // —— amounts and flags ——
      let valueFen: number | null = null;
      let gainsFen: number | null = null;
      let fineFen: number | null = null;
      let confiscatedFen: number | null = null;
      if (penalty && rng.chance(0.85)) valueFen = Math.round(2000 * Math.pow(1500, rng.next())) * 100;
      if (outcome === 'penalty') {
        const value = valueFen ?? rng.int(5_000, 200_000) * 100;
        fineFen =
          value >= 5_000_000
            ? Math.round((value * (0.5 + 2.5 * rng.next())) / 10_000) * 10_000
            : rng.int(30, 1000) * 10_000;
        if (rng.chance(0.5)) gainsFen = Math.round(value * (0.05 + 0.25 * rng.next()));
        if (rng.chance(0.6)) confiscatedFen = Math.round(value * (0.2 + 0.8 * rng.next()));
      }
      const major = rng.chance(valueFen !== null && valueFen > 100_000_000 ? 0.5 : 0.02);
      const repeat = rng.chance(0.04);
      const online = source === 'ecommerce' || rng.chance(0.08);

      // —— deadlines ——
      let nextDue: number | null = null;
      let nextDueKey: string | null = null;
      const deadline = (
        rule: DeadlineRule | undefined,
        start: number,
        closedOn: number | null,
        pauseFrom?: number | null,
        ended: 'met' | 'cancelled' = 'met',
      ) => {
        if (!rule) return;
        let due: number | null;
        let since: number | null = null;
        let paused = 0;
        if (pauseFrom != null && pauseFrom > start) {
          const r = deadlineWithTolling(
            {
              start: fromEpochDay(start),
              amount: rule.amount,
              unit: rule.unit,
              rollToWorkingDay: rule.rollToWorkingDay,
              pauses: [{ from: fromEpochDay(pauseFrom) }],
            },
            calendar,
          );
          due = r.due === null ? null : toEpochDay(r.due);
          since = r.suspendedSince === null ? null : toEpochDay(r.suspendedSince);
          paused = r.pausedDays;
        } else due = dueOf(rule, start);
        const open = closedOn === null;
        batch.deadlines.push(id, rule.id, start, due, since, paused, open ? 'open' : ended, closedOn);
        if (open && rule.actor === 'office' && due !== null && (nextDue === null || due < nextDue)) {
          nextDue = due;
          nextDueKey = rule.key;
        }
      };
      deadline(regRule, r0, filed ?? closed);
      if (filed !== null) {
        const closingEnd =
          decided ?? (status === 'referred_out' || status === 'transferred_police' ? closed : null);
        const pauseFrom = status === 'suspended' ? suspended : status === 'hearing' ? hearing : null;
        // The police opening a case ends the administrative one: its running deadlines are cancelled.
        deadline(
          closingRule,
          filed,
          closingEnd,
          pauseFrom,
          status === 'transferred_police' ? 'cancelled' : 'met',
        );
        if (pauseFrom !== null) {
          const kind = status === 'hearing' ? 'hearing' : rng.pick(proc.closingPauses);
          batch.pauses.push(
            id,
            kind,
            pauseFrom,
            null,
            kind === 'hearing' ? '当事人申请听证' : '依法中止案件调查',
          );
        }
      }
      if (notice !== null) deadline(ruleFor(proc, 'statement', source), notice, hearing ?? decided);
      if (decided !== null && notice !== null) {
        const served = status !== 'decided' || today - decided > 12;
        deadline(
          ruleFor(proc, 'decision_service', source),
          decided,
          served ? Math.min(today, decided + rng.int(1, 7)) : null,
        );
      }

      // —— officers ——
      const pool = office.officers!;
      const want = Math.min(procCode === 'patent_adjudication' ? 3 : rng.chance(0.3) ? 3 : 2, pool.length);
      const from = rng.int(0, pool.length - 1);
      const officers = Array.from({ length: want }, (_, k) => pool[(from + k) % pool.length]);

      // —— referrals, a move from another office, supervision ——
      const ref = planner.plan(batch, {
        id,
        office,
        prov,
        region,
        ipType,
        procCode,
        penalty,
        status,
        r0,
        filed,
        notice,
        suspended,
        hearing,
        decided,
        closed,
        caseNo,
        officers,
        major,
        valueFen,
        title,
      });
      // A moved case's officers are the receiving office's, assigned when it arrived.
      officers.forEach((o, k) => batch.officers.push(id, o, k === 0, ref.movedAt ?? createdAt));

      // Child ids one millisecond apart keep the entry order when sorted by (created_at, id).
      parties.forEach((p, k) => {
        batch.parties.push(
          rng.uuid7(createdAt + (k + 1) / 1000),
          id,
          p.role,
          p.kind,
          p.name,
          p.uscc,
          p.idNumber,
          p.phone,
          p.address,
          p.foreign,
          createdAt,
        );
      });
      rights.forEach((rt, k) =>
        batch.rights.push(
          rng.uuid7(createdAt + (k + 1) / 1000),
          id,
          rt.kind,
          rt.number,
          rt.title,
          rt.holder.name,
          createdAt,
        ),
      );
      const last = Math.max(
        r0,
        filed ?? 0,
        notice ?? 0,
        hearing ?? 0,
        suspended ?? 0,
        decided ?? 0,
        closed ?? 0,
      );
      batch.cases.push(
        id,
        caseNo,
        caseYear,
        caseSeq,
        title,
        ipType,
        procCode,
        source,
        status,
        outcome,
        office.id,
        region,
        regionRow.province_code,
        regionRow.city_code,
        summary,
        valueFen,
        gainsFen,
        fineFen,
        confiscatedFen,
        major,
        repeat,
        online,
        r0,
        filed,
        decided,
        closed,
        nextDue,
        nextDueKey,
        searchTail(
          title,
          parties,
          rights.map((x) => x.number),
        ),
        ref.createdBy ?? pool[from] ?? null,
        createdAt,
        Math.max(last === r0 ? createdAt : last * 86400 + shanghaiSeconds(16, 45), ref.touchedAt ?? 0),
        version + ref.versions,
        ref.supervised,
      );

      if (batch.cases.length >= batchSize || i === opts.cases - 1) {
        const slot = batchNo++ % loaders.length;
        const t0 = Date.now();
        await busy[slot];
        waited += Date.now() - t0;
        const n = i + 1;
        const report = Math.floor(n / 50_000) > Math.floor((n - batch.cases.length) / 50_000);
        const p = insertBatch(loaders[slot], batch).then(() => {
          if (report)
            log(
              `cases: ${n.toLocaleString('en-US')} stored (${((Date.now() - started) / 1000).toFixed(1)} s)`,
            );
        });
        p.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
        busy[slot] = p;
        batch = newBatch(regNoSequence);
      }
    }
    const t1 = Date.now();
    await Promise.all(busy);
    waited += Date.now() - t1;
    log(
      `built ${opts.cases.toLocaleString('en-US')} cases; waited ${(waited / 1000).toFixed(1)} s for the database`,
    );

    const st = planner.stats;
    const share = (n: number) => `${((100 * n) / Math.max(1, opts.cases)).toFixed(1)} %`;
    log(
      `referrals: ${st.referrals.toLocaleString('en-US')} (${st.open.toLocaleString('en-US')} open) on ` +
        `${share(st.referred)} of the cases (${REFERRAL_KIND_CODES.map((k) => `${k} ${share(st.cases[k])}`).join(', ')}); ` +
        `${st.moved.toLocaleString('en-US')} cases moved office; ${st.supervised.toLocaleString('en-US')} supervised`,
    );

    // Raise the counters to the numbers now taken — also those of cases that have since moved to another office
    // (one pass, after the parallel loaders are done).
    const counters = [...seqs].map(([key, last]) => [...key.split('|'), last] as const);
    await client.query(
      `INSERT INTO number_counters (office_id, year, kind, last)
       SELECT o, y, 'case', l FROM unnest($1::uuid[], $2::int[], $3::int[]) AS t(o, y, l)
       ON CONFLICT (office_id, year, kind) DO UPDATE SET last = GREATEST(number_counters.last, EXCLUDED.last)`,
      [counters.map((c) => c[0]), counters.map((c) => Number(c[1])), counters.map((c) => c[2])],
    );
    if (referralSeq > firstReferralSeq) {
      await client.query(`SELECT setval('referral_no_seq', $1)`, [referralSeq]);
    }
    if (opts.analyze === false) return result();
    log('ANALYZE …');
    for (const t of [
      'cases',
      'case_officers',
      'case_parties',
      'case_rights',
      'case_deadlines',
      'case_pauses',
      'referrals',
      'referral_events',
      'case_office_history',
      'case_supervisions',
      'case_supervision_reports',
      'number_counters',
      'offices',
      'users',
    ]) {
      await client.query(`ANALYZE ${t}`);
    }
    return result();
  } finally {
    await Promise.all([client, ...loaders].map((c) => c.end().catch(() => undefined)));
  }
}
