/**
 * The bidder protocol of the market benchmark, run identically against the api (HTTP, two processes) and
 * against the raw baseline (the same bid statement over a plain pg pool), so that their accepted bids/s
 * and p99 compare like for like:
 *  - the same number of concurrent bidder loops, each a distinct approved bidder, for a fixed time;
 *  - one shared knowledge model: every loop bids the lowest amount the load generator knows to be
 *    acceptable, learnt from ANY answer of ANY loop — an accepted amount (next = amount + increment) or
 *    a refusal's "at least N" hint, parsed from the same problem detail on both sides (the raw side
 *    builds it from the statement's refusal facts with the api's own bidRefusal);
 *  - latency is measured around the bid attempt alone, from send to answer.
 * Shared knowledge models an auction room whose bidders all watch the live feed; it is also the
 * protocol that gives each side its best accepted rate, so neither is slowed artificially.
 */
export interface BidAnswer {
  status: number;
  detail?: string;
  /** The api run's response body and key, for its replay check. */
  body?: Record<string, unknown>;
  key?: string;
}

export interface BidderRun {
  attempts: number;
  accepted: number;
  refused: number;
  seconds: number;
  latencies: number[];
  /** Latencies by answer status (201 accepted, 409 outbid, …): where the tail comes from. */
  byStatus: Map<number, number[]>;
  /** Each attempt's send time, ms after the start (parallel to latencies): when the tail happens. */
  sentAt: number[];
}

const HINT = /at least (?:the start price |the high bid \+ increment = )?(\d+)/;

/** The next acceptable amount a refusal names, if it names one. */
export const hintOf = (detail: string | undefined): number | null => {
  const m = HINT.exec(detail ?? '');
  return m ? Number(m[1]) : null;
};

export interface BidderOptions {
  concurrency: number;
  seconds: number;
  start: number;
  increment: number;
  /** One bid of loop `i` at `amount`. */
  attempt: (i: number, amount: number) => Promise<BidAnswer>;
  /**
   * Open-loop pacing (as pgbench --rate): each loop's k-th bid is due `periodMs` × k after its start (loops
   * spread evenly over one period) and its latency runs from when it was due, so a stalled server is charged
   * for the bids it delayed (no coordinated omission). Unset: closed loop, each bid right after the last answer.
   */
  periodMs?: number;
  /** Side work of the api run (closing-lot bids, replays): outside the timed attempt. */
  before?: (i: number, n: number) => Promise<void>;
  after?: (i: number, n: number, amount: number, answer: BidAnswer) => Promise<void>;
}

export async function runBidders(o: BidderOptions): Promise<BidderRun> {
  let known = o.start;
  const run: BidderRun = { attempts: 0, accepted: 0, refused: 0, seconds: 0, latencies: [], byStatus: new Map(), sentAt: [] };
  const t0 = Date.now();
  const stopAt = t0 + o.seconds * 1000;
  const t0perf = performance.now();
  await Promise.all(
    Array.from({ length: o.concurrency }, async (_, i) => {
      const phase = o.periodMs ? t0perf + (i * o.periodMs) / o.concurrency : 0;
      for (let n = 0; Date.now() < stopAt; n++) {
        await o.before?.(i, n);
        let s = performance.now();
        if (o.periodMs) {
          const due = phase + n * o.periodMs;
          if (due > s) await new Promise((r) => setTimeout(r, due - s));
          if (Date.now() >= stopAt) break;
          s = due;
        }
        const amount = known;
        const answer = await o.attempt(i, amount);
        const ms = performance.now() - s;
        run.latencies.push(ms);
        run.sentAt.push(s - t0perf);
        const list = run.byStatus.get(answer.status) ?? [];
        if (!list.length) run.byStatus.set(answer.status, list);
        list.push(ms);
        run.attempts++;
        if (answer.status === 201) {
          run.accepted++;
          known = Math.max(known, amount + o.increment);
        } else {
          run.refused++;
          const hint = hintOf(answer.detail);
          if (hint !== null) known = Math.max(known, hint);
          else if (answer.status !== 409) throw new Error(`unexpected ${answer.status}: ${answer.detail ?? ''}`);
        }
        await o.after?.(i, n, amount, answer);
      }
    }),
  );
  run.seconds = (Date.now() - t0) / 1000;
  return run;
}
