import { provideHttpClient } from '@angular/common/http';
import { Injectable } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideApiClient } from '@ttx/web/api-client';
import type { Socket } from 'socket.io-client';
import { AUTH_STORAGE_KEY, AuthStore } from '../auth/auth-store';
import { LiveClient } from './live-client';

/** A socket.io client stand-in: records what the page emits, lets the test play the server. */
class FakeSocket {
  readonly handlers = new Map<string, ((...a: unknown[]) => void)[]>();
  readonly emitted: unknown[][] = [];
  connects = 0;
  closed = false;
  on(event: string, fn: (...a: unknown[]) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  emit(...args: unknown[]) {
    this.emitted.push(args);
    return this;
  }
  connect() {
    this.connects++;
    return this;
  }
  close() {
    this.closed = true;
    return this;
  }
  server(event: string, ...args: unknown[]) {
    for (const fn of this.handlers.get(event) ?? []) fn(...args);
  }
}

@Injectable()
class TestLiveClient extends LiveClient {
  readonly fake = new FakeSocket();
  protected override socket(): Socket {
    return this.fake as unknown as Socket;
  }
}

describe('LiveClient', () => {
  let live: TestLiveClient;
  beforeEach(() => {
    localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: { id: 'u', email: 'e', displayName: 'd', roles: [], memberships: [] } }));
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideApiClient(), { provide: LiveClient, useClass: TestLiveClient }] });
    live = TestBed.inject(LiveClient) as TestLiveClient;
  });
  afterEach(() => localStorage.clear());

  it('joins the channel on (re)connect, reports admission and delivers events until closed', () => {
    const joined: boolean[] = [];
    const events: unknown[] = [];
    const sub = live.subscribe('room:1', 'room', { event: (e) => events.push(e), joined: (ok) => joined.push(ok) });
    live.fake.server('connect');
    const [name, channel, ack] = live.fake.emitted[0] as [string, string, (ok: boolean) => void];
    expect([name, channel]).toEqual(['join', 'room:1']);
    ack(true);
    live.fake.server('room', { type: 'message' });
    live.fake.server('disconnect');
    live.fake.server('connect');
    (live.fake.emitted[1][2] as (ok: boolean) => void)(false); // refused (e.g. not a member): the page polls
    expect(joined).toEqual([true, false, false]);
    expect(events).toEqual([{ type: 'message' }]);
    sub.close();
    expect(live.fake.closed).toBe(true);
  });

  it('refreshes an expired token once and connects again', async () => {
    const auth = TestBed.inject(AuthStore);
    const refresh = jest.spyOn(auth, 'refresh').mockResolvedValue('b');
    live.subscribe('room:1', 'room', { event: () => undefined });
    live.fake.server('connect_error', new Error('unauthorised'));
    live.fake.server('connect_error', new Error('unauthorised'));
    await Promise.resolve();
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(live.fake.connects).toBe(1);
  });

  it('listens to several events of one channel on one socket', () => {
    const seen: string[] = [];
    live.listen<{ bid: { amount: number }; closed: { outcome: string } }>('auction:1', {
      bid: (e) => seen.push(`bid ${e.amount}`),
      closed: (e) => seen.push(`closed ${e.outcome}`),
    });
    live.fake.server('connect');
    expect(live.fake.emitted[0].slice(0, 2)).toEqual(['join', 'auction:1']);
    live.fake.server('bid', { amount: 2 });
    live.fake.server('closed', { outcome: 'sold' });
    live.fake.server('room', { type: 'message' });
    expect(seen).toEqual(['bid 2', 'closed sold']);
  });
});
