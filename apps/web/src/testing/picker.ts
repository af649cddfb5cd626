import type { HttpRequest } from '@angular/common/http';
import { PICKER_DEBOUNCE_MS } from '../app/shared/search-select';

// jsdom has no scrolling; the option list's virtual scroll viewport scrolls to the active option.
Element.prototype.scrollTo ??= () => undefined;

/** Drives a ttx-search-select (by its host element) the way a user does: open it, type, read and click options. */
export function picker(host: HTMLElement | null, settle: () => Promise<void>) {
  if (!host) throw new Error('no picker');
  const input = () => host.querySelector<HTMLInputElement>('input.ant-select-selection-search-input') as HTMLInputElement;
  const debounce = () => new Promise((r) => setTimeout(r, PICKER_DEBOUNCE_MS + 20));
  const options = () => [...document.querySelectorAll<HTMLElement>('.cdk-overlay-container .ant-select-item-option')];
  return {
    async open(): Promise<void> {
      host.querySelector<HTMLElement>('nz-select-top-control')?.click();
      await settle();
    },
    /** Closes it; that clears the typed text, so (after the debounce) the first page is asked for again. */
    async close(): Promise<void> {
      input().dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', keyCode: 27, bubbles: true }));
      await debounce();
      await settle();
    },
    /** Types `text` and waits out the debounce, so the search request is pending. */
    async type(text: string): Promise<void> {
      input().value = text;
      input().dispatchEvent(new Event('input'));
      await debounce();
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
