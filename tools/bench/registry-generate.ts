import { once } from 'node:events';
import fs from 'node:fs';
import { IMPORT_COLUMNS } from '@ttx/api/registry';
import { creditCodeCheckCharacter } from '@ttx/shared/policy';

/** Beijing districts (GB/T 2260), inside the area of a Beijing administration (110000). */
export const BEIJING_DISTRICTS = ['110101', '110102', '110105', '110106', '110107', '110108', '110109', '110111', '110112', '110113', '110114', '110115', '110116', '110117', '110118', '110119'];
const KINDS = ['development', 'transfer', 'licensing', 'consulting', 'service'] as const;
const SUB: Record<string, string> = { development: 'commissioned', transfer: 'patent_licence', licensing: '', consulting: '', service: '' };

const code = (prefix: string, i: number) => {
  const first = `${prefix}MA0B${String(i).padStart(5, '0')}`.slice(0, 17);
  return first + creditCodeCheckCharacter(first);
};

/**
 * Writes `n` valid import rows (the documented column set) to `path`, streaming: distinct natural
 * keys (amount grows with the row) and registration numbers gapless per district in 2025.
 */
export async function generateImportCsv(path: string, n: number): Promise<void> {
  const sellers = Array.from({ length: 500 }, (_, i) => code(`12${BEIJING_DISTRICTS[i % BEIJING_DISTRICTS.length]}`, i));
  const buyers = Array.from({ length: 2000 }, (_, i) => code('91110105', 10_000 + i));
  const serial = new Map<string, number>();
  const out = fs.createWriteStream(path);
  out.write(IMPORT_COLUMNS.map((c) => c.name).join(',') + '\n');
  for (let i = 0; i < n; i++) {
    const s = i % sellers.length;
    const region = BEIJING_DISTRICTS[s % BEIJING_DISTRICTS.length];
    const next = (serial.get(region) ?? 0) + 1;
    serial.set(region, next);
    const kind = KINDS[i % KINDS.length];
    const month = String((i % 12) + 1).padStart(2, '0');
    const day = String((i % 27) + 1).padStart(2, '0');
    const amount = 1_000_000 + i * 100;
    const row = [
      `2025${region}${String(next).padStart(6, '0')}`, kind, SUB[kind], `基准测试技术合同 ${i}`, `0${(i % 9) + 1}.01`,
      `2025-${month}-${day}`, `2025-${month}-28`, `基准卖方 ${s}`, sellers[s], region, 'university',
      `基准买方 ${i % buyers.length}`, buyers[i % buyers.length], '156', '110105', 'enterprise',
      amount, i % 4 === 0 ? Math.floor(amount / 10) : 0, 0, 0, 0,
    ];
    if (!out.write(row.join(',') + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
