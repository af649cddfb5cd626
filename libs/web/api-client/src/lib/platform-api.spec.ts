import type { HttpTestingController } from '@angular/common/http/testing';
import { facadeUnderTest } from '../testing/facade-under-test';
import { PlatformApi } from './platform-api';

describe('PlatformApi', () => {
  let api: PlatformApi;
  let http: HttpTestingController;

  beforeEach(() => ({ api, http } = facadeUnderTest(PlatformApi)));

  afterEach(() => http.verify());

  it('passes paging as query parameters', async () => {
    const result = api.listNotifications(2, 10);
    const req = http.expectOne((r) => r.url === '/api/notifications');
    expect(req.request.params.get('page')).toBe('2');
    expect(req.request.params.get('pageSize')).toBe('10');
    req.flush({ items: [], total: 0, page: 2, pageSize: 10 });
    await expect(result).resolves.toEqual({ items: [], total: 0, page: 2, pageSize: 10 });
  });

  it('marks a notification as read', async () => {
    const result = api.markNotificationRead('n1');
    const req = http.expectOne('/api/notifications/n1/read');
    expect(req.request.method).toBe('POST');
    req.flush(null, { status: 204, statusText: 'No Content' });
    await expect(result).resolves.toBeUndefined();
  });
});
