import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocument, createFastifyAdapter } from '@ttx/api/core';
import { AppModule } from './app.module';

/** The API's OpenAPI document, built in preview mode: no database or Redis needed. */
export async function appOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(), { preview: true, logger: false });
  app.setGlobalPrefix('api');
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

export const serializeOpenApi = (doc: OpenAPIObject) => `${JSON.stringify(doc, null, 2)}\n`;
