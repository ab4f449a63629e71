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
 *   filing year in filing order, continuing after number_counters / existing case_seq; number_counters ('case') is
 *   raised to the new maximum at the end of the run.
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
 * SPEED (1,000,000 cases in minutes on 2 cores; nothing the migrations own is dropped or altered):
 * - rows are built in JS in batches (default 2,500 cases); each batch goes in as ONE statement — data-modifying
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
  PROCEDURES,
  type ProcedureDef,
  WorkingCalendar,
  deadlineWithTolling,
  formatCaseNumber,
  fromEpochDay,
  organizationCodeCheckCharacter,
  patentApplicationCheckCharacter,
  residentIdCheckCharacter,
  shanghaiDate,
  toEpochDay,
  usccCheckCharacter,
} from '@app/domain';
import { Client } from 'pg';
import * as V from './case-vocabulary';

/** Bumped whenever the generated data changes shape or distribution (benchmarks compare it before reusing a DB). */
export const CASE_GENERATOR_VERSION = 2;

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

type OfficeKind = 'bureau' | 'copyright' | 'agri' | 'local';

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
}

interface ProvinceOrg {
  code2: string;
  name: string;
  bureau: OfficeDef;
  copyright: OfficeDef;
  agri: OfficeDef;
  locals: Weighted<OfficeDef>;
  counties: string[];
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
): Promise<{ provinces: ProvinceOrg[]; offices: number; users: number }> {
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
    if (taken.has(s)) s = `${V.PROVINCE_ABBR[d.province]}${d.regionCode.slice(2, 6)}知执`;
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
    });
  }
  return { provinces, offices: defs.length, users: users.length };
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
        ['reason', 'text'],
      ],
      { derive: { from_on: ['from_date', D('u.from_on')] } },
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
        batch.deadlines.push(id, rule.id, start, due, since, paused, open ? 'open' : 'met', closedOn);
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
        deadline(closingRule, filed, closingEnd, pauseFrom);
        if (pauseFrom !== null) {
          const kind = status === 'hearing' ? 'hearing' : rng.pick(proc.closingPauses);
          batch.pauses.push(id, kind, pauseFrom, kind === 'hearing' ? '当事人申请听证' : '依法中止案件调查');
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
      for (let k = 0; k < want; k++)
        batch.officers.push(id, pool[(from + k) % pool.length], k === 0, createdAt);

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
        pool[from] ?? null,
        createdAt,
        last === r0 ? createdAt : last * 86400 + shanghaiSeconds(16, 45),
        version,
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

    // Raise the counters to the numbers now in use (one pass, after the parallel loaders are done).
    await client.query(
      `INSERT INTO number_counters (office_id, year, kind, last)
       SELECT office_id, case_year, 'case', max(case_seq) FROM cases WHERE case_seq IS NOT NULL GROUP BY 1, 2
       ON CONFLICT (office_id, year, kind) DO UPDATE SET last = GREATEST(number_counters.last, EXCLUDED.last)`,
    );
    if (opts.analyze === false) return result();
    log('ANALYZE …');
    for (const t of [
      'cases',
      'case_officers',
      'case_parties',
      'case_rights',
      'case_deadlines',
      'case_pauses',
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
