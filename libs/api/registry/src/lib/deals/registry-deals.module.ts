import { Module } from '@nestjs/common';
import { CatalogModule } from '@ttx/api/catalog';
import { IdentityModule } from '@ttx/api/identity';
import { MarketModule, MarketWorkerModule } from '@ttx/api/market';
import { RegistryModule, RegistryWorkerModule } from '../registry.module';
import { DealContractBridge } from './deal-contract.bridge';

/** Market deals → draft contracts, in the api (negotiated, fixed-price and open-licence deals). */
@Module({ imports: [MarketModule, CatalogModule, IdentityModule, RegistryModule], providers: [DealContractBridge], exports: [DealContractBridge] })
export class RegistryDealsModule {}

/** The same in the worker, where auction closes and fixed-price period ends record their deals. */
@Module({ imports: [MarketWorkerModule, CatalogModule, IdentityModule, RegistryWorkerModule], providers: [DealContractBridge] })
export class RegistryDealsWorkerModule {}
