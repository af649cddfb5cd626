import { Injectable, inject } from '@angular/core';
import { LIVE_NAMESPACE } from '@ttx/shared/contracts';
import { io, type Socket } from 'socket.io-client';
import { AuthStore } from '../auth/auth-store';

export interface LiveHandlers<T> {
  /** Each event pushed on the channel. */
  event: (payload: T) => void;
  /** True once the server admitted the channel; false while disconnected or refused: then poll. */
  joined?: (ok: boolean) => void;
}

export interface LiveSubscription {
  close(): void;
}

/**
 * Client of the platform's socket.io namespace `/live` (same origin as the api). The handshake carries the
 * current access token, so channels that need a member (deal rooms) are admitted; an expired token is
 * refreshed once and the socket reconnects. Reconnects rejoin the channel. Pages keep a polling fallback
 * for whenever `joined` reports false: a live event is a shortcut, never the only way to see a change.
 */
@Injectable({ providedIn: 'root' })
export class LiveClient {
  private readonly auth = inject(AuthStore);

  /** The socket of one subscription (a seam for tests). */
  protected socket(): Socket {
    return io(LIVE_NAMESPACE, {
      transports: ['websocket', 'polling'],
      forceNew: true,
      auth: (cb) => {
        const token = this.auth.accessToken();
        cb(token ? { token } : {});
      },
    });
  }

  /** One event of a channel: `subscribe(channel, event, h)` is `listen(channel, { [event]: h.event }, h.joined)`. */
  subscribe<T>(channel: string, event: string, h: LiveHandlers<T>): LiveSubscription {
    return this.listen<Record<string, T>>(channel, { [event]: h.event }, h.joined);
  }

  /** Several events of one channel on one socket (an auction pushes `bid` and `closed`). */
  listen<E extends object>(channel: string, events: { [K in keyof E]: (payload: E[K]) => void }, joined?: (ok: boolean) => void): LiveSubscription {
    const socket = this.socket();
    let refreshed = false;
    socket.on('connect', () => socket.emit('join', channel, (ok: boolean) => joined?.(ok === true)));
    socket.on('disconnect', () => joined?.(false));
    socket.on('connect_error', (e: Error) => {
      joined?.(false);
      // The server refuses an expired token without retrying: refresh once, then connect again.
      if (e.message === 'unauthorised' && !refreshed && this.auth.refreshToken()) {
        refreshed = true;
        void this.auth.refresh().then(() => socket.connect(), () => undefined);
      }
    });
    for (const [event, fn] of Object.entries(events)) socket.on(event, fn as (payload: unknown) => void);
    return { close: () => socket.close() };
  }
}
