import { journey } from './support/browser';
import { describeFindings, type Finding } from './support/axe';
import { mainPages } from './support/pages';
import { axeCheck, sweepRounds } from './support/sweep';

describe('accessibility (axe-core, WCAG 2.1 A + AA)', () => {
  journey('the main pages of every role have no serious or critical violation, in Chinese and English', async ({ page, baseUrl }) => {
    const findings: Finding[] = [];
    await sweepRounds(page, await mainPages(baseUrl), axeCheck(findings));
    if (findings.length) console.log(describeFindings(findings));
    expect(describeFindings(findings)).toBe(describeFindings([]));
  }, 110_000);
});
