import type { INestApplication } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { frameworkProblem, ProblemFilter } from '../errors/problem.filter';
import { createValidationPipe } from '../errors/validation';

export const BODY_LIMIT_BYTES = 1024 * 1024;
/**
 * multipart/form-data (bulk imports): one file of at most 512 MB, streamed to disk by the route.
 * The parser only handles multipart requests, so JSON routes keep their 1 MB body limit.
 */
export const MULTIPART_LIMITS = { fileSize: 512 * 1024 * 1024, files: 1, fields: 5, parts: 6, fieldSize: 1024 } as const;

export function createFastifyAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: true,
    logger: false,
    frameworkErrors: (err: unknown, _req: unknown, reply: { raw: ServerResponse }) => frameworkProblem(err, reply.raw),
  });
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('TTX — Technology Transfer Exchange API')
    .setDescription('Money in integer fen; times ISO-8601 UTC; errors are application/problem+json (RFC 9457).')
    .setVersion('1.0')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controller, method) => method,
  });
}

/** Serves the built Angular app for non-API GETs that match no file (client-side routes). */
function spaFallback(webDist: string | undefined) {
  const index = webDist ? join(resolve(webDist), 'index.html') : '';
  const html = index && existsSync(index) ? readFileSync(index) : undefined;
  return (req: FastifyRequest, reply: FastifyReply): boolean => {
    const path = req.url.split('?')[0];
    // Client routes have no file extension; a missing /main-x.js must stay a 404.
    if (!html || req.method !== 'GET' || path.startsWith('/api') || /\.[a-z0-9]+$/i.test(path)) return false;
    void reply.status(200).type('text/html; charset=utf-8').send(html);
    return true;
  };
}

/** Everything the api process and the integration tests configure identically. */
export async function configureHttpApp(
  app: NestFastifyApplication,
  opts: { webDist?: string; docs?: boolean } = {},
): Promise<void> {
  // Fastify's own errors (body over 1 MB, bad JSON, media type) reach ProblemFilter through Nest's
  // error handler; translate.ts maps their codes.
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter(spaFallback(opts.webDist)));
  app.enableShutdownHooks();
  await app.register(import('@fastify/multipart') as never, { limits: MULTIPART_LIMITS });

  if (opts.webDist && existsSync(opts.webDist)) {
    await app.register(import('@fastify/static') as never, {
      root: resolve(opts.webDist),
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
    });
  }
  if (opts.docs !== false) {
    const document = buildOpenApiDocument(app);
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  }
}
