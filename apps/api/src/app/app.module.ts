import { Module } from '@nestjs/common';
import { BrokerageDealsModule, BrokerageModule } from '@ttx/api/brokerage';
import { CatalogModule } from '@ttx/api/catalog';
import { CoreModule, HttpAuthModule } from '@ttx/api/core';
import { IdentityModule } from '@ttx/api/identity';
import { LicensingModule } from '@ttx/api/licensing';
import { MarketModule } from '@ttx/api/market';
import { PlatformModule } from '@ttx/api/platform';
import { RegistryDealsModule, RegistryModule } from '@ttx/api/registry';
import { RightsModule } from '@ttx/api/rights';

@Module({
  imports: [CoreModule, HttpAuthModule, IdentityModule, PlatformModule, CatalogModule, RightsModule, MarketModule, RegistryModule, RegistryDealsModule, BrokerageModule, BrokerageDealsModule, LicensingModule],
})
export class AppModule {}
