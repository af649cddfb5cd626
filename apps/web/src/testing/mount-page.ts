import { type HttpInterceptorFn, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideApiClient } from '@ttx/web/api-client';
import { AUTH_STORAGE_KEY, LANG_STORAGE_KEY } from '@ttx/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { translocoTesting } from './i18n';
import { providePickerClock } from './picker';
import { APP_ICONS } from '../app/app-icons';

const tick = () => new Promise((r) => setTimeout(r));

/**
 * Mounts a standalone page with a signed-in user (or none) and an HTTP test backend; `interceptors` (e.g. the
 * error interceptor, to count the toasts a failure shows) run in front of it.
 */
export function mountPage<T>(
  component: Type<T>,
  inputs: Record<string, unknown>,
  user: { roles: string[]; memberships?: unknown[] } | null,
  { interceptors = [] }: { interceptors?: HttpInterceptorFn[] } = {},
) {
  localStorage.setItem(LANG_STORAGE_KEY, 'en-US');
  if (user) {
    localStorage.setItem(
      AUTH_STORAGE_KEY,
      JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: { id: 'u', email: 'e', displayName: 'Ada', memberships: [], ...user } }),
    );
  }
  TestBed.configureTestingModule({
    imports: [translocoTesting('en-US')],
    providers: [provideRouter([]), provideHttpClient(withInterceptors(interceptors)), provideHttpClientTesting(), provideApiClient(), provideNzIcons(APP_ICONS), providePickerClock()],
  });
  const fixture = TestBed.createComponent(component);
  for (const [k, v] of Object.entries(inputs)) fixture.componentRef.setInput(k, v);
  const http = TestBed.inject(HttpTestingController);
  const el = fixture.nativeElement as HTMLElement;
  const $ = (id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const settle = async () => {
    await tick();
    await fixture.whenStable();
  };
  return { fixture, http, $, settle };
}
