import fc from 'fast-check';
import { resolve, type OpenApiDocument, type Schema } from './openapi';

/** JSON bodies are serialized by `toJsonText`, which puts this many levels of nesting where the marker is. */
export const DEEP_LEVELS = 10_000;
const DEEP_MARKER = '@@hostile-deep@@';
/** A raw JSON fragment: `[[[…]]]` this deep (the body limit is 1 MB, so 10k levels fit). */
export const deepJson = (levels = DEEP_LEVELS) => '['.repeat(levels) + ']'.repeat(levels);
const deepObjectJson = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

export const HUGE = 100_000;

/** Text that has broken parsers, encoders, databases and UIs before. */
export const UNICODE_EDGES = [
  '\ud800', // lone high surrogate
  'a\udfffb', // lone low surrogate
  '\u0000',
  'nul\u0000inside',
  '\u202etxt.exe', // right-to-left override
  '\u200f\u05e9\u05dc\u05d5\u05dd', // RTL mark + Hebrew
  '👨‍👩‍👧‍👦🏳️‍🌈',
  '１２３４５６', // full-width digits
  '９１３３０１０６ＭＡ２ＣＦＸＸ４７Ｊ', // a full-width USCC
  '\ufeffBOM',
  'e\u0301\u0301\u0301\u0301', // stacked combining marks
  'line\u2028sep\u2029para',
  '\u00a0\u3000 ', // no-break and ideographic spaces
  '𠀀𪚥𰻞', // astral CJK
  '\uffff\ufffe',
  '',
  ' ',
];

export const SQL_FRAGMENTS = [
  "' OR 1=1 --",
  "'; DROP TABLE cases; --",
  '1; DROP TABLE users',
  "%' OR '1'='1",
  '%_%',
  '\\',
  '$1',
  "') UNION SELECT password_hash FROM users --",
  '1e999',
];

export const SCRIPT_FRAGMENTS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '=cmd|"/c calc"!A1', // spreadsheet formula
];

export const TRAVERSAL = [
  '../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f',
  '..\\..\\windows\\win.ini',
  '/etc/passwd',
  '.',
  '..',
  'file:///etc/passwd',
];

export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Hostile text short enough for a URL (the huge ones would only meet Node's 16 KB header limit). */
export const hostileUrlString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...UNICODE_EDGES, ...SQL_FRAGMENTS, ...SCRIPT_FRAGMENTS, ...TRAVERSAL),
  fc.constantFrom('A'.repeat(3_000), '中'.repeat(500)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...UNICODE_EDGES, ...SQL_FRAGMENTS, ...SCRIPT_FRAGMENTS, ...TRAVERSAL),
  fc.constantFrom('A'.repeat(HUGE), '中'.repeat(HUGE), '😀'.repeat(HUGE / 2)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

/** A value of any JSON type, or a placeholder for very deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    -0,
    1e308,
    -1e308,
    2 ** 53 + 1,
    [],
    {},
    [null],
    ['a', 1],
    { $ne: null },
    { $gt: '' },
    DEEP_MARKER,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Values the API knows: ids of the fixtures made for the run, by parameter or field name. */
export type KnownValues = Record<string, readonly string[]>;

const DATE_FIELD = /(On|Date|date|From|To|^from$|^to$|Until)$/;
const TIME_FIELD = /At$/;

/** A plausible value for the schema: what a well-meaning client would send. */
export function plausible(
  doc: OpenApiDocument,
  raw: Schema | undefined,
  name: string,
  known: KnownValues,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(doc, raw);
  const ids = known[name];
  if (ids?.length && s.type !== 'array') return fc.oneof(fc.constantFrom(...ids), basic(s, name, known));
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  if (s.example !== undefined && s.type !== 'object' && s.type !== 'array')
    return fc.oneof(fc.constant(s.example), basic(s, name, known));
  if (s.type === 'array') {
    if (depth > 3) return fc.constant([]);
    return fc.array(plausible(doc, s.items, name.replace(/s$/, ''), known, depth + 1), { maxLength: 3 });
  }
  if (s.type === 'object' || s.properties) {
    if (depth > 3) return fc.constant({});
    return plausibleObject(doc, s, known, depth);
  }
  return basic(s, name, known);
}

function basic(s: Schema, name: string, known: KnownValues): fc.Arbitrary<unknown> {
  switch (s.type) {
    case 'number':
    case 'integer':
      return name === 'version' ? fc.integer({ min: 1, max: 3 }) : fc.integer({ min: -5, max: 100_000 });
    case 'boolean':
      return fc.boolean();
    default:
      if (s.format === 'uuid' || /Ids?$/.test(name) || name === 'id') {
        const ids = known[name] ?? known.anyId ?? [];
        return ids.length ? fc.oneof(fc.constantFrom(...ids), fc.uuid()) : fc.uuid();
      }
      if (s.format === 'date' || DATE_FIELD.test(name)) return isoDate;
      if (s.format === 'date-time' || TIME_FIELD.test(name)) return isoDate.map((d) => `${d}T09:30:00+08:00`);
      return fc.string({ minLength: 1, maxLength: 20 });
  }
}

export const isoDate = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2028-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

function plausibleObject(
  doc: OpenApiDocument,
  s: Schema,
  known: KnownValues,
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const required = new Set(s.required ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(props)) model[k] = plausible(doc, v, k, known, depth + 1);
  return fc.record(model, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
}

/** Sets an own enumerable property even for `__proto__` (plain assignment would change the prototype). */
export function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

export type BodyMutation =
  | { kind: 'asIs' }
  | { kind: 'replace'; field: number; value: unknown }
  | { kind: 'dropRequired'; field: number }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'everyString'; value: string }
  | { kind: 'whole'; value: unknown }
  | { kind: 'deepField'; field: number; objects: boolean };

export const bodyMutation: fc.Arbitrary<BodyMutation> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'asIs' as const }) },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('replace' as const), field: fc.nat(), value: hostileValue }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dropRequired' as const), field: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('extra' as const),
      key: fc.oneof(fc.constantFrom(...PROTO_KEYS, 'isAdmin', 'roles', 'id', 'createdAt'), hostileString),
      value: fc.oneof(
        hostileValue,
        fc.constant({ polluted: true }),
        fc.constant({ prototype: { polluted: true } }),
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('everyString' as const), value: hostileString }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('whole' as const),
      value: fc.constantFrom<unknown>(null, [], 'text', 42, true, [{}], DEEP_MARKER),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('deepField' as const), field: fc.nat(), objects: fc.boolean() }),
  },
);

/** Applies a mutation to a plausible body; returns the JSON text to send. */
export function mutateBody(doc: OpenApiDocument, schema: Schema, base: unknown, m: BodyMutation): string {
  const s = resolve(doc, schema);
  const fields = Object.keys(s.properties ?? {});
  const body: Record<string, unknown> =
    base && typeof base === 'object' && !Array.isArray(base) ? { ...(base as Record<string, unknown>) } : {};
  const pick = (i: number, from: string[]) => (from.length ? from[i % from.length] : undefined);
  switch (m.kind) {
    case 'asIs':
      return toJsonText(base);
    case 'replace': {
      const f = pick(m.field, fields);
      if (f) body[f] = m.value;
      else setOwn(body, 'unexpected', m.value);
      return toJsonText(body);
    }
    case 'dropRequired': {
      const f = pick(m.field, s.required ?? fields);
      if (f) delete body[f];
      return toJsonText(body);
    }
    case 'extra':
      setOwn(body, m.key, m.value);
      return toJsonText(body);
    case 'everyString':
      for (const f of fields) if (typeof body[f] === 'string' || body[f] === undefined) body[f] = m.value;
      return toJsonText(body);
    case 'whole':
      return toJsonText(m.value);
    case 'deepField': {
      const f = pick(m.field, fields) ?? 'unexpected';
      body[f] = DEEP_MARKER;
      const text = toJsonText(body);
      return m.objects ? text.replace(deepJson(), deepObjectJson(DEEP_LEVELS)) : text;
    }
  }
}

/** JSON.stringify, with the deep-nesting marker replaced by the raw nested text. */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.split(JSON.stringify(DEEP_MARKER)).join(deepJson());
}

/** Percent-encodes any string, lone surrogates included (encodeURIComponent throws on those). */
export function encode(value: string): string {
  let out = '';
  for (const ch of value) {
    try {
      out += encodeURIComponent(ch);
    } catch {
      out += '%ED%A0%80'; // a surrogate's code point as (invalid) UTF-8
    }
  }
  return out;
}

/** The raw value of a query parameter or path segment: plausible, hostile, or deliberately mis-encoded. */
export function rawParam(plausibleValue: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: plausibleValue.map((v) => encode(String(v))) },
    { weight: 4, arbitrary: hostileUrlString.map(encode) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '%',
        '%zz',
        '%00',
        '%C0%AE%C0%AE%2F', // overlong "../"
        '%FF%FE',
        '..%2F..%2Fetc%2Fpasswd',
        '%252e%252e%252f',
        'A'.repeat(8_000),
        'B'.repeat(20_000), // past Node's 16 KB header limit: 431
      ),
    },
  );
}
