/**
 * Live updates of a deal room. The brokerage lib only announces; the market context attaches socket.io
 * (namespace `/live`, Redis adapter) to the api, and the integrator binds this to it, e.g.
 * `{ provide: RoomEvents, useExisting: SocketRoomEvents }` emitting to room `deal-room:<id>`. Until then
 * the default does nothing and clients poll `GET /api/deal-rooms/:id/messages?since=<seq>`.
 */
export type RoomEvent =
  | { type: 'message'; seq: number; authorId: string; body: string; createdAt: string }
  | { type: 'document'; id: string; name: string }
  | { type: 'stage'; stage: string }
  | { type: 'offer'; id: string; amountFen: number; dealType: string }
  | { type: 'commission'; agreed: boolean }
  | { type: 'checklist'; itemId: string; done: boolean }
  | { type: 'member'; userId: string };

export abstract class RoomEvents {
  /** Called after the change committed; must not throw (a lost live event is caught up by polling). */
  abstract publish(roomId: string, event: RoomEvent): void;
}

export class NoopRoomEvents extends RoomEvents {
  publish(): void {
    /* wired to socket.io by the integrator */
  }
}
