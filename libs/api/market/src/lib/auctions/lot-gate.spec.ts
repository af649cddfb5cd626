import type { RefusalFacts } from './bid-refusal';
import type { BidRow } from './bid-sql';
import { END_MARGIN_MS, floorAfter, FRESH_MS, LotGate, SWEEP_MIN, type Pass } from './lot-gate';

const T0 = Date.parse('2026-12-07T10:00:00Z');
const ENDS = new Date(T0 + 600_000);
const row: BidRow = { ends_at: null, bid_count: null, kind: null, soft_close_seconds: null, start: null, increment: null, created_at: null, stored: 1, refused: null };
const facts: RefusalFacts = { status: 'open', kind: 'english', own: false, start: '1000', increment: '100', high: '1500', started: true, running: true, ends: ENDS.toISOString(), bidder: 'approved' };
/** The answer to an accepted English bid (start 1000, increment 100). */
const accepted = (): BidRow => ({ ...row, ends_at: ENDS, kind: 'english', start: '1000', increment: '100', created_at: new Date(T0), bid_count: 1 });
/** A refusal showing the committed high `high`. */
const refused = (high: number | null, more: Partial<RefusalFacts> = {}): BidRow => ({ ...row, refused: { ...facts, high: high === null ? null : String(high), ...more } });

/** Enters and records the order in which bids are admitted. */
function track(gate: LotGate, lot: string, amount: number, log: string[]): Promise<Pass> {
  return gate.enter(lot, amount).then((p) => {
    log.push(`${amount}:${p.slot ? 'slot' : 'past'}`);
    return p;
  });
}
const tick = () => new Promise((r) => setImmediate(r));
const PAST_PASS: Pass = { slot: false };

describe('LotGate', () => {
  it('lets one bid per lot into the database at a time and the next in arrival order', async () => {
    const gate = new LotGate();
    const log: string[] = [];
    const first = await track(gate, 'L', 100, log);
    void track(gate, 'L', 100, log);
    void track(gate, 'L', 110, log);
    await tick();
    expect(log).toEqual(['100:slot']);
    gate.leave('L', first, undefined, 100, 'o1'); // the statement failed: the next waiter gets the slot
    await tick();
    expect(log).toEqual(['100:slot', '100:slot']);
  });

  it('lets waiters an answer proves too low go at once, without the slot, and gives the slot to the first that can still win', async () => {
    const gate = new LotGate();
    const log: string[] = [];
    const first = await track(gate, 'L', 100, log);
    for (const a of [100, 100, 10_000_000, 100, 10_000_100]) void track(gate, 'L', a, log);
    await tick();
    gate.leave('L', first, refused(9_999_900), 100, 'o1'); // the high is far above: floor 10,000,000
    await tick();
    expect(log).toEqual(['100:slot', '100:past', '100:past', '10000000:slot', '100:past']);
    // 10,000,100 still waits for 10,000,000's answer; a new bid below the floor does not.
    expect(await gate.enter('L', 105)).toEqual({ slot: false });
  });

  it('keeps lots apart', async () => {
    const gate = new LotGate();
    expect(await gate.enter('A', 100)).toEqual({ slot: true });
    expect(await gate.enter('B', 100)).toEqual({ slot: true });
  });

  it('frees the slot when the statement failed (nothing learnt)', async () => {
    const gate = new LotGate();
    const log: string[] = [];
    const a = await track(gate, 'L', 100, log);
    const waiting = track(gate, 'L', 100, log);
    gate.leave('L', a, undefined, 100, 'o1');
    const b = await waiting;
    expect(b.slot).toBe(true);
    gate.leave('L', b, refused(1500), 100, 'o1');
    expect(await gate.enter('L', 1600)).toEqual({ slot: true });
  });

  it('lets everything past once the auction is over (floor Infinity)', async () => {
    const gate = new LotGate();
    const a = await gate.enter('L', 100);
    const queued = [gate.enter('L', 500), gate.enter('L', 900)];
    gate.leave('L', a, refused(1500, { status: 'closed' }), 100, 'o1');
    expect(await Promise.all(queued)).toEqual([{ slot: false }, { slot: false }]);
  });

  it('never lowers the floor (a stale answer of a bid that went past earlier)', async () => {
    const gate = new LotGate();
    const a = await gate.enter('L', 2000);
    const next = gate.enter('L', 3000);
    gate.leave('L', a, refused(2000), 2000, 'o1');
    const b = await next;
    expect(b.slot).toBe(true);
    gate.leave('L', PAST_PASS, refused(1200), 1200, 'o2');
    expect(await gate.enter('L', 2050)).toEqual({ slot: false });
    gate.leave('L', b, undefined, 3000, 'o1');
  });

  it('forgets idle lots once they are stale, sweeping only when the lots held have doubled', async () => {
    const gate = new LotGate();
    const bid = async (lot: string, at: number) => gate.leave(lot, await gate.enter(lot, 100), refused(1500), 100, 'o1', at);
    for (let i = 0; i <= SWEEP_MIN; i++) await bid(`L${i}`, T0);
    expect(gate.size).toBe(SWEEP_MIN + 1); // all fresh: the sweep kept them and moved its mark to 2 × size
    for (let i = 0; i <= SWEEP_MIN; i++) await bid(`M${i}`, T0 + FRESH_MS + 1);
    expect(gate.size).toBe(2 * SWEEP_MIN + 2); // at the mark: no sweep yet
    await bid('N', T0 + FRESH_MS + 1);
    expect(gate.size).toBe(SWEEP_MIN + 2); // past it: the first lots went stale and were dropped
  });

  describe('knownLow: refusals answered without the database', () => {
    const learnt = (answer: BidRow, amount = 1500, who = 'o1', at = T0) => {
      const gate = new LotGate();
      void gate.enter('L', amount).then((p) => gate.leave('L', p, answer, amount, who, at));
      return gate;
    };

    it('answers a fresh, approved caller on an open lot with the facts the database would give', async () => {
      const gate = learnt(accepted());
      await Promise.resolve();
      expect(gate.knownLow('L', 'o1', 1599, T0 + 10)).toEqual({
        status: 'open', kind: 'english', own: false, start: 1000, increment: 100, high: 1500, started: true, running: true, bidder: 'approved',
      });
      expect(gate.knownLow('L', 'o1', 1600, T0 + 10)).toBeNull(); // could win: the database judges it
    });

    it('only for callers seen approved, with knowledge younger than FRESH_MS, not near the end', async () => {
      const gate = learnt(refused(1500));
      await Promise.resolve();
      expect(gate.knownLow('L', 'o1', 1000, T0 + 10)).toMatchObject({ high: 1500 });
      expect(gate.knownLow('L', 'o2', 1000, T0 + 10)).toBeNull();
      expect(gate.knownLow('L', 'o1', 1000, T0 + FRESH_MS + 1)).toBeNull();
      expect(gate.knownLow('L', 'o1', 1000, ENDS.getTime() - END_MARGIN_MS)).toBeNull();
    });

    it('for a caller never seen when the roster approves them (approved), with the same freshness and end rules', async () => {
      const gate = learnt(refused(1500));
      await Promise.resolve();
      expect(gate.knownLow('L', 'o9', 1000, T0 + 10)).toBeNull();
      expect(gate.knownLow('L', 'o9', 1000, T0 + 10, true)).toMatchObject({ high: 1500, bidder: 'approved' });
      expect(gate.knownLow('L', 'o9', 1600, T0 + 10, true)).toBeNull();
      expect(gate.knownLow('L', 'o9', 1000, T0 + FRESH_MS + 1, true)).toBeNull();
      expect(gate.knownLow('L', 'o9', 1000, ENDS.getTime() - END_MARGIN_MS, true)).toBeNull();
    });

    it('not for a caller refused as unapproved or as the seller, nor for a lot not open or sealed', async () => {
      for (const more of [{ bidder: 'pending' }, { own: true }, { status: 'closed' }, { running: false }, { started: false }, { kind: 'sealed' }]) {
        const gate = learnt(refused(1500, more));
        await Promise.resolve();
        expect(gate.knownLow('L', 'o1', 1000, T0 + 10)).toBeNull();
      }
    });

    it('before any bid the high is null: the start price is the floor', async () => {
      const gate = learnt(refused(null), 900);
      await Promise.resolve();
      expect(gate.knownLow('L', 'o1', 900, T0 + 10)).toMatchObject({ high: null, start: 1000 });
    });
  });
});

describe('floorAfter', () => {
  const base = row;

  it('after an accepted English bid: amount + increment; a sealed bid teaches nothing', () => {
    expect(floorAfter({ ...base, ends_at: new Date(), kind: 'english', increment: '100' }, 1500)).toBe(1600);
    expect(floorAfter({ ...base, ends_at: new Date(), kind: 'sealed', increment: '100' }, 1500)).toBeUndefined();
  });

  it('after a refusal: the committed next minimum, the start price before any bid or for sealed bids', () => {
    expect(floorAfter({ ...base, refused: facts }, 1500)).toBe(1600);
    expect(floorAfter({ ...base, refused: { ...facts, high: null } }, 900)).toBe(1000);
    expect(floorAfter({ ...base, refused: { ...facts, kind: 'sealed' } }, 900)).toBe(1000);
    expect(floorAfter({ ...base, refused: { ...facts, own: true, bidder: null } }, 1500)).toBe(1600);
  });

  it('Infinity once the auction is over or missing', () => {
    expect(floorAfter({ ...base, refused: { ...facts, running: false } }, 1500)).toBe(Infinity);
    expect(floorAfter({ ...base, refused: { ...facts, status: 'closed' } }, 1500)).toBe(Infinity);
    expect(floorAfter({ ...base, refused: { ...facts, status: null } }, 1500)).toBe(Infinity);
  });
});
