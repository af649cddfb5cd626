import { Module } from '@nestjs/common';
import { BrokerageModule } from '@ttx/api/brokerage';
import { CatalogModule } from '@ttx/api/catalog';
import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { IdentityModule } from '@ttx/api/identity';
import { PlatformModule } from '@ttx/api/platform';

@Module({
  imports: [CoreModule, HttpAuthModule, IdentityModule, PlatformModule, CatalogModule, BrokerageModule],
})
export class AppModule {}
