import fc from 'fast-check';
import {
  checkApprovalChecklist,
  checkEmpowermentTerms,
  largestRemainder,
  matchNegativeList,
  mergePolicy,
  NATIONAL_RIGHTS_POLICY,
  pctToBp,
  regionChain,
  splitOwnership,
  WHOLE_BP,
} from './index';

describe('national rights policy defaults', () => {
  it('cites its sources', () => {
    // DOMAIN.md §2, seed 002 Hefei (一): ≥ 70 % ownership, or long-term use for ≥ 10 years.
    expect(NATIONAL_RIGHTS_POLICY.minTeamOwnershipPct).toBe(70);
    expect(NATIONAL_RIGHTS_POLICY.minUseRightYears).toBe(10);
    // DOMAIN.md §4, seed 002 GBA (一) and the national default (Law art. 45): ≥ 50 % of net income.
    expect(NATIONAL_RIGHTS_POLICY.teamNetIncomeSharePct).toBe(50);
    // DOMAIN.md §4, seed 002 Hefei (二): TTO keeps ≥ 10 % of the institution's part.
    expect(NATIONAL_RIGHTS_POLICY.ttoRetentionPct).toBe(10);
    // Issue #4: public notice 15 days, registration review 30 days (platform defaults).
    expect(NATIONAL_RIGHTS_POLICY.noticeDays).toBe(15);
    expect(NATIONAL_RIGHTS_POLICY.registrationReviewDays).toBe(30);
    // DOMAIN.md §3, seed 003 (use first, pay later), Haidian practice: one year.
    expect(NATIONAL_RIGHTS_POLICY.deferralMonths).toBe(12);
  });

  it('inherits county → city → province → nation, overriding setting by setting', () => {
    expect(regionChain('340111')).toEqual(['340111', '340100', '340000', '000000']);
    expect(regionChain('340000')).toEqual(['340000', '000000']);
    expect(regionChain(null)).toEqual(['000000']);
    expect(mergePolicy(NATIONAL_RIGHTS_POLICY, { noticeDays: 10 }, { minTeamOwnershipPct: 80 })).toMatchObject({ noticeDays: 10, minTeamOwnershipPct: 80, minUseRightYears: 10 });
  });
});

describe('empowerment terms', () => {
  const p = NATIONAL_RIGHTS_POLICY;
  it('refuses a team share below the minimum and accepts the minimum itself', () => {
    expect(checkEmpowermentTerms(p, { model: 'ownership_first', teamOwnershipPct: 69.99 })?.rule).toBe('team-ownership-below-minimum');
    expect(checkEmpowermentTerms(p, { model: 'ownership_first', teamOwnershipPct: 70 })).toBeNull();
    expect(checkEmpowermentTerms(p, { model: 'ownership_first' })?.rule).toBe('team-ownership-required');
    expect(checkEmpowermentTerms(p, { model: 'ownership_first', teamOwnershipPct: 70.001 })?.rule).toBe('team-ownership-range');
  });
  it('refuses a use right shorter than the minimum', () => {
    expect(checkEmpowermentTerms(p, { model: 'long_term_use', useRightYears: 9 })?.rule).toBe('use-right-years-below-minimum');
    expect(checkEmpowermentTerms(p, { model: 'long_term_use', useRightYears: 10 })).toBeNull();
  });
  it('needs nothing for reward after commercialisation', () => {
    expect(checkEmpowermentTerms(p, { model: 'reward_after' })).toBeNull();
  });
});

describe('approval checklist', () => {
  const required = ['a', 'b'];
  it('needs every item and a majority', () => {
    const reviewers = [{ name: 'x', vote: 'approve' as const }];
    expect(checkApprovalChecklist(required, { items: [{ key: 'a', passed: true }], reviewers })?.rule).toBe('checklist-incomplete');
    const items = [{ key: 'a', passed: true }, { key: 'b', passed: true }];
    expect(checkApprovalChecklist(required, { items, reviewers: [...reviewers, { name: 'y', vote: 'reject' }] })?.rule).toBe('review-majority');
    expect(checkApprovalChecklist(required, { items, reviewers })).toBeNull();
  });
});

describe('negative list', () => {
  const a = { id: 'a1', kind: 'invention_patent', fieldCode: '07.02', fundingProjectNumber: 'JCKY2023-001' };
  it('matches by kind, field (and children), funding prefix, and explicit achievement', () => {
    expect(matchNegativeList([{ id: '1', kind: 'field', value: '07' }], a)?.id).toBe('1');
    expect(matchNegativeList([{ id: '2', kind: 'funding_source', value: 'jcky' }], a)?.id).toBe('2');
    expect(matchNegativeList([{ id: '3', kind: 'achievement', value: 'a1' }], a)?.id).toBe('3');
    expect(matchNegativeList([{ id: '4', kind: 'achievement_kind', value: 'invention_patent' }], a)?.id).toBe('4');
    expect(matchNegativeList([{ id: '5', kind: 'field', value: '07.0' }, { id: '6', kind: 'achievement_kind', value: 'standard' }], a)).toBeNull();
  });
});

describe('ownership ledger arithmetic', () => {
  it('converts percentages exactly', () => {
    expect(pctToBp(33.33)).toBe(3333);
    expect(pctToBp(0.1 + 0.2)).toBe(30);
    expect(pctToBp(1.005)).toBeNull();
  });

  it('splits 70 % over three equal inventors without losing a point', () => {
    expect(largestRemainder(7000, [3333, 3333, 3334])).toEqual([2333, 2333, 2334]);
    const s = splitOwnership(7000, [{ key: 'a', contributionBp: 5000 }, { key: 'b', contributionBp: 5000 }]);
    expect(s).toEqual({ institutionBp: 3000, members: [{ key: 'a', shareBp: 3500 }, { key: 'b', shareBp: 3500 }] });
  });

  // Property: over random teams (contribution shares summing to 100 %) and random decisions (team share),
  // the ledger always sums to exactly 100 % and no holder gets a negative share.
  it('always sums to exactly 100 % (fast-check)', () => {
    const team = fc
      .array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 12 })
      .map((ws) => largestRemainder(WHOLE_BP, ws).map((c, i) => ({ key: String(i), contributionBp: c })))
      .filter((t) => t.some((m) => m.contributionBp > 0));
    fc.assert(
      fc.property(team, fc.integer({ min: 0, max: WHOLE_BP }), (members, teamBp) => {
        const s = splitOwnership(teamBp, members);
        const total = s.institutionBp + s.members.reduce((a, m) => a + m.shareBp, 0);
        expect(total).toBe(WHOLE_BP);
        expect(s.members.every((m) => m.shareBp >= 0 && Number.isInteger(m.shareBp))).toBe(true);
        expect(s.members.reduce((a, m) => a + m.shareBp, 0)).toBe(teamBp);
      }),
      { numRuns: 2000 },
    );
  });

  it('splits any total by any weights exactly (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 20 }), (total, ws) => {
        fc.pre(ws.some((w) => w > 0));
        const parts = largestRemainder(total, ws);
        expect(parts.reduce((a, p) => a + p, 0)).toBe(total);
        const sum = ws.reduce((a, w) => a + w, 0);
        parts.forEach((p, i) => expect(Math.abs(p - (total * ws[i]) / sum)).toBeLessThan(1));
      }),
    );
  });
});
