import type { HttpRequest } from '@angular/common/http';
import type { Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { VirtualTimeScheduler } from 'rxjs';
import { PICKER_CLOCK } from '../app/shared/search-select';

// jsdom has no scrolling; the option list's virtual scroll viewport scrolls to the active option.
Element.prototype.scrollTo ??= () => undefined;

/**
 * A virtual clock for the pickers' search debounce (mountPage provides it). It moves only when a spec waits
 * out a debounce (`type`, `close`): the searches a page sends no longer depend on how long a busy machine takes
 * between two steps (a pick's or an open's cleared search text used to go out, or not, by chance).
 */
export const providePickerClock = (): Provider => ({ provide: PICKER_CLOCK, useFactory: () => new VirtualTimeScheduler() });

/** Drives a ttx-search-select (by its host element) the way a user does: open it, type, read and click options. */
export function picker(host: HTMLElement | null, settle: () => Promise<void>) {
  if (!host) throw new Error('no picker');
  const input = () => host.querySelector<HTMLInputElement>('input.ant-select-selection-search-input') as HTMLInputElement;
  const clock = TestBed.inject(PICKER_CLOCK);
  if (!(clock instanceof VirtualTimeScheduler)) throw new Error('picker() needs providePickerClock() (mountPage provides it)');
  /** Lets the debounce of the text typed last run out, at once. */
  const debounce = () => clock.flush();
  const options = () => [...document.querySelectorAll<HTMLElement>('.cdk-overlay-container .ant-select-item-option')];
  return {
    async open(): Promise<void> {
      host.querySelector<HTMLElement>('nz-select-top-control')?.click();
      await settle();
    },
    /** Closes it; that clears the typed text, so (after the debounce) the first page is asked for again. */
    async close(): Promise<void> {
      input().dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', keyCode: 27, bubbles: true }));
      debounce();
      await settle();
    },
    /** Types `text` and waits out the debounce, so the search request is pending. */
    async type(text: string): Promise<void> {
      input().value = text;
      input().dispatchEvent(new Event('input'));
      debounce();
      await settle();
    },
    labels: () => options().map((o) => o.textContent?.trim() ?? ''),
    async pick(label: string): Promise<void> {
      const option = options().find((o) => o.textContent?.includes(label));
      if (!option) throw new Error(`no option ${label} among ${options().map((o) => o.textContent).join(', ')}`);
      option.click();
      await settle();
    },
    shown: () => host.querySelector('.ant-select-selection-item')?.textContent?.trim() ?? '',
    hint: () => document.querySelector('[data-testid="picker-hint"]')?.textContent?.trim() ?? '',
  };
}

/** Matches a request to GET `path` with exactly these query parameters. */
export const getWith = (path: string, params: Record<string, string>) => (r: HttpRequest<unknown>) =>
  r.method === 'GET' &&
  r.url === path &&
  r.params.keys().length === Object.keys(params).length &&
  Object.entries(params).every(([k, v]) => r.params.get(k) === v);

/** Page `page` of a list of `total` items made by `make(1…total)`, as the API answers it. */
export function pageOf<T>(make: (n: number) => T, page: number, pageSize: number, total: number) {
  const first = (page - 1) * pageSize + 1;
  const n = Math.max(0, Math.min(pageSize, total - first + 1));
  return { items: Array.from({ length: n }, (_, i) => make(first + i)), total, page, pageSize };
}
