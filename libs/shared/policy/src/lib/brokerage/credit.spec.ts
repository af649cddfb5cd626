import { CREDIT_POLICY, creditGrade, creditRating, type CreditEventInput } from './credit';

// DOMAIN.md §5½ (seed 004 §III(iii)2, §III(iv)2): credit evaluation, breaches of trust, credit repair.
const NOW = new Date('2026-11-22T00:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
let n = 0;
const ev = (kind: CreditEventInput['kind'], ago: number, reversed = false): CreditEventInput => ({ id: `e${++n}`, kind, occurredAt: daysAgo(ago), reversed });

describe('credit rating formula', () => {
  it('starts at the base score with no events (grade C)', () => {
    expect(creditRating([], NOW)).toMatchObject({ score: 60, grade: 'C', completedDeals: 0, breaches: [] });
  });

  it('adds 3 per completed deal, capped at +30', () => {
    expect(creditRating([ev('completed_deal', 10), ev('completed_deal', 20)], NOW).score).toBe(66);
    expect(creditRating(Array.from({ length: 20 }, (_, i) => ev('completed_deal', i + 1)), NOW).score).toBe(90);
  });

  it('subtracts penalties of live negative events and lists an unrepaired breach', () => {
    const breach = ev('breach_of_trust', 30);
    const r = creditRating([ev('completed_deal', 100), ev('dispute', 50), ev('late_payment', 40), ev('missing_payment', 35), breach], NOW);
    expect(r.score).toBe(60 + 3 - 5 - 3 - 8 - 30);
    expect(r.grade).toBe('D');
    expect(r.breaches).toEqual([breach.id]);
  });

  it('ignores reversed events and events in the future', () => {
    expect(creditRating([ev('breach_of_trust', 10, true), ev('dispute', -5)], NOW).score).toBe(60);
  });

  it('repairs a negative event after its repair period when the last 365 days were clean', () => {
    const old = ev('dispute', 400);
    const r = creditRating([old], NOW);
    expect(r.repaired).toEqual([old.id]);
    expect(r.score).toBe(60);
  });

  it('does not repair old events while a newer negative event is within the quiet period', () => {
    const old = ev('dispute', 400);
    const recent = ev('late_payment', 100);
    const r = creditRating([old, recent], NOW);
    expect(r.repaired).toEqual([]);
    expect(r.score).toBe(60 - 5 - 3);
  });

  it('keeps a breach on the list until 1095 days have passed, then repairs it', () => {
    expect(creditRating([ev('breach_of_trust', 800)], NOW).breaches).toHaveLength(1);
    const r = creditRating([ev('breach_of_trust', CREDIT_POLICY.repairDays.breach_of_trust)], NOW);
    expect(r.breaches).toEqual([]);
    expect(r.score).toBe(60);
  });

  it('never leaves 0..100 and grades at the published thresholds', () => {
    expect(creditRating([ev('breach_of_trust', 1), ev('breach_of_trust', 2), ev('breach_of_trust', 3)], NOW).score).toBe(0);
    expect([85, 84, 70, 69, 55, 54].map(creditGrade)).toEqual(['A', 'B', 'B', 'C', 'C', 'D']);
  });
});
