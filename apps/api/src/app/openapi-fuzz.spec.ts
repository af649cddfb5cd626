import { bootTestApp, call, type TestApp } from '@ttx/api/core/testing';
import { DemoSeeder } from '@ttx/api/identity';
import fc from 'fast-check';
import { resolve } from 'node:path';
import { AppModule } from './app.module';

/**
 * For every operation in /api/docs-json, as anonymous and as every role: property-based malformed
 * path params, query strings and bodies. Any 5xx, or a 4xx that is not problem+json, fails.
 * New endpoints are covered automatically because the list comes from the OpenAPI document.
 */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 12);
const DEMO = ['admin', 'tto', 'researcher', 'sme', 'broker', 'registrar', 'evaluator'];

type Operation = { method: string; path: string; params: { name: string; in: string }[]; schemaProps: string[] };

let t: TestApp;
const tokens: Record<string, string | undefined> = { anonymous: undefined };

beforeAll(async () => {
  // Generous login limits: the fuzzer itself hammers /auth/login.
  t = await bootTestApp([AppModule], { LOGIN_MAX_FAILURES: '100000' });
  await t.app.get(DemoSeeder).seed(resolve(__dirname, '../../../../seeds/demo/identity.json'));
  for (const who of DEMO) {
    const res = await call(t.app, 'POST', '/api/auth/login', { body: { email: `${who}@demo.ttx`, password: 'ttx-demo-2026' } });
    tokens[who] = res.json.accessToken;
  }
}, 120_000);
afterAll(() => t?.close());

const weird = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(''),
  fc.constant('00000000-0000-0000-0000-000000000000'),
  fc.uuid(),
  fc.constant('../../etc/passwd'),
  fc.constant("' OR 1=1 --"),
  fc.constant('%00'),
  fc.string({ minLength: 300, maxLength: 3000 }),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

function operations(doc: { paths: Record<string, Record<string, unknown>>; components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> } }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } };
      const ref = op.requestBody?.content?.['application/json']?.schema?.$ref?.split('/').pop();
      const schemaProps = ref ? Object.keys(doc.components?.schemas?.[ref]?.properties ?? {}) : [];
      ops.push({ method: method.toUpperCase(), path, params: op.parameters ?? [], schemaProps });
    }
  }
  return ops;
}

function expectGoodError(op: Operation, who: string, res: Awaited<ReturnType<typeof call>>, sent: unknown) {
  const where = `${op.method} ${op.path} as ${who} with ${JSON.stringify(sent)?.slice(0, 300)}`;
  if (res.status >= 500 && !(op.path === '/api/health' && res.status === 503)) throw new Error(`${res.status} from ${where}: ${res.body.slice(0, 300)}`);
  if (res.status >= 400) {
    const type = String(res.headers['content-type'] ?? '');
    if (!type.includes('application/problem+json')) throw new Error(`non-problem ${res.status} (${type}) from ${where}`);
    if (!res.json?.type || !res.json?.title || res.json?.status !== res.status) throw new Error(`incomplete problem from ${where}: ${res.body}`);
  }
}

describe('OpenAPI-driven fuzz', () => {
  it('never answers 5xx or a non-problem error, for any operation, identity and malformed input', async () => {
    const doc = (await call(t.app, 'GET', '/api/docs-json')).json;
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(10);
    let requests = 0;
    for (const op of ops) {
      for (const who of Object.keys(tokens)) {
        await fc.assert(
          fc.asyncProperty(
            fc.record({
              pathValues: fc.array(weird, { minLength: 4, maxLength: 4 }),
              query: fc.dictionary(fc.constantFrom(...op.params.filter((p) => p.in === 'query').map((p) => p.name), 'extra'), weird, { maxKeys: 3 }),
              body: fc.oneof(
                weird,
                // Right keys, wrong values: reaches the validators and the services.
                fc.record(Object.fromEntries(op.schemaProps.map((k) => [k, weird])), { requiredKeys: [] }),
                fc.constant('{"unterminated": '),
              ),
            }),
            async ({ pathValues, query, body }) => {
              let i = 0;
              const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(String(pathValues[i++] ?? 'x')));
              const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();
              const url = qs ? `${path}?${qs}` : path;
              const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
              const res = await call(t.app, op.method as never, url, {
                token: tokens[who],
                body: hasBody ? (typeof body === 'string' ? body : body) : undefined,
              });
              requests++;
              expectGoodError(op, who, res, { url, body });
            },
          ),
          { numRuns: RUNS, seed: Number(process.env['FUZZ_SEED'] ?? 20261122) },
        );
      }
    }
    expect(requests).toBe(ops.length * Object.keys(tokens).length * RUNS);
  }, 600_000);
});
