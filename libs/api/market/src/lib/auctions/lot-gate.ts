import { Injectable } from '@nestjs/common';
import { minNextBid } from '@ttx/shared/policy';
import type { RefusalFacts } from './bid-refusal';
import type { BidRow } from './bid-sql';

/** How a bid may go to the database: holding its lot's slot, or past it (known to be too low). */
export interface Pass {
  readonly slot: boolean;
}

const SLOT: Pass = Object.freeze({ slot: true });
const PAST: Pass = Object.freeze({ slot: false });

/** Knowledge older than this is not used to answer a bid (a withdrawal or a revoked bidder shows within it). */
export const FRESH_MS = 1_000;
/** No in-process answer this close to the end: the database's clock decides near it. */
export const END_MARGIN_MS = 1_000;
/** Lots held before the first sweep of idle, stale ones. */
export const SWEEP_MIN = 1_000;

interface Waiter {
  amount: number;
  admit: (pass: Pass) => void;
}

/** An open English lot's terms as its answers showed them; its high bid is the floor's (floor − increment). */
interface Known {
  start: number;
  increment: number;
  /** The latest end seen (an open lot's end only moves later). */
  endsAt: number;
  at: number;
}

interface Lot {
  /** Every amount below this is refused: the lowest amount the lot's answers so far leave acceptable. */
  floor: number;
  busy: boolean;
  queue: Waiter[];
  known: Known | null;
  /** Callers (organisation sets) seen approved, and when. */
  approved: Map<string, number>;
}

/**
 * Admits one lot's bids to the database in this api process, in front of BID_SQL, and answers the bids
 * its lot's last answer already proves too low.
 *
 * Why: bidders watching the same live feed all bid high + increment at once. Without a gate every one of
 * those bids passes its snapshot check and queues on the auction's row lock; each waiter wakes in turn
 * only to be refused, so the latency of a hot lot grows with its number of bidders. Here at most ONE bid
 * per lot that could still win is in the database at a time; the others wait in arrival order, and as
 * soon as an answer shows they are too low (the high bid only rises) they go at once — their statement
 * sees the committed high, matches nothing and waits for no lock — or, when this process knows the lot
 * (fresh, open, not near its end) and the caller (approved), they are refused here (knownLow).
 *
 * The database still judges every bid that could be accepted, with the same one statement, so what is
 * accepted stays exact; a refusal answered here is one the database would give too, except that a
 * withdrawal or a revoked approval of the last FRESH_MS would have been named instead of "too low".
 * A bid's time remains when its statement runs.
 */
@Injectable()
export class LotGate {
  private readonly lots = new Map<string, Lot>();
  /** The size at which idle, stale lots are next swept (doubles with the live lots: amortised O(1) a bid). */
  private sweepAt = SWEEP_MIN;

  /** Resolves when the bid may run; pass the result to leave() exactly once, after the statement. */
  enter(lotId: string, amount: number): Promise<Pass> {
    let lot = this.lots.get(lotId);
    if (!lot) {
      lot = { floor: -Infinity, busy: false, queue: [], known: null, approved: new Map() };
      this.lots.set(lotId, lot);
    }
    if (amount < lot.floor) return Promise.resolve(PAST);
    if (!lot.busy) {
      lot.busy = true;
      return Promise.resolve(SLOT);
    }
    const queue = lot.queue;
    return new Promise((admit) => queue.push({ amount, admit }));
  }

  /**
   * The refusal facts of a bid this process knows to be too low — an open English lot known for less than
   * FRESH_MS, more than END_MARGIN_MS before its end, and a caller (`who`: its organisations) approved on
   * it: seen so in an answer of the last FRESH_MS, or `approved` (the lot's roster, read as recently, says
   * so: see LotRosters) — or null: then the database judges it.
   */
  knownLow(lotId: string, who: string, amount: number, now = Date.now(), approved = false): RefusalFacts | null {
    const lot = this.lots.get(lotId);
    const k = lot?.known;
    if (!lot || !k || amount >= lot.floor || !Number.isFinite(lot.floor) || now - k.at > FRESH_MS || now >= k.endsAt - END_MARGIN_MS) return null;
    const seen = lot.approved.get(who);
    if (!approved && (seen === undefined || now - seen > FRESH_MS)) return null;
    // floor = minNextBid(start, high, increment), so the high bid it implies is exact.
    const high = lot.floor > k.start ? lot.floor - k.increment : null;
    return { status: 'open', kind: 'english', own: false, start: k.start, increment: k.increment, high, started: true, running: true, bidder: 'approved' };
  }

  /** After the bid's statement (`row` undefined when it failed): learn from its answer, admit waiters. */
  leave(lotId: string, pass: Pass, row: BidRow | undefined, amount: number, who: string, now = Date.now()): void {
    const lot = this.lots.get(lotId);
    if (!lot) return;
    if (row) learn(lot, row, amount, who, now);
    if (pass.slot) lot.busy = false;
    const waiting: Waiter[] = [];
    for (const w of lot.queue) {
      if (w.amount < lot.floor) w.admit(PAST);
      else if (!lot.busy) {
        lot.busy = true;
        w.admit(SLOT);
      } else waiting.push(w);
    }
    lot.queue = waiting;
    if (this.lots.size > this.sweepAt) this.sweep(now);
  }

  /** Lots held in memory (for tests). */
  get size(): number {
    return this.lots.size;
  }

  /** Forgets idle lots whose knowledge is stale: memory stays bounded by the lots bid on recently. */
  private sweep(now: number): void {
    for (const [id, lot] of this.lots) {
      if (!lot.busy && !lot.queue.length && (!lot.known || now - lot.known.at > FRESH_MS)) this.lots.delete(id);
    }
    this.sweepAt = Math.max(SWEEP_MIN, 2 * this.lots.size);
  }
}

function learn(lot: Lot, row: BidRow, amount: number, who: string, now: number): void {
  const floor = floorAfter(row, amount);
  if (floor !== undefined && floor > lot.floor) lot.floor = floor;
  const f = row.refused;
  if (row.ends_at) lot.approved.set(who, now);
  else if (f?.bidder === 'approved' && !f.own) lot.approved.set(who, now);
  // Answers arrive in any order: the floor only rises and the end only moves later, so an older answer
  // cannot take knowledge back; one showing the lot not open (or not English) drops it.
  const t = row.ends_at
    ? row.kind === 'english' && row.start !== null && row.increment !== null && { start: row.start, increment: row.increment, endsAt: row.ends_at.getTime() }
    : f && (f.status === 'open' || f.status === 'scheduled') && f.started && f.running && f.kind === 'english' && f.ends && { start: f.start, increment: f.increment, endsAt: new Date(f.ends).getTime() };
  if (!t) {
    if (f) lot.known = null;
    return;
  }
  lot.known = { start: Number(t.start), increment: Number(t.increment), endsAt: Math.max(t.endsAt, lot.known?.endsAt ?? -Infinity), at: now };
}

/**
 * The lowest amount a bid's answer leaves acceptable on its lot: after an accepted English bid its amount
 * + increment; after a refusal the committed state's next minimum (the facts are read after the lock
 * wait); Infinity once the auction is over.
 */
export function floorAfter(row: BidRow, amount: number): number | undefined {
  if (row.ends_at) return row.kind === 'english' && row.increment !== null ? amount + Number(row.increment) : undefined;
  const f = row.refused;
  if (!f) return undefined;
  if (!f.status || f.status === 'closed' || f.status === 'cancelled' || f.running === false) return Infinity;
  const start = Number(f.start);
  return f.kind === 'english' ? minNextBid(start, f.high === null ? null : Number(f.high), Number(f.increment)) : start;
}
