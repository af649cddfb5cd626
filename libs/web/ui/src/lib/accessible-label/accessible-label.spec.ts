import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AccessibleLabel } from './accessible-label';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AccessibleLabel],
  template: `
    <input data-testid="native" [ttxLabel]="label()" />
    <div data-testid="wrapper" [ttxLabel]="label()">
      <span><input type="hidden" /><input data-testid="inner" /></span>
      @if (more()) { <textarea data-testid="added"></textarea> }
    </div>
  `,
})
class Host {
  readonly label = signal('开始日期');
  readonly more = signal(false);
}

describe('AccessibleLabel', () => {
  async function setup() {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const $ = (id: string) => el.querySelector(`[data-testid="${id}"]`);
    return { fixture, el, $ };
  }

  it('names a native control and the inner controls of a component, not hidden inputs or the wrapper', async () => {
    const { el, $ } = await setup();
    expect($('native')?.getAttribute('aria-label')).toBe('开始日期');
    expect($('inner')?.getAttribute('aria-label')).toBe('开始日期');
    expect($('wrapper')?.hasAttribute('aria-label')).toBe(false);
    expect(el.querySelector('input[type="hidden"]')?.hasAttribute('aria-label')).toBe(false);
  });

  it('follows a new label (language switch) and names controls the component renders later', async () => {
    const { fixture, $ } = await setup();
    fixture.componentInstance.label.set('Start date');
    fixture.componentInstance.more.set(true);
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r)); // the MutationObserver's callback is a microtask after the render
    expect($('native')?.getAttribute('aria-label')).toBe('Start date');
    expect($('inner')?.getAttribute('aria-label')).toBe('Start date');
    expect($('added')?.getAttribute('aria-label')).toBe('Start date');
  });
});
