import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { provideApiClient } from '@ttx/web/api-client';
import { firstValueFrom } from 'rxjs';
import { AUTH_STORAGE_KEY, AuthStore } from './auth-store';
import { authInterceptor, isAuthEndpoint } from './auth-interceptor';

const tick = () => new Promise((r) => setTimeout(r));

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let store: AuthStore;
  let navigate: jest.SpyInstance;

  beforeEach(() => {
    localStorage.clear();
    localStorage.setItem(
      AUTH_STORAGE_KEY,
      JSON.stringify({ accessToken: 'old', refreshToken: 'rt', user: { id: 'u', email: 'e', displayName: 'd', roles: ['researcher'], memberships: [] } }),
    );
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideApiClient(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    store = TestBed.inject(AuthStore);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  });

  afterEach(() => {
    // Sign-outs revoke the refresh token server-side (fire and forget).
    backend.match('/api/auth/logout').forEach((r) => r.flush(null, { status: 204, statusText: 'No Content' }));
    backend.verify();
  });

  it('recognises the auth endpoints', () => {
    expect(isAuthEndpoint('/api/auth/login')).toBe(true);
    expect(isAuthEndpoint('/api/auth/refresh')).toBe(true);
    expect(isAuthEndpoint('/api/me')).toBe(false);
  });

  it('adds the bearer token to API calls but not to auth endpoints or assets', () => {
    http.get('/api/me').subscribe();
    http.post('/api/auth/login', {}).subscribe();
    http.get('/i18n/zh-CN.json').subscribe();
    expect(backend.expectOne('/api/me').request.headers.get('Authorization')).toBe('Bearer old');
    expect(backend.expectOne('/api/auth/login').request.headers.has('Authorization')).toBe(false);
    expect(backend.expectOne('/i18n/zh-CN.json').request.headers.has('Authorization')).toBe(false);
  });

  it('on 401 refreshes once and retries with the new token', async () => {
    const result = firstValueFrom(http.get<{ ok: boolean }>('/api/me'));
    backend.expectOne('/api/me').flush(null, { status: 401, statusText: 'Unauthorized' });
    const refresh = backend.expectOne('/api/auth/refresh');
    expect(refresh.request.body).toEqual({ refreshToken: 'rt' });
    refresh.flush({ accessToken: 'new', refreshToken: 'rt2', expiresIn: 900, user: { id: 'u', email: 'e', displayName: 'd' } });
    await tick();
    const retry = backend.expectOne('/api/me');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer new');
    retry.flush({ ok: true });
    await expect(result).resolves.toEqual({ ok: true });
    expect(store.refreshToken()).toBe('rt2');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('two concurrent 401s spend the refresh token only once', async () => {
    const a = firstValueFrom(http.get('/api/notifications'));
    const b = firstValueFrom(http.get('/api/me'));
    backend.expectOne('/api/notifications').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/me').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/auth/refresh').flush({ accessToken: 'new', refreshToken: 'rt2', expiresIn: 900, user: { id: 'u', email: 'e', displayName: 'd' } });
    await tick();
    backend.expectOne('/api/notifications').flush({ n: 1 });
    backend.expectOne('/api/me').flush({ m: 1 });
    await expect(a).resolves.toEqual({ n: 1 });
    await expect(b).resolves.toEqual({ m: 1 });
  });

  it('logs out and goes to /login when the refresh fails', async () => {
    const result = firstValueFrom(http.get('/api/me'));
    backend.expectOne('/api/me').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/auth/refresh').flush(null, { status: 401, statusText: 'Unauthorized' });
    await expect(result).rejects.toMatchObject({ status: 401 });
    expect(store.isAuthenticated()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/login'], expect.anything());
  });

  it('does not refresh on a 401 from an auth endpoint', async () => {
    const result = firstValueFrom(http.post('/api/auth/login', {}));
    backend.expectOne('/api/auth/login').flush(null, { status: 401, statusText: 'Unauthorized' });
    await expect(result).rejects.toMatchObject({ status: 401 });
    backend.expectNone('/api/auth/refresh');
    expect(store.isAuthenticated()).toBe(true);
  });

  it('logs out when the retried request is refused again', async () => {
    const result = firstValueFrom(http.get('/api/me'));
    backend.expectOne('/api/me').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/auth/refresh').flush({ accessToken: 'new', refreshToken: 'rt2', expiresIn: 900, user: { id: 'u', email: 'e', displayName: 'd' } });
    await tick();
    backend.expectOne('/api/me').flush(null, { status: 401, statusText: 'Unauthorized' });
    await expect(result).rejects.toMatchObject({ status: 401 });
    expect(store.isAuthenticated()).toBe(false);
    backend.expectNone('/api/auth/refresh');
  });

  it('passes other errors through untouched', async () => {
    const result = firstValueFrom(http.get('/api/me'));
    backend.expectOne('/api/me').flush(null, { status: 403, statusText: 'Forbidden' });
    await expect(result).rejects.toMatchObject({ status: 403 });
    backend.expectNone('/api/auth/refresh');
  });
});
