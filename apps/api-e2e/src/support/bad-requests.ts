/* eslint-disable @typescript-eslint/no-explicit-any -- OpenAPI schemas are untyped JSON */
import fs from 'node:fs';
import path from 'node:path';
import { WORKSPACE_ROOT } from './paths';

/**
 * Derives a fixed, deterministic set of bad requests for every operation of the committed OpenAPI document
 * (libs/web/api-client/openapi.json, written by `nx run api:openapi`). No randomness: a failure reruns the same.
 */

export interface Operation {
  method: string;
  path: string;
  /** `x-permission` of the operation; undefined for @Public() routes. */
  permission?: string;
  params: any[];
  jsonBody?: any;
  multipart: boolean;
}

/** `reject`: the input is invalid by the document, so only a 4xx will do; `no-500`: may succeed, must not crash. */
export type Expectation = 'reject' | 'no-500';

export interface BadRequest {
  label: string;
  url: string;
  expect: Expectation;
  /** Fields a 400 validation problem must name in `errors` (prefix match, so nested errors count). */
  fields?: string[];
  rawBody?: string;
  form?: () => FormData;
  headers?: Record<string, string>;
}

export const UNKNOWN_UUID = 'f0000000-0000-4000-8000-000000000000';
const BIG = 100 * 1024;
/** Query strings stay below Node's 16 kB header limit (which answers 431 before any app code runs). */
const LONG_QUERY = 4000;
const MAX_QUERY_CASES = 18;
const MAX_BODY_CASES = 32;
const MAX_FIELDS = 12;
const INTEGER_QUERY = /^(page|pageSize|limit|since)$/;

export function loadOperations(): { doc: any; operations: Operation[] } {
  const doc = JSON.parse(fs.readFileSync(path.join(WORKSPACE_ROOT, 'libs/web/api-client/openapi.json'), 'utf8'));
  const operations: Operation[] = [];
  for (const [p, item] of Object.entries<any>(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      const content = op.requestBody?.content ?? {};
      operations.push({
        method: method.toUpperCase(),
        path: p,
        permission: op['x-permission'],
        params: op.parameters ?? [],
        jsonBody: content['application/json']?.schema,
        multipart: !!content['multipart/form-data'],
      });
    }
  }
  return { doc, operations };
}

/** Follows $ref and single-entry allOf (how @nestjs/swagger wraps a described or nullable reference). */
export function resolve(doc: any, schema: any): any {
  let s = schema ?? {};
  for (let i = 0; i < 5; i++) {
    if (s.$ref) s = { ...doc.components.schemas[s.$ref.split('/').pop()], ...omit(s, '$ref') };
    else if (s.allOf?.length === 1) s = { ...resolve(doc, s.allOf[0]), ...omit(s, 'allOf'), type: undefined };
    else break;
  }
  if (!s.type && s.properties) s.type = 'object';
  return s;
}

function omit(o: any, key: string): any {
  const rest = { ...o };
  delete rest[key];
  return rest;
}

/** A value the schema accepts as far as the document tells (required properties only). */
export function validValue(doc: any, raw: any, depth = 0): unknown {
  const s = resolve(doc, raw);
  if (s.enum) return s.enum[0];
  if (s.example !== undefined && s.type !== 'object') return s.example;
  switch (s.type) {
    case 'string':
      if (s.format === 'uuid') return UNKNOWN_UUID;
      if (s.format === 'date') return '2026-06-01';
      if (s.format === 'date-time') return '2026-06-01T00:00:00.000Z';
      if (s.format === 'email') return 'robust@e2e.ttx';
      return 'r'.repeat(Math.max(s.minLength ?? 0, 6));
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'array':
      return depth > 3 ? [] : Array.from({ length: s.minItems ?? 1 }, () => validValue(doc, s.items, depth + 1));
    default: {
      const out: Record<string, unknown> = {};
      if (depth > 3) return out;
      for (const key of s.required ?? []) out[key] = validValue(doc, s.properties?.[key], depth + 1);
      return out;
    }
  }
}

/** 1e309 is not representable in JSON.stringify: a marker string replaced in the text. */
const INFINITE = '__TTX_1E309__';
const json = (v: unknown) => JSON.stringify(v).replace(`"${INFINITE}"`, '1e309');

interface Mutation {
  label: string;
  value: unknown;
  expect: Expectation;
}

/** Bad values for one property: a wrong type always; then size, precision and sign probes by type. */
function mutations(s: any): Mutation[] {
  const wrongType: Mutation = { label: 'wrong type', value: s.type === 'string' ? 12345 : 'not-a-' + (s.type ?? 'value'), expect: 'reject' };
  if (s.enum) return [wrongType, { label: 'unknown enum', value: 'no-such-value', expect: 'reject' }];
  switch (s.type) {
    case 'string': {
      const out = [wrongType, { label: '100 kB', value: 'x'.repeat(BIG), expect: (s.maxLength ? 'reject' : 'no-500') as Expectation }];
      // Postgres refuses NUL in text (22021): a classic 500 when it reaches the database unchecked.
      if (!s.format) out.push({ label: 'NUL char', value: 'a\u0000b', expect: 'no-500' });
      else out.push({ label: `bad ${s.format}`, value: s.format === 'date' ? '2026-02-30' : 'not-a-' + s.format, expect: 'reject' });
      return out;
    }
    case 'integer':
    case 'number':
      return [
        wrongType,
        { label: '1e309', value: INFINITE, expect: 'reject' },
        { label: '-1', value: -1, expect: s.minimum !== undefined && s.minimum > -1 ? 'reject' : 'no-500' },
        { label: '1.5', value: 1.5, expect: s.type === 'integer' ? 'reject' : 'no-500' },
        { label: '2^63', value: 2 ** 63, expect: s.maximum !== undefined ? 'reject' : 'no-500' },
      ];
    case 'array':
      return [wrongType, { label: '[null]', value: [null], expect: 'reject' }];
    default:
      return [wrongType];
  }
}

function fillPath(p: string, value: (name: string) => string): string {
  return p.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(value(name)));
}

/**
 * Every bad request for one operation, bounded per kind. With `realId` (an existing resource the caller can see,
 * for the first path parameter) the input probes that must be refused run once more against it, so validation
 * that only a service applies (after its 404) is reached too; only `reject` probes, so a correct api writes nothing.
 */
export function badRequests(doc: any, op: Operation, realId?: string): BadRequest[] {
  const out: BadRequest[] = [];
  const url = fillPath(op.path, () => UNKNOWN_UUID);
  const ctx = inputContext(doc, op);

  // Path: not a uuid, an unknown one, one longer than Fastify's 100-character parameter limit, a bad %-escape.
  if (op.params.some((p) => p.in === 'path')) {
    const q = ctx.requiredQuery.length ? `?${ctx.requiredQuery.join('&')}` : '';
    out.push(ctx.withBody({ label: 'path not-a-uuid', url: fillPath(op.path, () => 'not-a-uuid') + q, expect: 'reject' }));
    out.push(ctx.withBody({ label: 'path unknown uuid', url: url + q, expect: 'reject' }));
    out.push(ctx.withBody({ label: 'path 300 chars', url: fillPath(op.path, () => 'a'.repeat(300)) + q, expect: 'reject' }));
    out.push(ctx.withBody({ label: 'path bad %-escape', url: op.path.replace(/\{[^}]+\}/g, '%E0%A4%A') + q, expect: 'reject' }));
  }
  out.push(...inputCases(doc, op, url, ctx));
  if (realId) {
    const real = fillPath(op.path.replace(/\{[^}]+\}/, encodeURIComponent(realId)), () => UNKNOWN_UUID);
    out.push(...inputCases(doc, op, real, ctx).filter((c) => c.expect === 'reject').map((c) => ({ ...c, label: `@real ${c.label}` })));
  }
  return out;
}

interface InputContext {
  requiredQuery: string[];
  base?: Record<string, unknown>;
  withBody: (b: BadRequest) => BadRequest;
}

function inputContext(doc: any, op: Operation): InputContext {
  const requiredQuery = op.params
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => `${p.name}=${encodeURIComponent(String(validValue(doc, p.schema)))}`);
  const base = op.jsonBody ? (validValue(doc, op.jsonBody) as Record<string, unknown>) : undefined;
  return { requiredQuery, base, withBody: (b) => (base && b.rawBody === undefined ? { ...b, rawBody: json(base) } : b) };
}

/** Query, header, body and multipart probes against one concrete URL. */
function inputCases(doc: any, op: Operation, url: string, { requiredQuery, base, withBody }: InputContext): BadRequest[] {
  const out: BadRequest[] = [];
  const query = op.params.filter((p) => p.in === 'query');

  // Query: a bad value per parameter (the required ones valid otherwise), a missing required one, a repeated one.
  const queryCases: BadRequest[] = [];
  const at = (name: string, value: string) =>
    `${url}?${[...requiredQuery.filter((q) => !q.startsWith(`${name}=`)), `${name}=${encodeURIComponent(value)}`].join('&')}`;
  for (const p of query) {
    const s = resolve(doc, p.schema);
    const numeric = INTEGER_QUERY.test(p.name) || s.type === 'integer' || s.type === 'number';
    const probes: [string, Expectation][] = numeric
      ? [['abc', 'reject'], ['-1', 'reject'], ['1.5', 'reject'], ['1e309', 'reject'], ['99999999999999999999', s.maximum !== undefined ? 'reject' : 'no-500']]
      : s.enum
        ? [['no-such-value', 'reject']]
        : s.type === 'boolean'
          ? [['maybe', 'reject']]
          : s.format
            ? [['not-a-' + s.format, 'reject'], ['2026-02-30', 'reject']]
            : [[s.maxLength ? 'q'.repeat(s.maxLength + 1) : 'q'.repeat(LONG_QUERY), s.maxLength ? 'reject' : 'no-500'], ['a\u0000b', 'no-500']];
    for (const [value, expect] of probes) {
      queryCases.push({ label: `?${p.name}=${value.length > 12 ? `${value.length} chars` : JSON.stringify(value).slice(1, -1)}`, url: at(p.name, value), expect, fields: expect === 'reject' ? [p.name] : undefined });
    }
    queryCases.push({ label: `?${p.name} twice`, url: `${at(p.name, String(validValue(doc, p.schema)))}&${p.name}=${encodeURIComponent(String(validValue(doc, p.schema)))}`, expect: 'no-500' });
  }
  for (const p of query.filter((q) => q.required)) {
    queryCases.push({ label: `?${p.name} missing`, url: `${url}?${requiredQuery.filter((q) => !q.startsWith(`${p.name}=`)).join('&')}`, expect: 'reject', fields: [p.name] });
  }
  out.push(...queryCases.slice(0, MAX_QUERY_CASES).map(withBody));

  // Headers (idempotency keys): an oversized one.
  for (const p of op.params.filter((q) => q.in === 'header')) {
    out.push(withBody({ label: `header ${p.name} 2000 chars`, url, expect: 'no-500', headers: { [p.name]: 'k'.repeat(2000) } }));
    out.push(withBody({ label: `header ${p.name} empty`, url, expect: 'no-500', headers: { [p.name]: '' } }));
  }

  if (op.jsonBody) out.push(...bodyCases(doc, op, url, base ?? {}));
  // File uploads get their own small set: no body, JSON instead of multipart, a part with the wrong name, an empty file.
  if (op.multipart) {
    out.push({ label: 'multipart: no body', url, expect: 'reject' });
    out.push({ label: 'multipart: JSON instead', url, expect: 'reject', rawBody: '{}' });
    out.push({ label: 'multipart: wrong part', url, expect: 'reject', form: () => formWith('notFile', 'x.csv', 'a,b\n') });
    out.push({ label: 'multipart: empty file', url, expect: 'reject', form: () => formWith('file', 'empty.csv', '') });
  }
  return out;
}

function formWith(field: string, name: string, text: string): FormData {
  const form = new FormData();
  form.append(field, new Blob([text], { type: 'text/csv' }), name);
  return form;
}

function bodyCases(doc: any, op: Operation, url: string, base: Record<string, unknown>): BadRequest[] {
  const s = resolve(doc, op.jsonBody);
  const required: string[] = s.required ?? [];
  const cases: BadRequest[] = [
    { label: 'body not JSON', url, rawBody: '{"broken":', expect: 'reject' },
    { label: 'body empty', url, rawBody: '', expect: 'reject' },
    { label: 'body []', url, rawBody: '[]', expect: 'reject' },
    { label: 'body "text"', url, rawBody: '"text"', expect: 'reject' },
    { label: 'body null', url, rawBody: 'null', expect: required.length ? 'reject' : 'no-500' },
    { label: 'body 42', url, rawBody: '42', expect: 'reject' },
    { label: 'body {}', url, rawBody: '{}', expect: required.length ? 'reject' : 'no-500', fields: required.slice(0, 3) },
    { label: 'body +unknown field', url, rawBody: json({ ...base, notAField: 1 }), expect: 'reject', fields: ['notAField'] },
    // Fastify refuses these keys (onProtoPoisoning); the refusal must still be a problem.
    { label: 'body __proto__', url, rawBody: json(base).replace(/^\{/, '{"__proto__":{"x":1},'), expect: 'reject' },
    // Deep nesting overflows the stack of any recursive walker (class-transformer, validators) on the way.
    { label: 'body nested 20000 deep', url, rawBody: json(base).replace(/^\{/, `{"notAField":${'['.repeat(20000)}${']'.repeat(20000)},`), expect: 'reject' },
    { label: 'body as text/plain', url, rawBody: json(base), expect: 'reject', headers: { 'content-type': 'text/plain' } },
  ];
  const props = Object.entries<any>(s.properties ?? {}).slice(0, MAX_FIELDS);
  // Round-robin over the fields so every field gets its wrong-type probe before any gets a second one.
  const perField = props.map(([name, raw]) => {
    const ps = resolve(doc, raw);
    const list = mutations(ps).map((m) => ({ name, m }));
    const nested = ps.type === 'object' ? Object.entries<any>(ps.properties ?? {})[0] : undefined;
    if (nested) {
      const inner = { ...(validValue(doc, ps) as object) };
      list.push({ name: `${name}.${nested[0]}`, m: { ...mutations(resolve(doc, nested[1]))[0], value: { ...inner, [nested[0]]: mutations(resolve(doc, nested[1]))[0].value } } });
    }
    return list;
  });
  for (let round = 0; cases.length < MAX_BODY_CASES && perField.some((l) => l.length > round); round++) {
    for (const list of perField) {
      const item = list[round];
      if (!item || cases.length >= MAX_BODY_CASES) continue;
      const top = item.name.split('.')[0];
      cases.push({
        label: `.${item.name} ${item.m.label}`,
        url,
        rawBody: json({ ...base, [top]: item.m.value }),
        expect: item.m.expect,
        fields: item.m.expect === 'reject' ? [item.name] : undefined,
      });
    }
  }
  // null for every field, beyond the budget: refused naming the field unless the document says `nullable` (null
  // clears the value there); class-validator's @IsOptional() alone lets null through to the service. All the
  // non-nullable ones in one request (the pipe names every refused field, so one that lets null through shows as
  // unnamed), each nullable one alone (it may succeed, but must not crash); the requests saved go to nested fields.
  const all = Object.entries<any>(s.properties ?? {});
  const nonNullable = all.filter(([, raw]) => resolve(doc, raw).nullable !== true).map(([name]) => name);
  if (nonNullable.length) {
    cases.push({ label: `.{${nonNullable.join(',')}} null`, url, rawBody: json({ ...base, ...Object.fromEntries(nonNullable.map((n) => [n, null])) }), expect: 'reject', fields: nonNullable });
  }
  for (const [name] of all.filter(([, raw]) => resolve(doc, raw).nullable === true)) {
    cases.push({ label: `.${name} null`, url, rawBody: json({ ...base, [name]: null }), expect: 'no-500' });
  }
  cases.push(...nestedNullCases(doc, url, base, all));
  return cases;
}

/** Nested containers probed per operation: each costs one request (plus one per nullable field in it). */
const MAX_NESTED_CONTAINERS = 12;

/**
 * null inside nested objects and array items (`auction.startPrice`, `ipRecords[0].number`), as for the top level:
 * per container one request with every non-nullable field of it null at once, and one per nullable field alone.
 * The rest of the body stays valid; containers two levels down count too, at most MAX_NESTED_CONTAINERS of them.
 */
function nestedNullCases(doc: any, url: string, base: Record<string, unknown>, props: [string, any][]): BadRequest[] {
  const out: BadRequest[] = [];
  let containers = 0;
  const visit = (path: (string | number)[], raw: any, body: Record<string, unknown>, depth: number): void => {
    if (containers >= MAX_NESTED_CONTAINERS || depth > 2) return;
    const s = resolve(doc, raw);
    // An array of objects: probe its first item (a valid one put in its place).
    const itemSchema = s.type === 'array' ? resolve(doc, s.items) : undefined;
    const target = itemSchema?.type === 'object' ? itemSchema : s.type === 'object' ? s : undefined;
    const fields = Object.entries<any>(target?.properties ?? {});
    if (!target || !fields.length) return;
    const at = itemSchema ? [...path, 0] : path;
    const valid = { ...(validValue(doc, target) as Record<string, unknown>) };
    const withContainer = (inner: Record<string, unknown>) => setAt(body, path, itemSchema ? [inner] : inner);
    const dotted = (f: string) => [...at, f].join('.');
    const shown = (f: string) => [...at, f].map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${k}`)).join('');
    containers++;
    const nonNullable = fields.filter(([, r]) => resolve(doc, r).nullable !== true).map(([f]) => f);
    if (nonNullable.length) {
      out.push({
        label: `.${shown(`{${nonNullable.join(',')}}`)} null`,
        url,
        rawBody: json(withContainer({ ...valid, ...Object.fromEntries(nonNullable.map((f) => [f, null])) })),
        expect: 'reject',
        fields: nonNullable.map(dotted),
      });
    }
    for (const [f] of fields.filter(([, r]) => resolve(doc, r).nullable === true)) {
      out.push({ label: `.${shown(f)} null`, url, rawBody: json(withContainer({ ...valid, [f]: null })), expect: 'no-500' });
    }
    for (const [f, r] of fields) visit([...at, f], r, withContainer(valid), depth + 1);
  };
  for (const [name, raw] of props) visit([name], raw, base, 1);
  return out;
}

/** A copy of `body` with `value` at `path` (keys and array indexes), creating the containers on the way. */
function setAt(body: Record<string, unknown>, path: (string | number)[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  const copy: any = Array.isArray(body) ? [...body] : { ...body };
  copy[head] = rest.length ? setAt((copy[head] ?? (typeof rest[0] === 'number' ? [] : {})) as Record<string, unknown>, rest, value) : value;
  return copy;
}
