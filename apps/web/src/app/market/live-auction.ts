import { Injectable, OnDestroy } from '@angular/core';
import { LIVE_NAMESPACE, type AuctionBidEvent, type AuctionClosedEvent } from '@ttx/shared/contracts';
import { io, type Socket } from 'socket.io-client';

/**
 * socket.io client for room `auction:<id>` of namespace /live (same origin as the api). Reconnects rejoin
 * the room; a missed event is repaired by the room's periodic GET.
 */
@Injectable()
export class LiveAuction implements OnDestroy {
  private socket?: Socket;

  connect(auctionId: string, handlers: { bid: (e: AuctionBidEvent) => void; closed: (e: AuctionClosedEvent) => void; connected?: (ok: boolean) => void }): void {
    this.disconnect();
    const socket = io(LIVE_NAMESPACE, { transports: ['websocket', 'polling'] });
    socket.on('connect', () => socket.emit('join', auctionId, (ok: boolean) => handlers.connected?.(ok)));
    socket.on('disconnect', () => handlers.connected?.(false));
    socket.on('bid', handlers.bid);
    socket.on('closed', handlers.closed);
    this.socket = socket;
  }

  disconnect(): void {
    this.socket?.close();
    this.socket = undefined;
  }

  ngOnDestroy(): void {
    this.disconnect();
  }
}
