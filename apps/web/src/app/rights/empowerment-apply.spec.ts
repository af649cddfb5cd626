import { TestBed } from '@angular/core/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { EmpowermentApply } from './empowerment-apply';
import { mountPage } from '../../testing/mount-page';

const ACHIEVEMENT = {
  id: 'a1',
  title: { zh: '固态电池', en: 'Solid-state battery' },
  institutionId: 'i1',
  institutionName: 'Demo University',
  confidential: { technicalDetail: { zh: null, en: null }, inventors: [{ name: 'Li', email: null, sharePct: 50 }, { name: 'Wang', email: null, sharePct: 50 }] },
};
// DOMAIN.md §2, seed 002 Hefei (一): 70 % / 10 years.
const POLICY = { institutionId: 'i1', version: 0, policyId: 'p', overrides: {}, inherited: [], note: null, updatedAt: null,
  settings: { minTeamOwnershipPct: 70, minUseRightYears: 10, teamNetIncomeSharePct: 50, ttoRetentionPct: 10, noticeDays: 15, registrationReviewDays: 30, deferralMonths: 12 } };

describe('EmpowermentApply', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    localStorage.clear();
  });

  it('shows the policy limits live and previews the ledger that approval would write', async () => {
    const { http, $, settle, fixture } = mountPage(EmpowermentApply, { achievementId: 'a1' }, { roles: ['researcher'] });
    await settle();
    http.expectOne('/api/achievements/a1').flush(ACHIEVEMENT);
    await settle();
    http.expectOne('/api/institutions/i1/policy').flush(POLICY);
    await settle();
    expect($('apply-policy')?.textContent).toContain('≥ 70 %');
    expect($('apply-ok')).not.toBeNull();
    expect($('apply-preview')?.textContent).toContain('30 %');
    expect($('apply-preview')?.textContent).toContain('35 %');

    (fixture.componentInstance as unknown as { pct: { set(v: number): void } }).pct.set(60);
    await settle();
    expect($('apply-problem')?.textContent).toContain('at least 70 %');
    expect(($('apply-submit') as HTMLButtonElement).disabled).toBe(true);
  });

  // axe (critical, 4.1.2): the model radios and the share field had no accessible name.
  it('names the model choice, each model radio and the share field', async () => {
    const { http, $, settle } = mountPage(EmpowermentApply, { achievementId: 'a1' }, { roles: ['researcher'] });
    await settle();
    http.expectOne('/api/achievements/a1').flush(ACHIEVEMENT);
    await settle();
    http.expectOne('/api/institutions/i1/policy').flush(POLICY);
    await settle();
    const radios = [...($('apply-model')?.querySelectorAll('input[type="radio"]') ?? [])].map((r) => r.getAttribute('aria-label'));
    expect(radios.every((name) => !!name?.trim())).toBe(true);
    expect(new Set(radios).size).toBe(radios.length);
    // The group itself is named too (the choice it asks for), not only its options.
    expect($('apply-model')?.getAttribute('role')).toBe('radiogroup');
    expect($('apply-model')?.getAttribute('aria-label')?.trim()).toBeTruthy();
    expect($('apply-pct')?.querySelector('input')?.getAttribute('aria-label')).toBeTruthy();
  });
});
