import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { provideApiClient } from '@ttx/web/api-client';
import { ADMIN_COOKIE, AUTH_STORAGE_KEY, AuthStore, tokenRoles } from './auth-store';

const session = (access = 'at-1', refresh = 'rt-1') => ({
  accessToken: access,
  refreshToken: refresh,
  expiresIn: 900,
  user: { id: 'u1', email: 'admin@demo.ttx', displayName: 'Admin' },
});
const me = (roles: string[]) => ({ id: 'u1', email: 'admin@demo.ttx', displayName: 'Admin', roles, memberships: [] });

describe('AuthStore', () => {
  let http: HttpTestingController;
  let cookieWrites: string[];

  function setup(): AuthStore {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideApiClient()],
    });
    const doc = TestBed.inject(DOCUMENT);
    cookieWrites = [];
    jest.spyOn(doc, 'cookie', 'set').mockImplementation((v: string) => void cookieWrites.push(v));
    http = TestBed.inject(HttpTestingController);
    return TestBed.inject(AuthStore);
  }

  async function flushLogin(store: AuthStore, roles: string[]) {
    const done = store.login('admin@demo.ttx', 'pw');
    http.expectOne('/api/auth/login').flush(session());
    await Promise.resolve();
    await new Promise((r) => setTimeout(r));
    http.expectOne('/api/me').flush(me(roles));
    return done;
  }

  beforeEach(() => localStorage.clear());
  afterEach(() => {
    // Sign-outs revoke the refresh token server-side (fire and forget).
    http.match('/api/auth/logout').forEach((r) => r.flush(null, { status: 204, statusText: 'No Content' }));
    http.verify();
    jest.restoreAllMocks();
  });

  it('starts signed out', () => {
    const store = setup();
    expect(store.isAuthenticated()).toBe(false);
    expect(store.user()).toBeNull();
    expect(store.roles()).toEqual([]);
  });

  it('logs in, loads /api/me and persists the session in localStorage', async () => {
    const store = setup();
    const user = await flushLogin(store, ['researcher', 'tto_manager']);
    expect(user?.roles).toEqual(['researcher', 'tto_manager']);
    expect(store.accessToken()).toBe('at-1');
    expect(store.hasRole('tto_manager')).toBe(true);
    const saved = JSON.parse(localStorage.getItem(AUTH_STORAGE_KEY) ?? '{}');
    expect(saved).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-1', user: { roles: ['researcher', 'tto_manager'] } });
  });

  it("answers can() from the roles' permissions: any signed-in user may create an organisation, only researchers apply for empowerment", async () => {
    const store = setup();
    expect(store.can('organization:create')).toBe(false);
    await flushLogin(store, ['enterprise_member']);
    expect(store.can('organization:create')).toBe(true);
    expect(store.can('empowerment:apply')).toBe(false);
    expect(store.can('licence:pay')).toBe(true);
  });

  /** An unsigned JWT with these claims (the store only reads them; the API verifies). */
  const jwt = (claims: object) => `h.${btoa(JSON.stringify(claims)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}.s`;

  it('reads the roles claim of a JWT access token, and nothing from anything else', () => {
    expect(tokenRoles(jwt({ sub: 'u1', roles: ['broker', 'registrar'] }))).toEqual(['broker', 'registrar']);
    expect(tokenRoles(jwt({ sub: 'u1' }))).toBeNull();
    expect(tokenRoles('at-1')).toBeNull();
    expect(tokenRoles('a.%%%.c')).toBeNull();
  });

  // README demo user applicant@demo.ttx: once the platform admin verifies the organisation, /api/me
  // has the new role but the saved access token does not, and the API (which authorises by the
  // token) answered 403 until it expired. A reload now exchanges the token at once.
  it('loadMe refreshes the token when its roles differ from /api/me', async () => {
    localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify({ accessToken: jwt({ roles: [] }), refreshToken: 'rt-0', user: me([]) }));
    const store = setup();
    const done = store.loadMe();
    http.expectOne('/api/me').flush(me(['enterprise_member']));
    await new Promise((r) => setTimeout(r));
    http.expectOne('/api/auth/refresh').flush(session(jwt({ roles: ['enterprise_member'] }), 'rt-2'));
    await done;
    expect(store.roles()).toEqual(['enterprise_member']);
    expect(tokenRoles(store.accessToken() ?? '')).toEqual(['enterprise_member']);
    expect(store.refreshToken()).toBe('rt-2');
  });

  it('loadMe keeps the token when its roles match /api/me (in any order)', async () => {
    const token = jwt({ roles: ['tto_manager', 'researcher'] });
    localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify({ accessToken: token, refreshToken: 'rt-0', user: me([]) }));
    const store = setup();
    const done = store.loadMe();
    http.expectOne('/api/me').flush(me(['researcher', 'tto_manager']));
    await done;
    http.expectNone('/api/auth/refresh');
    expect(store.accessToken()).toBe(token);
  });

  it('restores a saved session on start', () => {
    localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: me(['broker']) }));
    const store = setup();
    expect(store.isAuthenticated()).toBe(true);
    expect(store.roles()).toEqual(['broker']);
  });

  it('ignores a corrupt saved session', () => {
    localStorage.setItem(AUTH_STORAGE_KEY, '{not json');
    expect(setup().isAuthenticated()).toBe(false);
  });

  it('logout clears memory, storage and the admin cookie', async () => {
    const store = setup();
    await flushLogin(store, ['platform_admin']);
    store.logout();
    expect(store.isAuthenticated()).toBe(false);
    expect(localStorage.getItem(AUTH_STORAGE_KEY)).toBeNull();
    const revoke = http.expectOne('/api/auth/logout');
    expect(revoke.request.method).toBe('POST');
    expect(revoke.request.body).toEqual({ refreshToken: expect.any(String) });
    revoke.flush(null, { status: 204, statusText: 'No Content' });
    expect(cookieWrites.at(-1)).toBe(`${ADMIN_COOKIE}=; path=/api/admin; Max-Age=0; SameSite=Strict`);
  });

  it('sets the ttx_at cookie for a platform_admin only', async () => {
    const store = setup();
    await flushLogin(store, ['platform_admin']);
    expect(cookieWrites.at(-1)).toBe(`${ADMIN_COOKIE}=at-1; path=/api/admin; SameSite=Strict`);
    store.logout();
    cookieWrites.length = 0;
    await flushLogin(store, ['researcher']);
    expect(cookieWrites.every((c) => c.includes('Max-Age=0'))).toBe(true);
  });

  it('refresh shares one request between concurrent callers and keeps the roles', async () => {
    const store = setup();
    await flushLogin(store, ['platform_admin']);
    const a = store.refresh();
    const b = store.refresh();
    const req = http.expectOne('/api/auth/refresh');
    expect(req.request.body).toEqual({ refreshToken: 'rt-1' });
    req.flush(session('at-2', 'rt-2'));
    await expect(a).resolves.toBe('at-2');
    await expect(b).resolves.toBe('at-2');
    expect(store.refreshToken()).toBe('rt-2');
    expect(store.roles()).toEqual(['platform_admin']);
    expect(cookieWrites.at(-1)).toBe(`${ADMIN_COOKIE}=at-2; path=/api/admin; SameSite=Strict`);
  });

  it('a failed refresh signs out', async () => {
    const store = setup();
    await flushLogin(store, ['researcher']);
    const p = store.refresh();
    http.expectOne('/api/auth/refresh').flush({ title: 'Unauthorized', status: 401 }, { status: 401, statusText: 'Unauthorized' });
    await expect(p).rejects.toBeTruthy();
    expect(store.isAuthenticated()).toBe(false);
  });
});
