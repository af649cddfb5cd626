import { Injectable } from '@nestjs/common';

/** seeds/demo/licensing.json (filled in by the seeding step). */
@Injectable()
export class LicensingSeeder {
  async seed(_file: string): Promise<'seeded' | 'skipped'> {
    return 'skipped';
  }
}
