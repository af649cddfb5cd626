import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JwtService } from '@nestjs/jwt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  APP_CONFIG,
  JWT_ISSUER,
  PROBLEM_JSON,
  Problems,
  QueueService,
  type AccessTokenClaims,
  type AppConfig,
  type ProblemException,
} from '@ttx/api/core';

export const BULL_BOARD_PATH = '/api/admin/queues';

function tokenOf(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  // A browser opening the board cannot send a header; the web app sets this cookie for admins.
  const cookie = req.headers.cookie?.split(';').map((c) => c.trim()).find((c) => c.startsWith('ttx_at='));
  return cookie ? decodeURIComponent(cookie.slice(7)) : undefined;
}

function refuse(reply: FastifyReply, p: ProblemException): void {
  void reply.status(p.getStatus()).header('content-type', PROBLEM_JSON).send(JSON.stringify(p.toProblem()));
}

/** Bull Board for platform admins only, at /api/admin/queues. */
export async function mountBullBoard(app: NestFastifyApplication): Promise<void> {
  const config = app.get<AppConfig>(APP_CONFIG);
  const queues = app.get(QueueService);
  const jwt = new JwtService({ secret: config.JWT_ACCESS_SECRET });
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({ queues: queues.all().map((q) => new BullMQAdapter(q)), serverAdapter });

  await app.register(
    (async (instance: FastifyInstance) => {
      instance.addHook('onRequest', async (req, reply) => {
        const token = tokenOf(req);
        if (!token) return refuse(reply, Problems.unauthorized());
        try {
          const claims = await jwt.verifyAsync<AccessTokenClaims>(token, { issuer: JWT_ISSUER, algorithms: ['HS256'] });
          if (claims.typ !== 'access') return refuse(reply, Problems.unauthorized());
          if (!claims.roles?.includes('platform_admin')) return refuse(reply, Problems.forbidden('Requires permission platform:admin'));
        } catch {
          return refuse(reply, Problems.unauthorized());
        }
      });
      await instance.register(serverAdapter.registerPlugin() as never);
    }) as never,
    { prefix: BULL_BOARD_PATH },
  );
}
