import { TestBed } from '@angular/core/testing';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { BookOutline } from '@ant-design/icons-angular/icons';
import { AreaCard } from './area-card';

describe('AreaCard', () => {
  it('renders title and description', async () => {
    TestBed.configureTestingModule({ providers: [provideNzIcons([BookOutline])] });
    const fixture = TestBed.createComponent(AreaCard);
    fixture.componentRef.setInput('icon', 'book');
    fixture.componentRef.setInput('heading', 'Catalog');
    fixture.componentRef.setInput('description', 'Achievements');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('h3')?.textContent).toBe('Catalog');
    expect(el.querySelector('p')?.textContent).toBe('Achievements');
  });
});
