import { Module } from '@nestjs/common';
import { LiveGateway } from './live.gateway';

/** One live gateway per process, shared by every context that pushes events (market, brokerage). */
@Module({ providers: [LiveGateway], exports: [LiveGateway] })
export class LiveModule {}
