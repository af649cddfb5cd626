import { TestBed } from '@angular/core/testing';
import { Brand } from './brand';

describe('Brand', () => {
  it('shows the mark and the given name', async () => {
    const fixture = TestBed.createComponent(Brand);
    fixture.componentRef.setInput('name', '科技成果交易所');
    await fixture.whenStable();
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('TTX');
    expect(text).toContain('科技成果交易所');
  });
});
