import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { provideApiClient } from '@ttx/web/api-client';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { translocoTesting } from '../../testing/i18n';
import { APP_ICONS } from '../app-icons';
import { Login, safeReturnUrl } from './login';

const tick = () => new Promise((r) => setTimeout(r));

describe('Login', () => {
  async function setup() {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [translocoTesting('en-US')],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideApiClient(), provideNzIcons(APP_ICONS)],
    });
    const fixture = TestBed.createComponent(Login);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const $ = (id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    const type = (id: string, value: string) => {
      const input = $(id) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    return { fixture, el, $, type, http: TestBed.inject(HttpTestingController) };
  }

  it('shows translated validation messages when submitted empty', async () => {
    const { fixture, $, http } = await setup();
    $('login-submit')?.click();
    await fixture.whenStable();
    expect($('login-email-error')?.textContent).toContain('This field is required.');
    expect($('login-password-error')?.textContent).toContain('This field is required.');
    http.expectNone('/api/auth/login');
  });

  it('shows "wrong e-mail or password" on a 401', async () => {
    const { fixture, $, type, http } = await setup();
    type('login-email', 'a@b.cn');
    type('login-password', 'nope');
    $('login-submit')?.click();
    http
      .expectOne('/api/auth/login')
      .flush({ type: 'x', title: 'Unauthorized', status: 401 }, { status: 401, statusText: 'Unauthorized' });
    await tick();
    await fixture.whenStable();
    expect($('login-error')?.textContent).toContain('Wrong e-mail or password.');
  });

  it('reports Retry-After on a 429', async () => {
    const { fixture, $, type, http } = await setup();
    type('login-email', 'a@b.cn');
    type('login-password', 'pw');
    $('login-submit')?.click();
    http
      .expectOne('/api/auth/login')
      .flush({ title: 'Too Many Requests', status: 429 }, { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '42' } });
    await tick();
    await fixture.whenStable();
    expect($('login-error')?.textContent).toContain('Try again in 42 seconds.');
  });

  it('signs in, loads /api/me and goes to the dashboard', async () => {
    const { $, type, http } = await setup();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    type('login-email', 'researcher@demo.ttx');
    type('login-password', 'ttx-demo-2026');
    $('login-submit')?.click();
    const login = http.expectOne('/api/auth/login');
    expect(login.request.body).toEqual({ email: 'researcher@demo.ttx', password: 'ttx-demo-2026' });
    login.flush({ accessToken: 'at', refreshToken: 'rt', expiresIn: 900, user: { id: 'u', email: 'researcher@demo.ttx', displayName: 'R' } });
    await tick();
    const me = http.expectOne('/api/me');
    expect(me.request.headers.get('Authorization')).toBeNull(); // no interceptor in this test
    me.flush({ id: 'u', email: 'researcher@demo.ttx', displayName: 'R', roles: ['researcher'], memberships: [] });
    await tick();
    expect(navigate).toHaveBeenCalledWith('/dashboard');
    http.verify();
  });

  it('only follows same-app return URLs', () => {
    expect(safeReturnUrl('/dashboard/broker')).toBe('/dashboard/broker');
    expect(safeReturnUrl('//evil.example')).toBe('/dashboard');
    expect(safeReturnUrl('https://evil.example')).toBe('/dashboard');
    expect(safeReturnUrl(undefined)).toBe('/dashboard');
  });
});
