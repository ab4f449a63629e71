/** The parts of an OpenAPI 3 document the hostile-input generator reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  example?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  default?: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface RawOperation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI path, `{param}` style. */
  path: string;
  /** `GET /api/v1/cases/:id`, the key of test/e2e/route-permissions.json. */
  key: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  headerParams: Parameter[];
  body?: { contentType: string; schema: Schema };
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const [contentType] = Object.keys(content);
      out.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        key: `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        headerParams: params.filter((p) => p.in === 'header'),
        body: contentType ? { contentType, schema: content[contentType].schema } : undefined,
      });
    }
  }
  return out;
}

/** The schema with `$ref` and `allOf` resolved (one level at a time; callers recurse through properties). */
export function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(doc, doc.components?.schemas?.[name]);
  }
  if (schema.allOf?.length) {
    const parts = schema.allOf.map((s) => resolve(doc, s));
    const merged: Schema = { ...schema, allOf: undefined };
    for (const p of parts) {
      merged.type ??= p.type;
      merged.enum ??= p.enum;
      merged.format ??= p.format;
      merged.items ??= p.items;
      if (p.properties) merged.properties = { ...merged.properties, ...p.properties };
      if (p.required) merged.required = [...(merged.required ?? []), ...p.required];
    }
    return merged;
  }
  return schema;
}
