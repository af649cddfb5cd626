/**
 * Fixtures of the market load test, written straight into the bench's own fresh database (tooling, not
 * product code): an institution with a TTO manager, enterprises with one member each, published
 * achievements, and JWTs minted with the run's secret (no login round trips, no password hashing).
 */
import { creditCodeCheckCharacter } from '@ttx/shared/policy';
import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

export interface Actor {
  userId: string;
  orgId: string;
  token: string;
}

/**
 * A valid GB 32100 code (institutions 12…, enterprises 91…): with an invalid one every deal's draft contract
 * fails its rules and is rolled back, so closes would skip the registry's real work.
 */
const code = (prefix: string, i: number) => {
  const first17 = `${prefix}${String(i).padStart(17 - prefix.length, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};

export function mint(secret: string, userId: string, role: string): string {
  return jwt.sign({ sub: userId, email: `${userId}@load.ttx`, roles: [role], typ: 'access' }, secret, { algorithm: 'HS256', issuer: 'ttx', expiresIn: '2h' });
}

async function actor(pool: Pool, secret: string, kind: string, role: string, i: number): Promise<Actor> {
  const userId = randomUUID();
  const orgId = randomUUID();
  await pool.query(`INSERT INTO users (id, email, password_hash, display_name) VALUES ($1, $2, 'x', $3)`, [userId, `${userId}@load.ttx`, `load ${i}`]);
  await pool.query(`INSERT INTO organizations (id, name, kind, credit_code, region_code, verified_at) VALUES ($1, $2, $3, $4, '340100', now())`, [
    orgId,
    `${kind} ${i}`,
    kind,
    code(kind === 'institution' ? '12340100MB' : '91340100MA', i),
  ]);
  await pool.query(`INSERT INTO memberships (user_id, organization_id, role, is_admin) VALUES ($1, $2, $3, true)`, [userId, orgId, role]);
  return { userId, orgId, token: mint(secret, userId, role) };
}

export async function seller(pool: Pool, secret: string): Promise<Actor> {
  return actor(pool, secret, 'institution', 'tto_manager', 0);
}

export async function bidders(pool: Pool, secret: string, n: number): Promise<Actor[]> {
  const out: Actor[] = [];
  for (let i = 1; i <= n; i++) out.push(await actor(pool, secret, 'enterprise', 'enterprise_member', i));
  return out;
}

/** `n` published achievements of the institution (one per lot: a lot needs its own live listing). */
export async function achievements(pool: Pool, institutionId: string, n: number): Promise<string[]> {
  const rows = await pool.query(
    `INSERT INTO achievements (institution_id, kind, status, title_zh, title_en, abstract_zh, deal_types, published_at)
     SELECT $1, 'technical_secret', 'published', '压测成果 ' || g, 'Load lot ' || g, '压测', ARRAY['transfer'], now()
       FROM generate_series(1, $2) g RETURNING id`,
    [institutionId, n],
  );
  return rows.rows.map((r: { id: string }) => r.id);
}

/** Approves bidders on auctions without going through the seller's approval endpoint n × m times. */
export async function approve(pool: Pool, auctionIds: string[], people: Actor[]): Promise<void> {
  await pool.query(
    `INSERT INTO auction_bidders (auction_id, organization_id, user_id, status, decided_at)
     SELECT a, p.org, p.usr, 'approved', now() FROM unnest($1::uuid[]) a, unnest($2::uuid[], $3::uuid[]) AS p(org, usr)`,
    [auctionIds, people.map((p) => p.orgId), people.map((p) => p.userId)],
  );
}
