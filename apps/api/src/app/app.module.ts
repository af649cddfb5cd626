import { Module } from '@nestjs/common';
import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { IdentityModule } from '@ttx/api/identity';
import { PlatformModule } from '@ttx/api/platform';

@Module({
  imports: [CoreModule, HttpAuthModule, IdentityModule, PlatformModule],
})
export class AppModule {}
