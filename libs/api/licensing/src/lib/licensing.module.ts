import { Module } from '@nestjs/common';
import { BrokerageModule } from '@ttx/api/brokerage';
import { CatalogModule } from '@ttx/api/catalog';
import { IdentityModule } from '@ttx/api/identity';
import { MarketModule, MarketWorkerModule } from '@ttx/api/market';
import { RightsModule, RightsWorkerModule } from '@ttx/api/rights';
import { LicenceBroker } from './deals/licence-broker';
import { LicenceDealBridge } from './deals/licence-deal.bridge';
import { InvoiceIssuer } from './invoices/invoice-issuer';
import { InvoiceScheduler } from './invoices/invoice-scheduler';
import { LicensingProcessor } from './invoices/licensing.processor';
import { LicenceAccess } from './licences/licence-access';
import { LicenceWriter } from './licences/licence-writer';
import { LicensingClock } from './licences/licensing-clock';
import { LicencesController } from './licences/licences.controller';
import { LicencesService } from './licences/licences.service';
import { RoyaltyReportsService } from './licences/royalty-reports.service';
import { PaymentsController } from './payments/payments.controller';
import { PaymentsService } from './payments/payments.service';
import { LicensingSeeder } from './seed/licensing-seeder';
import { StatementsService } from './statements/statements.service';

const SERVICES = [LicensingClock, LicenceBroker, LicenceAccess, LicenceWriter, InvoiceScheduler, InvoiceIssuer, LicencesService, RoyaltyReportsService, PaymentsService, StatementsService, LicenceDealBridge, LicensingSeeder];

/** Licensing (DOMAIN.md §3–4): licences, terms, royalty reports, invoices, payments, distribution; market deals → licences. */
@Module({
  imports: [IdentityModule, CatalogModule, RightsModule, MarketModule, BrokerageModule],
  controllers: [LicencesController, PaymentsController],
  providers: SERVICES,
  exports: [LicencesService, InvoiceScheduler, InvoiceIssuer, LicensingSeeder],
})
export class LicensingModule {}

/** Worker side: the invoice sweep and jobs, and deals recorded in the worker (auction closes) → licences. */
@Module({
  imports: [IdentityModule, CatalogModule, RightsWorkerModule, MarketWorkerModule, BrokerageModule],
  providers: [...SERVICES, LicensingProcessor],
  exports: [InvoiceScheduler, InvoiceIssuer],
})
export class LicensingWorkerModule {}
