import { Injectable } from '@nestjs/common';

/** Placeholder until the demo data lands. */
@Injectable()
export class RightsSeeder {
  async seed(_dir: string): Promise<'seeded' | 'skipped'> {
    return 'skipped';
  }
}
