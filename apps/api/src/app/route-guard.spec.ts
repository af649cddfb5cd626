import { Controller, Get, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { listRoutes, unguardedRoutes, Public, RequirePermission } from '@ttx/api/core';
import { AppModule } from './app.module';

/** Fixture: what a careless future endpoint looks like. */
@Controller('fixture')
class CarelessController {
  @Get('open') forgotTheDecorator() {
    return 'oops';
  }
  @Public() @Get('public') fine() {
    return 'ok';
  }
  @RequirePermission('authenticated') @Get('guarded') alsoFine() {
    return 'ok';
  }
}
@Module({ controllers: [CarelessController] })
class CarelessModule {}

// Preview mode: the module graph and metadata without connecting to Postgres or Redis.
const compile = async (imports: unknown[]) => (await Test.createTestingModule({ imports: imports as never }).compile({ preview: true }));

describe('route guard walk', () => {
  it('finds every route of the app public or guarded by a permission', async () => {
    const app = await compile([AppModule]);
    const routes = listRoutes(app);
    expect(routes.length).toBeGreaterThan(10);
    expect(unguardedRoutes(app)).toEqual([]);
    // Spot checks that the walk sees what it should.
    expect(routes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ method: 'POST', path: '/auth/login', access: { public: true } }),
        expect.objectContaining({ method: 'GET', path: '/me', access: { permission: 'authenticated' } }),
        expect.objectContaining({ method: 'POST', path: '/organizations/:id/verify', access: { permission: 'organization:verify' } }),
      ]),
    );
  });

  it('fails when a route has neither @Public() nor @RequirePermission (fixture)', async () => {
    const app = await compile([CarelessModule]);
    expect(unguardedRoutes(app)).toEqual([
      expect.objectContaining({ method: 'GET', path: '/fixture/open', handler: 'forgotTheDecorator' }),
    ]);
  });
});
