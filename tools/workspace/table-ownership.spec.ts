import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * ARCHITECTURE.md: "A context talks to another through its exported service or a domain event, never
 * through the other's repository or tables." This check reads the production sources of every context
 * lib (libs/api/<context>/src, without specs, testing helpers and migrations) for SQL that names
 * (FROM / JOIN / INTO / UPDATE / TABLE) a table another context owns, and every migration for tables
 * that no context owns. libs/api/core is the shared kernel (outbox, audit chain, migrations), not a context.
 */
const root = resolve(__dirname, '../..');

/** Table ownership by context; `prefix_*` covers every table whose name starts with `prefix_`. */
const OWNERS: Record<string, string[]> = {
  identity: ['memberships', 'organizations', 'refresh_tokens', 'users'],
  catalog: ['achievement_*', 'achievements', 'technology_fields'],
  rights: ['empowerment_*', 'empowerments', 'ownership_history', 'ownership_shares', 'rights_*'],
  market: ['auction_*', 'auctions', 'deals', 'listing_*', 'listings', 'market_*', 'open_licence_consents'],
  licensing: ['invoices', 'licence_*', 'licences', 'licensing_notices', 'royalty_reports', 'distribution_entries'],
  registry: ['contract_*', 'contracts', 'registry_*'],
  brokerage: ['broker_profiles', 'brokerage_events', 'credit_events', 'deal_room_*', 'deal_rooms', 'demands', 'demand_match_notices'],
  platform: ['audit_log', 'disclosures', 'disclosure_objections', 'notifications', 'outbox'],
};

/** Reads of another context's table that are allowed, each with why (file relative to the workspace root). */
const EXCEPTIONS: { file: string; table: string; reason: string }[] = [];

const TESTING_FILE = /(\.spec\.ts|\/testing\/.*|test-helpers\.ts|\/migrations\/.*)$/;
const SQL_TABLE = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+([a-z_][a-z0-9_]*)\b/gi;

/** The contexts whose patterns cover `table` (exactly one for a well-kept map). */
function ownersOf(table: string): string[] {
  const t = table.toLowerCase();
  return Object.keys(OWNERS).filter((ctx) => OWNERS[ctx].some((p) => (p.endsWith('*') ? t.startsWith(p.slice(0, -1)) : t === p)));
}
const ownerOf = (table: string): string | undefined => ownersOf(table)[0];

/** Tables of other contexts that `source` (a file of `context`) names in SQL, with their line numbers. */
function foreignTables(context: string, source: string): { table: string; owner: string; line: number }[] {
  const out: { table: string; owner: string; line: number }[] = [];
  for (const m of source.matchAll(SQL_TABLE)) {
    const owner = ownerOf(m[1]);
    // The table's own line (it may follow its keyword on the next one).
    const at = (m.index ?? 0) + m[0].length - m[1].length;
    if (owner && owner !== context) out.push({ table: m[1], owner, line: source.slice(0, at).split('\n').length });
  }
  return out;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

const rel = (p: string) => relative(root, p).split('\\').join('/');

/** The production sources of every context lib. */
const sources = () =>
  Object.keys(OWNERS).flatMap((ctx) => tsFiles(join(root, 'libs/api', ctx, 'src')).filter((f) => !TESTING_FILE.test(rel(f))).map((f) => ({ ctx, file: rel(f) })));

/** Every `context: file:line table (owner)` read of another context's table, exceptions left out. */
function violations(): string[] {
  return sources().flatMap(({ ctx, file }) =>
    foreignTables(ctx, readFileSync(join(root, file), 'utf8'))
      .filter((v) => !EXCEPTIONS.some((x) => x.file === file && x.table === v.table))
      .map((v) => `${ctx}: ${file}:${v.line} ${v.table} (owned by ${v.owner})`),
  );
}

const ENTITY_IMPORT = /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@ttx\/api\/([a-z]+)'/g;

/**
 * Another context's TypeORM entities (`…Entity`) that `source` imports: reading through them is reading the
 * other's repository. Only entity files may import them, to declare foreign keys.
 */
function foreignEntities(context: string, source: string): string[] {
  return [...source.matchAll(ENTITY_IMPORT)]
    .filter((m) => m[2] !== context && m[2] !== 'core' && m[2] in OWNERS)
    .flatMap((m) => m[1].split(',').map((x) => x.replace(/^\s*type\s+/, '').trim()).filter((x) => /Entity$/.test(x)).map((x) => `${x} (${m[2]})`));
}

/** Tables created by any migration under libs/api. */
function migratedTables(): { table: string; file: string }[] {
  const files = tsFiles(join(root, 'libs/api')).filter((f) => /\/migrations\/[^/]+\.ts$/.test(rel(f)) && !f.endsWith('.spec.ts'));
  return files.flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(/\bCREATE\s+(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([a-z_][a-z0-9_]*)"?/gi)].map((m) => ({
      table: m[1],
      file: rel(f),
    })),
  );
}

describe('table ownership (ARCHITECTURE.md: no context reads another context’s tables)', () => {
  it('finds SQL naming a foreign table, also when the table is on the next line', () => {
    const sql = "await m.query(`SELECT u.id FROM\n    users u JOIN achievements a ON a.created_by = u.id`);\nawait m.query('UPDATE outbox SET x = 1');";
    expect(foreignTables('catalog', sql)).toEqual([
      { table: 'users', owner: 'identity', line: 2 },
      { table: 'outbox', owner: 'platform', line: 3 },
    ]);
    expect(foreignTables('identity', 'SELECT id FROM users; INSERT INTO memberships (x) VALUES (1)')).toEqual([]);
    expect(ownerOf('achievement_inventors')).toBe('catalog');
    expect(ownerOf('catalog_match_candidates')).toBeUndefined();
  });

  it('every context lib reads only its own tables', () => {
    const scanned = new Set(sources().map((s) => s.ctx));
    expect([...scanned].sort()).toEqual(Object.keys(OWNERS).sort());
    expect(violations()).toEqual([]);
  });

  it('no context lib reads through another context’s entities (entity files may use them for foreign keys)', () => {
    expect(foreignEntities('market', "import { MeService, OrganizationEntity } from '@ttx/api/identity';\nimport { type AuthUser } from '@ttx/api/core';")).toEqual(['OrganizationEntity (identity)']);
    const found = sources()
      .filter(({ file }) => !/\/entities\//.test(file))
      .flatMap(({ ctx, file }) => foreignEntities(ctx, readFileSync(join(root, file), 'utf8')).map((e) => `${file}: ${e}`));
    expect(found).toEqual([]);
  });

  it('every exception is still needed and names a real file', () => {
    for (const x of EXCEPTIONS) {
      const ctx = x.file.split('/')[2];
      expect(foreignTables(ctx, readFileSync(join(root, x.file), 'utf8')).map((v) => v.table)).toContain(x.table);
      expect(x.reason.length).toBeGreaterThan(10);
    }
  });

  it('every table a migration creates has exactly one owner', () => {
    const tables = migratedTables();
    expect(tables.length).toBeGreaterThan(40);
    expect(tables.filter((t) => !ownerOf(t.table)).map((t) => `${t.table} (${t.file})`)).toEqual([]);
    expect(tables.filter((t) => ownersOf(t.table).length > 1).map((t) => `${t.table}: ${ownersOf(t.table).join(', ')}`)).toEqual([]);
  });
});
