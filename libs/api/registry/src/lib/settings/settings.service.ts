import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RegistrySettings } from '@ttx/shared/contracts';
import { DEFAULT_REGISTRY_SETTINGS } from '@ttx/shared/policy';

/**
 * Registry settings (thresholds of the risk warnings, review deadline). Stored as one JSON row over
 * the defaults. The review deadline is read through `reviewDeadlineDays` so that it can later come
 * from the institution/region policy of the rights context without touching the callers.
 */
@Injectable()
export class RegistrySettingsService {
  constructor(private readonly dataSource: DataSource) {}

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

  /** DOMAIN.md §5: 30 days from acceptance by default; `_sellerRegion` is where a regional policy will plug in. */
  async reviewDeadlineDays(_sellerRegion: string, m?: EntityManager): Promise<number> {
    return (await this.get(m)).reviewDeadlineDays;
  }
}
