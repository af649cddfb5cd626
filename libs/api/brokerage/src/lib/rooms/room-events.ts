import { Injectable, type OnModuleInit } from '@nestjs/common';
import { LiveGateway } from '@ttx/api/platform';
import { dealRoomChannel, type DealRoomEvent, type DealRoomLiveEvent } from '@ttx/shared/contracts';
import { DataSource } from 'typeorm';

export type RoomEvent = DealRoomEvent;

/** Live updates of a deal room; clients that miss one catch up with `GET /api/deal-rooms/:id/messages?since=<seq>`. */
export abstract class RoomEvents {
  /** Called after the change committed; must not throw (a lost live event is caught up by polling). */
  abstract publish(roomId: string, event: RoomEvent): void;
}

/**
 * Pushes room events as `room` on channel `room:<id>` of the platform's live gateway. Only members who
 * accepted the room's NDA may join: the events carry message bodies, which the API also keeps behind the NDA.
 */
@Injectable()
export class LiveRoomEvents extends RoomEvents implements OnModuleInit {
  constructor(
    private readonly live: LiveGateway,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  onModuleInit(): void {
    this.live.authorise('room', async (user, roomId) => {
      if (!user) return false;
      const rows = await this.dataSource.query('SELECT 1 FROM deal_room_members WHERE room_id = $1 AND user_id = $2 AND nda_accepted_at IS NOT NULL', [roomId, user.id]);
      return rows.length > 0;
    });
  }

  publish(roomId: string, event: RoomEvent): void {
    const payload: DealRoomLiveEvent = { ...event, roomId };
    this.live.emit(dealRoomChannel(roomId), 'room', payload);
  }
}
