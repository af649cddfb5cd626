import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { mountPage } from '../../testing/mount-page';
import { getWith, pageOf, picker } from '../../testing/picker';
import { PICKER_DEBOUNCE_MS } from '../shared/search-select';
import { ListingFormPage } from './listing-form';

const PUBLISHED = (more: Record<string, string> = {}) => getWith('/api/achievements/mine', { pageSize: '20', status: 'published', ...more });
/** Real time passing beyond the picker's debounce, as under heavy load (the spec was flaky on exactly that). */
const slowMachine = () => new Promise((r) => setTimeout(r, PICKER_DEBOUNCE_MS + 50));
const lot = (n: number) => ({ id: `a${n}`, title: { zh: `成果${n}`, en: `Lot ${n}` }, dealTypes: n === 150 ? ['transfer'] : ['transfer', 'licence'] });

describe('ListingFormPage', () => {
  afterEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => (e.innerHTML = ''));
  });

  it('finds the achievement to list by typing (the 150th of 300), keeps it through other searches and lists it', async () => {
    const { http, $, fixture, settle } = mountPage(ListingFormPage, {}, { roles: ['tto_manager'] });
    await settle();
    http.expectOne(PUBLISHED()).flush(pageOf(lot, 1, 20, 300));
    await settle();
    const select = picker($('lf-achievement'), settle);
    await select.open();
    expect(select.labels().slice(0, 2)).toEqual(['Lot 1', 'Lot 2']); // (the option list renders only what fits)
    expect(select.hint()).toBe('Showing the first 20: type to search for the rest');

    await select.type('lot 150');
    http.expectOne(PUBLISHED({ q: 'lot 150' })).flush({ items: [lot(150)], total: 1, page: 1, pageSize: 20 });
    await settle();
    expect(select.hint()).toBe('Type to search');
    await select.pick('Lot 150');
    // A loaded machine may take longer than the debounce between two steps: what is searched must not depend on it.
    await slowMachine();
    // Government-funded: the detail says so, and the form asks for a justification of a below-value price.
    http.expectOne('/api/achievements/a150').flush({ id: 'a150', fundingProjectNumber: '2023YFB0000001' });
    await settle();
    fixture.detectChanges();
    expect($('lf-justification')).not.toBeNull();
    // Only the deal types its owner accepts.
    expect((fixture.componentInstance as unknown as { dealTypes: () => string[] }).dealTypes()).toEqual(['transfer']);

    await select.open();
    await slowMachine();
    await select.type('lot 2');
    http.expectOne(PUBLISHED({ q: 'lot 2' })).flush(pageOf(lot, 1, 20, 111));
    await settle();
    expect(select.labels()[0]).toBe('Lot 150');
    await select.close();
    http.expectOne(PUBLISHED()).flush(pageOf(lot, 1, 20, 300));
    await settle();
    expect(select.shown()).toBe('Lot 150');

    const input = (id: string, value: string) => {
      const el = $(id) as HTMLInputElement;
      el.value = value;
      el.dispatchEvent(new Event('input'));
    };
    (fixture.componentInstance as unknown as { patch: (p: object) => void }).patch({ dealType: 'transfer' });
    input('lf-price', '86,000');
    await settle();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    $('lf-submit')?.click();
    await settle();
    const req = http.expectOne((r) => r.url === '/api/listings' && r.method === 'POST');
    expect(req.request.body).toMatchObject({ achievementId: 'a150', method: 'fixed_price', dealType: 'transfer', price: 8_600_000 });
    req.flush({ id: 'l1' });
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/market/listings', 'l1']);
    http.verify();
  });
});
