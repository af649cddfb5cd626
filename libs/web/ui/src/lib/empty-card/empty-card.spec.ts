import { TestBed } from '@angular/core/testing';
import { EmptyCard } from './empty-card';

describe('EmptyCard', () => {
  it('renders the heading and the empty text', async () => {
    const fixture = TestBed.createComponent(EmptyCard);
    fixture.componentRef.setInput('heading', 'Researcher');
    fixture.componentRef.setInput('emptyText', 'No items yet');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).toContain('Researcher');
    expect(el.querySelector('[data-testid="empty-card-empty"]')?.textContent).toContain('No items yet');
  });
});
