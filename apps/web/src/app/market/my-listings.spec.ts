import { TestBed } from '@angular/core/testing';
import { mountPage } from '../../testing/mount-page';
import { getWith, pageOf } from '../../testing/picker';
import { MyListings } from './my-listings';

const listing = (n: number) => ({
  id: `l${n}`, title: { zh: null, en: `Listing ${n}` }, method: 'fixed_price', status: 'active', price: 100_000, deal: null, auctionId: null, openLicence: null, intentCount: 0,
});

describe('MyListings', () => {
  afterEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
  });

  it('pages through every listing of the institution: the 101st is on page 6', async () => {
    const { http, fixture, settle } = mountPage(MyListings, {}, { roles: ['tto_manager'] });
    await settle();
    http.expectOne(getWith('/api/listings/mine', { page: '1', pageSize: '20' })).flush(pageOf(listing, 1, 20, 120));
    await settle();
    const el = fixture.nativeElement as HTMLElement;
    const rows = () => [...el.querySelectorAll('[data-testid="my-listing-row"]')].map((r) => r.querySelector('a')?.textContent?.trim());
    expect(rows()).toHaveLength(20);
    expect(rows()[0]).toBe('Listing 1');

    el.querySelector<HTMLElement>('.ant-pagination-item[title="6"]')?.click();
    await settle();
    http.expectOne(getWith('/api/listings/mine', { page: '6', pageSize: '20' })).flush(pageOf(listing, 6, 20, 120));
    await settle();
    expect(rows()[0]).toBe('Listing 101');
    http.verify();
  });
});
