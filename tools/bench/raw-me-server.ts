/**
 * The raw baseline for GET /api/me: plain Fastify + a pg Pool of the api's size, verifying the
 * same HS256 access token and running the same ME_SQL, answering the same JSON.
 * Env: PORT, HOST, DATABASE_URL, JWT_ACCESS_SECRET. Prints `listening <url>` when ready.
 */
import { createSecretKey } from 'node:crypto';
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import { Pool } from 'pg';
import { ME_SQL, effectiveRoles } from './me-sql';

const env = (k: string): string => {
  const v = process.env[k];
  if (!v) throw new Error(`raw-me-server: ${k} is required`);
  return v;
};

interface Claims {
  sub?: unknown;
  roles?: unknown;
  typ?: unknown;
}

const unauthorized = { type: 'https://ttx.example/problems/unauthorized', title: 'Unauthorized', status: 401 };

async function main(): Promise<void> {
  // A KeyObject made once, as the api's JwtStrategy does: a fair baseline does no avoidable work.
  const secret = createSecretKey(Buffer.from(env('JWT_ACCESS_SECRET'), 'utf8'));
  // Same pool size as the api's TypeORM data source (extra.max = 20).
  const pool = new Pool({ connectionString: env('DATABASE_URL'), max: 20, application_name: 'ttx-bench-raw' });
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });

  app.get('/api/me', async (req, reply) => {
    const auth = req.headers.authorization;
    let claims: Claims;
    try {
      if (!auth?.startsWith('Bearer ')) throw new Error('no token');
      claims = jwt.verify(auth.slice(7), secret, { algorithms: ['HS256'], issuer: 'ttx' }) as Claims;
    } catch {
      return reply.status(401).type('application/problem+json').send(unauthorized);
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) {
      return reply.status(401).type('application/problem+json').send(unauthorized);
    }
    const { rows } = await pool.query(ME_SQL, [claims.sub]);
    const row = rows[0];
    if (!row) return reply.status(401).type('application/problem+json').send(unauthorized);
    return { ...row, roles: effectiveRoles(row.memberships) };
  });

  const close = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void close());
  process.once('SIGINT', () => void close());

  const url = await app.listen({ port: Number(env('PORT')), host: process.env['HOST'] ?? '127.0.0.1' });
  process.stdout.write(`listening ${url}\n`);
}

main().catch((e) => {
  process.stderr.write(`raw-me-server: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
