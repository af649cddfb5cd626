import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { createAdapter } from '@socket.io/redis-adapter';
import { APP_CONFIG, JWT_ISSUER, REDIS, type AccessTokenClaims, type AppConfig, type AuthUser } from '@ttx/api/core';
import { LIVE_NAMESPACE, ROLES } from '@ttx/shared/contracts';
import type { Server as HttpServer } from 'node:http';
import type IORedis from 'ioredis';
import { Server, type Namespace, type Socket } from 'socket.io';

/** Decides whether a caller (null: anonymous) may listen on channel `<prefix>:<id>`. */
export type LiveAuthoriser = (user: AuthUser | null, id: string) => Promise<boolean> | boolean;

const CHANNEL = /^([a-z][a-z-]{0,30}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const BARE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `<prefix>:<id>` with the id lower-cased, or null; a bare id is an auction (the first clients joined those so). */
function channelOf(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  if (BARE_ID.test(raw)) return `auction:${raw.toLowerCase()}`;
  const m = CHANNEL.exec(raw);
  return m ? `${m[1]}:${m[2].toLowerCase()}` : null;
}

/**
 * The platform's one socket.io server (namespace `/live`, Redis adapter, so a broadcast from any api process
 * or from the worker — whose server is not attached to HTTP — reaches the clients of every api process).
 * The handshake may carry an access token (`auth: { token }`): a bad or expired one is refused, none means
 * anonymous. Clients `join` channels `<prefix>:<id>`; each context registers the authoriser of its prefix
 * (market: `auction`, public; brokerage: `room`, members only) and an unknown prefix is refused.
 */
@Injectable()
export class LiveGateway implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly log = new Logger('LiveGateway');
  private readonly authorisers = new Map<string, LiveAuthoriser>();
  private readonly jwt: JwtService;
  private io?: Server;
  private clients: IORedis[] = [];

  constructor(
    @Inject(REDIS) private readonly redis: IORedis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {
    this.jwt = new JwtService({ secret: config.JWT_ACCESS_SECRET, verifyOptions: { algorithms: ['HS256'], issuer: JWT_ISSUER } });
  }

  /**
   * Opens channels `<prefix>:<id>` to the callers `fn` admits. One authoriser per prefix: a second
   * registration replaces the first (a process holding both a context's api and worker module has two).
   */
  authorise(prefix: string, fn: LiveAuthoriser): void {
    this.authorisers.set(prefix, fn);
  }

  /** Best effort: a lost live event is repaired by the client's next fetch; it must never fail the write. */
  emit(channel: string, event: string, payload: unknown): void {
    try {
      this.namespace().to(channel).emit(event, payload);
    } catch (e) {
      this.log.warn(`live ${event} to ${channel} not sent: ${(e as Error).message}`);
    }
  }

  namespace(): Namespace {
    return this.server().of(LIVE_NAMESPACE);
  }

  /** The caller of a handshake token, null without one; throws on a bad or expired token. */
  async user(token: unknown): Promise<AuthUser | null> {
    if (token === undefined || token === null || token === '') return null;
    if (typeof token !== 'string') throw new Error('unauthorised');
    const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token).catch(() => null);
    if (!claims || claims.typ !== 'access' || typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) throw new Error('unauthorised');
    return { id: claims.sub, email: claims.email, roles: claims.roles.filter((r) => ROLES.includes(r)) };
  }

  private async admits(user: AuthUser | null, channel: string): Promise<boolean> {
    const [prefix, id] = channel.split(':');
    const fn = this.authorisers.get(prefix);
    if (!fn) return false;
    try {
      return (await fn(user, id)) === true;
    } catch (e) {
      this.log.warn(`live authoriser ${prefix} failed: ${(e as Error).message}`);
      return false;
    }
  }

  private onConnection(socket: Socket): void {
    socket.on('join', async (raw: unknown, ack?: (ok: boolean) => void) => {
      const channel = channelOf(raw);
      const ok = channel !== null && (await this.admits(socket.data.user ?? null, channel));
      if (ok && channel) await socket.join(channel);
      if (typeof ack === 'function') ack(ok);
    });
    socket.on('leave', (raw: unknown) => {
      const channel = channelOf(raw);
      if (channel) void socket.leave(channel);
    });
  }

  /** Attaches to the api's HTTP server (once); without one the server only broadcasts (worker). */
  attach(httpServer?: HttpServer): Server {
    if (this.io) return this.io;
    const pub = this.redis.duplicate();
    const sub = this.redis.duplicate();
    this.clients = [pub, sub];
    const io = httpServer ? new Server(httpServer, { path: '/socket.io', serveClient: false, cors: { origin: false } }) : new Server({ serveClient: false });
    io.adapter(createAdapter(pub, sub, { key: `${this.config.REDIS_PREFIX}:socket.io` }));
    const ns = io.of(LIVE_NAMESPACE);
    ns.use((socket, next) => {
      const header = socket.handshake.headers.authorization;
      const token = socket.handshake.auth?.['token'] ?? (typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined);
      this.user(token).then(
        (user) => {
          socket.data.user = user;
          next();
        },
        () => next(new Error('unauthorised')),
      );
    });
    ns.on('connection', (socket) => this.onConnection(socket));
    this.io = io;
    return io;
  }

  /** In the api, clients must be able to connect before the first broadcast: attach at start-up. */
  onApplicationBootstrap(): void {
    const http = this.adapterHost?.httpAdapter?.getHttpServer?.() as HttpServer | undefined;
    if (http) this.attach(http);
  }

  private server(): Server {
    if (this.io) return this.io;
    return this.attach(this.adapterHost?.httpAdapter?.getHttpServer?.() as HttpServer | undefined);
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
