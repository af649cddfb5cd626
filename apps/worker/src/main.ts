import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadEnvOrExit } from '@ttx/api/core';
import { WorkerModule } from './worker.module';

async function bootstrap() {
  const config = loadEnvOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    logger: config.NODE_ENV === 'test' ? ['error', 'warn'] : ['error', 'warn', 'log'],
  });
  app.enableShutdownHooks();
  Logger.log('TTX worker running', 'Bootstrap');
}

void bootstrap();
