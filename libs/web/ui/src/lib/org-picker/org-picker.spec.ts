import { TestBed } from '@angular/core/testing';
import { OrgPicker } from './org-picker';

describe('OrgPicker', () => {
  const render = (options: { id: string; name: string }[]) => {
    const fixture = TestBed.createComponent(OrgPicker);
    fixture.componentRef.setInput('options', options);
    fixture.componentRef.setInput('placeholder', '选择企业 / Choose an enterprise');
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  };

  it('renders nothing for a single organisation', () => {
    expect(render([{ id: 'a', name: '甲公司' }]).querySelector('[data-testid="org-picker"]')).toBeNull();
  });

  it('offers a choice between several', () => {
    const el = render([
      { id: 'a', name: '甲公司' },
      { id: 'b', name: '乙公司' },
    ]);
    expect(el.querySelector('[data-testid="org-picker"]')).not.toBeNull();
  });
});
