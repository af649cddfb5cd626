/**
 * Market load and correctness test: two api processes + the worker (built, as production runs them),
 * `bidders` concurrent bidders on one English lot for `duration` seconds, split over both processes,
 * while `lots` other lots close under the load; then the raw-pg baseline of the same bid statement.
 *
 *   nx bench-market bench                200 bidders, 60 s, 1,000 lots (the acceptance run)
 *   nx bench-market bench -c smoke       CI: 20 bidders, 8 s, 40 lots, 3 s baseline
 *   ... --bidders=100 --duration=30 --lots=500 --window=10 --baseline=10 --paced=15 --rates=200,500,1000
 *
 * Correctness checks fail the run (exit 1): lost or duplicate accepted bids, a bid accepted below
 * high + increment, a sold lot without exactly one winner, a bid in the soft-close window that did not
 * extend the end, a close job later than 5 s after its end at p99, a process whose clients saw no live
 * event (the logs of the api processes and the worker are kept when a check fails, or always with TTX_KEEP_LOGS=1). Timings (bids/s, p99, ratio to raw) are printed, never judged: saturated (closed loops, no think time:
 * latency there is bidders ÷ throughput) and paced (open loop, api and raw at the same offered rate: latency at a
 * stated load). The paced points are `--rates` (bids/s) plus, always, half the raw statement's saturated rate: the
 * api's p99 there answers "p99 < 100 ms while carrying ≥ 50 % of the raw baseline's load" in one figure.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { Pool } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { apiNodeArgs, bootBuiltPlatform, freePort, startNode, stopChild, tailLog, waitForHttp, type BuiltPlatform } from '@ttx/api/core/testing';
import { achievements, approve, bidders as makeBidders, seller as makeSeller, type Actor } from './market-fixtures';
import { runBidders, type BidderRun } from './market-bidders';
import { rawBaseline } from './market-raw-baseline';
import { postJson } from './http-load';

interface Options {
  bidders: number;
  duration: number;
  lots: number;
  window: number;
  baseline: number;
  /** Seconds of each paced run (api, then raw) and the offered rates (bids/s) besides half the raw rate. */
  paced: number;
  rates: number[];
  smoke: boolean;
}

function parseArgs(argv: string[]): Options {
  const smoke = argv.includes('--smoke');
  const o: Options = smoke ? { bidders: 20, duration: 8, lots: 40, window: 3, baseline: 3, paced: 3, rates: [20], smoke }
    : { bidders: 200, duration: 60, lots: 1000, window: 10, baseline: 15, paced: 15, rates: [200, 500], smoke };
  for (const a of argv) {
    const [k, v] = a.replace(/^--/, '').split('=');
    if (!v || !(k in o) || k === 'smoke') continue;
    if (k === 'rates') o.rates = v.split(',').map(Number).filter((r) => r > 0);
    else (o as unknown as Record<string, number>)[k] = Number(v);
  }
  return o;
}

const log = (m: string) => process.stdout.write(`[market-load] ${m}\n`);
const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
/** Math.max(...xs) overflows the call stack for the few hundred thousand answers of a fast run. */
const maxOf = (xs: number[]) => xs.reduce((m, x) => (x > m ? x : m), -Infinity);
const START = 1_000_000;
const INC = 10_000;

/** Over node:http keep-alive (http-load.ts), as the other benches: fetch saturated the load generator. */
async function post(base: string, url: string, token: string, body: unknown, key?: string) {
  const t = performance.now();
  const res = await postJson(new URL(base), url, body, { authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) });
  return { ...res, ms: performance.now() - t };
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  let platform: BuiltPlatform | undefined;
  let api2: ChildProcess | undefined;
  const sockets: Socket[] = [];
  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) failures.push(what);
  };
  try {
    log(`${o.smoke ? 'smoke · ' : ''}${o.bidders} bidders × ${o.duration} s on one lot (soft close ${o.window} s) · ${o.lots} lots closing under load · baseline ${o.baseline} s`);
    platform = await bootBuiltPlatform({ worker: true, logPrefix: 'ttx-market-load-' });
    const env = { ...process.env, ...platform.env };
    const port2 = await freePort();
    const log2 = path.join(platform.logDir, 'api2.log');
    api2 = startNode('api2', apiNodeArgs(), { ...env, PORT: String(port2) }, log2);
    const bases = [platform.baseUrl, `http://127.0.0.1:${port2}`];
    await waitForHttp(`${bases[1]}/api/health`, [api2], [log2]);
    const pool = new Pool({ connectionString: platform.env['DATABASE_URL'], max: 20 });
    const secret = platform.env['JWT_ACCESS_SECRET'];

    // ---------- fixtures ----------
    const tto = await makeSeller(pool, secret);
    const people: Actor[] = await makeBidders(pool, secret, o.bidders);
    // [0] hot lot, [1] raw saturated, [4] warm-up, [5, 5 + lots) closing lots, then two per paced rate (api, raw).
    const ach = await achievements(pool, tto.orgId, o.lots + 5 + 2 * (o.rates.length + 1));
    const t0 = Date.now();
    // Bidding starts once every lot exists: allow ~40 ms per lot to create them (fixtures are timed below),
    // scaled by the machine's load (at load ~20 on 2 cores a lot took several times 40 ms to create, and
    // the lots' ends — fixed at creation — would pass before the bidding began).
    const lead = 10_000 + Math.round(o.lots * 40 * Math.max(1, os.loadavg()[0] / 4));
    const lotEnd = new Date(t0 + lead + (o.duration - o.window) * 1000);
    const create = (achievementId: string, endsAt: Date, softCloseSeconds: number) =>
      post(bases[0], '/api/listings', tto.token, { achievementId, method: 'auction', dealType: 'transfer', auction: { startPrice: START, increment: INC, endsAt: endsAt.toISOString(), softCloseSeconds } });
    const hot = await create(ach[0], lotEnd, o.window);
    if (hot.status !== 201) throw new Error(`hot lot: ${hot.status} ${JSON.stringify(hot.json)}`);
    const hotId = hot.json['auctionId'] as string;
    const lotIds: string[] = [];
    for (let i = 0; i < o.lots; i += 10) {
      const batch = await Promise.all(
        ach.slice(5 + i, 5 + Math.min(o.lots, i + 10)).map((a, j) => create(a, new Date(t0 + lead + 5_000 + (((i + j) * (o.duration * 1000 - 10_000)) / o.lots)), 0)),
      );
      for (const b of batch) {
        if (b.status !== 201) throw new Error(`lot: ${b.status} ${JSON.stringify(b.json)}`);
        lotIds.push(b.json['auctionId'] as string);
      }
    }
    await approve(pool, [hotId, ...lotIds], people);
    if (Date.now() > t0 + lead) throw new Error(`fixtures took ${Date.now() - t0} ms, longer than the ${lead} ms lead: the lots' ends are already passing`);
    log(`fixtures: ${people.length} bidders, ${lotIds.length + 1} lots in ${((Date.now() - t0) / 1000).toFixed(1)} s (bidding starts at ${(lead / 1000).toFixed(0)} s)`);

    // A lot of the hot lot's shape (same soft-close window, so the same extension arithmetic in every update),
    // open for an hour, every bidder approved (BID_SQL admits approved bidders only, as the api does).
    const hotShaped = async (achievementId: string) => {
      const r = await post(bases[0], '/api/listings', tto.token, {
        achievementId,
        method: 'auction',
        dealType: 'transfer',
        auction: { startPrice: START, increment: INC, endsAt: new Date(Date.now() + 3_600_000).toISOString(), softCloseSeconds: o.window },
      });
      if (r.status !== 201) throw new Error(`lot: ${r.status} ${JSON.stringify(r.json)}`);
      await approve(pool, [r.json['auctionId'] as string], people);
      return r.json['auctionId'] as string;
    };
    // One bid over HTTP, as the bidder loops of the api runs send it (process by bidder, a fresh key each).
    const bidOn = (lot: string) => async (i: number, amount: number) => {
      const r = await post(bases[i % 2], `/api/auctions/${lot}/bids`, people[i].token, { amount }, randomUUID());
      return { status: r.status, detail: r.json['detail'] === undefined ? undefined : String(r.json['detail']) };
    };

    // ---------- live clients, one per api process ----------
    const seen = [0, 0];
    const seenAmounts = [new Set<number>(), new Set<number>()];
    for (const [i, base] of bases.entries()) {
      const s = io(`${base}/live`, { transports: ['websocket'], forceNew: true });
      sockets.push(s);
      await new Promise<void>((ok, fail) => {
        s.once('connect', () => ok());
        s.once('connect_error', fail);
      });
      await s.emitWithAck('join', hotId);
      s.on('bid', (e: { amount: number }) => {
        seen[i]++;
        seenAmounts[i].add(e.amount);
      });
    }

    // ---------- the bidding: the protocol of market-bidders.ts (shared with the raw baseline) ----------
    // Warm-up in the lead time, on a lot of its own: both processes' JIT, pools and caches warm, as in
    // production (a cold process answered its first seconds of this load several times slower).
    const warm = Math.min(10_000, t0 + lead - Date.now() - 3_000);
    if (warm > 1_000) {
      const w = await runBidders({ concurrency: o.bidders, seconds: warm / 1000, start: START, increment: INC, attempt: bidOn(await hotShaped(ach[4])) });
      log(`warm-up: ${w.attempts} bids in ${w.seconds.toFixed(1)} s on a lot of its own`);
    }
    const wait = Math.max(0, t0 + lead - Date.now());
    await new Promise((r) => setTimeout(r, wait));
    const accepted: { amount: number; endsAt: string; bidId: string; sentAt: number }[] = [];
    let replayMismatch = 0;
    const lotsBid = new Set<string>();
    const api = await runBidders({
      concurrency: o.bidders,
      seconds: o.duration,
      start: START,
      increment: INC,
      // One bidder in ten also bids once on a closing lot, so they close under load with a winner.
      before: async (i, n) => {
        if (i % 10 !== 0 || n % 5 !== 0) return;
        const lot = lotIds.find((l) => !lotsBid.has(l));
        if (!lot) return;
        lotsBid.add(lot);
        await post(bases[i % 2], `/api/auctions/${lot}/bids`, people[i].token, { amount: START }, randomUUID());
      },
      attempt: async (i, amount) => {
        const key = randomUUID();
        const sentAt = Date.now();
        const r = await post(bases[i % 2], `/api/auctions/${hotId}/bids`, people[i].token, { amount }, key);
        if (r.status === 201) accepted.push({ amount, endsAt: r.json['endsAt'] as string, bidId: r.json['bidId'] as string, sentAt });
        return { status: r.status, detail: r.json['detail'] === undefined ? undefined : String(r.json['detail']), body: r.json, key };
      },
      // One accepted bid in 25 is replayed on the other process: it must return the first result, not bid again.
      after: async (i, n, amount, a) => {
        if (a.status !== 201 || n % 25 !== 0) return;
        const again = await post(bases[(i + 1) % 2], `/api/auctions/${hotId}/bids`, people[i].token, { amount }, a.key);
        if (again.status !== 201 || again.json['bidId'] !== a.body?.['bidId']) replayMismatch++;
      },
    });
    const latencies = api.latencies;
    const phaseSeconds = api.seconds;
    log(`bidding done: ${accepted.length} accepted, ${api.refused} refused (outbid), ${api.attempts} requests in ${phaseSeconds.toFixed(1)} s`);

    // ---------- wait for every lot to close ----------
    const deadline = Date.now() + 60_000 + o.window * 1000;
    for (;;) {
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM auctions WHERE status <> 'closed'`);
      if (rows[0].n === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 500));
    }

    // ---------- correctness ----------
    const bids = (await pool.query(`SELECT id, amount_fen, created_at FROM auction_bids WHERE auction_id = $1 ORDER BY created_at, id`, [hotId])).rows.map((r) => ({
      id: r.id as string,
      amount: Number(r.amount_fen),
      at: (r.created_at as Date).getTime(),
    }));
    const amounts = bids.map((b) => b.amount);
    const ok201 = new Set(accepted.map((a) => a.bidId));
    check(bids.length === accepted.length && bids.every((b) => ok201.has(b.id)), `0 lost or duplicate accepted bids (${accepted.length} answered 201, ${bids.length} stored)`);
    check(new Set(amounts).size === amounts.length, `accepted amounts are distinct (${new Set(amounts).size})`);
    const final = maxOf(amounts);
    check((final - START) / INC + 1 === bids.length, `accepted count = (final − start) / increment + 1 (${(final - START) / INC + 1} vs ${bids.length})`);
    check(amounts.every((a, i) => i === 0 || a >= amounts[i - 1] + INC), '0 bids accepted below high + increment');
    check(replayMismatch === 0, `Idempotency-Key replays returned the first result (${replayMismatch} mismatches)`);
    // In bid order, the end after each bid must be max(end before, bid time + window): a bid inside the
    // window extends to exactly bid + window, one outside leaves the end alone (one clock reading stamps
    // the bid and extends the end; 1 ms for JavaScript's truncation of microseconds).
    const endsOf = new Map(accepted.map((a) => [a.bidId, new Date(a.endsAt).getTime()]));
    let end = lotEnd.getTime();
    let inWindow = 0;
    let notExtended = 0;
    for (const b of bids) {
      const after = endsOf.get(b.id) ?? 0;
      if (b.at + o.window * 1000 > end) {
        inWindow++;
        if (Math.abs(after - (b.at + o.window * 1000)) > 1) notExtended++;
      } else if (after !== end) notExtended++;
      end = after;
    }
    check(notExtended === 0, `every bid in the soft-close window extended the end (${inWindow} in the window, ${notExtended} wrong)`);
    const lots = (await pool.query(
      `SELECT a.id, a.outcome, a.ends_at, a.closed_at, (SELECT count(*)::int FROM deals d WHERE d.auction_id = a.id) AS deals FROM auctions a WHERE a.id = ANY($1)`,
      [[hotId, ...lotIds]],
    )).rows as { id: string; outcome: string | null; ends_at: Date; closed_at: Date | null; deals: number }[];
    const open = lots.filter((l) => !l.closed_at).length;
    check(open === 0, `every lot closed (${open} still open)`);
    const badWinners = lots.filter((l) => (l.outcome === 'sold' ? l.deals !== 1 : l.deals !== 0)).length;
    check(badWinners === 0, `exactly one winner per sold lot (${lots.filter((l) => l.outcome === 'sold').length} sold, ${badWinners} wrong)`);
    const lateness = lots.filter((l) => l.closed_at).map((l) => (l.closed_at as Date).getTime() - l.ends_at.getTime());
    const p99Close = pct(lateness, 99);
    check(p99Close < 5000, `close job within 5 s of the end at p99 (p50 ${pct(lateness, 50)} ms, p99 ${p99Close} ms, max ${maxOf(lateness)} ms)`);
    check(seen[0] > 0 && seen[1] > 0, `live events seen by clients of both api processes (${seen[0]} and ${seen[1]} of ${bids.length})`);
    check(seenAmounts[0].size === bids.length && seenAmounts[1].size === bids.length, `every accepted bid reached both processes' clients`);

    // ---------- benchmark ----------
    const apiRate = bids.length / phaseSeconds;
    const apiP99 = pct(latencies, 99);
    // As many connections as the two api processes' pools together, as many loops as api bidders.
    const rawPool = new Pool({ connectionString: platform.env['DATABASE_URL'], max: 40 });
    const raw = await rawBaseline(rawPool, await hotShaped(ach[1]), START, INC, people, o.baseline, o.bidders);
    const rawRate = raw.accepted / raw.seconds;
    const rawP99 = pct(raw.latencies, 99);
    // Paced: the same bidders, open loop at a stated offered rate, api then raw, each on a fresh lot — latency at a
    // load, where the saturated run above measures queueing (with closed loops and no think time, mean latency =
    // bidders ÷ throughput whatever the server does). Half the raw statement rate is always one of the points.
    const half = Math.round(raw.attempts / raw.seconds / 2);
    const rates = [...new Set([...o.rates, half])].sort((a, b) => a - b);
    const paced: { rate: number; api: BidderRun; raw: BidderRun; lag: { api: number; raw: number } }[] = [];
    for (const [k, rate] of rates.entries()) {
      const periodMs = (o.bidders * 1000) / rate;
      const [apiLot, rawLot] = [await hotShaped(ach[5 + o.lots + 2 * k]), await hotShaped(ach[6 + o.lots + 2 * k])];
      // The load generator's own event-loop delay: a stall there is charged to the side being measured.
      const lag = monitorEventLoopDelay({ resolution: 5 });
      lag.enable();
      const apiRun = await runBidders({ concurrency: o.bidders, seconds: o.paced, start: START, increment: INC, periodMs, attempt: bidOn(apiLot) });
      lag.disable();
      const apiLag = lag.percentile(99) / 1e6;
      lag.reset();
      lag.enable();
      const rawRun = await rawBaseline(rawPool, rawLot, START, INC, people, o.paced, o.bidders, periodMs);
      lag.disable();
      paced.push({ rate, api: apiRun, raw: rawRun, lag: { api: apiLag, raw: lag.percentile(99) / 1e6 } });
    }
    await rawPool.end();
    // Steady state: without the first 10 s (JIT, pools and caches warming), on runs long enough to have one.
    const steady = phaseSeconds > 20 ? `; p99 after the first 10 s ${pct(latencies.filter((_, j) => api.sentAt[j] >= 10_000), 99).toFixed(1)} ms` : '';
    log(`api   ${apiRate.toFixed(0).padStart(6)} accepted bids/s  p99 ${apiP99.toFixed(1)} ms  (${latencies.length} requests, 2 processes, ${o.bidders} bidders${steady})`);
    log(`raw   ${rawRate.toFixed(0).padStart(6)} accepted bids/s  p99 ${rawP99.toFixed(1)} ms  (${raw.attempts} statements, ${o.bidders} bidders over a pool of 40)`);
    const spread = (xs: number[]) => [50, 90, 99, 99.9].map((q) => `p${q} ${pct(xs, q).toFixed(0)}`).join(' · ') + ` · max ${maxOf(xs).toFixed(0)} ms`;
    for (const [status, xs] of [...api.byStatus].sort((a, b) => a[0] - b[0])) log(`api   ${status}: ${xs.length} answers, ${spread(xs)}`);
    const slices = Array.from({ length: Math.ceil(phaseSeconds / 10) }, (_, k) => latencies.filter((_, j) => Math.floor(api.sentAt[j] / 10_000) === k));
    log(`api   p99 by 10 s of the run: ${slices.map((xs) => pct(xs, 99).toFixed(0)).join(' · ')} ms`);
    log(`paced: ${o.bidders} open-loop bidders, ${o.paced} s per side and rate, latency from each bid's due time; ${half} bids/s = half the raw statement rate:`);
    for (const p of paced) {
      for (const [side, r] of [['api', p.api], ['raw', p.raw]] as const) {
        log(`  ${String(p.rate).padStart(5)}/s ${side}  ${(r.attempts / r.seconds).toFixed(0)} bids/s done, ${r.accepted} accepted · ${spread(r.latencies)} · generator loop delay p99 ${p.lag[side].toFixed(0)} ms`);
        for (const [status, xs] of [...r.byStatus].sort((a, b) => a[0] - b[0])) log(`             ${status}: ${xs.length} answers, ${spread(xs)}`);
      }
    }
    const atHalf = paced.find((p) => p.rate === half) as (typeof paced)[number];
    log(`api/raw ${((apiRate / rawRate) * 100).toFixed(0)} % (target ≥ 50 %); api p99 ${apiP99.toFixed(0)} ms saturated, ${pct(atHalf.api.latencies, 99).toFixed(0)} ms paced at half the raw rate (${half} bids/s; target < 100 ms) — figures, not a verdict`);
    await pool.end();
  } catch (e) {
    failures.push((e as Error).message);
    log(`error: ${(e as Error).stack}`);
    if (platform) for (const f of [platform.logs.api, platform.logs.worker]) log(`--- ${f}\n${tailLog(f, 30)}`);
  } finally {
    sockets.forEach((s) => s.close());
    if (api2) await stopChild(api2);
    await platform?.stop({ keepLogs: failures.length > 0 || !!process.env["TTX_KEEP_LOGS"] });
  }
  log(failures.length ? `${failures.length} check(s) failed` : 'all checks passed');
  return failures.length ? 1 : 0;
}

main().then((code) => process.exit(code));
