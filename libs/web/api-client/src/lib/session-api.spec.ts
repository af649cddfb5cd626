import type { HttpTestingController } from '@angular/common/http/testing';
import { facadeUnderTest } from '../testing/facade-under-test';
import { SessionApi } from './session-api';

describe('SessionApi', () => {
  let api: SessionApi;
  let http: HttpTestingController;

  beforeEach(() => ({ api, http } = facadeUnderTest(SessionApi)));

  afterEach(() => http.verify());

  it('posts the login body to the same-origin /api path', async () => {
    const result = api.login({ email: 'a@b.c', password: 'secret123' });
    const req = http.expectOne('/api/auth/login');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ email: 'a@b.c', password: 'secret123' });
    req.flush({ accessToken: 'at', refreshToken: 'rt', expiresIn: 900, user: { id: '1', email: 'a@b.c', displayName: 'A' } });
    await expect(result).resolves.toMatchObject({ accessToken: 'at', refreshToken: 'rt' });
  });

  it('sends the refresh token in the body to rotate and to log out', async () => {
    const rotated = api.refresh('rt');
    const r = http.expectOne('/api/auth/refresh');
    expect(r.request.body).toEqual({ refreshToken: 'rt' });
    r.flush({ accessToken: 'at2', refreshToken: 'rt2', expiresIn: 900, user: { id: '1', email: 'a@b.c', displayName: 'A' } });
    await expect(rotated).resolves.toMatchObject({ refreshToken: 'rt2' });
    const out = api.logout('rt2');
    const l = http.expectOne('/api/auth/logout');
    expect(l.request.body).toEqual({ refreshToken: 'rt2' });
    l.flush(null, { status: 204, statusText: 'No Content' });
    await expect(out).resolves.toBeUndefined();
  });
});
