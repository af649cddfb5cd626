import { Module } from '@nestjs/common';
import { IdentityModule } from '@ttx/api/identity';
import { AuditController } from './audit/audit.controller';
import { DisclosuresModule } from './disclosures/disclosures.module';
import { HealthController } from './health/health.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';
import { Mailer } from './outbox/mailer';
import { OutboxRelayProcessor } from './outbox/outbox-relay.processor';
import { OutboxRelayService } from './outbox/outbox-relay.service';

/** HTTP side: health, notifications, audit verification, public notices (公示). */
@Module({
  imports: [DisclosuresModule],
  exports: [DisclosuresModule],
  controllers: [HealthController, NotificationsController, AuditController],
  providers: [NotificationsService],
})
export class PlatformModule {}

/** Worker side: relays the outbox and links pending audit entries on a schedule. */
@Module({
  imports: [IdentityModule],
  providers: [Mailer, OutboxRelayService, OutboxRelayProcessor],
  exports: [OutboxRelayService],
})
export class PlatformWorkerModule {}
