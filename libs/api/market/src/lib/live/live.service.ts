import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createAdapter } from '@socket.io/redis-adapter';
import { APP_CONFIG, REDIS, type AppConfig } from '@ttx/api/core';
import { auctionRoom, LIVE_NAMESPACE, type AuctionBidEvent, type AuctionClosedEvent } from '@ttx/shared/contracts';
import type { Server as HttpServer } from 'node:http';
import type IORedis from 'ioredis';
import { Server, type Namespace } from 'socket.io';

const AUCTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Live auction updates over socket.io (namespace `/live`, room `auction:<id>`). The Redis adapter makes a
 * broadcast from any api process (or the worker, whose server is not attached to HTTP) reach the clients
 * of every api process. Only public facts are sent: amount, end, count — never who bid.
 */
@Injectable()
export class LiveService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly log = new Logger('LiveService');
  private io?: Server;
  private clients: IORedis[] = [];

  constructor(
    @Inject(REDIS) private readonly redis: IORedis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {}

  /** Attaches to the api's HTTP server (call once after the Nest app is created); without it, broadcast only. */
  attach(httpServer?: HttpServer): Server {
    if (this.io) return this.io;
    const pub = this.redis.duplicate();
    const sub = this.redis.duplicate();
    this.clients = [pub, sub];
    const io = httpServer ? new Server(httpServer, { path: '/socket.io', serveClient: false, cors: { origin: false } }) : new Server({ serveClient: false });
    io.adapter(createAdapter(pub, sub, { key: `${this.config.REDIS_PREFIX}:socket.io` }));
    const ns = io.of(LIVE_NAMESPACE);
    ns.on('connection', (socket) => {
      socket.on('join', (auctionId: unknown, ack?: (ok: boolean) => void) => {
        const ok = typeof auctionId === 'string' && AUCTION_ID.test(auctionId);
        if (ok) void socket.join(auctionRoom(auctionId));
        if (typeof ack === 'function') ack(ok);
      });
      socket.on('leave', (auctionId: unknown) => {
        if (typeof auctionId === 'string') void socket.leave(auctionRoom(auctionId));
      });
    });
    this.io = io;
    return io;
  }

  /** In the api, clients must be able to connect before the first broadcast: attach at start-up. */
  onApplicationBootstrap(): void {
    const http = this.adapterHost?.httpAdapter?.getHttpServer?.() as HttpServer | undefined;
    if (http) this.attach(http);
  }

  /** The api attaches to its HTTP server; everything else (worker, tests without a listener) broadcasts only. */
  private server(): Server {
    if (this.io) return this.io;
    const http = this.adapterHost?.httpAdapter?.getHttpServer?.() as HttpServer | undefined;
    return this.attach(http);
  }

  private emit(auctionId: string, event: string, payload: unknown): void {
    try {
      this.namespace().to(auctionRoom(auctionId)).emit(event, payload);
    } catch (e) {
      // A lost live update is repaired by the client's next GET; it must never fail the bid.
      this.log.warn(`live ${event} not sent: ${(e as Error).message}`);
    }
  }

  namespace(): Namespace {
    return this.server().of(LIVE_NAMESPACE);
  }

  bid(e: AuctionBidEvent): void {
    this.emit(e.auctionId, 'bid', e);
  }

  closed(e: AuctionClosedEvent): void {
    this.emit(e.auctionId, 'closed', e);
  }

  /** Upgraded sockets would keep the HTTP server's close waiting. */
  beforeApplicationShutdown(): void {
    this.io?.of(LIVE_NAMESPACE).local.disconnectSockets(true);
  }

  async onApplicationShutdown(): Promise<void> {
    // A broadcast-only server (worker) has no engine to close; an attached one closes its engine too.
    if (this.io && (this.io as unknown as { engine?: unknown }).engine) await new Promise<void>((r) => this.io?.close(() => r()));
    await Promise.all(this.clients.map((c) => c.quit().catch(() => undefined)));
  }
}
