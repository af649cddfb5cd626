import { Global, Module } from '@nestjs/common';
import { AppConfig, loadEnvOrExit } from './env';

/** Injection token for the validated, typed configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: (): AppConfig => loadEnvOrExit() }],
  exports: [APP_CONFIG],
})
export class ConfigModule {}
