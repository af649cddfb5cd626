import { Injectable } from '@nestjs/common';

/** Placeholder until the demo data lands. */
@Injectable()
export class BrokerageSeeder {
  async seed(_dir: string): Promise<'seeded' | 'skipped'> {
    return 'skipped';
  }
}
