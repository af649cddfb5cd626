import { ROLE_PERMISSIONS, type Permission, type Role } from '@ttx/shared/contracts';
import { badRequests, loadOperations, UNKNOWN_UUID, type BadRequest, type Operation } from './support/bad-requests';
import { api, login, type ApiResponse } from './support/http';

/**
 * No 500 on bad input, anywhere: every operation of the committed OpenAPI document gets a fixed set of bad
 * requests (support/bad-requests.ts) as a demo user whose role grants the operation's `x-permission`, and its
 * first bad request once anonymously. Every answer must be < 500; a 4xx must be an RFC 9457 problem; a 400
 * for a named field must list it in `errors`; input the document rules out must not be accepted (2xx): `null`
 * for a body field is refused naming it unless the document marks the field `nullable` (null clears it there).
 * Bodies start from values the document allows, so a probe it allows too (`null` for a nullable field) may
 * succeed and write: the run's throwaway database then holds e.g. an organisation `rrrrrr`; no other spec reads it.
 */

/** One demo user per role (seeds/demo/identity.json); tried in this order for a permission. */
const DEMO_USER: Record<Role, string> = {
  enterprise_member: 'sme@demo.ttx',
  tto_manager: 'tto@demo.ttx',
  researcher: 'researcher@demo.ttx',
  broker: 'broker@demo.ttx',
  registrar: 'registrar@demo.ttx',
  evaluator: 'evaluator@demo.ttx',
  platform_admin: 'admin@demo.ttx',
};
const roleFor = (p: Permission) => (Object.keys(DEMO_USER) as Role[]).find((r) => ROLE_PERMISSIONS[r].includes(p));

const CONCURRENCY = 4;
const { doc, operations } = loadOperations();
const tokens = new Map<Role, string>();
const rows: string[] = [];
let sent = 0;
const LEGEND = [
  'sent per operation (bounded): path (not-a-uuid, unknown uuid, 300 chars, bad %-escape);',
  '  query per param (abc, -1, 1.5, 1e309, 10^20 | unknown enum | bad format, 2026-02-30 | too long, NUL | twice), a required one missing;',
  '  header (2000 chars, empty); body (not JSON, empty, [], "text", null, 42, {}, +unknown field, __proto__, 20000 deep, as text/plain;',
  '  per field: wrong type, unknown enum, 100 kB, NUL, bad format, 1e309, -1, 1.5, 2^63, [null], nested wrong type;',
  '  null (beyond the budget): every non-nullable field at once, each nullable one alone, likewise inside nested objects and first array items;',
  '  multipart (none, JSON, wrong part, empty file); the probes that must be refused once more on an existing resource (@real);',
  '  one plain signed-in call when the operation takes no input; public operations everything anonymously and as sme;',
  '  +1 anonymous per operation; once per path, a method it does not declare.',
].join('\n');

function problems(c: BadRequest, res: ApiResponse, anonymous: boolean, secured: boolean): string[] {
  const out: string[] = [];
  const body = res.body as { type?: unknown; title?: unknown; status?: unknown; errors?: { field: string }[] };
  if (res.status >= 500) return [`${res.status}: ${res.text.slice(0, 160)}`];
  if (anonymous && secured && res.status !== 401) out.push(`anonymous got ${res.status}, not 401`);
  if (res.status < 400) {
    if (c.expect === 'reject' && !anonymous) out.push(`accepted with ${res.status}`);
    return out;
  }
  if (!/application\/problem\+json/.test(res.contentType)) return [...out, `${res.status} is ${res.contentType || 'no content-type'}, not problem+json`];
  if (typeof body.type !== 'string' || typeof body.title !== 'string' || body.status !== res.status) out.push(`${res.status} problem lacks type/title/status`);
  if (res.status === 400 && c.fields?.length && !anonymous) {
    const named = (body.errors ?? []).map((e) => e.field);
    const missing = c.fields.filter((f) => !named.some((n) => n === f || n.startsWith(`${f}.`) || f.startsWith(`${n}.`)));
    if (missing.length) out.push(`400 errors do not name ${missing.join(', ')} (named: ${named.join(', ') || 'none'})`);
  }
  return out;
}

function send(op: Operation, c: BadRequest, token?: string): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...c.headers };
  if (c.rawBody !== undefined) headers['content-type'] ??= 'application/json';
  return api(op.method, c.url, { token, headers, rawBody: c.rawBody, form: c.form?.() });
}

const realIds = new Map<string, Promise<string | undefined>>();
/**
 * An existing resource for the first path parameter, as the caller sees it: the first item of the list
 * operation of the same collection (`/api/listings` for `/api/listings/{id}/offers`), or of its `/mine`.
 */
function realId(op: Operation, token: string | undefined): Promise<string | undefined> {
  const collection = /^(\/api\/[^/{]+)\/\{[^}]+\}/.exec(op.path)?.[1];
  if (!collection) return Promise.resolve(undefined);
  const key = `${collection} ${token ?? ''}`;
  if (!realIds.has(key)) {
    const lists = [collection, `${collection}/mine`].filter((p) => operations.some((o) => o.method === 'GET' && o.path === p));
    realIds.set(
      key,
      (async () => {
        for (const list of lists) {
          const { body } = await api('GET', list, { token });
          const first = Array.isArray(body) ? body[0] : body?.items?.[0];
          if (typeof first?.id === 'string') return first.id as string;
        }
        return undefined;
      })(),
    );
  }
  return realIds.get(key) as Promise<string | undefined>;
}

/** Runs the cases a few at a time: the api is on the same 2 cores, more only queues. */
async function inBatches<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CONCURRENCY) out.push(...(await Promise.all(items.slice(i, i + CONCURRENCY).map(fn))));
  return out;
}

describe('robustness: bad input never gets a 500 (every OpenAPI operation)', () => {
  beforeAll(async () => {
    const roles = new Set(operations.map((o) => (o.permission ? roleFor(o.permission as Permission) : undefined)));
    for (const role of roles) if (role) tokens.set(role, (await login(DEMO_USER[role])).accessToken);
  });

  afterAll(() => {
    const head = `${'operation'.padEnd(62)} ${'as'.padEnd(20)} ${'sent'.padStart(4)}  statuses (bad input accepted: case)`;
    process.stdout.write(`\nrobustness sweep: ${operations.length} operations, ${sent} requests\n${LEGEND}\n${head}\n${rows.join('\n')}\n`);
  });

  it('a demo role grants every x-permission of the document (else its operations would go untested)', () => {
    expect(operations.some((o) => o.permission)).toBe(true);
    expect(operations.filter((o) => o.permission && !roleFor(o.permission as Permission)).map((o) => o.permission)).toEqual([]);
  });

  it('a method a path does not declare → a 4xx problem, never a 500', async () => {
    const paths = [...new Set(operations.map((o) => o.path))];
    const failures: string[] = [];
    await inBatches(paths, async (p) => {
      const declared = new Set(operations.filter((o) => o.path === p).map((o) => o.method));
      const method = ['PATCH', 'PUT', 'DELETE', 'POST'].find((m) => !declared.has(m)) ?? 'OPTIONS';
      const url = p.replace(/\{[^}]+\}/g, UNKNOWN_UUID);
      const res = await api(method, url, { token: tokens.get('enterprise_member'), headers: { 'content-type': 'application/json' }, rawBody: '{}' });
      const c: BadRequest = { label: `${method} ${p}`, url, expect: 'reject' };
      failures.push(...problems(c, res, false, false).map((f) => `${c.label} → ${f}`));
    });
    sent += paths.length;
    expect(failures).toEqual([]);
  });

  it.each(operations.map((o) => [`${o.method} ${o.path}`, o] as const))('%s', async (_name, op) => {
    const role = op.permission ? roleFor(op.permission as Permission) : undefined;
    const token = role ? tokens.get(role) : undefined;
    const real = await realId(op, token);
    const bad = badRequests(doc, op, real);
    // An operation that takes no input still gets one signed-in call with a stray query parameter.
    const cases = bad.length ? bad : [{ label: 'plain', url: `${op.path}?unexpected=1`, expect: 'no-500' as const }];
    // A public operation may serve a signed-in caller differently (optional auth): both get every case.
    const callers = op.permission ? [token] : [undefined, tokens.get('enterprise_member')];
    const answers: { c: BadRequest; res: ApiResponse }[] = [];
    for (const caller of callers) answers.push(...(await inBatches(cases, async (c) => ({ c, res: await send(op, c, caller) }))));
    // Fastify parses a body before any guard runs, so anonymous calls skip the unparsable one: they must meet the 401.
    const anonCase = cases.find((c) => !/^body (not JSON|empty)$/.test(c.label)) ?? cases[0];
    const anon = { c: anonCase, res: await send(op, anonCase) };

    const failures = answers.flatMap(({ c, res }) => problems(c, res, false, !!op.permission).map((p) => `${c.label} → ${p}`));
    failures.push(...problems(anon.c, anon.res, true, !!op.permission).map((p) => `anonymous ${anon.c.label} → ${p}`));
    const histogram = new Map<number, number>();
    for (const { res } of [...answers, anon]) histogram.set(res.status, (histogram.get(res.status) ?? 0) + 1);
    const statuses = [...histogram].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    const accepted = answers.filter(({ c, res }) => res.status < 300 && c.label !== 'plain').map(({ c }) => c.label);
    sent += answers.length + 1;
    rows.push(`${`${op.method} ${op.path}`.padEnd(62)} ${`${role ? DEMO_USER[role].split('@')[0] : 'anonymous + sme'}${real ? ' @real' : ''}`.padEnd(20)} ${String(answers.length + 1).padStart(4)}  ${statuses}${accepted.length ? ` (${accepted.join(', ')})` : ''}${failures.length ? `  ✗${failures.length}` : ''}`);
    expect(failures).toEqual([]);
  });
});
