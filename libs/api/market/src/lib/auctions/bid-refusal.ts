import type { ProblemFieldError } from '@ttx/shared/contracts';
import { minNextBid } from '@ttx/shared/policy';

/**
 * What a refused bid was judged on: the auction as committed after the statement's wait for the row
 * lock (see market_auction_now), the caller's bidder registration, and the bid's receive time. BID_SQL
 * stores exactly these facts as the Idempotency-Key record of a refusal (`{ refused: facts }`), and both
 * the first answer and every replay build the problem from them here, so a replay returns the same
 * problem and the wording lives in one place. Money columns come back from SQL as strings or numbers.
 */
export interface RefusalFacts {
  /** null: no such auction. */
  status: string | null;
  kind: string | null;
  /** The caller belongs to the selling organisation. */
  own: boolean | null;
  start: string | number | null;
  increment: string | number | null;
  high: string | number | null;
  /** starts_at ≤ bid time. */
  started: boolean | null;
  /** bid time < ends_at. */
  running: boolean | null;
  /** ends_at (JSON: an ISO string); absent from records stored before it was added. */
  ends?: string | Date | null;
  /** The caller's registration status on the auction (approved preferred), null when not registered. */
  bidder: string | null;
}

export interface StoredProblem {
  slug: string;
  title: string;
  detail?: string;
  errors?: ProblemFieldError[];
}

export interface Refusal {
  status: number;
  problem: StoredProblem;
}

const problem = (status: number, slug: string, title: string, detail: string, field?: string): Refusal => ({
  status,
  problem: { slug, title, detail, ...(field ? { errors: [{ field, message: detail }] } : {}) },
});

/** Why the conditional UPDATE matched nothing. */
export function bidRefusal(f: RefusalFacts, amount: number): Refusal {
  if (!f.status) return problem(404, 'not-found', 'Not found', 'Auction not found');
  if (f.own) return problem(422, 'bid-own-lot', 'Rule violated', "The seller's own organisation may not bid on its lot");
  if (f.status === 'closed' || f.status === 'cancelled' || !f.running) return problem(409, 'auction-ended', 'Conflict', 'The auction has ended');
  if (!f.started) return problem(409, 'auction-not-started', 'Conflict', 'The auction has not started yet');
  if (f.bidder !== 'approved') {
    const why = !f.bidder ? 'You are not registered as a bidder of this auction' : `Your bidder registration is ${f.bidder}`;
    return problem(422, 'bidder-not-approved', 'Rule violated', `${why}; only approved bidders bid`);
  }
  const high = f.kind === 'english' && f.high !== null ? Number(f.high) : null;
  const min = minNextBid(Number(f.start), high, Number(f.increment));
  if (amount < min) {
    const detail = high === null ? `The bid must be at least the start price ${min}` : `The bid must be at least the high bid + increment = ${min}`;
    return problem(409, 'bid-too-low', 'Conflict', detail, 'amount');
  }
  // The facts are read after the lock wait, so this needs a change between the UPDATE's re-check and
  // that read (another bid committing in between): the next acceptable amount is at least one step more.
  return problem(409, 'bid-too-low', 'Conflict', `The high bid moved; the bid must be at least the high bid + increment = ${min + Number(f.increment)}`, 'amount');
}
