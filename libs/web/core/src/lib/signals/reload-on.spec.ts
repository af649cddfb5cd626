import { Injector, runInInjectionContext, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { reloadOn } from './reload-on';

describe('reloadOn', () => {
  it('reloads when its dependencies change, not when a signal read during the load changes', async () => {
    const page = signal(1);
    const token = signal('t1');
    const calls: [number, string][] = [];
    runInInjectionContext(TestBed.inject(Injector), () => reloadOn(() => page(), (p) => calls.push([p, token()])));
    TestBed.tick();
    token.set(null as unknown as string); // signing out
    TestBed.tick();
    page.set(2);
    TestBed.tick();
    expect(calls).toEqual([
      [1, 't1'],
      [2, null],
    ]);
  });
});
