import { Injectable, type OnModuleInit } from '@nestjs/common';
import { LiveGateway } from '@ttx/api/platform';
import { auctionRoom, type AuctionBidEvent, type AuctionClosedEvent } from '@ttx/shared/contracts';

/**
 * Live auction updates on the platform's live gateway (channel `auction:<id>`). Auctions are public, so
 * anyone may listen; only public facts are sent: amount, end, count — never who bid.
 */
@Injectable()
export class LiveService implements OnModuleInit {
  constructor(private readonly live: LiveGateway) {}

  onModuleInit(): void {
    this.live.authorise('auction', () => true);
  }

  bid(e: AuctionBidEvent): void {
    this.live.emit(auctionRoom(e.auctionId), 'bid', e);
  }

  closed(e: AuctionClosedEvent): void {
    this.live.emit(auctionRoom(e.auctionId), 'closed', e);
  }
}
