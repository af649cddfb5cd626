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

  subscribe<T>(channel: string, event: string, h: LiveHandlers<T>): LiveSubscription {
    const socket = this.socket();
    let refreshed = false;
    socket.on('connect', () => socket.emit('join', channel, (ok: boolean) => h.joined?.(ok === true)));
    socket.on('disconnect', () => h.joined?.(false));
    socket.on('connect_error', (e: Error) => {
      h.joined?.(false);
      // The server refuses an expired token without retrying: refresh once, then connect again.
      if (e.message === 'unauthorised' && !refreshed && this.auth.refreshToken()) {
        refreshed = true;
        void this.auth.refresh().then(() => socket.connect(), () => undefined);
      }
    });
    socket.on(event, h.event);
    return { close: () => socket.close() };
  }
}
