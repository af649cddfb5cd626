import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RegistrySettings } from '@ttx/shared/contracts';
import { DEFAULT_REGISTRY_SETTINGS } from '@ttx/shared/policy';
import { PoliciesService } from '@ttx/api/rights';

/**
 * Registry settings (thresholds of the risk warnings), stored as one JSON row over the defaults; and the
 * review period, which is the rights policy of the seller's region (`registrationReviewDays`).
 */
@Injectable()
export class RegistrySettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PoliciesService,
  ) {}

  async get(m: EntityManager = this.dataSource.manager): Promise<RegistrySettings> {
    const [row] = await m.query('SELECT settings FROM registry_settings WHERE id = 1');
    return { ...DEFAULT_REGISTRY_SETTINGS, ...((row?.settings as Partial<RegistrySettings>) ?? {}) };
  }

  async put(s: RegistrySettings): Promise<RegistrySettings> {
    await this.dataSource.query(
      `INSERT INTO registry_settings (id, settings, updated_at) VALUES (1, $1, now())
       ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now()`,
      [s],
    );
    return this.get();
  }

  /** DOMAIN.md §5: 30 days from acceptance nationally; a province, city or county policy may set its own. */
  async reviewPolicy(sellerRegion: string, m?: EntityManager): Promise<{ days: number; policyId: string }> {
    const p = await this.policies.effectiveForRegion(sellerRegion, m);
    return { days: p.settings.registrationReviewDays, policyId: p.policyId };
  }
}
