import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureHttpApp, createFastifyAdapter, loadEnvOrExit } from '@ttx/api/core';
import { mountBullBoard } from '@ttx/api/platform';
import { AppModule } from './app/app.module';

async function bootstrap() {
  // Validate first: a bad setting stops start-up with one line, before anything connects.
  const config = loadEnvOrExit();
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(), {
    logger: config.NODE_ENV === 'test' ? ['error', 'warn'] : ['error', 'warn', 'log'],
  });
  await configureHttpApp(app, { webDist: config.WEB_DIST });
  await mountBullBoard(app);
  await app.listen(config.PORT, config.HOST);
  Logger.log(`TTX api listening on http://localhost:${config.PORT}/api (docs at /api/docs)`, 'Bootstrap');
}

void bootstrap();
