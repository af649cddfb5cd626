import { journey } from './support/browser';
import { describeFindings, type Finding } from './support/axe';
import { detailPages } from './support/pages';
import { axeCheck, sweepRounds } from './support/sweep';

describe('accessibility of detail pages (axe-core, WCAG 2.1 A + AA)', () => {
  journey('the detail pages reached from the lists have no serious or critical violation, in Chinese and English', async ({ page, baseUrl }) => {
    const findings: Finding[] = [];
    await sweepRounds(page, await detailPages(baseUrl), axeCheck(findings));
    if (findings.length) console.log(describeFindings(findings));
    expect(describeFindings(findings)).toBe(describeFindings([]));
  }, 240_000);
});
