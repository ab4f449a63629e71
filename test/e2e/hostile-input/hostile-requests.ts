import fc from 'fast-check';
import {
  bodyMutation,
  encode,
  hostileString,
  hostileValue,
  mutateBody,
  plausible,
  rawParam,
  toJsonText,
  type KnownValues,
} from './hostile-values';
import { resolve, type OpenApiDocument, type Operation, type Schema } from './openapi';

export interface HostileRequest {
  /** Demo user whose token is sent; null for none. */
  user: string | null;
  method: Operation['method'];
  url: string;
  headers: Record<string, string>;
  body?: { type: 'json'; text: string } | { type: 'multipart'; boundary: string; raw: Buffer };
}

const SAFE_HEADER_VALUES = [
  '',
  ' ',
  'x'.repeat(300),
  "' OR 1=1 --",
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '%00',
  '-1',
  '99999999999999999999',
  'en'.repeat(500),
];

/** Header values must be Latin-1 without control characters, or the client refuses to send them. */
const headerValue = (name: string, known: KnownValues) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...(known[name.toLowerCase()] ?? ['plausible-value'])) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: fc.constantFrom(...SAFE_HEADER_VALUES) },
    {
      weight: 1,
      arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 30 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
    },
  );

/** A query parameter: left out, sent once, repeated, or sent with bracket syntax. */
function queryPart(name: string, value: fc.Arbitrary<string>): fc.Arbitrary<string | null> {
  const key = encode(name);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 5, arbitrary: value.map((v) => `${key}=${v}`) },
    { weight: 1, arbitrary: fc.tuple(value, value).map(([a, b]) => `${key}=${a}&${key}=${b}`) },
    { weight: 1, arbitrary: value.map((v) => `${key}[]=${v}&${key}[0]=${v}&${key}[x][y]=${v}`) },
    { weight: 1, arbitrary: fc.constant(key) },
  );
}

const EXTRA_QUERY = [
  '__proto__[polluted]=1',
  'constructor[prototype][polluted]=1',
  'unknown=1',
  'page=1&page=2',
  '=',
  '&&&',
  '%',
];

const FILE_NAMES = [
  'normal.pdf',
  'data.csv',
  'sheet.xlsx',
  '../../etc/passwd.txt',
  '..\\..\\boot.ini',
  '%2e%2e%2fx.pdf',
  'a\u0000.pdf',
  '\u202efdp.exe',
  'CON',
  '',
  ' ',
  '.pdf',
  `${'x'.repeat(1000)}.pdf`,
  'C:\\evil.pdf',
  '<script>.pdf',
  '😀照片.jpg',
  "' OR 1=1 --.pdf",
];

interface Part {
  name: string;
  value?: string;
  file?: { name: string; type: string; content: Buffer };
}

function multipartBody(parts: Part[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = p.file
      ? `form-data; name="${p.name}"; filename="${p.file.name.replace(/"/g, '%22').replace(/[\r\n]/g, '')}"`
      : `form-data; name="${p.name}"`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.file ? `Content-Type: ${p.file.type}\r\n` : ''}\r\n`;
    chunks.push(
      Buffer.from(head, 'utf8'),
      p.file ? p.file.content : Buffer.from(p.value ?? '', 'utf8'),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

function multipartArb(
  doc: OpenApiDocument,
  schema: Schema,
  known: KnownValues,
  good: Record<string, unknown> = {},
): fc.Arbitrary<HostileRequest['body']> {
  const s = resolve(doc, schema);
  const fields = Object.keys(s.properties ?? {}).filter((k) => k !== 'file');
  const fieldValue = (name: string) =>
    fc.oneof(
      ...(name in good ? [{ weight: 6, arbitrary: fc.constant(String(good[name])) }] : []),
      { weight: 2, arbitrary: plausible(doc, s.properties?.[name], name, known).map((v) => String(v)) },
      { weight: 2, arbitrary: hostileString },
    );
  const file = fc.record({
    name: fc.constantFrom(...FILE_NAMES),
    type: fc.constantFrom(
      'application/pdf',
      'text/csv',
      'image/jpeg',
      'application/x-msdownload',
      '',
      'text/html',
    ),
    content: fc.constantFrom(
      Buffer.from('%PDF-1.4 hostile'),
      Buffer.from('category,description\n"=cmd|\' /C calc\'!A0",<script>\n'),
      Buffer.from([0xff, 0xfe, 0x00, 0x00]),
      Buffer.alloc(0),
    ),
  });
  return fc
    .record({
      fields: fc.tuple(...fields.map((f) => fc.option(fieldValue(f), { nil: undefined, freq: 6 }))),
      file: fc.option(file, { nil: undefined }),
      fileFirst: fc.boolean(),
      extra: fc.constantFrom<Part[]>(
        [],
        [],
        [{ name: 'file', file: { name: 'second.pdf', type: 'application/pdf', content: Buffer.from('2') } }],
        [{ name: '__proto__', value: '{"polluted":true}' }],
        Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: 'x' })),
        [{ name: 'title', value: 'y'.repeat(20_000) }],
        [{ name: '', value: 'nameless' }],
      ),
    })
    .map(({ fields: values, file: f, fileFirst, extra }) => {
      const parts: Part[] = fields.flatMap((name, i) =>
        values[i] === undefined ? [] : [{ name, value: values[i] }],
      );
      const filePart: Part[] = f ? [{ name: 'file', file: f }] : [];
      const all = fileFirst ? [...filePart, ...parts, ...extra] : [...parts, ...extra, ...filePart];
      const boundary = 'hostile-boundary-7d1';
      return { type: 'multipart' as const, boundary, raw: multipartBody(all, boundary) };
    });
}

export function requestArb(
  doc: OpenApiDocument,
  op: Operation,
  users: readonly (string | null)[],
  known: KnownValues,
  /** A body the operation accepts, mutated as often as generated ones: it gets hostile values past the DTO. */
  goodBody?: object,
): fc.Arbitrary<HostileRequest> {
  const pathValues = op.pathParams.map((p) => {
    const ids = known[p.name];
    const valid = ids?.length ? fc.constantFrom(...ids).map(encode) : fc.uuid();
    return fc.oneof(
      { weight: 5, arbitrary: valid },
      { weight: 5, arbitrary: rawParam(plausible(doc, p.schema, p.name, known)) },
      { weight: 1, arbitrary: fc.constantFrom('../../etc/passwd', '..', '.', '', '%2e%2e', '..%2F') },
    );
  });
  const query = op.queryParams.map((p) =>
    queryPart(p.name, rawParam(plausible(doc, p.schema, p.name, known))),
  );
  const headers = dedupe(op.headerParams.map((p) => p.name)).map((name) =>
    fc.option(headerValue(name, known), { nil: undefined, freq: 4 }).map((v) => [name, v] as const),
  );
  const body: fc.Arbitrary<HostileRequest['body']> = !op.body
    ? fc.oneof(
        { weight: 4, arbitrary: fc.constant(undefined) },
        {
          weight: 1,
          arbitrary: hostileValue.map((v) => ({
            type: 'json' as const,
            text: toJsonText({ unexpected: v }),
          })),
        },
      )
    : op.body.contentType === 'multipart/form-data'
      ? multipartArb(doc, op.body.schema, known, goodBody as Record<string, unknown> | undefined)
      : fc
          .tuple(
            goodBody
              ? fc.oneof(fc.constant(goodBody), plausible(doc, op.body.schema, '', known))
              : plausible(doc, op.body.schema, '', known),
            bodyMutation,
          )
          .map(([base, m]) => ({ type: 'json' as const, text: mutateBody(doc, op.body!.schema, base, m) }));
  return fc
    .record({
      user: fc.constantFrom(...users),
      path: fc.tuple(...pathValues),
      query: fc.tuple(...query),
      extraQuery: fc.option(fc.constantFrom(...EXTRA_QUERY), { freq: 5 }),
      headers: fc.tuple(...headers),
      body,
    })
    .map(({ user, path, query: q, extraQuery, headers: h, body: b }) => {
      let i = 0;
      const url = `${op.path.replace(/\{\w+\}/g, () => path[i++])}`;
      const qs = [...q.filter((x): x is string => x !== null), ...(extraQuery ? [extraQuery] : [])].join('&');
      const hs: Record<string, string> = {};
      for (const [name, v] of h) if (v !== undefined) hs[name] = v;
      return { user, method: op.method, url: qs ? `${url}?${qs}` : url, headers: hs, body: b };
    });
}

function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => !seen.has(n.toLowerCase()) && !!seen.add(n.toLowerCase()));
}

/** A short, printable account of a request for the failure report. */
export function describeRequest(r: HostileRequest): string {
  const cut = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);
  const body =
    r.body?.type === 'json'
      ? ` body=${cut(r.body.text)}`
      : r.body?.type === 'multipart'
        ? ` multipart=${cut(r.body.raw.toString('utf8').replace(/\r\n/g, '⏎'))}`
        : '';
  const headers = Object.keys(r.headers).length ? ` headers=${cut(JSON.stringify(r.headers), 200)}` : '';
  return `${r.user ?? 'anonymous'}: ${r.method} ${cut(r.url)}${headers}${body}`;
}
