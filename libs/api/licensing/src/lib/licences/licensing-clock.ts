import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ttx/api/core';
import { setLicensingClockOffset } from './licence-row';

/** Applies LICENSING_CLOCK_OFFSET_DAYS to the licensing calendar; a shifted calendar is refused in production. */
@Injectable()
export class LicensingClock implements OnModuleInit {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    const days = this.config.LICENSING_CLOCK_OFFSET_DAYS;
    if (days !== 0 && this.config.NODE_ENV === 'production') throw new Error('LICENSING_CLOCK_OFFSET_DAYS must be 0 in production');
    setLicensingClockOffset(days);
  }
}
