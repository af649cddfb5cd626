import { CoreModule } from '@ttx/api/core';
import { bootTestApp } from '@ttx/api/core/testing';
import { DealsService, MarketWorkerModule } from '@ttx/api/market';
import { BrokerageDealsWorkerModule } from './brokerage-deals.module';
import { RoomDealBridge } from './room-deal.bridge';

/** In the worker, the bridge must hang on the worker's own DealsService (auction closes record deals there). */
it('subscribes the room bridge to the worker DealsService', async () => {
  const t = await bootTestApp([CoreModule, MarketWorkerModule, BrokerageDealsWorkerModule]);
  try {
    const bridge = t.app.get(RoomDealBridge);
    expect((bridge as unknown as { deals: DealsService }).deals).toBe(t.app.get(DealsService));
    expect((t.app.get(DealsService) as unknown as { subscribers: unknown[] }).subscribers).toHaveLength(1);
  } finally {
    await t.close();
  }
}, 60_000);
