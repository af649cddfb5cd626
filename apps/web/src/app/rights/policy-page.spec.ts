import { TestBed } from '@angular/core/testing';
import { mountPage } from '../../testing/mount-page';
import { PolicyPage } from './policy-page';

const INSTITUTION = 'inst-1';
const settings = {
  minTeamOwnershipPct: 70, minUseRightYears: 10, teamNetIncomeSharePct: 70, ttoRetentionPct: 10, noticeDays: 15,
  registrationReviewDays: 30, deferralMonths: 12,
};

describe('PolicyPage', () => {
  afterEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
  });

  // Walkthrough: the history showed `{"noticeDays":15,…}` (English keys, raw JSON) in the zh UI.
  it('lists each version\'s overrides with the settings\' translated names, not as JSON', async () => {
    const { http, $, settle } = mountPage(PolicyPage, {}, {
      roles: ['tto_manager'],
      memberships: [{ organizationId: INSTITUTION, organizationName: 'Hefei', organizationKind: 'institution', role: 'tto_manager', isAdmin: true, verified: true }],
    });
    await settle();
    http.expectOne(`/api/institutions/${INSTITUTION}/policy`).flush({ version: 2, settings, overrides: { noticeDays: 15, ttoRetentionPct: 10 } });
    await settle();
    http.expectOne(`/api/institutions/${INSTITUTION}/policy/versions`).flush([
      { id: 'v2', version: 2, createdAt: '2026-09-08T09:00:00Z', createdByName: 'Wang Min', note: 'Use right', overrides: { ttoRetentionPct: 10, noticeDays: 15 } },
      { id: 'v1', version: 1, createdAt: '2025-11-02T09:00:00Z', createdByName: null, note: null, overrides: {} },
    ]);
    await settle();
    http.expectOne(`/api/institutions/${INSTITUTION}/negative-list`).flush([]);
    await settle();

    const v2 = $('policy-version-2');
    const tags = [...(v2?.querySelectorAll('nz-tag') ?? [])].map((t) => t.textContent?.trim());
    expect(tags).toEqual(['TTO retention: 10', 'Public-notice days: 15']);
    expect(v2?.textContent).not.toContain('{');
    expect($('policy-version-1')?.querySelectorAll('nz-tag')).toHaveLength(0);
    http.verify();
  });
});
